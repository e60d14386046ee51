"""The tuning thresholds of the claims component, each with the reason for its value.

Windows are in tokens (``_TOKENS``), characters (``_CHARS``) or words (``_WORDS``), as
named. Changing one changes what the component finds: run ``claimwire bench claims`` and
``claimwire bench attribution`` before and after.
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------- direct quotes
FREE_QUOTE_MIN_WORDS: Final = 4
"""An unattributed quote opening its sentence (or after a colon) is a direct claim going on
from the previous speaker from this many words; a shorter one is a quoted phrase."""

AFTER_QUOTE_WINDOW_TOKENS: Final = 12
"""Tokens after a closing quote mark searched for the cue of ``"...," she said``."""

AFTER_QUOTE_MAX_SPEAKER_WORDS: Final = 8
"""Most words between a closing mark and its cue that can still be the speaker phrase."""

INVERTED_SPEAKER_WINDOW_TOKENS: Final = 10
"""Tokens after an inverted cue (``said Smith, the minister``) read as the speaker."""

BEFORE_QUOTE_MAX_TAIL_WORDS: Final = 6
"""Most words between a cue and the opening mark of ``He said on Monday: "..."``."""

BEFORE_CUE_MAX_SPEAKER_TOKENS: Final = 10
"""Longest speaker phrase (tokens) before a cue that introduces a quote."""

SENTENCE_LOOKBACK_CHARS: Final = 200
"""Characters before a quote mark read to tell whether the mark opens a sentence."""

QUOTE_CONTINUATION_MAX_CHARS: Final = 1500
"""A quote going on takes the speaker of an attributed claim at most this far before it."""

PARSE_CLAIM_OVERLAP_SHARE: Final = 0.5
"""A parse claim overlapping an attributed direct quote by more than this share of the
shorter of the two repeats the quote and is dropped."""

PULL_QUOTE_MIN_WORDS: Final = 5
"""Words a line needs before its signature to be a pull quote or a post."""

CREDIT_LOOKAHEAD_CHARS: Final = 3
"""Characters after a person's name searched for the slash of a photo credit
(``Jane Roe / The Agency``)."""

REPORTED_CLAUSE_MAX_CHARS: Final = 3000
"""Longest content of indirect speech; a longer one is no claim. The longest in the
development sets is under 600 characters; "He said He said ..." nests every clause in the
one before, and without a bound its claims grew with the square of the text."""

# ---------------------------------------------------------------- speakers from the parse
SUBJECT_CLIMB_STEPS: Final = 3
"""Heads climbed from a cue (``xcomp``, ``conj``...) to find the subject it shares."""

LEFT_NAME_MAX_TOKENS: Final = 10
"""Longest name read leftwards from a cue the parser gave no subject."""

ACCORDING_SIDE_MIN_TOKENS: Final = 3
"""Tokens an ``according to`` phrase needs on a side of the sentence for that side to be
the content (both sides: the whole sentence)."""

# ---------------------------------------------------------------- outlet claims
OUTLET_MIN_CHARS: Final = 3
"""Shortest sentence (characters) that can be an outlet's own claim."""

COVERED_PARTS: Final = 3
"""A sentence with a ``1 / COVERED_PARTS`` share or more inside claims already found (a
third) is not the outlet's."""

# ---------------------------------------------------------------- hedges
PREVIOUS_SCOPE_MAX_WORDS: Final = 2
"""A marker hedging the previous sentence ("If true, ...") opens its sentence: at most this
many words come before it."""

# ---------------------------------------------------------------- speakers and people
PRONOUN_WINDOW_CHARS: Final = 600
"""A pronoun (or "the official") points to a person who was a subject at most this far
before it."""

INSTITUTION_WINDOW_CHARS: Final = 2 * PRONOUN_WINDOW_CHARS
"""A bare "the agency" points to an organization that spoke at most this far before it
(organizations are named again less often than people)."""

SURNAME_SIMILARITY: Final = 85
"""Least ``rapidfuzz`` ratio (0-100) of two surnames spelled alike (Zelensky, Zelenskyy)."""

KNOWN_NAME_MAX_WORDS: Final = 3
"""Longest capitalized phrase looked up as a person already named."""

ROLE_PHRASE_MAX_TOKENS: Final = 3
"""Longest role phrase ("the prime minister") resolved to the person holding the role."""

UNLABELLED_NAME_MAX_WORDS: Final = 4
"""Longest run of proper nouns the NER left unlabelled taken as a person's name."""

APPOSITION_ROLE_MAX_WORDS: Final = 8
"""Longest apposition ("Smith, the regional governor") kept as a person's role."""

GENDER_MAJORITY: Final = 2
"""Pronouns of one gender must outnumber the other this many times over to set a person's
gender."""

GENDER_OVERRIDE_MIN_PRONOUNS: Final = 2
"""Pronouns needed to override the gender a given name suggests (one is enough for a
person whose name suggests none)."""

# ---------------------------------------------------------------- titles
HEADLINE_MAX_TOKENS: Final = 30
"""Longest line (tokens) read as a title whose source stands apart ("...: UN report")."""
TITLE_MAX_WORDS: Final = 25
"""Longest line (words) read as a title when a title's figure takes its source's claim."""
REPEAT_TWINS_READ: Final = 8
"""Later attributed twins read for an unattributed figure's source (bounded work on a text
that repeats one number thousands of times; an article has a few)."""
VAGUE_CATEGORIES: Final = frozenset({None, "people"})
"""Categories of a figure that may count the same as any other ("13 dead", "13 people")
when an unattributed figure takes the source of its twin."""
HEADLINE_SOURCE_MAX_WORDS: Final = 5
"""Longest source phrase of a title ("Provincial police chief"); longer ones are clauses."""
POSTPOSED_SPEAKER_MAX_TOKENS: Final = 8
"""Longest speaker phrase between a comma and a cue the parser left without a subject
(``..., an officer from the port police told X``)."""
POSTPOSED_TAIL_MAX_TOKENS: Final = 8
"""Most tokens after a cue that closes its sentence (``told the radio on condition of
anonymity``); a longer tail makes it a sentence of its own, not an attribution."""
