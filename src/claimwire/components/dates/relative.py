"""Resolvers of relative expressions: what the text leaves out comes from the anchor.

Weekdays, "yesterday", "last week", "two days ago", "the past 24 hours", and calendar
names without a year ("Mar. 3", "in July", "last summer", "the '90s") resolve against the
publication date by news conventions (see the package docstring); with a year they are
explicit. "the next day" is resolved later, against the text (:mod:`.narrative`).
Without an anchor a relative expression is "unresolved", never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...vocab import Granularity
from .hits import Resolved, unresolved
from .intervals import (
    back,
    make_date,
    month_end,
    nearest_month_day,
    period_interval,
    prefer_future,
    resolve_weekday,
)
from .lexicon import Unit, load_lexicon
from .patterns import Candidate
from .rules import (
    Context,
    count,
    cue_before,
    day,
    granularity_of,
    month_number,
    norm,
    proper,
    unit,
)
from .settings import MAX_COUNT, NAME_PREFIX_WINDOW, NAME_SUFFIX_WINDOW, SEASON_CUE_WINDOW


def rule_month_day(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'March 3', 'Mar. 3, 2021', '3 March', 'Monday, 13 June'."""
    if not proper(match["month"]):
        return None
    month, day_of_month = month_number(match), int(match["day"])
    if match["year"]:
        return day(int(match["year"]), month, day_of_month, "explicit", None)
    if ctx.anchor is None:
        return unresolved("day") if make_date(2000, month, day_of_month) else None
    future = ctx.future(cand.start, cand.end)
    date = nearest_month_day(month, day_of_month, ctx.anchor, future=future)
    return Resolved(date, date, "day", "relative", ctx.anchor) if date else None


