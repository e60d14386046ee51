"""The outlet's own claims: sentences nobody is said to say that carry a number or an event.

A news report asserts what it does not attribute (``Three people were killed on Monday``);
such a sentence, outside every claim, quote and caption found, is a claim of the outlet
(form ``outlet``), named by ``doc.user_data[keys.OUTLET]`` when the caller gave it.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from .. import keys
from .._base import Ranges
from ..numbers import numbers_of
from .candidate import Candidate
from .context import DocContext, strip_chars
from .lexicon import cues
from .settings import COVERED_PARTS, OUTLET_MIN_CHARS

NUMBER_ENTITIES = frozenset({"CARDINAL", "PERCENT", "QUANTITY", "MONEY"})
"""NER labels of a number the numbers component may not have read."""


def outlet_candidates(
    ctx: DocContext, found: list[Candidate], captions: list[tuple[int, int]]
) -> list[Candidate]:
    """The outlet's own claims: unattributed sentences with a number or an event verb.

    Args:
        ctx: The document (the numbers component has run on it).
        found: The claims found so far, speakers resolved.
        captions: Character ranges of lines outside the story.

    Raises:
        MissingComponentError: The numbers component did not process the document.
    """
    numbers = sorted({span.start_char for span, _ in numbers_of(ctx.doc)})
    ranges = [(c.start, c.end) for c in found if c.resolved is not None or c.form == "direct"]
    ranges += [(q.open, q.end) for q in ctx.quotes]
    covered = Ranges(ranges + captions)
    event_verbs = cues().event_verbs
    extra = []
    for sent in ctx.sents:
        start, end = strip_chars(ctx.text, sent.start_char, sent.end_char)
        if end - start < OUTLET_MIN_CHARS or _covered(start, end, covered):
            continue
        first = bisect.bisect_left(numbers, start)
        has_number = (first < len(numbers) and numbers[first] < end) or any(
            t.like_num and t.ent_type_ in NUMBER_ENTITIES for t in sent
        )
        has_event = any(t.lemma_.lower() in event_verbs and t.pos_ == "VERB" for t in sent)
        if has_number or has_event:
            extra.append(Candidate(start, end, None, "outlet", "asserted", None))
    return extra


def outlet_name(doc: Doc) -> str:
    """The name of the outlet that published ``doc`` ("outlet" when not given)."""
    outlet = doc.user_data.get(keys.OUTLET)
    return str(outlet) if outlet else "outlet"


def _covered(start: int, end: int, covered: Ranges) -> bool:
    """Whether a third or more of ``start:end`` lies in claims already found."""
    ranges = [covered.ranges[k] for k in covered.overlapping(start, end)]
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in ranges)
    return inside >= (end - start) / COVERED_PARTS
