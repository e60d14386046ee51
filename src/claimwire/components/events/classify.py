"""Document classification: the most likely sub-type of a short text (a snippet).

Every trigger mention scores its sub-type, also those that make no event (a generic
plural, a compound modifier), weighted by the lexicon and by its salience in the parse;
the case2021 bench uses it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...vocab import EventSubtype
from . import subtypes as st
from .actors import ActorIndex, find_actor_spans
from .learned import combine, probabilities
from .learned import features as learned_features
from .roles import roles
from .settings import FIRST_SENTENCE_FACTOR, LEARNED_TYPES, NON_EVENTIVE_FACTOR
from .subtyping import instrument, territory, typed_mentions
from .syntax import salience
from .triggers import Mention, is_territory


def classify_doc(
    doc: Doc, *, learned: bool = LEARNED_TYPES
) -> tuple[EventSubtype | None, dict[EventSubtype, float]]:
    """The most likely sub-type of a short text (a snippet), and the rules' score of each.

    Every trigger mention counts, weighted by the lexicon, with the first sentence
    counting half again as much: snippets open with their main event. The learned model
    (:mod:`.learned`) then replaces the rules' choice when it is confident enough.

    Args:
        doc: A parsed document.
        learned: Let the learned model work with the rules; False: the rules alone.

    Returns:
        (best sub-type or None when nothing says what happened, the rules' scores by
        sub-type).
    """
    typed = typed_mentions(doc)
    best, scores = _rule_choice(doc, typed)
    if not learned:
        return best, scores
    values = learned_features(doc, doc.sents, typed, best)
    return combine(best, probabilities(values), "snippet", scores), scores


def _rule_choice(
    doc: Doc, typed: list[Mention]
) -> tuple[EventSubtype | None, dict[EventSubtype, float]]:
    """The rules' sub-type of a snippet and their score of each."""
    actors = ActorIndex(find_actor_spans(doc) if any(is_territory(m) for m in typed) else [])
    scores: dict[EventSubtype, float] = {}
    for m in typed:
        subtype = m.subtype
        if is_territory(m):
            subtype = territory(m, roles(doc, m.root, m.anchor, actors)[0])
        factor = (FIRST_SENTENCE_FACTOR if m.sentence == 0 else 1.0) * salience(doc[m.root])
        if not m.eventive:
            factor *= NON_EVENTIVE_FACTOR
        scores[subtype] = scores.get(subtype, 0.0) + m.weight * factor
    if not scores:
        found = instrument(doc, None)
        return found, ({found: 1.0} if found else {})
    scores = _one_protest_kind(scores)
    # ties go to the more specific sub-type: an armed clash is the default reading
    return max(scores, key=lambda k: (round(scores[k], 6), k != st.ARMED_CLASH)), scores


def _one_protest_kind(scores: dict[EventSubtype, float]) -> dict[EventSubtype, float]:
    """A snippet reports one protest: its sentences' protest kinds pool into the gravest."""
    kinds = [k for k in st.PROTEST_SEVERITY if k in scores]
    if len(kinds) < 2:
        return scores
    pooled = dict(scores)
    total = sum(pooled.pop(k) for k in kinds)
    pooled[kinds[0]] = total
    return pooled
