"""The thresholds of ``claimwire_numbers_v1``, each with the reason for its value.

Changing one changes the output: run ``claimwire bench seed`` before and after.
"""

from __future__ import annotations

from typing import Final

MAX_DAY_OF_MONTH: Final = 31
"""A number up to this next to a month name is a day of the month ("Feb. 24"), not a count."""

MIN_YEAR: Final = 1000
"""Smallest four-digit number read as a year (with a year cue, a month or nothing after)."""

MAX_YEAR: Final = 2100
"""Largest four-digit number read as a year; above it, "2500 troops" is always a count."""

COUNTED_NOUN_WINDOW: Final = 3
"""Tokens read after a year-shaped number for the plural noun it counts ("1410 Russian
tanks"): the noun and up to two modifiers before it."""

MIN_PHONE_DIGITS: Final = 7
"""Digits of a run of digit groups that make it a phone number ("+380 44 123 4567")."""

MIN_PHONE_GROUPS: Final = 3
"""Digit groups (joined by spaces, dashes, brackets) that make a phone number without "+"."""
