"""An attribution as the finders find it, before its speaker phrase is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Span as SpacySpan

from ...vocab import ClaimForm, Hedge
from .settings import PARSE_CLAIM_OVERLAP_SHARE

Cue = tuple[int, int]
"""Character offsets of a cue ("said", "according to")."""


class Attribution(NamedTuple):
    """Who a quote is attributed to, and by which cue."""

    cue: Cue | None
    """The cue's offsets; None for a clause ending in a colon (``X is blunt: "..."``)."""
    speaker: SpacySpan
    lemma: str
    """The cue's verb lemma or phrase text ("" without a cue)."""


@dataclass
class Candidate:
    """An attribution found in pass one, its speaker phrase not yet resolved.

    The finders create candidates; resolution, nesting and hedging fill in ``resolved``,
    ``parent`` and ``hedge`` before the candidates become :class:`.hits.ClaimHit`.
    """

    start: int
    end: int
    cue: Cue | None
    form: ClaimForm
    hedge: Hedge
    speaker: SpacySpan | None
    continuation: bool = False
    """A quote going on: it takes the speaker of the claim before it."""
    quoted: bool = False
    resolved: int | None = None
    """Index of the claimant in the document's :class:`.registry.Speakers`."""
    parent: Candidate | None = None
    reporting: bool = False
    """The speaker phrase is a reporting noun ("the latest figures")."""
    signed: bool = False
    """A pull quote or post, set apart from the flow of the text."""


def mentioned_at(candidate: Candidate) -> int:
    """Where a candidate's speaker is named (its content start when not named)."""
    return candidate.speaker.start_char if candidate.speaker is not None else candidate.start


def repeats_quote(candidate: Candidate, found: list[Candidate]) -> bool:
    """Whether a parse claim repeats an attributed direct quote (same content) in ``found``."""
    for other in found:
        if not other.quoted or other.form == "partial":
            continue
        overlap = min(other.end, candidate.end) - max(other.start, candidate.start)
        shorter = min(other.end - other.start, candidate.end - candidate.start)
        if overlap > PARSE_CLAIM_OVERLAP_SHARE * shorter:
            return True
    return False
