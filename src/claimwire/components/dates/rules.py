"""What every resolver shares: its context, its signature and the small readers of a match."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ...vocab import DateMethod, Granularity
from .hits import Resolved
from .intervals import make_date
from .lexicon import Unit, load_lexicon
from .patterns import Candidate, alternation
from .settings import CUE_WINDOW


@dataclass(frozen=True)
class Context:
    """What a rule may use besides its match: the anchor, the text, and the future test."""

    anchor: dt.date | None
    text: str
    future: Callable[[int, int], bool]


Rule = Callable[[re.Match[str], Candidate, Context], Resolved | None]
"""A resolver: a match (and its candidate, in context) -> an interval, or None to reject."""

UNIT_GRANULARITY: dict[Unit, Granularity] = {
    "hour": "day",
    "day": "day",
    "week": "week",
    "month": "month",
}
"""The granularity of a count of units; longer units give "year"."""


def granularity_of(unit: Unit) -> Granularity:
    """The granularity of an offset or duration counted in ``unit``."""
    return UNIT_GRANULARITY.get(unit, "year")


def day(
    year: int, month: int, day_of_month: int, method: DateMethod, anchor: dt.date | None
) -> Resolved | None:
    """A single day, or None when it does not exist."""
    date = make_date(year, month, day_of_month)
    if date is None:
        return None
    return Resolved(date, date, "day", method, anchor)


def month_number(match: re.Match[str]) -> int:
    """The month of a match's ``month`` group (a name or an abbreviation)."""
    lex = load_lexicon()
    name = match.group("month").lower().rstrip(".")
    return int(lex.months.get(name) or lex.month_abbreviations[name])


def proper(word: str) -> bool:
    """A month name as written can be a month: capitalized, or a full name in lower case
    that is no common word (``ambiguous_months`` of the lexicon: 'may', 'march'), as in
    lower-cased feeds and transcripts ("on 5 january"). Abbreviations need a capital."""
    if word[:1].isupper():
        return True
    lex = load_lexicon()
    key = word.lower()
    return key in lex.months and key not in lex.ambiguous_months


def norm(words: str | None) -> str:
    """Lower case, single spaces: the key of a phrase in the lexicon."""
    return " ".join((words or "").lower().split())


def count(word: str | None) -> int:
    """The number a count word stands for ("three", "a", "12"); none is one."""
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    return int(load_lexicon().number_words[norm(word)])


def unit(word: str) -> Unit:
    """The unit a word names ("weeks" -> week)."""
    return load_lexicon().units[word.lower()]


@lru_cache(maxsize=16)
def cue_pattern(words: tuple[str, ...], tail: str) -> re.Pattern[str]:
    """One of ``words`` ending a window of text (followed by ``tail``)."""
    return re.compile(rf"(?:^|\W)({alternation(words)}){tail}", re.IGNORECASE)


def cue_before(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` ends right before ``start``."""
    window = text[max(0, start - CUE_WINDOW) : start]
    return cue_pattern(words, r"[\s-]+$").search(window) is not None


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps one of the ranges ``taken``."""
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def is_count(doc: Doc, start: int, end: int) -> bool:
    """A year-like number counting a plural noun ('2014 troops') is a count.

    The parser calls a year before a singular noun ('the 2014 annexation') a number
    modifier too, so only plural heads make a count.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS")
