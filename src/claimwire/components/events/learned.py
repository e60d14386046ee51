"""The learned event-type classifier: features of a text and the trained model, in pure Python.

The rules type each trigger mention (:mod:`.subtyping`); the model reads what the rules
cannot weigh together: the words of the sentences, the trigger's lemma and the words its
parse attaches to it, the model's entity labels nearby, and the rules' own candidate
sub-types. It is a multinomial logistic regression over a vocabulary of frequent
features, written to ``resources/event_type_model.json`` by
``scripts/train_event_types.py`` (data recipe and cross-validation in its docstring);
nothing here needs scikit-learn.

How it works with the rules (:func:`combine`): the model's sub-type replaces the rules'
one only when its probability reaches the file's threshold for that use (a snippet, or
an event of the events component), when the file says so only among the sub-types the
unit's own triggers were given (the model chooses among the rules' candidates, it does
not invent a kind of event), and never for a sub-type the file lets the rules keep. The
training script chooses these per use by cross-validation (rules alone, model alone,
thresholds, candidates, kept types: see its docstring).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from ...vocab import EventSubtype
from .._base import entities_of
from .indexes import instrument_index, target_classes
from .lexicon import EventTypeModel, Use, event_type_model, ontology
from .merge import Draft
from .syntax import consecutive, doc_token_keys, has_any, salience, sentence_words
from .triggers import Mention

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "attr", "compound", "amod"})
"""Dependencies of a trigger's own words kept as features ('gunmen' as its subject)."""
SKIPPED_POS = frozenset({"PUNCT", "SPACE", "NUM", "SYM", "X", "DET", "PRON", "CCONJ", "ADP"})
"""Parts of speech whose words are no feature."""


def features(
    doc: Doc, sents: Iterable[Span], mentions: Sequence[Mention], chosen: EventSubtype | None
) -> dict[str, float]:
    """The features of a text unit (a snippet, or the sentences of one event).

    Args:
        doc: The parsed document.
        sents: The unit's sentences.
        mentions: The typed trigger mentions of the unit (:func:`.typed_mentions`).
        chosen: The rules' sub-type for the unit (None when no trigger matched).

    Returns:
        Feature name -> value: ``w:`` lemmas of the sentences, ``e:`` entity labels,
        ``c:`` the lexicon's target classes, ``i:`` its instrument cues and ``p:`` its
        protest cue groups found in the sentences (what the rules read, for the model to
        weigh), ``t:`` trigger lemmas (alone and with their dependency), ``a:`` the words
        attached to a trigger, ``r:`` each candidate sub-type's share of the rules' score and
        ``rule:`` the rules' choice.
    """
    found: dict[str, float] = {}
    for sent in sents:
        for token in sent:
            if token.pos_ not in SKIPPED_POS and not token.is_stop and token.is_alpha:
                found[f"w:{token.lemma_.lower()}"] = 1.0
        for ent in entities_of(sent):
            found[f"e:{ent.label_}"] = 1.0
        found.update(dict.fromkeys(_cue_features(doc, sent), 1.0))
    scores: dict[str, float] = {}
    for mention in mentions:
        root = doc[mention.root]
        found[f"t:{mention.lemma}"] = 1.0
        found[f"t:{mention.lemma}|{root.dep_}"] = 1.0
        for child in doc[mention.anchor].children:
            if child.dep_ in ARGUMENT_DEPS:
                found[f"a:{child.dep_}:{child.lemma_.lower()}"] = 1.0
            elif child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found[f"a:{child.lower_}:{pobj.lemma_.lower()}"] = 1.0
        weight = mention.weight * salience(root) * (1.0 if mention.eventive else 0.5)
        scores[mention.subtype] = scores.get(mention.subtype, 0.0) + weight
    total = sum(scores.values())
    for subtype, score in scores.items():
        found[f"r:{subtype}"] = score / total if total else 0.0
    found[f"rule:{chosen or 'none'}"] = 1.0
    return found


def _cue_features(doc: Doc, sent: Span) -> Iterable[str]:
    """The lexicon's cue groups found in a sentence: target classes, instruments, protest cues."""
    classes = target_classes()
    instruments = instrument_index()
    token_keys = doc_token_keys(doc)
    for token in sent:
        kind = classes.get(token.lemma_.lower())
        if kind is not None:
            yield f"c:{kind}"
        for key in token_keys[token.i]:
            for words, _rank, subtype in instruments.get(key, ()):
                if token.i + len(words) <= sent.end and consecutive(doc, token.i, words):
                    yield f"i:{subtype}"
    cues = ontology().protest_cues
    context = sentence_words(sent)
    for group in ("violent_phrases", "excessive_force", "intervention", "not_at_protest"):
        if has_any(*context, getattr(cues, group)):
            yield f"p:{group}"


def probabilities(
    values: dict[str, float], model: EventTypeModel | None = None
) -> dict[EventSubtype, float]:
    """The model's probability of each sub-type for a unit's features (a softmax)."""
    model = model or event_type_model()
    index = model.feature_index()
    logits = list(model.bias)
    for name, value in values.items():
        row = index.get(name)
        if row is None:
            continue
        for k, weight in enumerate(model.weights[row]):
            logits[k] += weight * value
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    total = sum(exps)
    return {label: e / total for label, e in zip(model.classes, exps, strict=True)}


def combine(
    chosen: EventSubtype | None,
    probs: dict[EventSubtype, float],
    use: Use,
    candidates: Iterable[EventSubtype] = (),
    model: EventTypeModel | None = None,
) -> EventSubtype | None:
    """The sub-type of a unit: the model's when confident enough for ``use``, else the rules'.

    Args:
        chosen: The rules' sub-type.
        probs: :func:`probabilities` of the unit.
        use: ``"snippet"`` (a whole short text) or ``"event"`` (one event's sentences).
            The rules' sub-type stands when it is one of the use's ``rules_keep``.
        candidates: The sub-types the rules gave the unit's triggers; for an event the
            model may only choose among them.
        model: The model (the shipped one when None).
    """
    model = model or event_type_model()
    rule = model.combination[use]
    if chosen is not None and chosen in rule.rules_keep:
        return chosen
    allowed = set(candidates)
    pool = {k: p for k, p in probs.items() if not rule.among_candidates or k in allowed}
    if not pool:
        return chosen
    best = max(pool, key=lambda k: pool[k])
    if best == chosen or pool[best] < rule.min_probability:
        return chosen
    return best


def retype(doc: Doc, drafts: Sequence[Draft], sents: Sequence[Span]) -> None:
    """Let the model re-type each merged event among its triggers' sub-types (in place).

    Args:
        doc: The parsed document.
        drafts: The merged events.
        sents: ``list(doc.sents)``.
    """
    for draft in drafts:
        unit = [sents[k] for k in sorted(draft.sentences)]
        values = features(doc, unit, draft.mentions, draft.subtype)
        candidates = {draft.subtype, *(m.subtype for m in draft.mentions)}
        found = combine(draft.subtype, probabilities(values), "event", candidates)
        if found is not None:
            draft.subtype = found
