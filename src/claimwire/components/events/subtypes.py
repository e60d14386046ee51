"""The event types and sub-types that the rules name, as typed constants.

Every other sub-type comes from the lexicon; these are the ones a rule turns a mention
into or tests for. Their spelling is checked against :mod:`claimwire.vocab` by mypy.
"""

from __future__ import annotations

from typing import Final

from ...vocab import EventSubtype, EventType

# ---------------------------------------------------------------- event types
BATTLES: Final[EventType] = "Battles"
EXPLOSIONS: Final[EventType] = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS: Final[EventType] = "Violence against civilians"
STRATEGIC: Final[EventType] = "Strategic developments"
VIOLENT_TYPES: Final[frozenset[EventType]] = frozenset(
    {BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS}
)
"""The event types of political violence (a toll joins an event of these)."""

# ---------------------------------------------------------------- sub-types
ARMED_CLASH: Final[EventSubtype] = "armed_clash"
ATTACK: Final[EventSubtype] = "attack"
CHEMICAL_WEAPON: Final[EventSubtype] = "chemical_weapon"
GOVERNMENT_REGAINS: Final[EventSubtype] = "government_regains_territory"
NON_STATE_OVERTAKES: Final[EventSubtype] = "non_state_actor_overtakes_territory"
NON_VIOLENT_TRANSFER: Final[EventSubtype] = "non_violent_transfer_of_territory"
PEACEFUL_PROTEST: Final[EventSubtype] = "peaceful_protest"
PROTEST_WITH_INTERVENTION: Final[EventSubtype] = "protest_with_intervention"
EXCESSIVE_FORCE: Final[EventSubtype] = "excessive_force_against_protesters"
VIOLENT_DEMONSTRATION: Final[EventSubtype] = "violent_demonstration"
ARRESTS: Final[EventSubtype] = "arrests"
CHANGE_TO_GROUP_ACTIVITY: Final[EventSubtype] = "change_to_group_activity"
DISRUPTED_WEAPONS_USE: Final[EventSubtype] = "disrupted_weapons_use"
LOOTING_PROPERTY_DESTRUCTION: Final[EventSubtype] = "looting_property_destruction"
RESPONSIBILITY_CLAIM: Final[EventSubtype] = "responsibility_claim"
NATURAL_DISASTER: Final[EventSubtype] = "natural_disaster"
MAN_MADE_DISASTER: Final[EventSubtype] = "man_made_disaster"

TERRITORY_SUBTYPES: Final[frozenset[EventSubtype]] = frozenset(
    {GOVERNMENT_REGAINS, NON_STATE_OVERTAKES}
)
"""A change of territory taken by force, told apart by the actor."""
PROTEST_TRIGGERS: Final[frozenset[EventSubtype]] = frozenset(
    {PEACEFUL_PROTEST, VIOLENT_DEMONSTRATION}
)
"""The sub-types of protest triggers, before the sentence says how the protest went."""
PROTEST_ABSORBS: Final[frozenset[EventSubtype]] = frozenset(
    {ARRESTS, ARMED_CLASH, ATTACK, LOOTING_PROPERTY_DESTRUCTION, CHANGE_TO_GROUP_ACTIVITY}
)
"""Mentions that a protest in their sentence absorbs (its repression, its clashes)."""
PROTEST_SEVERITY: Final[tuple[EventSubtype, ...]] = (
    VIOLENT_DEMONSTRATION,
    EXCESSIVE_FORCE,
    PROTEST_WITH_INTERVENTION,
    PEACEFUL_PROTEST,
)
"""The protest sub-types, gravest first."""
DISASTERS: Final[frozenset[EventSubtype]] = frozenset({NATURAL_DISASTER, MAN_MADE_DISASTER})
