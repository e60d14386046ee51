"""Finding the dates of a document: match the patterns, resolve the longest first, add the
model's leftovers, then resolve against the text and give each its role."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc

from .._base import doc_text, publication_date
from . import explicit, relative
from .fallback import make_hit, model_hits
from .hits import DateHit
from .lexicon import load_lexicon
from .narrative import attach_weekday_suffix, resolve_narrative
from .patterns import match_candidates, non_date_ranges
from .roles import RANGE_RULES, find_role, future_test
from .rules import Context, Rule, cue_before, is_count, overlaps
from .settings import MAX_ANCHOR_YEAR, MIN_ANCHOR_YEAR

RULES: dict[str, Rule] = {
    "iso": explicit.rule_iso,
    "numeric": explicit.rule_numeric,
    "month_day_range": relative.rule_day_range,
    "day_range_month": relative.rule_day_range,
    "month_day": relative.rule_month_day,
    "day_month": relative.rule_month_day,
    "day_month_yy": explicit.rule_day_month_yy,
    "month": relative.rule_month,
    "weekday": relative.rule_weekday,
    "relative_day": relative.rule_relative_day,
    "relative_day_part": relative.rule_relative_day,
    "relative_period": relative.rule_relative_period,
    "ago": relative.rule_ago,
    "past_n": relative.rule_past_n,
    "next_n": relative.rule_next_n,
    "narrative_offset": relative.rule_narrative,
    "narrative_weekday": relative.rule_narrative,
    "century": explicit.rule_century,
    "decade": explicit.rule_decade,
    "decade_short": relative.rule_decade_short,
    "year_part": explicit.rule_year_part,
    "year": explicit.rule_year,
    "season": relative.rule_season,
    "as_of": relative.rule_as_of,
    "narrative": relative.rule_narrative,
    "duration": relative.rule_duration,
}
"""Pattern name -> resolver; a resolver returns None to reject the match."""


def published_date(doc: Doc) -> dt.date | None:
    """The article's publication date (:func:`publication_date`), when it can anchor dates."""
    value = publication_date(doc)
    if value is not None and MIN_ANCHOR_YEAR <= value.year <= MAX_ANCHOR_YEAR:
        return value
    return None


def resolve_candidates(
    doc: Doc, anchor: dt.date | None, non_dates: list[tuple[int, int]]
) -> list[DateHit]:
    """Resolve pattern matches, longest first, never overlapping each other or non-dates."""
    text = doc_text(doc)
    ctx = Context(anchor, text, future_test(doc))
    taken = list(non_dates)
    hits: list[DateHit] = []
    weak_cues = load_lexicon().weak_year_cues
    ordered = sorted(match_candidates(text), key=lambda c: (c.start - c.end, c.start, c.order))
    for cand in ordered:
        if overlaps(cand.start, cand.end, taken):
            continue
        weak = cand.rule == "year" and cue_before(text, cand.start, weak_cues)
        if weak and is_count(doc, cand.start, cand.end):
            continue
        resolved = RULES[cand.rule](cand.match, cand, ctx)
        if resolved is None:
            continue
        taken.append((cand.start, cand.end))
        hit = make_hit(text, cand.start, cand.end, resolved, cand.rule)
        if "cue" in cand.match.re.groupindex and cand.match.group("cue"):
            hit = replace(hit, cue_start=cand.match.start("cue"), cue_end=cand.match.end("cue"))
        hits.append(hit)
    return hits


def find_dates(doc: Doc) -> list[DateHit]:
    """Find and resolve every time expression of ``doc`` (see the package docstring).

    Args:
        doc: A parsed document; its publication date, if known, is
            ``doc.user_data["claimwire.published"]``.

    Returns:
        The hits, in text order, never overlapping.
    """
    anchor = published_date(doc)
    text = doc_text(doc)
    non_dates = non_date_ranges(text)
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
