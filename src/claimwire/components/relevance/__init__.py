"""``claimwire_relevance_v1``: is the article about armed conflict, political violence or protest?

Keyword systems turn storms with death tolls, price wars, title battles, murder trials and
war films into war. This component scores each document with a small logistic regression
(:mod:`.model`, weights in ``resources/relevance_model.json``, trained by
``scripts/train_relevance.py`` with cross-validation by document) over interpretable
features (:mod:`.features`): the events the pipeline found and their types, the figures'
measures and categories, the armed actors named, and counts of word groups
(``resources/relevance.json``: armed actors, weapons, hostilities, protest, but also
disasters, accidents, sport, business, justice, culture...), each as a count and as a
rate per 1,000 tokens. An article with no conflict evidence at all (no violent event, no
armed party, none of their words) is off-topic whatever the score. It labels a relevant document
``armed_conflict``, ``political_violence`` or ``protest`` (:func:`.model.label_of`) and
names the features, with their spans, that decided.

Read the decision with :func:`relevance_of`.
"""

from __future__ import annotations

from .component import Relevance, make_relevance
from .features import Features, extract_features, feature_names, with_rates
from .hits import RelevanceEvidence, RelevanceHit, relevance_of
from .model import decide

__all__ = [
    "Features",
    "Relevance",
    "RelevanceEvidence",
    "RelevanceHit",
    "decide",
    "extract_features",
    "feature_names",
    "make_relevance",
    "relevance_of",
    "with_rates",
]
