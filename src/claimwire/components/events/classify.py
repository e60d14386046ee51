"""Document classification: the most likely sub-type of a short text (a snippet).

Every trigger mention scores its sub-type, also those that make no event (a generic
plural, a compound modifier), weighted by the lexicon and by its salience in the parse;
the case2021 bench uses it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...vocab import EventSubtype
from . import subtypes as st
from .actors import find_actor_spans
from .roles import roles
from .settings import FIRST_SENTENCE_FACTOR, NON_EVENTIVE_FACTOR
from .subtyping import instrument, territory, typed_mentions
from .syntax import salience
from .triggers import is_territory


def classify_doc(doc: Doc) -> tuple[EventSubtype | None, dict[EventSubtype, float]]:
    """The most likely sub-type of a short text (a snippet), and the score of each.

    Every trigger mention counts, weighted by the lexicon, with the first sentence
    counting half again as much: snippets open with their main event.

    Args:
        doc: A parsed document.

    Returns:
        (best sub-type or None when no trigger matched, scores by sub-type).
    """
    typed = typed_mentions(doc)
    actors = find_actor_spans(doc) if any(is_territory(m) for m in typed) else []
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
