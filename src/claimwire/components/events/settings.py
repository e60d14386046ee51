"""Every tuning threshold of ``claimwire_events_v1``, each with the reason for its value.

The rule modules of the package read their windows, weights and distances from here
only; the word lists live in ``resources/event_types.json`` and ``resources/actors.json``
(:mod:`.lexicon`).
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------- triggers
TRIGGER_WEIGHT: Final = 1.0
"""Weight of a trigger entry of the lexicon that gives none."""
PHRASE_LENGTH_BONUS: Final = 0.01
"""Added to a trigger's weight per word of its phrase: among equal weights, the longer wins."""
OBJECT_WINDOW: Final = 14
"""Tokens of a noun phrase searched for the nouns a trigger requires."""

# ---------------------------------------------------------------- status and irrealis
CLAUSE_CHAIN: Final = 4
"""The trigger's anchor and the tokens above it searched for irrealis cues (negation, modal,
plan verb, conditional): beyond, a cue belongs to another clause."""
BACKGROUND_CUE_ANCESTORS: Final = 2
"""Tokens above the anchor searched for a 'since' clause or a comparison verb."""
BACKGROUND_DAYS: Final = 7
"""A dated event that ended more than this many days before publication is background."""

# ---------------------------------------------------------------- roles and context
SUBJECT_HOPS: Final = 3
"""Governing verbs climbed to inherit a subject ('X swarmed in, bombing ...')."""
OWNER_HOPS: Final = 12
"""Heads climbed from a place or date mention to find the trigger that owns it."""

SENTENCE_CANDIDATES: Final = 64
"""Most places or dates of its sentence, on each side of a trigger, read for the nearest one
it may take (a news sentence has a few; one of thousands of tokens has thousands)."""
ANCESTOR_HOPS: Final = 48
"""Most heads climbed above a trigger for the mentions that govern it and for its clause
depth (a news sentence's parse is far shallower; a text without full stops chains
thousands of conjuncts)."""

STATEMENT_DATE_HOPS: Final = 2
"""Heads climbed from a date to the cue of a claim it modifies ('said on Friday': the date,
its preposition, the cue); the first verb met otherwise ends the climb."""

# ---------------------------------------------------------------- merging
MAX_MERGE_DISTANCE: Final = 3
"""Sentences between two placeless mentions that may still describe one event (also how
far back a casualty toll looks for its event)."""
REGION_DEGREES: Final = 2.0
"""Latitude span within which a region-level place and another place are one theatre."""
REGION_LONGITUDE_FACTOR: Final = 1.5
"""Longitude span of one theatre, as a multiple of ``REGION_DEGREES`` (degrees of longitude
are shorter than degrees of latitude at the latitudes of the sets)."""

# ---------------------------------------------------------------- snippet classification
FIRST_SENTENCE_FACTOR: Final = 1.5
"""Weight of the first sentence's triggers in a snippet: snippets open with their event."""
NON_EVENTIVE_FACTOR: Final = 0.5
"""Weight of a trigger that names a kind of event ('chemical weapons facilities')."""
SALIENCE: Final = (2.0, 1.5, 1.0, 0.6, 0.5)
"""Weight of a trigger by its clause depth: main-clause triggers count more than ones
buried in modifiers ('scene of an attack'); deeper ones take the last weight."""

SUBTREE_CAP: Final = 100
"""Most tokens on each side of a trigger that a cue search of its subtree reads: news
sentences fit whole; a text without full stops made each trigger read all of it."""

FOLD_CANDIDATES: Final = 12
"""Most earlier incidents of its sentence a trigger is compared with to fold into one (a
news sentence has a few; one of thousands of tokens made the folding quadratic)."""

LINK_HOPS: Final = 24
"""Most heads climbed from one trigger to another that governs it (a news sentence's parse
is far shallower; a text without full stops chains thousands of conjuncts, and each
trigger climbed all of them)."""
LINK_MENTIONS: Final = 16
"""Most mentions of an earlier incident (its latest) a trigger is checked against for a
link in the parse (an incident told by thousands of triggers made the check quadratic)."""

# ---------------------------------------------------------------- learned typing
LEARNED_TYPES: Final = True
"""Whether the learned event-type model (:mod:`.learned`) works with the rules by default
(the events component's ``learned_types`` and :func:`.classify_doc`'s ``learned``)."""

# ---------------------------------------------------------------- learned filter
SPECIFIC_EVENTS: Final = True
"""Whether the learned filter (:mod:`.specific`) drops events it finds generic, unrealised or
told again (the events component's ``specific_events``)."""
