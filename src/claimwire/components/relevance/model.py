"""Applying the trained relevance model: a logistic regression in pure Python.

The weights come from ``resources/relevance_model.json`` (``scripts/train_relevance.py``
rebuilds it from the development sets); nothing here needs scikit-learn.
"""

from __future__ import annotations

import math

from ...vocab import RelevanceLabel
from .features import Features
from .hits import RelevanceEvidence, RelevanceHit
from .lexicon import RelevanceModel, relevance_model
from .settings import EVIDENCE_FEATURES, EVIDENCE_SPANS, LABEL_MARGIN

PROTEST_FEATURES = ("event:protests", "event:riots", "actor:protesters", "words:protest")
"""Features that say the relevant article is about a protest or riot."""
WARFARE_FEATURES = (
    "event:battles",
    "event:explosions",
    "figure:military",
    "words:weapons",
    "words:hostilities",
)
"""Features that say it is about fighting between armed parties."""


CONFLICT_EVIDENCE = (
    "event:battles",
    "event:explosions",
    "event:violence_against_civilians",
    "event:protests",
    "event:riots",
    "event:strategic",
    "actor:armed",
    "actor:protesters",
    "words:armed_actors",
    "words:weapons",
    "words:hostilities",
    "words:protest",
)
"""Counts of which a relevant article must have one: an article with no violent event, no
armed party or protester and none of their words is off-topic whatever the model says."""


def has_conflict_evidence(values: dict[str, float]) -> bool:
    """Whether any count of :data:`CONFLICT_EVIDENCE` is above zero."""
    return any(values.get(name, 0.0) > 0 for name in CONFLICT_EVIDENCE)


def contributions(features: Features, model: RelevanceModel) -> dict[str, float]:
    """What each feature adds to the log-odds of relevance."""
    found = {}
    for name, mean, scale, weight in zip(
        model.features, model.mean, model.scale, model.weights, strict=True
    ):
        found[name] = weight * (features.values.get(name, 0.0) - mean) / scale
    return found


def decide(features: Features, model: RelevanceModel | None = None) -> RelevanceHit:
    """Score ``features`` with the model and label the document, with its evidence."""
    model = model or relevance_model()
    parts = contributions(features, model)
    score = 1.0 / (1.0 + math.exp(-(model.bias + sum(parts.values()))))
    relevant = score >= model.threshold and has_conflict_evidence(features.values)
    return RelevanceHit(
        score=round(score, 4),
        relevant=relevant,
        label=label_of(features) if relevant else "other",
        evidence=evidence_of(features, parts, relevant=relevant),
    )


def label_of(features: Features) -> RelevanceLabel:
    """The kind of a relevant article: protest, armed conflict or political violence."""
    values = features.values
    protest = sum(values.get(name, 0.0) for name in PROTEST_FEATURES)
    warfare = sum(values.get(name, 0.0) for name in WARFARE_FEATURES)
    if protest >= warfare + LABEL_MARGIN:
        return "protest"
    if values.get("event:battles", 0.0) or values.get("event:explosions", 0.0):
        return "armed_conflict"
    if values.get("figure:military", 0.0) or warfare >= LABEL_MARGIN * 2:
        return "armed_conflict"
    return "political_violence"


def evidence_of(
    features: Features, parts: dict[str, float], *, relevant: bool
) -> tuple[RelevanceEvidence, ...]:
    """The counts that pushed the score most towards the decision, with their spans.

    A count and its rate are one piece of evidence (their contributions added). Only
    counts with something counted (spans) are named: a feature that decided by its
    absence ("no event at all") cannot point at the text.
    """
    merged: dict[str, float] = {}
    for name, part in parts.items():
        count = name.removeprefix("rate:")
        merged[count] = merged.get(count, 0.0) + part
    sign = 1.0 if relevant else -1.0
    ranked = sorted(
        (name for name, part in merged.items() if part * sign > 0 and features.spans.get(name)),
        key=lambda name: -merged[name] * sign,
    )
    return tuple(
        RelevanceEvidence(
            feature=name,
            contribution=round(merged[name], 3),
            spans=features.spans[name][:EVIDENCE_SPANS],
        )
        for name in ranked[:EVIDENCE_FEATURES]
    )
