"""``claimwire_dates_v1``: time expressions resolved to intervals against the publication date.

News conventions come first, dateparser only underneath for what the rules leave:

- A bare weekday ("on Monday") is the most recent such day not after publication (a Monday
  in a Monday article is that day); it points forward only with "next"/"coming" or a
  future verb ("will meet on Friday"). "last Monday" is strictly before publication.
- A day and month without a year ("Mar. 3", "30 December") is the latest such date not
  after publication (the earliest not before it when the verb is future), unless that is
  almost a year back while the next one is weeks ahead ("the 19 March elections" in a
  15 March report); bare months ("in July") alike. Thresholds are in the resource file.
- Numeric dates resolve only when day and month cannot be confused (24.02.2022, not
  03/04/2022); "3 JAN 90" datelines take the century nearest the publication date.
- "last month", "last week", "last year" are the previous calendar month, week (Monday to
  Sunday) or year; "earlier this month" runs from the 1st to the publication date.
- "Yesterday", "last night" are the day before publication; "last night (Sun)" is the
  Sunday; "so far" and "to date" are the publication date itself, as an as-of date.
- "the 17th century" is 1601-01-01..1700-12-31, "the 1990s" a decade; a four-digit year needs a
  cue ("in 2014", "since 2014") or the model's DATE label, and is never a count ("2014 troops").
- "the next day", "three days later", "the following Sunday" are resolved against the
  previous day-precise date of the text (its ``anchor``), not the publication date.
- Roles come from the cue before the expression: "since"/"from" (period start),
  "until"/"to" (period end), "as of"/"by" (as of); weekdays inside names ("Good Friday",
  "the Sunday Times") and month names without a cue ("may", "march") are not dates.
- Durations ("for weeks", "three days") get ``role="duration"`` and no interval; ages
  ("18-year-old") and adjectival durations ("24-hour") are not dates.

Candidates are this module's patterns (built from ``resources/dates.json``) plus the
model's DATE entities that the patterns do not cover; those are parsed by dateparser
(``method="fallback"``) or kept as ``"unresolved"``. Without a publication date, relative
expressions are ``"unresolved"`` (never guessed); explicit ones still resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..resource import load_resource
from ._base import doc_text, ensure_extension, store_hits

FACTORY = "claimwire_dates_v1"
"""Registered spaCy factory name (spaCy forbids dots in factory names)."""

SPAN_KEY = "claimwire.dates"
"""Key of the span group in ``doc.spans``."""

EXTENSION = "claimwire_dates"
"""Name of the Doc extension holding the list of :class:`DateHit`."""

PUBLISHED_KEY = "claimwire.published"
"""Key of the publication date in ``doc.user_data``."""

GRANULARITIES = ("day", "week", "month", "year", "decade", "century", "unknown")
METHODS = ("explicit", "relative", "fallback", "unresolved")
ROLES = ("point", "period_start", "period_end", "duration", "as_of")


@dataclass(frozen=True)
class DateHit:
    """A time expression of the text and the interval it denotes.

    Attributes:
        start: Offset of the expression in ``doc.text``.
        end: Offset after the expression.
        text: ``doc.text[start:end]``.
        start_date: First day of the interval (inclusive), or None when unresolved.
        end_date: Last day of the interval (inclusive), or None when unresolved.
        granularity: "day", "week", "month", "year", "decade", "century" or "unknown".
        method: "explicit" (the text says it all), "relative" (needed an anchor),
            "fallback" (dateparser on a model entity) or "unresolved".
        role: "point", "period_start" ("since ..."), "period_end" ("until ..."),
            "duration" ("for weeks") or "as_of" ("so far", "as of ...").
        anchor: The date the expression was resolved against (publication date, or the
            previous date of the text for "the next day"), None when none was needed.
        cue_start: Offset of the role cue ("since", "for", "as of"), if any.
        cue_end: Offset after the role cue.
        rule: Which pattern found it ("weekday", "month_day", "model", ...).
    """

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    method: str
    role: str = "point"
    anchor: dt.date | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    rule: str = ""


@dataclass(frozen=True)
class Resolved:
    """What a rule made of a match: an interval (or None), its granularity and method."""

    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    method: str
    anchor: dt.date | None = None
    role: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A pattern match before resolution."""

    start: int
    end: int
    rule: str
    match: re.Match[str]
    order: int


# --------------------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def load_resources() -> dict[str, Any]:
    """The vocabulary file ``resources/dates.json``, loaded once."""
    return load_resource("dates.json")


