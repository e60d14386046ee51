"""The thresholds of ``claimwire_dates_v1``, each with the reason for its value.

Windows are in characters of the text. Changing one changes the output: run
``claimwire bench dates`` and ``claimwire bench seed`` before and after.
"""

from __future__ import annotations

from typing import Final

PAST_BEYOND_DAYS: Final = 300
"""A day and month without a year default to the past, unless that past date lies more than
this many days back while the next one is close ("the 19 March elections" in a 15 March
report): see :data:`FUTURE_WITHIN_DAYS`."""

FUTURE_WITHIN_DAYS: Final = 60
"""... and the next one lies at most this many days ahead."""

MONTH_DAY_YEARS_BACK: Final = 5
"""A day and month without a year is looked for from next year back to this many years
before the anchor (exclusive): February 29 needs four."""

CUE_WINDOW: Final = 20
"""Characters before an expression read for a cue word ("in", "since", "of")."""

ROLE_CUE_WINDOW: Final = 24
"""Characters before an expression read for a role cue ("ever since", "as of")."""

PERIOD_END_GAP: Final = 12
"""A "to"/"and" cue makes a period end only this close after a period start ("from June
1 to June 5", "between June 1 and June 5")."""

FUTURE_WORD_WINDOW: Final = 12
"""Characters before an expression read for a future word ("next", "coming")."""

VERB_HOPS: Final = 4
"""Heads climbed from an expression to the verb that governs it (future tense test)."""

NAME_PREFIX_WINDOW: Final = 16
"""Characters before a weekday read for a name's first word ("Good Friday")."""

NAME_SUFFIX_WINDOW: Final = 20
"""Characters after a weekday read for a name's next word ("the Sunday Times")."""

SEASON_CUE_WINDOW: Final = 12
"""Characters before a bare season read for its cue ("in the autumn")."""

FALLBACK_MAX_DAYS: Final = 3660
"""dateparser readings more than about ten years from the anchor are left unresolved."""

MAX_COUNT: Final = 1000
"""Largest count of units an offset may have ('999 days ago'); larger ones are not dates."""

MIN_ANCHOR_YEAR: Final = 1000
"""Publication dates before this year are ignored (calendar arithmetic stays in range)."""

MAX_ANCHOR_YEAR: Final = 8999
"""Publication dates after this year are ignored (calendar arithmetic stays in range)."""

TWO_DIGIT_YEAR_PIVOT: Final = 50
"""Without an anchor, "3 JAN 90" is 1990 and "3 JAN 20" 2020: two-digit years from this on
are of the 1900s."""

MAX_CENTURY: Final = 21
"""The latest century an ordinal names ("the 21st century"); "the 40th century" is no date."""
