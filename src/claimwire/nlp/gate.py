"""The relevance gate: a cheap first pass on the plain words of an article.

Before the spaCy pipeline, :func:`gate` decides with very high recall whether an article
can be about political violence, protest or armed conflict (or hold their figures). An
article it lets through gets the full pipeline; one it stops gets a light result (its
document, language and relevance, no facts), at the cost of one regular-expression pass.

The decision is a logistic regression (``resources/gate.json``: word groups, weights and
threshold, rebuilt by ``scripts/train_gate.py``), applied in pure Python, over counts of
cue words per group and, if the model has a vocabulary (``train_gate.py --words``; the
shipped model has none, see docs/scale.md), which of its words the text holds at all (one
weight per lower-case word, present or not).

A cue word matches as a whole word with an optional inflection (``kill`` matches
``killed`` and ``killings``, ``kidnap`` matches ``kidnapped``; nothing matches ``skill`` or
``killjoy``). A text with no cue word of the lexicon's ``evidence_groups`` (violence, armed
actors, weapons, hostilities, protest, policing, civilians, justice) is stopped whatever the
model says: a list of numbers or a repeated phrase is not news of political violence.
Texts shorter than :data:`SHORT_WORDS` words pass: a snippet costs the pipeline little, and
one sentence gives the gate too few words to be sure; but one of at least
:data:`LONG_TEXT_CHARS` characters with so few words (separators, digits, symbols) must
still hold a cue word of the evidence groups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from pydantic import Field

from ..resource import ResourceItem, ResourceModel, load_typed_resource

SHORT_WORDS = 120
"""Texts of fewer words than this always pass the gate (see the module's docstring)."""
LONG_TEXT_CHARS = 4_000
"""A text this long with fewer than :data:`SHORT_WORDS` words is mostly not words: it passes
only with a cue word of the evidence groups (a page of separators or symbols costs the
spaCy model as much as news of its length, for nothing)."""
RATE_MIN_WORDS = 50
"""Rates are counted per 1,000 words of at least this many (as the relevance model does)."""
SUFFIXES = r"(?:s|es|ed|d|ing|ings|er|ers|ment|ments)?"
"""Inflections a cue word may carry and still match."""
WORD = re.compile(r"\w+")
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word of the model's vocabulary: three letters or more (no digits), matched lower-cased."""


class GateModel(ResourceItem):
    """The trained weights: one per feature, over standardized feature values."""

    features: list[str]
    means: list[float]
    scales: list[float]
    weights: list[float]
    words: dict[str, float] = Field(default_factory=dict)
    """Weight of each vocabulary word (lower-case) when the text holds it, once or more."""
    bias: float
    threshold: float


class GateLexicon(ResourceModel):
    """``resources/gate.json``: the cue-word groups and the model over their counts."""

    description: str
    evidence_groups: frozenset[str]
    groups: dict[str, list[str]]
    model: GateModel


@dataclass(frozen=True)
class GateDecision:
    """What the gate decided for one text."""

    passed: bool
    score: float
    """The model's probability that the text is relevant (1.0 for a short text)."""
    words: int
    cues: dict[str, int]
    """Cue words found per group (only groups with at least one)."""


@lru_cache(maxsize=1)
def gate_lexicon() -> GateLexicon:
    """The gate's lexicon and model, read once."""
    return load_typed_resource("gate.json", GateLexicon)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every cue word, and each (lower-case) cue word's group."""
    groups: dict[str, str] = {}
    for group, words in gate_lexicon().groups.items():
        for word in words:
            groups.setdefault(word.lower(), group)
    alternatives = _by_first_letter(sorted(groups, key=len, reverse=True))
    doubled = r"(?:[bdgklmnprt](?=(?:ed|ing|ings|er|ers)\b))?"  # kidnapped, stabbing
    pattern = re.compile(rf"\b({alternatives}){doubled}{SUFFIXES}\b", re.IGNORECASE)
    return pattern, groups


def _by_first_letter(words: list[str]) -> str:
    """``words`` as one alternation, grouped under their first letter: ``k(?:ill|idnap)``.

    The regular-expression engine tries the alternatives of a plain alternation one by one
    at every word start (hundreds of them); grouped, it tries one letter per group first.
    Alternatives of different first letters cannot match at the same place, and within a
    group the order of ``words`` is kept, so every match (and the alternative it takes) is
    the plain alternation's.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1].lower(), []).append(word[1:])
    return "|".join(
        re.escape(letter) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")"
        for letter, rests in by_letter.items()
    )


def count_cues(text: str) -> tuple[int, dict[str, int]]:
    """The number of words of ``text`` and its cue words per group."""
    pattern, groups = _matcher()
    counts: dict[str, int] = {}
    for match in pattern.finditer(text):
        group = groups[match.group(1).lower()]
        counts[group] = counts.get(group, 0) + 1
    return len(WORD.findall(text)), counts


def features(words: int, cues: dict[str, int]) -> dict[str, float]:
    """The model's features of a text: each group's count and rate, and the text's length."""
    values = {"text:words": math.log1p(words)}
    per = 1000.0 / max(words, RATE_MIN_WORDS)
    for group in gate_lexicon().groups:
        count = cues.get(group, 0)
        values[f"count:{group}"] = math.log1p(count)
        values[f"rate:{group}"] = math.log1p(count * per)
    return values


def vocabulary_words(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` that can be vocabulary words."""
    return set(VOCABULARY_WORD.findall(text.lower()))


def score(values: dict[str, float], present: AbstractSet[str] = frozenset()) -> float:
    """The model's probability of relevance for feature ``values``.

    Args:
        values: The cue-word features (:func:`features`).
        present: The text's distinct words (:func:`vocabulary_words`); the weights of those
            of the model's vocabulary are added.
    """
    model = gate_lexicon().model
    words = model.words
    total = model.bias + math.fsum(words[word] for word in words.keys() & present)
    for name, mean, scale, weight in zip(
        model.features, model.means, model.scales, model.weights, strict=True
    ):
        total += weight * (values.get(name, 0.0) - mean) / (scale or 1.0)
    return 1.0 / (1.0 + math.exp(-max(min(total, 60.0), -60.0)))


def gate(text: str) -> GateDecision:
    """Whether ``text`` can be about political violence, protest or armed conflict.

    Args:
        text: The article's normalized text.

    Returns:
        The decision: passed (run the full pipeline) or not (a light result), with its
        score and the cue words counted.
    """
    words, cues = count_cues(text)
    lexicon = gate_lexicon()
    evidence = bool(lexicon.evidence_groups & cues.keys())  # a word of violence or its actors
    if words < SHORT_WORDS:
        return GateDecision(evidence or len(text) < LONG_TEXT_CHARS, 1.0, words, cues)
    present = vocabulary_words(text) if lexicon.model.words else frozenset()
    probability = score(features(words, cues), present)
    if not evidence:
        return GateDecision(False, probability, words, cues)
    return GateDecision(probability >= lexicon.model.threshold, probability, words, cues)