def _alternation(words: list[str] | dict[str, Any]) -> str:
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


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Compile the patterns once (see :func:`load_resources`)."""
    res = load_resources()
    month = (
        rf"\b(?P<month>(?:{_alternation(res['months'])})\b"
        rf"|(?:{_alternation(res['month_abbreviations'])})\b\.?)"
    )
    weekday = rf"(?P<wd>{_alternation(res['weekdays'])})"
    weekday_any = _alternation({**res["weekdays"], **res["weekday_abbreviations"]})
    wd_prefix = rf"(?:\b(?P<wdp>{weekday_any})\.?,?\s+(?:the\s+)?)?"
    day = r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year4 = r"(?P<year>1[5-9]\d\d|20\d\d)\b"
    numbers = rf"(?P<n>{_alternation(res['number_words'])}|\d+)"
    units = rf"(?P<unit>{_alternation(res['units'])})\b"
    parts = _alternation(res["parts_of_day"])
    month_mods = _alternation(list(res["month_parts"]) + res["month_relatives"])
    ordinals = _alternation(res["ordinal_words"])
    day_parts = _alternation(res["relative_day_parts"])
    rules = (
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
        ("relative_day", rf"\b(?P<phrase>{_alternation(res['relative_days'])})\b"),
        ("relative_day_part", rf"\b(?P<phrase>{day_parts})\s+(?P<part>{parts})\b"),
        ("relative_period", rf"\b(?P<phrase>{_alternation(res['relative_periods'])})\b"),
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
        ("year_part", rf"\b(?P<mod>{_alternation(res['year_parts'])})[\s-]+{year4}"),
        ("year", rf"\b{year4}"),
        (
            "season",
            rf"(?:\b(?P<rel>last|this|next|past|early|late|mid)[\s-]+)?\b(?P<season>{_alternation(res['seasons'])})\b(?:\s+(?:of\s+)?{year4})?",
        ),
        ("as_of", rf"\b(?P<phrase>{_alternation(res['as_of_phrases'])})\b"),
        ("narrative", rf"\b(?P<phrase>{_alternation(res['narrative_relative'])})\b"),
        ("next_n", rf"\bthe\s+(?:next|coming)\s+(?:{numbers}\s+)?{units}"),
        (
            "duration",
            rf"\b(?P<cue>{_alternation(res['duration_cues'])})\s+(?:(?:about|some|nearly|almost|more\s+than|over|at\s+least)\s+)?(?:{numbers}\s+)?(?P<unit>hours|days|weeks|months|years|decades)\b(?!\s+(?:ago|later|earlier|before|after))",
        ),
    )
    compiled = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in rules)
    suffix = re.compile(rf"\s*\(\s*(?P<wd>{weekday_any})\.?\s*\)", re.IGNORECASE)
    durations = re.compile(
        rf"(?:(?:{_alternation(res['duration_qualifiers'])})\s+)*(?:{numbers}\s+)?(?:working\s+)?"
        rf"(?P<unit>hours|days|weeks|months|years|decades|hour|day|week|month|year)",
        re.IGNORECASE,
    )
    return Patterns(
        rules=compiled,
        starts=_start_words(res),
        weekday_suffix=suffix,
        non_dates=tuple(re.compile(rx, re.IGNORECASE) for rx in res["non_dates"]),
        duration_text=durations,
        time_words=frozenset([*res["time_words"], *res["units"], *res["months"], *res["weekdays"]]),
        calendar_words=frozenset([*res["months"], *res["month_abbreviations"], *res["weekdays"]]),
        non_dates_text=re.compile("|".join(res["non_dates"]), re.IGNORECASE),
        name_words=frozenset(
            [*res["months"], *res["month_abbreviations"], *res["weekdays"], "the", "of"]
        ),
    )


START_WORD_LISTS = (
    "months", "month_abbreviations", "weekdays", "weekday_abbreviations", "number_words",
    "ordinal_words", "seasons", "relative_days", "relative_periods", "as_of_phrases",
    "narrative_relative", "month_parts", "year_parts", "month_relatives", "duration_cues",
)  # fmt: skip
"""Resource lists whose first words can start a time expression."""

EXTRA_START_WORDS = ("last", "this", "next", "past", "coming", "previous", "early", "mid", "late",
                     "the", "following")  # fmt: skip
"""Words the patterns themselves start with."""


def _start_words(res: dict[str, Any]) -> re.Pattern[str]:
    """Where a time expression can start: a digit or the first word of a pattern.

    Matching the patterns only there (instead of at every character) is what keeps the
    component cheap; every pattern must start with one of these.
    """
    words = {re.split(r"[\s-]", word)[0] for key in START_WORD_LISTS for word in res[key]}
    words |= set(EXTRA_START_WORDS)
    return re.compile(rf"(?<![\w'’])(?:\d|['’]\d|(?:{_alternation(sorted(words))})\b)", re.I)


# --------------------------------------------------------------------------- calendar


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """The (year, month) ``offset`` months after (year, month)."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (February 30, year 0)."""
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def nearest_month_day(month: int, day: int, anchor: dt.date, *, future: bool) -> dt.date | None:
    """The latest ``month``/``day`` not after ``anchor`` (or the earliest not before it).

    A past date almost a year back yields to a future one a few weeks ahead ("the 19 March
    elections" in a 15 March report): see :func:`prefer_future`.
    """
    years = range(anchor.year + 1, anchor.year - 5, -1)
    found = [d for d in (make_date(y, month, day) for y in years) if d is not None]
    later = [d for d in found if d >= anchor]
    earlier = [d for d in found if d <= anchor]
    after = min(later) if later else None
    before = max(earlier) if earlier else None
    if future or before is None:
        return after
    if after is not None and prefer_future(before, after, anchor):
        return after
    return before


