"""The model's DATE entities the patterns missed: durations, bare years, or dateparser
(``method="fallback"``), else "unresolved"."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from .._base import doc_text
from .hits import DateHit, Resolved, unresolved
from .intervals import period_interval
from .patterns import patterns
from .rules import granularity_of, is_count, overlaps, unit
from .settings import FALLBACK_MAX_DAYS

MODEL_YEAR = re.compile(r"(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
"""A model DATE entity that is just a modern year ('the 2014 annexation')."""


def make_hit(text: str, start: int, end: int, resolved: Resolved, rule: str) -> DateHit:
    """The hit of a resolved expression ``text[start:end]`` found by ``rule``."""
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


def model_hits(doc: Doc, anchor: dt.date | None, taken: list[tuple[int, int]]) -> list[DateHit]:
    """The model's DATE entities the patterns missed: durations, years, or dateparser."""
    found: list[DateHit] = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or overlaps(ent.start_char, ent.end_char, taken):
            continue
        year = MODEL_YEAR.fullmatch(ent.text) if ent.label_ == "DATE" else None
        if year is not None and not is_count(doc, ent.start_char, ent.end_char):
            number = int(year["year"])
            resolved: Resolved | None = Resolved(
                dt.date(number, 1, 1), dt.date(number, 12, 31), "year", "explicit"
            )
        else:
            resolved = resolve_entity(ent.text, ent.label_, anchor)
        if resolved is None:
            continue
        found.append(make_hit(text, ent.start_char, ent.end_char, resolved, "model"))
    return found


def resolve_entity(text: str, label: str, anchor: dt.date | None) -> Resolved | None:
    """A model DATE/TIME entity: a duration, a year, a dateparser date, or not a date (None)."""
    pats = patterns()
    duration = pats.duration_text.fullmatch(text)
    if duration is not None:
        granularity = granularity_of(unit(duration["unit"]))
        return Resolved(None, None, granularity, "unresolved", role="duration")
    words = set(re.findall(r"[a-z]+", text.lower()))
    if label == "TIME" or not words & pats.time_words or pats.non_dates_text.search(text):
        return None
    if words <= pats.name_words:
        return None  # a month or weekday name the rules rejected ("may", "Good Friday")
    if not words & pats.calendar_words and not re.search(r"\b1[5-9]\d\d|20\d\d\b", text):
        return unresolved("unknown")
    return parse_fallback(text, anchor)


def parse_fallback(text: str, anchor: dt.date | None) -> Resolved:
    """dateparser on a model entity, relative to the anchor; 'unresolved' when it fails."""
    if anchor is None:
        return unresolved("unknown")
    data = _date_parser(anchor).get_date_data(text)
    if data.date_obj is None:
        return unresolved("unknown")
    day = data.date_obj.date()
    if abs((day - anchor).days) > FALLBACK_MAX_DAYS:
        return unresolved("unknown")
    period = data.period or "day"
    if period == "week":
        first, last = period_interval("week", 0, "whole", day)
        return Resolved(first, last, "week", "fallback", anchor)
    if period == "month":
        first, last = period_interval("month", 0, "whole", day)
        return Resolved(first, last, "month", "fallback", anchor)
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
