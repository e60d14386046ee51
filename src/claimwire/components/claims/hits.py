"""What the claims component stores: claims, claimants, contradictions, and how to read them.

:func:`hits_of` is the only way other modules read the claims of a document;
:func:`claim_for_offset` finds the claim a figure or an event trigger sits in.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...vocab import ClaimantType, ClaimForm, Hedge
from .. import _base, keys


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
    covering = [hit for hit in hits if hit.start <= offset < hit.end]
    return min(covering, key=lambda hit: hit.end - hit.start, default=None)
