"""Resolution against the text: "the next day", "three days later", "the following Sunday"
take the previous day-precise date of the text; "last night (Sun)" is the Sunday."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .hits import DateHit
from .intervals import resolve_weekday
from .lexicon import load_lexicon
from .patterns import patterns
from .rules import count, norm, unit
from .settings import MAX_COUNT

NARRATIVE_RULES = frozenset({"narrative", "narrative_offset", "narrative_weekday"})
"""Rules resolved against the previous day-precise date of the text."""

RELATIVE_RULES = frozenset({"weekday", "relative_day", "relative_day_part"}) | NARRATIVE_RULES
"""Rules whose day a following '(Mon)' overrides."""


def attach_weekday_suffix(text: str, hit: DateHit, anchor: dt.date | None) -> DateHit:
    """Extend a hit over a following '(Mon)'; for relative expressions, it names the day."""
    found = patterns().weekday_suffix.match(text, hit.end)
    if found is None:
        return hit
    hit = replace(hit, end=found.end(), text=text[hit.start : found.end()])
    if hit.rule not in RELATIVE_RULES or anchor is None:
        return hit
    lex = load_lexicon()
    name = found["wd"].lower()
    weekday = lex.weekdays[name] if name in lex.weekdays else lex.weekday_abbreviations[name]
    day = resolve_weekday(weekday, anchor, None, future=False)
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
    lex = load_lexicon()
    text = hit.text.split("(")[0]
    if hit.rule == "narrative":
        return previous + dt.timedelta(days=int(lex.narrative_relative[norm(text)]))
    match = patterns().rule(hit.rule).fullmatch(text.strip())
    if match is None:
        return None
    if hit.rule == "narrative_weekday":
        ahead = (int(lex.weekdays[match["wd"].lower()]) - previous.weekday()) % 7
        return previous + dt.timedelta(days=ahead or 7)
    if count(match["n"]) > MAX_COUNT:
        return None
    days = count(match["n"]) * (7 if unit(match["unit"]) == "week" else 1)
    sign = 1 if match["dir"].lower() in ("later", "after") else -1
    return previous + dt.timedelta(days=sign * days)
