"""The tuning thresholds of ``claimwire_figures_v1``, each with the reason for its value.

Windows are in tokens unless the name says otherwise. Changing one changes the output:
run ``claimwire bench figures`` and ``claimwire bench seed`` before and after.
"""

from __future__ import annotations

from typing import Final

MAX_HEAD_HOPS: Final = 7
"""How many heads up the dependency tree a trigger is looked for ("... were reported to have
been killed"): enough for news clauses, short of the reporting verb of the sentence."""

MAX_TRIGGER_PHRASE_TOKENS: Final = 6
"""Tokens read for a multi-word trigger ("were taken prisoner"); longer phrases never match."""

MAX_SKIPPED_BEFORE_TRIGGER: Final = 4
"""Auxiliaries, adverbs and particles skipped between the counted phrase and a trigger
right after it ("400 have now been reported killed")."""

WEAK_TRIGGER_LOOKAHEAD: Final = 2
"""How many tokens after a weak trigger ("remain") a stronger one may follow ("remain
missing") and win."""

DESIGNATION_DISTANCE: Final = 2
"""A number at most this many tokens after a proper noun of the counted phrase is part of a
model designation ("Leopard 2 tanks"), not a second count."""

AGE_SUFFIX_CHARS: Final = 12
"""Characters read after a number for an age suffix ("-year-old", " years old")."""

SINCE_CLAUSE_HOPS: Final = 3
"""Heads climbed from a date to the clause "since" opens ("since fighting erupted on March 3")."""

MIN_REPAIRED_LENGTH: Final = 6
"""Letters a head noun needs before a one-letter slip is repaired ("imembers" -> members):
shorter words lie one edit from too many others ("men", "man", "mean")."""

AGE_LIST_TOKENS: Final = 12
"""Tokens walked back over a list of numbers ("ages 25, 26, and 33") to the word opening it."""