def rule_day_range(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'June 1-5', '1-5 June 2022'."""
    if not proper(match["month"]):
        return None
    month, first, last = month_number(match), int(match["day"]), int(match["day2"])
    if last <= first:
        return None
    if match["year"]:
        return _range(int(match["year"]), month, first, last, None)
    if ctx.anchor is None:
        return unresolved("day")
    start = nearest_month_day(month, first, ctx.anchor, future=False)
    if start is None:
        return None
    return _range(start.year, month, first, last, ctx.anchor)


def _range(year: int, month: int, first: int, last: int, anchor: dt.date | None) -> Resolved | None:
    start, end = make_date(year, month, first), make_date(year, month, last)
    if start is None or end is None:
        return None
    return Resolved(start, end, "day", "explicit" if anchor is None else "relative", anchor)


def _month_interval(year: int, month: int, mod: str | None) -> tuple[dt.date, dt.date]:
    first, last = dt.date(year, month, 1), month_end(year, month)
    part = load_lexicon().month_parts.get(norm(mod)) if mod else None
    if part:
        first = dt.date(year, month, part[0])
        last = dt.date(year, month, min(part[1], last.day))
    return first, last


def rule_month(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'in February', 'last March', 'mid-March', 'February 2022', 'early June'."""
    if not proper(match["month"]):
        return None
    mod = norm(match["mod"])
    cues = load_lexicon().bare_month_cues
    if not mod and not match["year"] and not cue_before(ctx.text, cand.start, cues):
        return None
    month = month_number(match)
    if match["year"]:
        first, last = _month_interval(int(match["year"]), month, mod)
        return Resolved(first, last, "month", "explicit")
    if ctx.anchor is None:
        return unresolved("month")
    index = _month_index(month, mod, ctx.anchor, ctx.future(cand.start, cand.end))
    first, last = _month_interval(index // 12, index % 12 + 1, mod)
    return Resolved(first, last, "month", "relative", ctx.anchor)


def _month_index(month: int, mod: str, anchor: dt.date, future_verb: bool) -> int:
    """The month (as year * 12 + month - 1) a month name without a year points at."""
    current = anchor.year * 12 + anchor.month - 1
    past = [y * 12 + month - 1 for y in range(anchor.year - 1, anchor.year + 2)]
    future = mod in ("next", "coming") or (mod != "last" and future_verb)
    if mod == "last":
        return max(i for i in past if i < current)
    if mod == "this":
        return anchor.year * 12 + month - 1
    if future:
        return min(i for i in past if (i > current if mod == "next" else i >= current))
    index = max(i for i in past if i <= current)
    ahead = min(i for i in past if i > current)
    last_day = month_end(index // 12, index % 12 + 1)
    if prefer_future(last_day, dt.date(ahead // 12, ahead % 12 + 1, 1), anchor):
        return ahead
    return index


def rule_weekday(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'on Monday', 'last Friday', 'next Tuesday', 'Monday night'; not 'Good Friday'."""
    if _weekday_in_name(ctx.text, cand):
        return None
    if ctx.anchor is None:
        return unresolved("day")
    weekday = int(load_lexicon().weekdays[match["wd"].lower()])
    rel = match["rel"].lower() if match["rel"] else None
    date = resolve_weekday(weekday, ctx.anchor, rel, future=ctx.future(cand.start, cand.end))
    return Resolved(date, date, "day", "relative", ctx.anchor)


def _weekday_in_name(text: str, cand: Candidate) -> bool:
    """'Good Friday', 'Bloody Sunday', 'the Sunday Times': a weekday inside a name."""
    lex = load_lexicon()
    before = text[max(0, cand.start - NAME_PREFIX_WINDOW) : cand.start].lower().split()
    if before and before[-1] in lex.weekday_name_prefixes:
        return True
    after = text[cand.end : cand.end + NAME_SUFFIX_WINDOW].split()
    follows_name = bool(after) and after[0][:1].isupper() and after[0][:1].isalpha()
    month_next = bool(after) and after[0].lower().rstrip(".,") in lex.months
    return bool(before) and before[-1] == "the" and follows_name and not month_next


def rule_relative_day(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'yesterday', 'last night', 'overnight', 'this morning', 'yesterday evening'."""
    if ctx.anchor is None:
        return unresolved("day")
    offsets = load_lexicon().relative_days[norm(match["phrase"])]
    first = ctx.anchor + dt.timedelta(days=offsets[0])
    last = ctx.anchor + dt.timedelta(days=offsets[1])
    return Resolved(first, last, "day", "relative", ctx.anchor)


def rule_relative_period(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'last week', 'last month', 'earlier this year', 'over the weekend'."""
    spec = load_lexicon().relative_periods[norm(match["phrase"])]
    granularity = "day" if spec.unit == "weekend" else spec.unit
    if ctx.anchor is None:
        return unresolved(granularity)
    first, last = period_interval(spec.unit, spec.offset, spec.part, ctx.anchor)
    return Resolved(first, last, granularity, "relative", ctx.anchor)


@dataclass(frozen=True)
class _Offset:
    """A count of units from the anchor ("two days", "the past 24 hours")."""

    unit: Unit
    count: int

    @property
    def granularity(self) -> Granularity:
        return granularity_of(self.unit)

    def before(self, anchor: dt.date) -> dt.date:
        return back(anchor, self.unit, self.count)


def _offset(match: re.Match[str]) -> _Offset | None:
    """The count and unit of a match, or None when the count is too large for a date."""
    if count(match["n"]) > MAX_COUNT:
        return None
    return _Offset(unit(match["unit"]), count(match["n"]))


def rule_ago(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'two days ago', 'a week ago', 'three months ago', 'a year ago'."""
    offset = _offset(match)
    if offset is None or ctx.anchor is None:
        return None if offset is None else unresolved(offset.granularity)
    date = offset.before(ctx.anchor)
    if offset.unit in ("hour", "day"):
        return Resolved(date, date, "day", "relative", ctx.anchor)
    period = offset.unit if offset.unit in ("week", "month") else "year"
    first, last = period_interval(period, 0, "whole", date)
    return Resolved(first, last, offset.granularity, "relative", ctx.anchor)


def rule_past_n(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the past 24 hours', 'the last three weeks', 'the past month'."""
    offset = _offset(match)
    if offset is None or ctx.anchor is None:
        return None if offset is None else unresolved(offset.granularity)
    first = offset.before(ctx.anchor)
    return Resolved(first, ctx.anchor, offset.granularity, "relative", ctx.anchor)


def rule_next_n(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'the next 7 days', 'the coming weeks': from the anchor forward."""
    offset = _offset(match)
    if offset is None or ctx.anchor is None:
        return None if offset is None else unresolved(offset.granularity)
    last = ctx.anchor + (ctx.anchor - offset.before(ctx.anchor))
    return Resolved(ctx.anchor, last, offset.granularity, "relative", ctx.anchor)


def rule_decade_short(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """ "the '90s": the latest such decade not after the anchor (1900s without one)."""
    tens = int(match["dec"])
    if ctx.anchor is None:
        first = 1900 + tens
    else:
        first = max(c + tens for c in (1900, 2000) if c + tens <= ctx.anchor.year)
    return Resolved(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", "relative")


def _season(year: int, months: tuple[int, int]) -> tuple[dt.date, dt.date]:
    first = dt.date(year, months[0], 1)
    end_year = year if months[1] >= months[0] else year + 1
    return first, month_end(end_year, months[1])


def rule_season(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'last summer', 'this spring', 'winter 2021', 'in the autumn'."""
    months = load_lexicon().seasons[match["season"].lower()]
    rel = match["rel"].lower() if match["rel"] else None
    if match["year"]:
        first, last = _season(int(match["year"]), months)
        return Resolved(first, last, "month", "explicit")
    before = ctx.text[max(0, cand.start - SEASON_CUE_WINDOW) : cand.start].lower()
    if rel is None and not re.search(r"\b(?:in|the|this|since|during)\s+$", before):
        return None
    if match["season"].lower() == "fall" and rel is None:
        return None
    if ctx.anchor is None:
        return unresolved("month")
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
    return unresolved("day")


def rule_duration(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'for weeks', 'for three days': a duration, not a point in time."""
    granularity = granularity_of(unit(match["unit"]))
    return Resolved(None, None, granularity, "unresolved", role="duration")
