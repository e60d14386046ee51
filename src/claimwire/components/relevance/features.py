"""The features of the relevance model: what the pipeline found, and word groups.

Every feature is a count (of events of a type, of figures of a kind, of named armed
actors, of words of a group) turned into ``log(1 + count)``, with the character spans that
were counted, so that the model's decision can name its evidence. The features read the
components before this one only through their typed accessors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .._view import token_lemmas, token_lowers
from ..events import find_actor_spans
from ..events import hits_of as events_of
from ..figures import hits_of as figures_of
from .lexicon import phrase_index, relevance_lexicon
from .settings import RATE_MIN_TOKENS, SHORT_TEXT_TOKENS

Offsets = tuple[int, int]

EVENT_FEATURES = {
    "Battles": "event:battles",
    "Explosions/Remote violence": "event:explosions",
    "Violence against civilians": "event:violence_against_civilians",
    "Protests": "event:protests",
    "Riots": "event:riots",
    "Strategic developments": "event:strategic",
}
"""ACLED event type -> feature; claimwire's "Other developments" split below."""
OTHER_EVENT_FEATURES = {
    "natural_disaster": "event:disaster",
    "man_made_disaster": "event:disaster",
    "crime": "event:crime",
}
"""Sub-types of "Other developments" with their own feature (the rest: ``event:other``)."""
ARMED_TYPES = frozenset({"state_forces", "rebel", "militia"})
"""Actor types of the actor dictionary that are armed parties."""
PROTEST_TYPES = frozenset({"protesters", "rioters"})
FIGURE_MEASURES = {
    "killed": "figure:casualties",
    "injured": "figure:casualties",
    "casualties": "figure:casualties",
    "missing": "figure:casualties",
    "displaced": "figure:displaced",
    "sheltering": "figure:displaced",
    "evacuated": "figure:displaced",
    "detained": "figure:seized",
    "kidnapped": "figure:seized",
    "captured": "figure:seized",
    "destroyed": "figure:destroyed",
    "damaged": "figure:destroyed",
    "shot_down": "figure:destroyed",
    "launched": "figure:destroyed",
}
"""Figure measure -> feature."""
MILITARY_CATEGORIES = frozenset(
    {
        "soldiers",
        "fighters",
        "tanks",
        "armoured_vehicles",
        "artillery",
        "mlrs",
        "air_defence",
        "aircraft",
        "helicopters",
        "drones",
        "ships",
        "submarines",
        "missiles",
        "weapons",
        "special_equipment",
    }
)
CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women", "journalists", "medics"})

COUNT_FEATURES = (
    *dict.fromkeys(EVENT_FEATURES.values()),
    "event:disaster",
    "event:crime",
    "event:other",
    "event:armed_actor",
    "event:new",
    "figure:casualties",
    "figure:displaced",
    "figure:seized",
    "figure:destroyed",
    "figure:military",
    "figure:civilians",
    "actor:armed",
    "actor:protesters",
)
"""Counts read from the other components. Claims are not counted: how many a text has
says how long and quote-heavy it is, not what it is about."""
TOKENS = "text:tokens"
"""The value holding ``log(1 + tokens)``: the base of the rates, not a feature itself (the
training sets' lengths differ by source, not by topic)."""
SHORT = "text:short"


def count_names() -> tuple[str, ...]:
    """Every count: the pipeline's, then one ``words:<group>`` per lexicon group."""
    return (*COUNT_FEATURES, *(f"words:{group}" for group in relevance_lexicon().groups))


def feature_names() -> tuple[str, ...]:
    """Every feature of the model: each count, each count's rate, and ``text:short``."""
    counts = count_names()
    return (*counts, *(f"rate:{name}" for name in counts), SHORT)


