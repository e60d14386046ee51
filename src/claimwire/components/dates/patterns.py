"""Recognition: the regular expressions of time expressions, built from the lexicon.

Each rule is a named pattern; :func:`match_candidates` runs them all, only where a time
expression can start (a digit or a pattern's first word), and returns every match,
overlapping, for the resolvers to choose from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import DatesLexicon, load_lexicon


@dataclass(frozen=True)
class Candidate:
    """A pattern match before resolution."""

    start: int
    end: int
    rule: str
    match: re.Match[str]
    order: int


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@dataclass(frozen=True)
class Patterns:
    """Compiled patterns and lookup tables built from the resources."""

    rules: tuple[tuple[str, re.Pattern[str]], ...]
    starts: re.Pattern[str]
    weekday_suffix: re.Pattern[str]
    non_dates: tuple[re.Pattern[str], ...]
    duration_text: re.Pattern[str]
    time_words: frozenset[str]
    calendar_words: frozenset[str]
    non_dates_text: re.Pattern[str]
    name_words: frozenset[str]

    def rule(self, name: str) -> re.Pattern[str]:
        """The pattern of rule ``name``."""
        return dict(self.rules)[name]


def _rules(res: DatesLexicon) -> tuple[tuple[str, str], ...]:
    """The rules' regular expressions, in the order they are tried on ties."""
    month = (
        rf"\b(?P<month>(?:{alternation(res.months)})\b"
        rf"|(?:{alternation(res.month_abbreviations)})\b\.?)"
    )
    weekday = rf"(?P<wd>{alternation(res.weekdays)})"
    weekday_any = alternation({**res.weekdays, **res.weekday_abbreviations})
    wd_prefix = rf"(?:\b(?P<wdp>{weekday_any})\.?,?\s+(?:the\s+)?)?"
    day = r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year4 = r"(?P<year>1[5-9]\d\d|20\d\d)\b"
    numbers = rf"(?P<n>{alternation(res.number_words)}|\d+)"
    units = rf"(?P<unit>{alternation(res.units)})\b"
    parts = alternation(res.parts_of_day)
    month_mods = alternation(list(res.month_parts) + list(res.month_relatives))
    ordinals = alternation(res.ordinal_words)
    day_parts = alternation(res.relative_day_parts)
    return (
        ("iso", r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
        ("numeric", r"(?<![\d./])(?P<a>\d{1,2})([./])(?P<b>\d{1,2})\2(?P<year>\d{4})(?!\d|[./]\d)"),
        (
            "month_day_range",
            rf"{month}\s+(?P<day>[0-3]?\d)\s*[-–]\s*(?P<day2>[0-3]?\d)\b(?:,?\s+{year4})?",
        ),
        (
            "day_range_month",
            rf"\b(?P<day>[0-3]?\d)\s*[-–]\s*(?P<day2>[0-3]?\d)\s+{month}(?:,?\s+{year4})?",
        ),
        ("month_day", rf"{wd_prefix}{month}\s+{day}(?!\s*[-–]\s*\d)(?:,?\s+{year4})?"),
        ("day_month", rf"{wd_prefix}(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year4})?"),
        ("day_month_yy", rf"{wd_prefix}{day}\s+{month}\s+(?P<yy>\d\d)\b(?![ \t]*\w)"),
        ("month", rf"(?:\b(?P<mod>{month_mods})[\s-]+)?{month}(?:,?\s+(?:of\s+)?{year4})?"),
        (
            "weekday",
            rf"(?:\b(?P<rel>last|this|next|past|coming|previous)\s+)?\b{weekday}\b(?:\s+(?P<part>{parts})\b)?",
        ),
        ("relative_day", rf"\b(?P<phrase>{alternation(res.relative_days)})\b"),
        ("relative_day_part", rf"\b(?P<phrase>{day_parts})\s+(?P<part>{parts})\b"),
        ("relative_period", rf"\b(?P<phrase>{alternation(res.relative_periods)})\b"),
        ("ago", rf"\b{numbers}\s+{units}\s+ago\b"),
        ("past_n", rf"\bthe\s+(?:past|last|previous)\s+(?:{numbers}\s+)?{units}"),
        (
            "narrative_offset",
            rf"\b{numbers}\s+(?P<unit>days?|weeks?)\s+"
            r"(?P<dir>later|earlier|after(?=\s*(?:[.,;]|$))|before(?=\s*(?:[.,;]|$)))",
        ),
        ("narrative_weekday", rf"\b(?:the\s+)?following\s+{weekday}\b"),
        (
            "century",
            rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ordinals})[\s-]+century\b",
        ),
        ("decade", r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>1\d\d0|20\d0)['’]?s\b"),
        ("decade_short", r"\b(?:the\s+)?['’](?P<dec>\d0)s\b"),
        ("year_part", rf"\b(?P<mod>{alternation(res.year_parts)})[\s-]+{year4}"),
        ("year", rf"\b{year4}"),
        (
            "season",
            rf"(?:\b(?P<rel>last|this|next|past|early|late|mid)[\s-]+)?\b(?P<season>{alternation(res.seasons)})\b(?:\s+(?:of\s+)?{year4})?",
        ),
        ("as_of", rf"\b(?P<phrase>{alternation(res.as_of_phrases)})\b"),
        ("narrative", rf"\b(?P<phrase>{alternation(res.narrative_relative)})\b"),
        ("next_n", rf"\bthe\s+(?:next|coming)\s+(?:{numbers}\s+)?{units}"),
        (
            "duration",
            rf"\b(?P<cue>{alternation(res.duration_cues)})\s+(?:(?:about|some|nearly|almost|more\s+than|over|at\s+least)\s+)?(?:{numbers}\s+)?(?P<unit>hours|days|weeks|months|years|decades)\b(?!\s+(?:ago|later|earlier|before|after))",
        ),
    )


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Compile the patterns once (see :func:`~.lexicon.load_lexicon`)."""
    res = load_lexicon()
    numbers = rf"(?P<n>{alternation(res.number_words)}|\d+)"
    weekday_any = alternation({**res.weekdays, **res.weekday_abbreviations})
    suffix = re.compile(rf"\s*\(\s*(?P<wd>{weekday_any})\.?\s*\)", re.IGNORECASE)
    durations = re.compile(
        rf"(?:(?:{alternation(res.duration_qualifiers)})\s+)*(?:{numbers}\s+)?(?:working\s+)?"
        rf"(?P<unit>hours|days|weeks|months|years|decades|hour|day|week|month|year)",
        re.IGNORECASE,
    )
    return Patterns(
        rules=tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in _rules(res)),
        starts=_start_words(res),
        weekday_suffix=suffix,
        non_dates=tuple(re.compile(rx, re.IGNORECASE) for rx in res.non_dates),
        duration_text=durations,
        time_words=frozenset([*res.time_words, *res.units, *res.months, *res.weekdays]),
        calendar_words=frozenset([*res.months, *res.month_abbreviations, *res.weekdays]),
        non_dates_text=re.compile("|".join(res.non_dates), re.IGNORECASE),
        name_words=frozenset([*res.months, *res.month_abbreviations, *res.weekdays, "the", "of"]),
    )


START_WORD_LISTS = (
    "months", "month_abbreviations", "weekdays", "weekday_abbreviations", "number_words",
    "ordinal_words", "seasons", "relative_days", "relative_periods", "as_of_phrases",
    "narrative_relative", "month_parts", "year_parts", "month_relatives", "duration_cues",
)  # fmt: skip
"""Lexicon lists whose first words can start a time expression."""

EXTRA_START_WORDS = ("last", "this", "next", "past", "coming", "previous", "early", "mid", "late",
                     "the", "following")  # fmt: skip
"""Words the patterns themselves start with."""


def _start_words(res: DatesLexicon) -> re.Pattern[str]:
    """Where a time expression can start: a digit or the first word of a pattern.

    Matching the patterns only there (instead of at every character) is what keeps the
    component cheap; every pattern must start with one of these.
    """
    words = {re.split(r"[\s-]", word)[0] for key in START_WORD_LISTS for word in res.word_list(key)}
    words |= set(EXTRA_START_WORDS)
    return re.compile(rf"(?<![\w'’])(?:\d|['’]\d|(?:{alternation(sorted(words))})\b)", re.I)


def match_candidates(text: str) -> list[Candidate]:
    """Every pattern match of ``text``, overlapping, before resolution."""
    found: list[Candidate] = []
    pats = patterns()
    starts = [m.start() for m in pats.starts.finditer(text)]
    for order, (name, pattern) in enumerate(pats.rules):
        for position in starts:
            match = pattern.match(text, position)
            if match is None:
                continue
            start, end = match.span()
            if name == "duration":
                start = match.end("cue")
                while start < end and text[start].isspace():
                    start += 1
            found.append(Candidate(start, end, name, match, order))
    return found


def non_date_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of what looks like a date but is not (ages, clock times)."""
    return [m.span() for p in patterns().non_dates for m in p.finditer(text)]
