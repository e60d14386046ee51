"""Resolvers of explicit expressions: the text says it all ("2022-02-24", "in 2014",
"the 17th century"); none needs the publication date but "3 JAN 90" for its century."""

from __future__ import annotations

import datetime as dt
import re

from .hits import Resolved, unresolved
from .intervals import make_date, month_end, two_digit_year
from .lexicon import load_lexicon
from .patterns import Candidate
from .rules import Context, cue_before, day, month_number, norm, proper
from .settings import MAX_CENTURY


def rule_iso(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """2022-02-24."""
    return day(int(match["year"]), int(match["mon"]), int(match["day"]), "explicit", None)


def rule_numeric(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """24.02.2022 or 02/24/2022: resolved only when day and month cannot be confused."""
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    readings = {d for d in (make_date(year, second, first), make_date(year, first, second)) if d}
    if len(readings) == 1:
        date = readings.pop()
        return Resolved(date, date, "day", "explicit")
    return unresolved("day") if readings else None


def rule_day_month_yy(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'3 JAN 90' (datelines)."""
    if not proper(match["month"]):
        return None
    year = two_digit_year(int(match["yy"]), ctx.anchor)
    return day(year, month_number(match), int(match["day"]), "explicit", None)


def rule_century(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'17th century', 'the seventeenth century'."""
    word = match["ord"].lower()
    number = int(word[:-2]) if word[:1].isdigit() else int(load_lexicon().ordinal_words[word])
    if not 1 <= number <= MAX_CENTURY:
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


def rule_year(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'in 2014', 'since 2014'; after a weak cue ('of', 'from') counts are excluded later."""
    lex = load_lexicon()
    if not any(
        cue_before(ctx.text, cand.start, cues) for cues in (lex.year_cues, lex.weak_year_cues)
    ):
        return None
    year = int(match["year"])
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit")


def rule_year_part(match: re.Match[str], cand: Candidate, ctx: Context) -> Resolved | None:
    """'late 2021', 'the first half of 2022': part of a year, granularity year."""
    first, last = load_lexicon().year_parts[norm(match["mod"])]
    year = int(match["year"])
    return Resolved(dt.date(year, first, 1), month_end(year, last), "year", "explicit")
