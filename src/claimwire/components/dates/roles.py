"""Roles: what a date does in its sentence, from the cue before it ("since" -> period
start, "until" -> period end, "as of"/"by" -> as of; else a point), and whether the verb
that governs it speaks of the future ("will meet on Friday")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ...vocab import DateRole
from .._base import doc_text
from .hits import DateHit
from .lexicon import ROLE_CUES, load_lexicon
from .rules import cue_pattern
from .settings import FUTURE_WORD_WINDOW, PERIOD_END_GAP, ROLE_CUE_WINDOW, VERB_HOPS

RANGE_RULES = frozenset({"month_day_range", "day_range_month"})
"""Rules whose match is a whole period already ('June 1-5'): no role cue applies."""


def find_role(
    text: str, start: int, previous: DateHit | None
) -> tuple[DateRole, int | None, int | None]:
    """The role of the expression at ``start`` from the cue before it, with the cue offsets."""
    window_start = max(0, start - ROLE_CUE_WINDOW)
    window = text[window_start:start]
    cues = load_lexicon().role_cues
    for cue in ROLE_CUES:
        found = cue_pattern(cues[cue], r"\s*$").search(window)
        if found is None:
            continue
        role: DateRole
        if cue == "period_end_after_start":
            if (
                previous is None
                or previous.role != "period_start"
                or start - previous.end > PERIOD_END_GAP
            ):
                continue
            role = "period_end"
        else:
            role = cue
        if role == "as_of" and found.group(1).lower() == "by" and text[start - 1 : start] != " ":
            continue
        return role, window_start + found.start(1), window_start + found.end(1)
    return "point", None, None


def future_test(doc: Doc) -> Callable[[int, int], bool]:
    """A test of whether the verb governing a character range speaks of the future."""
    cues = load_lexicon().future_cues
    text = doc_text(doc)

    def is_future(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        before = text[max(0, start - FUTURE_WORD_WINDOW) : start].lower().split()
        if before and before[-1] in cues.words:
            return True
        verb = span.root
        for _ in range(VERB_HOPS):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp", "advcl") else [verb]
        for token in chain:
            if any(
                c.dep_.startswith("aux") and c.lower_ in cues.auxiliaries for c in token.children
            ):
                return True
            if token is not verb and token.lemma_.lower() in cues.governors:
                return True
        return verb.dep_ == "xcomp" and verb.head.lower_ in cues.governors

    return is_future