def prefer_future(before: dt.date, after: dt.date, anchor: dt.date) -> bool:
    """Whether a date ``after`` the anchor beats the past default ``before`` it.

    True when the past one lies further back than ``past_beyond_days`` and the future one
    within ``future_within_days`` (resource ``past_default_window``).
    """
    window = load_resources()["past_default_window"]
    return (anchor - before).days > window["past_beyond_days"] and (after - anchor).days <= window[
        "future_within_days"
    ]


def resolve_weekday(weekday: int, anchor: dt.date, rel: str | None, *, future: bool) -> dt.date:
    """The day a weekday reference points at, by news conventions (module docstring)."""
    if rel in ("next", "coming") or (future and rel != "last"):
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and rel in ("next", "coming"):
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and rel in ("last", "past", "previous"):
        back = 7
    return anchor - dt.timedelta(days=back)


def two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """The four-digit year of a two-digit one: near the anchor, else pivot 50."""
    if anchor is None:
        return 1900 + yy if yy >= 50 else 2000 + yy
    candidates = [century + yy for century in (1900, 2000, 2100)]
    return min(candidates, key=lambda year: (abs(year - anchor.year), year))


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Context:
    """What a rule may use besides its match: the anchor, the text, and the future test."""

    anchor: dt.date | None
    text: str
    future: Callable[[int, int], bool]


Rule = Callable[[re.Match[str], Candidate, Context], Resolved | None]


def _day(year: int, month: int, day: int, method: str, anchor: dt.date | None) -> Resolved | None:
    date = make_date(year, month, day)
    if date is None:
        return None
    return Resolved(date, date, "day", method, anchor)


def _unresolved(granularity: str) -> Resolved:
    return Resolved(None, None, granularity, "unresolved")


def _month_number(match: re.Match[str]) -> int:
    res = load_resources()
    name = match.group("month").lower().rstrip(".")
    return int(res["months"].get(name) or res["month_abbreviations"][name])


def _proper(word: str) -> bool:
    """Month names must be capitalized (guards 'may', 'march')."""
    return word[:1].isupper()


