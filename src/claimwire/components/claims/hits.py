"""What the claims component stores: claims, claimants, contradictions, and how to read them.

:func:`hits_of` is the only way other modules read the claims of a document;
:func:`claim_for_offset` finds the claim a figure or an event trigger sits in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

from ...vocab import ClaimantType, ClaimForm, Hedge
from .. import _base, keys
from .settings import REPEAT_TWINS_READ, TITLE_MAX_WORDS, VAGUE_CATEGORIES


@dataclass(frozen=True)
class Claimant:
    """Who makes a claim: canonical name, kind, role, affiliation, side and mentions."""

    name: str
    type: ClaimantType
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Contradiction:
    """Why a claim contradicts another one: the shared referent and the opposite states."""

    other: str
    referent: str
    reason: str


@dataclass(frozen=True)
class ClaimHit:
    """One claim: content offsets, cue offsets, form, hedge, claimant, contradictions.

    ``start``/``end`` delimit the content (without quote marks); ``cue_start``/``cue_end``
    the cue ("said", "according to") or None; ``parent`` is the id of the claim a partial
    quote sits in; ``speaker_start``/``speaker_end`` the phrase naming the speaker here
    ("he", "Regional governor X"), None when the speaker is carried over or the outlet.
    """

    id: str
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    form: ClaimForm
    hedge: Hedge
    claimant: Claimant
    contradicts: tuple[str, ...] = ()
    reasons: tuple[Contradiction, ...] = ()
    parent: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


def hits_of(doc: Doc) -> list[ClaimHit]:
    """The claims ``claimwire_claims_v1`` found in ``doc``, in text order.

    Args:
        doc: A processed document.

    Returns:
        A new list of the claims (ids ``c1``..``cN``).

    Raises:
        MissingComponentError: The claims component did not process ``doc``.
    """
    return _base.hits_of(doc, keys.CLAIMS_EXTENSION, keys.CLAIMS_FACTORY)


def claim_for_offset(hits: list[ClaimHit], offset: int) -> ClaimHit | None:
    """The innermost claim whose content covers character ``offset``, or None.

    Args:
        hits: Claims of one document (:func:`hits_of`).
        offset: A character offset into the document text (a figure, an event trigger).

    Returns:
        The covering claim with the shortest content, or None.
    """
    return claim_lookup(hits)(offset)


def claim_lookup(hits: list[ClaimHit]) -> Callable[[int], ClaimHit | None]:
    """:func:`claim_for_offset` over ``hits`` for many offsets: the claims are indexed once."""
    ranges = _base.Ranges((hit.start, hit.end) for hit in hits)

    def claim_at(offset: int) -> ClaimHit | None:
        covering = [hits[k] for k in ranges.covering(offset)]
        return min(covering, key=lambda hit: hit.end - hit.start, default=None)

    return claim_at


class FigureFacts(NamedTuple):
    """What :func:`claims_of_repeats` compares of a figure: where, how many, of what."""

    offset: int
    value: float | None
    measure: str | None
    category: str | None = None
    bound: str | None = None
    """How the number is qualified: "lower", "upper", "approx" or None (exact)."""


def claims_of_repeats(
    hits: list[ClaimHit], figures: list[FigureFacts], text: str
) -> dict[int, str]:
    """The claims of figures the outlet repeats from a source, by the figure's offset.

    A title often states without its source a figure the article attributes below it
    ("Five killed in market blast" over "..., police said five people were killed"), and
    a lead states a toll whose source the article names further on ("Six guards were
    killed on Monday. ... The toll is six dead, the mayor said."). A figure outside every
    attributed claim takes the claim of an attributed figure with the same value, measure
    and a compatible category: in a title line (a short line with no closing full stop)
    any such twin, in the body a later one with the same bound ("at least 5" is not
    "around 5"); when several sources give the number, the first of them (the one the
    lead follows). No attributed twin leaves it the outlet's.

    Args:
        hits: Claims of one document (:func:`hits_of`).
        figures: The facts of each figure of the document.
        text: The document's text.

    Returns:
        Offset of each repeating figure -> the id of the claim it repeats.
    """
    claim_at: dict[int, ClaimHit | None] = {}
    lookup = claim_lookup(hits)
    for figure in figures:
        claim_at[figure.offset] = lookup(figure.offset)
    sourced: dict[tuple[float, str], list[tuple[FigureFacts, ClaimHit]]] = {}
    for figure in sorted(figures):
        claim = claim_at[figure.offset]
        if figure.value and figure.measure and claim is not None and claim.form != "outlet":
            sourced.setdefault((figure.value, figure.measure), []).append((figure, claim))
    found = {}
    breaks: list[int] | None = None
    titles: dict[int, bool] = {}  # line start -> whether the line is a title line
    for figure in figures:
        offset, value, measure = figure.offset, figure.value, figure.measure
        claim = claim_at[offset]
        if not value or not measure or (claim is not None and claim.form != "outlet"):
            continue
        if breaks is None:
            breaks = [match.start() for match in re.finditer("\n", text)]
        k = bisect.bisect_left(breaks, offset)
        start = breaks[k - 1] + 1 if k else 0
        if start not in titles:
            titles[start] = _in_title(text, start, breaks[k] if k < len(breaks) else len(text))
        twins = sourced.get((value, measure), [])
        if twins and titles[start]:
            found[offset] = twins[0][1].id
            continue
        # the first later twin of the same kind, read from where the figure stands
        k = bisect.bisect_right(twins, offset, key=lambda twin: twin[0].offset)
        for other, twin in twins[k : k + REPEAT_TWINS_READ]:
            if _same_kind(figure.category, other.category):
                found[offset] = twin.id
                break
    return found


def _same_kind(one: str | None, other: str | None) -> bool:
    """Whether two figures' categories may count the same ("people" or none fit any)."""
    return one == other or one in VAGUE_CATEGORIES or other in VAGUE_CATEGORIES


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is a title line: short, with no closing full stop."""
    line = text[start:end].strip()
    words = line.split(maxsplit=TITLE_MAX_WORDS)
    return len(words) <= TITLE_MAX_WORDS and not line.endswith((".", "!", "?", '"', "”"))
