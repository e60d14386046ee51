"""The learned filter of events: is this a specific event that happened?

The rules find a trigger, type it and merge its mentions; what they cannot weigh together
is whether the sentence reports one realised incident ("gunmen raided the village on
Sunday") or speaks of a kind of event, a habit, a wish or an effort ("bandits who raid
villages", "determined to thwart attacks", "fighting to capture the city"), or tells
again an incident already reported. A binary logistic regression over features of the
parse and of the assembled event (the trigger's tense, aspect, modality and determiner,
the clause it sits in, what the event found: place, date, figures, actors; where in the
article it is and whether an earlier event has its type, place or sentence) gives the
probability that an event is one the article reports; events below the file's threshold
are dropped.

The weights are ``resources/event_realis_model.json``, written by
``scripts/train_event_realis.py`` (data recipe and cross-validation in its docstring);
nothing here needs scikit-learn.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .hits import EventHit
from .lexicon import EventRealisModel, event_realis_model

CLAUSE_HOPS = 3
"""Heads climbed from a nominal trigger to the verb of its clause."""
ASPECT_AUX = frozenset({"have", "will", "would", "could", "may", "might", "can", "should", "be"})
"""Auxiliaries of the trigger's clause that are features (perfect, future, modal, passive)."""
PERIODS = frozenset({"day", "week", "month", "year", "decade", "hour"})
"""Heads of a 'for' phrase that make it a stretch of time ('for months')."""
QUOTES = frozenset('"“”')
"""Quotation marks: an odd count before the trigger in its sentence puts it in a quote."""


def _root(doc: Doc, hit: EventHit) -> Token | None:
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_verb(token: Token) -> Token | None:
    """The trigger if it is a verb, else the first verb above it."""
    for _ in range(CLAUSE_HOPS + 1):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _parse_features(root: Token) -> dict[str, float]:
    found = {
        f"tag:{root.tag_}": 1.0,
        f"dep:{root.dep_}": 1.0,
        f"head:{root.head.pos_}": 1.0,
        f"t:{root.lemma_.lower()}": 1.0,
    }
    for child in root.children:
        if child.dep_ == "det":
            found[f"det:{child.lower_}"] = 1.0
        elif child.dep_ == "poss":
            found["det:poss"] = 1.0
    verb = _clause_verb(root)
    if verb is None:
        found["verb:none"] = 1.0
        return found
    found[f"vtag:{verb.tag_}"] = 1.0
    found[f"vdep:{verb.dep_}"] = 1.0
    found[f"v:{verb.lemma_.lower()}"] = 1.0
    for child in verb.children:
        lemma = child.lemma_.lower()
        if child.dep_ in {"aux", "auxpass"} and lemma in ASPECT_AUX:
            found[f"aux:{lemma}"] = 1.0
        if child.dep_ == "aux" and child.lower_ == "to":
            found["aux:to"] = 1.0
        if child.dep_ == "neg":
            found["neg"] = 1.0
    if verb.head is not verb:
        found[f"gov:{verb.head.lemma_.lower()}"] = 1.0
    found.update(dict.fromkeys(_clause_cues(verb), 1.0))
    return found


def _clause_cues(verb: Token) -> list[str]:
    """A bare plural subject ('bandits raid villages'), a 'since' or 'for' + period phrase
    ('since May', 'for months'): what speaks of a kind of event or a stretch of time."""
    cues = []
    for child in verb.children:
        below = list(child.children)
        bare = not any(c.dep_ in {"det", "nummod", "poss"} for c in below)
        if child.dep_ in {"nsubj", "nsubjpass"} and child.tag_ in {"NNS", "NNPS"} and bare:
            cues.append("subj:bare_plural")
        if child.dep_ in {"prep", "mark"} and child.lower_ == "since":
            cues.append("since")
        period = any(c.lemma_.lower() in PERIODS for c in below)
        if child.dep_ == "prep" and child.lower_ == "for" and period:
            cues.append("for_period")
    return cues


def features(
    doc: Doc, hit: EventHit, earlier: Sequence[EventHit], sentence: int
) -> dict[str, float]:
    """The features of one event of a document.

    Args:
        doc: The parsed document.
        hit: The event.
        earlier: The events before it (as the rules found them).
        sentence: Index of the event's first sentence in the document.

    Returns:
        Feature name -> value: the trigger's part of speech, dependency, lemma and
        determiner (``tag:``, ``dep:``, ``t:``, ``det:``), its clause verb's tag,
        dependency, lemma, auxiliaries, negation and governing word (``vtag:``, ``vdep:``,
        ``v:``, ``aux:``, ``neg``, ``gov:``), the event's type, status and what it found
        (``type:``, ``status:``, ``date:``, ``place``, ``figures``, ``actors``,
        ``targets``, ``mentions``, ``claim``), where it is (``sent:``, ``quote``) and what
        came before (``first``, ``earlier:type``, ``earlier:place``, ``earlier:sentence``).
    """
    root = _root(doc, hit)
    found = _parse_features(root) if root is not None else {}
    found[f"type:{hit.type}"] = 1.0
    found[f"status:{hit.status}"] = 1.0
    found[f"date:{hit.date_method or 'none'}"] = 1.0
    flags = {
        "place": hit.place_name is not None,
        "figures": bool(hit.figures),
        "actors": bool(hit.actors),
        "targets": bool(hit.targets),
        "mentions": len(hit.mentions) > 1,
        "claim": hit.claim_id is not None,
        "first": not earlier,
        "earlier:type": any(e.type == hit.type for e in earlier),
        "earlier:place": hit.place_name is not None
        and any(e.place_name == hit.place_name for e in earlier),
        "earlier:sentence": any(e.evidence_start == hit.evidence_start for e in earlier),
    }
    found.update((name, 1.0) for name, on in flags.items() if on)
    found[f"sent:{min(sentence, 3)}"] = 1.0
    before = doc.text[hit.evidence_start : hit.start]
    if sum(char in QUOTES for char in before) % 2:
        found["quote"] = 1.0
    return found


def probability(values: dict[str, float], model: EventRealisModel | None = None) -> float:
    """The model's probability that an event with these features is a real, specific one."""
    model = model or event_realis_model()
    index = model.feature_index()
    logit = model.bias + sum(
        model.weights[index[name]] * value for name, value in values.items() if name in index
    )
    return 1.0 / (1.0 + math.exp(-logit))


def keep_specific(doc: Doc, hits: Sequence[EventHit]) -> list[EventHit]:
    """The events the model finds specific and realised, numbered again "e1", "e2"...

    Args:
        doc: The parsed document.
        hits: The events of the rules, in document order.
    """
    model = event_realis_model()
    starts = [sent.start_char for sent in doc.sents]
    kept: list[EventHit] = []
    sentence = 0
    for k, hit in enumerate(hits):
        while sentence + 1 < len(starts) and starts[sentence + 1] <= hit.evidence_start:
            sentence += 1
        values = features(doc, hit, hits[:k], sentence)
        if probability(values, model) >= model.threshold:
            kept.append(hit)
    return [dataclasses.replace(hit, id=f"e{n}") for n, hit in enumerate(kept, start=1)]