def with_rates(values: dict[str, float]) -> dict[str, float]:
    """``values`` with the rate of each count: ``log(1 + count per 1,000 tokens)``.

    A count says how much a text talks of something, its rate how much of the text does;
    the training script derives the rates of cached counts with this same function.
    """
    tokens = max(math.expm1(values.get(TOKENS, 0.0)), RATE_MIN_TOKENS)
    rates = {
        f"rate:{name}": math.log1p(1000.0 * math.expm1(values.get(name, 0.0)) / tokens)
        for name in count_names()
    }
    return {**values, **rates}


@dataclass
class Counts:
    """Counts and the spans counted, per feature."""

    counts: dict[str, float] = field(default_factory=dict)
    spans: dict[str, list[Offsets]] = field(default_factory=dict)

    def add(self, feature: str, offsets: Offsets | None = None, amount: float = 1.0) -> None:
        """Count one more ``feature`` (at ``offsets`` when given)."""
        self.counts[feature] = self.counts.get(feature, 0.0) + amount
        if offsets is not None:
            self.spans.setdefault(feature, []).append(offsets)


@dataclass(frozen=True)
class Features:
    """The feature values of one document and the spans behind each."""

    values: dict[str, float]
    spans: dict[str, tuple[Offsets, ...]]


def extract_features(doc: Doc) -> Features:
    """The relevance features of ``doc``: ``log(1 + count)`` each, ``text:short`` 0 or 1."""
    counts = Counts()
    _count_events(doc, counts)
    _count_figures(doc, counts)
    _count_actors(doc, counts)
    _count_words(doc, counts)
    values = {name: math.log1p(counts.counts.get(name, 0.0)) for name in count_names()}
    values[TOKENS] = math.log1p(len(doc))
    values[SHORT] = 1.0 if len(doc) < SHORT_TEXT_TOKENS else 0.0
    spans = {name: tuple(found) for name, found in counts.spans.items()}
    return Features(values=with_rates(values), spans=spans)


def _count_events(doc: Doc, counts: Counts) -> None:
    for event in events_of(doc):
        where = (event.start, event.end)
        if event.type in EVENT_FEATURES:
            counts.add(EVENT_FEATURES[event.type], where)
        else:
            counts.add(OTHER_EVENT_FEATURES.get(event.subtype, "event:other"), where)
        if any(p.type in ARMED_TYPES for p in (*event.actors, *event.targets)):
            counts.add("event:armed_actor", where)
        if event.status == "new" and not (event.hypothetical or event.negated):
            counts.add("event:new", where)


def _count_figures(doc: Doc, counts: Counts) -> None:
    for figure in figures_of(doc):
        if figure.negated or figure.modality != "actual":
            continue
        where = (figure.start, figure.end)
        if figure.measure in FIGURE_MEASURES:
            counts.add(FIGURE_MEASURES[figure.measure], where)
        if figure.category in MILITARY_CATEGORIES:
            counts.add("figure:military", where)
        elif figure.category in CIVILIAN_CATEGORIES:
            counts.add("figure:civilians", where)


def _count_actors(doc: Doc, counts: Counts) -> None:
    for actor in find_actor_spans(doc):
        if actor.historical:
            continue
        where = (actor.participant.start, actor.participant.end)
        if actor.participant.type in ARMED_TYPES:
            counts.add("actor:armed", where)
        elif actor.participant.type in PROTEST_TYPES:
            counts.add("actor:protesters", where)


def _count_words(doc: Doc, counts: Counts) -> None:
    index = phrase_index()
    lemmas = token_lemmas(doc)
    lowers = token_lowers(doc)
    i = 0
    while i < len(doc):
        found = _phrase_at(index, lemmas, i) or _phrase_at(index, lowers, i)
        if found is None:
            i += 1
            continue
        length, group = found
        span = doc[i : i + length]
        counts.add(f"words:{group}", (span.start_char, span.end_char))
        i += length


def _phrase_at(
    index: dict[str, tuple[tuple[tuple[str, ...], str], ...]], words: list[str], i: int
) -> tuple[int, str] | None:
    for phrase, group in index.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), group
    return None