def rule_iso(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """2022-02-24."""
    return _day(int(match["year"]), int(match["mon"]), int(match["day"]), "explicit", None)


def rule_numeric(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """24.02.2022 or 02/24/2022: resolved only when day and month cannot be confused."""
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    readings = {d for d in (make_date(year, second, first), make_date(year, first, second)) if d}
    if len(readings) == 1:
        date = readings.pop()
        return Resolved(date, date, "day", "explicit")
    return _unresolved("day") if readings else None


def rule_month_day(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'March 3', 'Mar. 3, 2021', '3 March', 'Monday, 13 June'."""
    if not _proper(match["month"]):
        return None
    month, day = _month_number(match), int(match["day"])
    if match["year"]:
        return _day(int(match["year"]), month, day, "explicit", None)
    if ctx.anchor is None:
        return _unresolved("day") if make_date(2000, month, day) else None
    date = nearest_month_day(month, day, ctx.anchor, future=ctx.future(cand.start, cand.end))
    return Resolved(date, date, "day", "relative", ctx.anchor) if date else None


def rule_day_month_yy(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'3 JAN 90' (datelines)."""
    if not _proper(match["month"]):
        return None
    year = two_digit_year(int(match["yy"]), ctx.anchor)
    return _day(year, _month_number(match), int(match["day"]), "explicit", None)


def rule_day_range(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'June 1-5', '1-5 June 2022'."""
    if not _proper(match["month"]):
        return None
    month, first, last = _month_number(match), int(match["day"]), int(match["day2"])
    if last <= first:
        return None
    if match["year"]:
        year, method, anchor = int(match["year"]), "explicit", None
    elif ctx.anchor is None:
        return _unresolved("day")
    else:
        start = nearest_month_day(month, first, ctx.anchor, future=False)
        if start is None:
            return None
        year, method, anchor = start.year, "relative", ctx.anchor
    start, end = make_date(year, month, first), make_date(year, month, last)
    if start is None or end is None:
        return None
    return Resolved(start, end, "day", method, anchor)


def _month_interval(year: int, month: int, mod: str | None) -> tuple[dt.date, dt.date]:
    first, last = dt.date(year, month, 1), month_end(year, month)
    part = load_resources()["month_parts"].get(_norm(mod)) if mod else None
    if part:
        first = dt.date(year, month, part[0])
        last = dt.date(year, month, min(part[1], last.day))
    return first, last


def _norm(words: str | None) -> str:
    return " ".join((words or "").lower().split())


def rule_month(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'in February', 'last March', 'mid-March', 'February 2022', 'early June'."""
    if not _proper(match["month"]):
        return None
    mod = _norm(match["mod"])
    if not mod and not match["year"] and not _cue_before(ctx.text, cand.start, "bare_month_cues"):
        return None
    month = _month_number(match)
    if match["year"]:
        first, last = _month_interval(int(match["year"]), month, mod)
        return Resolved(first, last, "month", "explicit")
    if ctx.anchor is None:
        return _unresolved("month")
    current = ctx.anchor.year * 12 + ctx.anchor.month - 1
    past = [y * 12 + month - 1 for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    future = mod in ("next", "coming") or (mod != "last" and ctx.future(cand.start, cand.end))
    if mod == "last":
        index = max(i for i in past if i < current)
    elif mod == "this":
        index = ctx.anchor.year * 12 + month - 1
    elif future:
        index = min(i for i in past if (i > current if mod == "next" else i >= current))
    else:
        index = max(i for i in past if i <= current)
        ahead = min(i for i in past if i > current)
        last_day = month_end(index // 12, index % 12 + 1)
        if prefer_future(last_day, dt.date(ahead // 12, ahead % 12 + 1, 1), ctx.anchor):
            index = ahead
    first, last = _month_interval(index // 12, index % 12 + 1, mod)
    return Resolved(first, last, "month", "relative", ctx.anchor)


def rule_weekday(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'on Monday', 'last Friday', 'next Tuesday', 'Monday night'; not 'Good Friday'."""
    if _weekday_in_name(ctx.text, cand):
        return None
    if ctx.anchor is None:
        return _unresolved("day")
    weekday = int(load_resources()["weekdays"][match["wd"].lower()])
    rel = match["rel"].lower() if match["rel"] else None
    date = resolve_weekday(weekday, ctx.anchor, rel, future=ctx.future(cand.start, cand.end))
    return Resolved(date, date, "day", "relative", ctx.anchor)


def _weekday_in_name(text: str, cand: Candidate) -> bool:
    """'Good Friday', 'Bloody Sunday', 'the Sunday Times': a weekday inside a name."""
    res = load_resources()
    before = text[max(0, cand.start - 16) : cand.start].lower().split()
    if before and before[-1] in res["weekday_name_prefixes"]:
        return True
    after = text[cand.end : cand.end + 20].split()
    follows_name = bool(after) and after[0][:1].isupper() and after[0][:1].isalpha()
    month_next = bool(after) and after[0].lower().rstrip(".,") in res["months"]
    return bool(before) and before[-1] == "the" and follows_name and not month_next


def rule_relative_day(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'yesterday', 'last night', 'overnight', 'this morning', 'yesterday evening'."""
    if ctx.anchor is None:
        return _unresolved("day")
    phrase = _norm(match["phrase"])
    offsets = load_resources()["relative_days"][phrase]
    first = ctx.anchor + dt.timedelta(days=offsets[0])
    last = ctx.anchor + dt.timedelta(days=offsets[1])
    return Resolved(first, last, "day", "relative", ctx.anchor)


def _weekend(anchor: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    monday = anchor - dt.timedelta(days=anchor.weekday())
    saturday = monday + dt.timedelta(days=5)
    if offset < 0 and saturday > anchor:
        saturday -= dt.timedelta(days=7)
    elif offset > 0:
        saturday += dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)


def period_interval(unit: str, offset: int, part: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """The interval of 'last week', 'earlier this month', 'next year', 'over the weekend'."""
    if unit == "weekend":
        return _weekend(anchor, offset)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        first, last = monday, monday + dt.timedelta(days=6)
    elif unit == "month":
        year, month = shift_month(anchor.year, anchor.month, offset)
        first, last = dt.date(year, month, 1), month_end(year, month)
    else:
        first, last = dt.date(anchor.year + offset, 1, 1), dt.date(anchor.year + offset, 12, 31)
    if part == "to_anchor":
        last = anchor
    elif part == "from_anchor":
        first = anchor
    return first, last


def rule_relative_period(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'last week', 'last month', 'earlier this year', 'over the weekend'."""
    spec = load_resources()["relative_periods"][_norm(match["phrase"])]
    granularity = "day" if spec["unit"] == "weekend" else spec["unit"]
    if ctx.anchor is None:
        return _unresolved(granularity)
    first, last = period_interval(spec["unit"], spec["offset"], spec["part"], ctx.anchor)
    return Resolved(first, last, granularity, "relative", ctx.anchor)


MAX_COUNT = 1000
"""Largest count of units an offset may have ('999 days ago'); larger ones are not dates."""

MIN_ANCHOR_YEAR, MAX_ANCHOR_YEAR = 1000, 8999
"""Publication dates outside these years are ignored (calendar arithmetic stays in range)."""


def _count(word: str | None) -> int:
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    return int(load_resources()["number_words"][_norm(word)])


def _unit(word: str) -> str:
    return str(load_resources()["units"][word.lower()])


def _back(anchor: dt.date, unit: str, count: int) -> dt.date:
    if unit == "hour":
        return anchor - dt.timedelta(days=-(-count // 24))
    if unit == "day":
        return anchor - dt.timedelta(days=count)
    if unit == "week":
        return anchor - dt.timedelta(weeks=count)
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = shift_month(anchor.year, anchor.month, -months)
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


UNIT_GRANULARITY = {"hour": "day", "day": "day", "week": "week", "month": "month"}


def rule_ago(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'two days ago', 'a week ago', 'three months ago', 'a year ago'."""
    if _count(match["n"]) > MAX_COUNT:
        return None
    unit = _unit(match["unit"])
    granularity = UNIT_GRANULARITY.get(unit, "year")
    if ctx.anchor is None:
        return _unresolved(granularity)
    date = _back(ctx.anchor, unit, _count(match["n"]))
    if unit in ("hour", "day"):
        return Resolved(date, date, "day", "relative", ctx.anchor)
    if unit == "week":
        first, last = period_interval("week", 0, "whole", date)
    elif unit == "month":
        first, last = period_interval("month", 0, "whole", date)
    else:
        first, last = period_interval("year", 0, "whole", date)
    return Resolved(first, last, granularity, "relative", ctx.anchor)


def rule_past_n(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the past 24 hours', 'the last three weeks', 'the past month'."""
    if _count(match["n"]) > MAX_COUNT:
        return None
    unit = _unit(match["unit"])
    granularity = UNIT_GRANULARITY.get(unit, "year")
    if ctx.anchor is None:
        return _unresolved(granularity)
    return Resolved(
        _back(ctx.anchor, unit, _count(match["n"])), ctx.anchor, granularity, "relative", ctx.anchor
    )


def rule_next_n(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the next 7 days', 'the coming weeks': from the anchor forward."""
    if _count(match["n"]) > MAX_COUNT:
        return None
    unit = _unit(match["unit"])
    granularity = UNIT_GRANULARITY.get(unit, "year")
    if ctx.anchor is None:
        return _unresolved(granularity)
    back = _back(ctx.anchor, unit, _count(match["n"]))
    return Resolved(
        ctx.anchor, ctx.anchor + (ctx.anchor - back), granularity, "relative", ctx.anchor
    )


def rule_century(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'17th century', 'the seventeenth century'."""
    word = match["ord"].lower()
    number = int(word[:-2]) if word[:1].isdigit() else int(load_resources()["ordinal_words"][word])
    if not 1 <= number <= 21:
        return None
    return Resolved(
        dt.date(100 * (number - 1) + 1, 1, 1), dt.date(100 * number, 12, 31), "century", "explicit"
    )


def rule_decade(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the 1990s' (a decade), 'the 1700s' (a century)."""
    first = int(match["dec"])
    if first % 100 == 0:
        return Resolved(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "century", "explicit")
    return Resolved(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", "explicit")


def rule_decade_short(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """ "the '90s": the latest such decade not after the anchor (1900s without one)."""
    tens = int(match["dec"])
    if ctx.anchor is None:
        first = 1900 + tens
    else:
        first = max(c + tens for c in (1900, 2000) if c + tens <= ctx.anchor.year)
    return Resolved(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", "relative")


def rule_year(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'in 2014', 'since 2014'; after a weak cue ('of', 'from') counts are excluded later."""
    cues = ("year_cues", "weak_year_cues")
    if not any(_cue_before(ctx.text, cand.start, key) for key in cues):
        return None
    year = int(match["year"])
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit")


def rule_year_part(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'late 2021', 'the first half of 2022': part of a year, granularity year."""
    first, last = load_resources()["year_parts"][_norm(match["mod"])]
    year = int(match["year"])
    return Resolved(dt.date(year, first, 1), month_end(year, last), "year", "explicit")


def _season(year: int, months: list[int]) -> tuple[dt.date, dt.date]:
    first = dt.date(year, months[0], 1)
    end_year = year if months[1] >= months[0] else year + 1
    return first, month_end(end_year, months[1])


def rule_season(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'last summer', 'this spring', 'winter 2021', 'in the autumn'."""
    months = load_resources()["seasons"][match["season"].lower()]
    rel = match["rel"].lower() if match["rel"] else None
    if match["year"]:
        first, last = _season(int(match["year"]), months)
        return Resolved(first, last, "month", "explicit")
    before = ctx.text[max(0, cand.start - 12) : cand.start].lower()
    if rel is None and not re.search(r"\b(?:in|the|this|since|during)\s+$", before):
        return None
    if match["season"].lower() == "fall" and rel is None:
        return None
    if ctx.anchor is None:
        return _unresolved("month")
    instances = [_season(y, months) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    anchor = ctx.anchor
    if rel == "last":
        first, last = max(i for i in instances if i[1] < anchor)
    elif rel == "next" or ctx.future(cand.start, cand.end):
        first, last = min(
            i for i in instances if (i[0] > anchor if rel == "next" else i[1] >= anchor)
        )
    else:
        first, last = max(i for i in instances if i[0] <= anchor)
    return Resolved(first, last, "month", "relative", anchor)


def rule_as_of(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'so far', 'to date': the publication date, as an as-of date."""
    if ctx.anchor is None:
        return Resolved(None, None, "day", "unresolved", role="as_of")
    return Resolved(ctx.anchor, ctx.anchor, "day", "relative", ctx.anchor, role="as_of")


def rule_narrative(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the next day': resolved later against the previous date of the text."""
    return _unresolved("day")


def rule_duration(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'for weeks', 'for three days': a duration, not a point in time."""
    unit = _unit(match["unit"])
    return Resolved(None, None, UNIT_GRANULARITY.get(unit, "year"), "unresolved", role="duration")


RULES: dict[str, Rule] = {
    "iso": rule_iso,
    "numeric": rule_numeric,
    "month_day_range": rule_day_range,
    "day_range_month": rule_day_range,
    "month_day": rule_month_day,
    "day_month": rule_month_day,
    "day_month_yy": rule_day_month_yy,
    "month": rule_month,
    "weekday": rule_weekday,
    "relative_day": rule_relative_day,
    "relative_day_part": rule_relative_day,
    "relative_period": rule_relative_period,
    "ago": rule_ago,
    "past_n": rule_past_n,
    "next_n": rule_next_n,
    "narrative_offset": rule_narrative,
    "narrative_weekday": rule_narrative,
    "century": rule_century,
    "decade": rule_decade,
    "decade_short": rule_decade_short,
    "year_part": rule_year_part,
    "year": rule_year,
    "season": rule_season,
    "as_of": rule_as_of,
    "narrative": rule_narrative,
    "duration": rule_duration,
}
"""Pattern name -> resolver; a resolver returns None to reject the match."""

RANGE_RULES = frozenset({"month_day_range", "day_range_month"})
"""Rules whose match is a whole period already ('June 1-5'): no role cue applies."""

NARRATIVE_RULES = frozenset({"narrative", "narrative_offset", "narrative_weekday"})
"""Rules resolved against the previous day-precise date of the text."""

RELATIVE_RULES = frozenset({"weekday", "relative_day", "relative_day_part"}) | NARRATIVE_RULES
"""Rules whose day a following '(Mon)' overrides."""


# --------------------------------------------------------------------------- cues


def _cue_before(text: str, start: int, key: str) -> bool:
    """Whether one of the words of resource list ``key`` ends right before ``start``."""
    window = text[max(0, start - 20) : start]
    return _cue_pattern(key, r"[\s-]+$").search(window) is not None


@lru_cache(maxsize=16)
def _cue_pattern(key: str, tail: str, group: str | None = None) -> re.Pattern[str]:
    """The words of resource list ``key`` (or ``role_cues[group]``) ending a window."""
    words = load_resources()[key] if group is None else load_resources()[key][group]
    return re.compile(rf"(?:^|\W)({_alternation(words)}){tail}", re.IGNORECASE)


def find_role(
    text: str, start: int, previous: DateHit | None
) -> tuple[str, int | None, int | None]:
    """The role of the expression at ``start`` from the cue before it, with the cue offsets."""
    window_start = max(0, start - 24)
    window = text[window_start:start]
    for role in ("period_start", "period_end", "as_of", "period_end_after_start"):
        found = _cue_pattern("role_cues", r"\s*$", role).search(window)
        if found is None:
            continue
        if role == "period_end_after_start":
            if previous is None or previous.role != "period_start" or start - previous.end > 12:
                continue
            role = "period_end"
        if role == "as_of" and found.group(1).lower() == "by" and text[start - 1 : start] != " ":
            continue
        return role, window_start + found.start(1), window_start + found.end(1)
    return "point", None, None


def future_test(doc: Doc) -> Callable[[int, int], bool]:
    """A test of whether the verb governing a character range speaks of the future."""
    cues = load_resources()["future_cues"]
    auxiliaries, governors = set(cues["auxiliaries"]), set(cues["governors"])
    words = set(cues["words"])
    text = doc_text(doc)

    def is_future(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        before = text[max(0, start - 12) : start].lower().split()
        if before and before[-1] in words:
            return True
        verb = span.root
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp", "advcl") else [verb]
        for token in chain:
            if any(c.dep_.startswith("aux") and c.lower_ in auxiliaries for c in token.children):
                return True
            if token is not verb and token.lemma_.lower() in governors:
                return True
        return verb.dep_ == "xcomp" and verb.head.lower_ in governors

    return is_future


# --------------------------------------------------------------------------- finding


def published_date(doc: Doc) -> dt.date | None:
    """The article's publication date from ``doc.user_data``, as a date (or None)."""
    value = doc.user_data.get(PUBLISHED_KEY)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and MIN_ANCHOR_YEAR <= value.year <= MAX_ANCHOR_YEAR:
        return value
    return None


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


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _non_date_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for p in patterns().non_dates for m in p.finditer(text)]


def _is_count(doc: Doc, start: int, end: int) -> bool:
    """A year-like number counting a plural noun ('2014 troops') is a count.

    The parser calls a year before a singular noun ('the 2014 annexation') a number
    modifier too, so only plural heads make a count.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS")


def resolve_candidates(
    doc: Doc, anchor: dt.date | None, non_dates: list[tuple[int, int]]
) -> list[DateHit]:
    """Resolve pattern matches, longest first, never overlapping each other or non-dates."""
    text = doc_text(doc)
    ctx = Context(anchor, text, future_test(doc))
    taken = list(non_dates)
    hits: list[DateHit] = []
    ordered = sorted(match_candidates(text), key=lambda c: (c.start - c.end, c.start, c.order))
    for cand in ordered:
        if _overlaps(cand.start, cand.end, taken):
            continue
        weak = cand.rule == "year" and _cue_before(text, cand.start, "weak_year_cues")
        if weak and _is_count(doc, cand.start, cand.end):
            continue
        resolved = RULES[cand.rule](cand.match, cand, ctx)
        if resolved is None:
            continue
        taken.append((cand.start, cand.end))
        hit = _make_hit(text, cand.start, cand.end, resolved, cand.rule)
        if "cue" in cand.match.re.groupindex and cand.match.group("cue"):
            hit = replace(hit, cue_start=cand.match.start("cue"), cue_end=cand.match.end("cue"))
        hits.append(hit)
    return hits


def _make_hit(text: str, start: int, end: int, resolved: Resolved, rule: str) -> DateHit:
    return DateHit(
        start=start,
        end=end,
        text=text[start:end],
        start_date=resolved.start_date,
        end_date=resolved.end_date,
        granularity=resolved.granularity,
        method=resolved.method,
        role=resolved.role or "point",
        anchor=resolved.anchor,
        rule=rule,
    )


def attach_weekday_suffix(text: str, hit: DateHit, anchor: dt.date | None) -> DateHit:
    """Extend a hit over a following '(Mon)'; for relative expressions, it names the day."""
    found = patterns().weekday_suffix.match(text, hit.end)
    if found is None:
        return hit
    hit = replace(hit, end=found.end(), text=text[hit.start : found.end()])
    if hit.rule not in RELATIVE_RULES or anchor is None:
        return hit
    res = load_resources()
    name = found["wd"].lower()
    weekday = res["weekdays"].get(name, res["weekday_abbreviations"].get(name))
    day = resolve_weekday(int(weekday), anchor, None, future=False)
    return replace(
        hit, start_date=day, end_date=day, granularity="day", method="relative", anchor=anchor
    )


def resolve_narrative(hits: list[DateHit]) -> list[DateHit]:
    """Resolve 'the next day', 'three days later', 'the following Sunday' against the
    previous day-precise date of the text."""
    resolved: list[DateHit] = []
    previous: dt.date | None = None
    for hit in hits:
        if hit.rule in NARRATIVE_RULES and previous is not None:
            day = narrative_day(hit, previous)
            if day is not None:
                hit = replace(hit, start_date=day, end_date=day, method="relative", anchor=previous)
        if hit.granularity == "day" and hit.start_date and hit.start_date == hit.end_date:
            previous = hit.start_date
        resolved.append(hit)
    return resolved


def narrative_day(hit: DateHit, previous: dt.date) -> dt.date | None:
    """The day a narrative-relative hit points at, from the previous date of the text."""
    res = load_resources()
    text = hit.text.split("(")[0]
    if hit.rule == "narrative":
        return previous + dt.timedelta(days=int(res["narrative_relative"][_norm(text)]))
    pattern = dict(patterns().rules)[hit.rule]
    match = pattern.fullmatch(text.strip())
    if match is None:
        return None
    if hit.rule == "narrative_weekday":
        ahead = (int(res["weekdays"][match["wd"].lower()]) - previous.weekday()) % 7
        return previous + dt.timedelta(days=ahead or 7)
    if _count(match["n"]) > MAX_COUNT:
        return None
    days = _count(match["n"]) * (7 if _unit(match["unit"]) == "week" else 1)
    sign = 1 if match["dir"].lower() in ("later", "after") else -1
    return previous + dt.timedelta(days=sign * days)


MODEL_YEAR = re.compile(r"(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
"""A model DATE entity that is just a modern year ('the 2014 annexation')."""


def model_hits(doc: Doc, anchor: dt.date | None, taken: list[tuple[int, int]]) -> list[DateHit]:
    """The model's DATE entities the patterns missed: durations, years, or dateparser."""
    found: list[DateHit] = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        year = MODEL_YEAR.fullmatch(ent.text) if ent.label_ == "DATE" else None
        if year is not None and not _is_count(doc, ent.start_char, ent.end_char):
            number = int(year["year"])
            resolved: Resolved | None = Resolved(
                dt.date(number, 1, 1), dt.date(number, 12, 31), "year", "explicit"
            )
        else:
            resolved = resolve_entity(ent.text, ent.label_, anchor)
        if resolved is None:
            continue
        found.append(_make_hit(text, ent.start_char, ent.end_char, resolved, "model"))
    return found


def resolve_entity(text: str, label: str, anchor: dt.date | None) -> Resolved | None:
    """A model DATE/TIME entity: a duration, a year, a dateparser date, or not a date (None)."""
    pats = patterns()
    duration = pats.duration_text.fullmatch(text)
    if duration is not None:
        unit = _unit(duration["unit"])
        return Resolved(
            None, None, UNIT_GRANULARITY.get(unit, "year"), "unresolved", role="duration"
        )
    words = set(re.findall(r"[a-z]+", text.lower()))
    if label == "TIME" or not words & pats.time_words or pats.non_dates_text.search(text):
        return None
    if words <= pats.name_words:
        return None  # a month or weekday name the rules rejected ("may", "Good Friday")
    if not words & pats.calendar_words and not re.search(r"\b1[5-9]\d\d|20\d\d\b", text):
        return _unresolved("unknown")
    return parse_fallback(text, anchor)


def parse_fallback(text: str, anchor: dt.date | None) -> Resolved:
    """dateparser on a model entity, relative to the anchor; 'unresolved' when it fails."""
    if anchor is None:
        return _unresolved("unknown")
    data = _date_parser(anchor).get_date_data(text)
    if data.date_obj is None:
        return _unresolved("unknown")
    day = data.date_obj.date()
    if abs((day - anchor).days) > 3660:
        return _unresolved("unknown")
    period = data.period or "day"
    if period in ("week", "month"):
        first, last = period_interval(period, 0, "whole", day)
        return Resolved(first, last, period, "fallback", anchor)
    if period == "year":
        first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        return Resolved(first, last, "year", "fallback", anchor)
    return Resolved(day, day, "day", "fallback", anchor)


@lru_cache(maxsize=64)
def _date_parser(anchor: dt.date) -> Any:
    """A dateparser parser for English relative to ``anchor`` (imported lazily: slow import)."""
    from dateparser.date import DateDataParser

    base = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    return DateDataParser(languages=["en"], settings=settings)


def find(doc: Doc) -> list[DateHit]:
    """Find and resolve every time expression of ``doc`` (see the module docstring).

    Args:
        doc: A parsed document; its publication date, if known, is
            ``doc.user_data["claimwire.published"]``.

    Returns:
        The hits, in text order, never overlapping.
    """
    anchor = published_date(doc)
    text = doc_text(doc)
    non_dates = _non_date_ranges(text)
    hits = resolve_candidates(doc, anchor, non_dates)
    taken = [(h.start, h.end) for h in hits] + non_dates
    hits.extend(model_hits(doc, anchor, taken))
    hits.sort(key=lambda h: h.start)
    hits = [attach_weekday_suffix(text, hit, anchor) for hit in hits]
    hits = resolve_narrative(hits)
    with_roles: list[DateHit] = []
    for hit in hits:
        if hit.role == "point" and hit.rule not in RANGE_RULES:
            previous = with_roles[-1] if with_roles else None
            role, cue_start, cue_end = find_role(text, hit.start, previous)
            hit = replace(hit, role=role, cue_start=cue_start, cue_end=cue_end)
        with_roles.append(hit)
    return with_roles


# --------------------------------------------------------------------------- component


class DateResolver:
    """The spaCy component: :func:`find`, then :meth:`set_annotations`."""

    def __init__(self, name: str = FACTORY) -> None:
        self.name = name
        ensure_extension(EXTENSION)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[DateHit]) -> None:
        """Store the hits in ``doc._.claimwire_dates`` and as spans labelled by role."""
        store_hits(doc, found, extension=EXTENSION, span_key=SPAN_KEY, label=lambda hit: hit.role)


@Language.factory(FACTORY, assigns=[f"doc._.{EXTENSION}"], requires=["doc.ents"])
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """Create the date component (spaCy factory ``claimwire_dates_v1``)."""
    return DateResolver(name)
