"""claimwire's closed vocabularies, each spelled once.

The public models (:mod:`claimwire.models`), the components' internal hits, the resource
files and the store all use these types; ``tests/test_vocab.py`` checks that every
vocabulary string the resource files use is one of them. Adding a value (a new measure,
a new event sub-type) starts here, then the resource file that gives its words.

Open sets stay ``str``: sides (any party to any conflict), claimant roles, place kinds.
"""

from __future__ import annotations

from typing import Literal, get_args

# ---------------------------------------------------------------- claims
Hedge = Literal[
    "asserted", "claimed", "reported", "unconfirmed", "conditional", "denied", "negated"
]
"""How sure a claimant sounds, from the plain assertion to the denial."""

HEDGE_STRENGTH: tuple[Hedge, ...] = (
    "asserted",
    "reported",
    "claimed",
    "unconfirmed",
    "conditional",
    "denied",
    "negated",
)
"""Hedges from the surest to the least sure (the order a dashboard sorts them in)."""

ClaimForm = Literal["direct", "indirect", "partial", "according_to", "reported", "outlet"]
"""How a claim is attributed: a quote, reported speech, 'according to', the outlet's own."""

ClaimantType = Literal["person", "organization", "government", "group", "anonymous", "outlet"]
"""What kind of source a claimant is."""

# ---------------------------------------------------------------- numbers and figures
NumberUnit = Literal["count", "percent", "money"]
"""The unit of a number as written."""

FigureUnit = Literal["count", "percent"]
"""The unit of a figure (money is never a casualty or loss figure)."""

Measure = Literal[
    "killed",
    "injured",
    "casualties",
    "missing",
    "captured",
    "detained",
    "kidnapped",
    "displaced",
    "sheltering",
    "evacuated",
    "rescued",
    "exchanged",
    "shot_down",
    "launched",
    "destroyed",
    "damaged",
    "requested",
    "delivered",
    "controlled",
]
"""What happened to what a figure counts (the keys of ``figures.json``'s ``measures``)."""

Category = Literal[
    "civilians",
    "children",
    "women",
    "soldiers",
    "fighters",
    "police",
    "journalists",
    "medics",
    "prisoners",
    "displaced",
    "people",
    "tanks",
    "armoured_vehicles",
    "artillery",
    "mlrs",
    "air_defence",
    "aircraft",
    "helicopters",
    "drones",
    "ships",
    "submarines",
    "vehicles",
    "fuel_tanks",
    "missiles",
    "special_equipment",
    "buildings",
    "weapons",
    "territory",
]
"""What a figure counts, normalized (the keys of ``figures.json``'s ``categories``)."""

CategoryGroup = Literal["people", "equipment", "property", "place"]
"""The group of a category."""

Modality = Literal["actual", "hypothetical", "requested"]
"""Whether a figure's event happened, might happen, or is asked for."""

TimeRelation = Literal["since", "as_of", "on"]
"""How a time phrase bounds a figure."""

# ---------------------------------------------------------------- facts in general
Status = Literal["new", "background"]
"""A new report, or background (an earlier event recalled)."""

# ---------------------------------------------------------------- places and dates
PlaceRole = Literal["location", "actor", "modifier"]
"""Where something happened, a place standing for its government ('Kyiv said'), or a
place naming something else ('Ukrainian forces')."""

PlaceMatch = Literal["exact", "variant", "fuzzy", "demonym"]
"""How a place name was matched: a listed spelling, a transliteration variant, a
misspelling of a notable place, or a demonym ('Ukrainian')."""

Granularity = Literal["day", "week", "month", "year", "decade", "century", "unknown"]
"""How precise a resolved date is."""

DateMethod = Literal["explicit", "relative", "fallback", "unresolved"]
"""How a date was resolved."""

DateRole = Literal["point", "period_start", "period_end", "duration", "as_of"]
"""What a date does in its sentence."""

# ---------------------------------------------------------------- events
EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Other developments",
]
"""ACLED event types (``event_types.json``'s ``types``)."""

EventSubtype = Literal[
    "armed_clash",
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "chemical_weapon",
    "air_drone_strike",
    "suicide_bomb",
    "shelling_artillery_missile_attack",
    "remote_explosive_landmine_ied",
    "grenade",
    "sexual_violence",
    "attack",
    "abduction_forced_disappearance",
    "peaceful_protest",
    "protest_with_intervention",
    "excessive_force_against_protesters",
    "violent_demonstration",
    "mob_violence",
    "agreement",
    "arrests",
    "change_to_group_activity",
    "disrupted_weapons_use",
    "headquarters_or_base_established",
    "looting_property_destruction",
    "non_violent_transfer_of_territory",
    "other",
    "diplomatic_action",
    "responsibility_claim",
    "crime",
    "natural_disaster",
    "man_made_disaster",
]
"""ACLED sub-event types and claimwire's additions, snake case
(``event_types.json``'s ``subtypes``, which gives each its type and PLOVER code)."""

# ---------------------------------------------------------------- relevance
RelevanceLabel = Literal["armed_conflict", "political_violence", "protest", "other"]
"""What an article is about: armed conflict, political violence (one-sided violence,
abductions, attacks outside battle), protest (riots included), or none of them."""

# ---------------------------------------------------------------- problems
RelevanceMethod = Literal["model", "gate"]
"""What decided an article's relevance: the relevance model after the whole pipeline, or
the relevance gate on its plain words before the pipeline (an off-topic article skipped)."""

Severity = Literal["info", "warning", "error"]
"""A note on a processed article (how it was read), a warning on a processed article, or
an error: the article could not be processed."""

ProblemCode = Literal[
    "invalid_utf8",
    "non_utf8_charset",
    "bad_published",
    "undated",
    "bad_language",
    "unsupported_language",
    "date_out_of_range",
    "empty_text",
    "binary_input",
    "unreadable_input",
    "no_main_text",
    "too_large",
    "broken_record",
    "pipeline_error",
    "conversion_error",
    "time_budget_exceeded",
    "memory_limit_exceeded",
]
"""Stable codes of the problems an input can have (docs/output.md#problem)."""


def values(vocabulary: object) -> tuple[str, ...]:
    """The strings of a ``Literal`` vocabulary, in order: ``values(Hedge)``."""
    return tuple(str(value) for value in get_args(vocabulary))
