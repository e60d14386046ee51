"""The relevance component's record, :class:`RelevanceHit`, and its typed accessor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc

from ...errors import MissingComponentError
from ...vocab import RelevanceLabel
from .. import _base, keys


@dataclass(frozen=True)
class RelevanceEvidence:
    """One feature that decided the relevance, and where it was found.

    Attributes:
        feature: The feature's name ("event:explosions", "words:sport").
        contribution: What it added to the model's log-odds (negative: against relevance).
        spans: Character offsets of what was counted (the first few).
    """

    feature: str
    contribution: float
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RelevanceHit:
    """How likely the document is about armed conflict, political violence or protest.

    Attributes:
        score: The model's probability, 0 to 1.
        relevant: The score reaches the model's threshold.
        label: ``armed_conflict``, ``political_violence``, ``protest``, or ``other`` when
            not relevant.
        evidence: The features that pushed the score most towards the decision.
    """

    score: float
    relevant: bool
    label: RelevanceLabel
    evidence: tuple[RelevanceEvidence, ...] = ()


def relevance_of(doc: Doc) -> RelevanceHit:
    """The relevance ``claimwire_relevance_v1`` gave ``doc``.

    Raises:
        MissingComponentError: The relevance component did not process ``doc``.
    """
    if not _base.has_run(doc, keys.RELEVANCE_EXTENSION):
        raise MissingComponentError(
            f"doc._.{keys.RELEVANCE_EXTENSION} is not set: add the component "
            f"{keys.RELEVANCE_FACTORY!r} to the pipeline after the events component"
        )
    return cast(RelevanceHit, doc._.get(keys.RELEVANCE_EXTENSION))
