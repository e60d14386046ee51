"""The relevance component's data files, validated into typed models when loaded.

``resources/relevance.json`` holds the word groups counted as features;
``resources/relevance_model.json`` the trained linear model (feature names, scaling,
weights, bias, threshold), written by ``scripts/train_relevance.py``. A malformed file
raises :class:`~claimwire.errors.ResourceError` naming the file and the key.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import StrictFloat, StrictStr, model_validator

from ...resource import ResourceItem, ResourceModel, load_typed_resource

LEXICON_FILE = "relevance.json"
MODEL_FILE = "relevance_model.json"
Phrase = tuple[str, ...]


class RelevanceLexicon(ResourceModel):
    """The word groups of ``relevance.json``: group name -> lower-case lemma phrases."""

    description: StrictStr
    groups: dict[str, tuple[StrictStr, ...]]


class CrossValidation(ResourceItem):
    """How the shipped model scored when trained without the fold it was scored on."""

    folds: int
    precision: StrictFloat
    recall: StrictFloat
    f1: StrictFloat
    documents: int


class RelevanceModel(ResourceModel):
    """A logistic regression over named features, applied in pure Python.

    ``score = sigmoid(bias + sum(weight * (value - mean) / scale))``; an article is
    relevant when its score reaches ``threshold``.
    """

    description: StrictStr
    version: StrictStr
    features: tuple[StrictStr, ...]
    mean: tuple[StrictFloat, ...]
    scale: tuple[StrictFloat, ...]
    weights: tuple[StrictFloat, ...]
    bias: StrictFloat
    threshold: StrictFloat
    training: dict[str, int]
    """Documents per source and label the model was trained on."""
    regularization: StrictFloat
    """The inverse regularization strength chosen by cross-validation."""
    cross_validation: CrossValidation

    @model_validator(mode="after")
    def _same_lengths(self) -> RelevanceModel:
        sizes = {len(self.features), len(self.mean), len(self.scale), len(self.weights)}
        if len(sizes) != 1:
            raise ValueError("features, mean, scale and weights must have the same length")
        if any(value <= 0 for value in self.scale):
            raise ValueError("every scale must be positive")
        return self


@lru_cache(maxsize=1)
def relevance_lexicon() -> RelevanceLexicon:
    """``relevance.json``, loaded once."""
    return load_typed_resource(LEXICON_FILE, RelevanceLexicon)


@lru_cache(maxsize=1)
def phrase_index() -> dict[str, tuple[tuple[Phrase, str], ...]]:
    """First word -> (phrase, group) of every phrase of the lexicon, longest first."""
    index: dict[str, list[tuple[Phrase, str]]] = {}
    for group, phrases in relevance_lexicon().groups.items():
        for phrase in phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append((words, group))
    return {
        first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
        for first, entries in index.items()
    }


@lru_cache(maxsize=1)
def relevance_model() -> RelevanceModel:
    """``relevance_model.json``, loaded once."""
    return load_typed_resource(MODEL_FILE, RelevanceModel)
