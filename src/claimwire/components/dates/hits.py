"""The date hit (a time expression and its interval) and a resolver's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...vocab import DateMethod, DateRole, Granularity


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
    granularity: Granularity
    method: DateMethod
    role: DateRole = "point"
    anchor: dt.date | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    rule: str = ""


@dataclass(frozen=True)
class Resolved:
    """What a rule made of a match: an interval (or None), its granularity and method."""

    start_date: dt.date | None
    end_date: dt.date | None
    granularity: Granularity
    method: DateMethod
    anchor: dt.date | None = None
    role: DateRole | None = None


def unresolved(granularity: Granularity) -> Resolved:
    """An expression recognized but not placed in time."""
    return Resolved(None, None, granularity, "unresolved")
