"""Trigger mentions: where the trigger lexicon matches a sentence, with its context checks.

Lemma sequences of the lexicon ("shell", "air strike", "fall", "take control") are
matched on token keys (:func:`.syntax.doc_token_keys`), with the required and forbidden
context of their entry (sentence cues, part of speech, the nouns of their object). The
longest and heaviest match wins at each token; phrases of ``stop_phrases`` are never
triggers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...vocab import EventSubtype
from .indexes import class_words, stop_index, territory_lemmas, trigger_index
from .lexicon import TriggerEntry
from .settings import PHRASE_LENGTH_BONUS
from .subtypes import TERRITORY_SUBTYPES
from .syntax import (
    SentenceWords,
    argument_tokens,
    consecutive,
    counted,
    doc_token_keys,
    has_any,
    noun_keys,
    object_heads,
    object_phrases,
    sentence_words,
    toponym_like,
)

LIGHT_VERBS = frozenset(
    {
        "launch", "carry", "conduct", "stage", "mount", "begin", "start", "unleash", "step",
        "intensify", "continue", "hold", "organize", "organise", "suffer", "face", "repel",
        "repulse", "witness", "resume", "escalate", "commit", "perpetrate", "execute",
    }
)  # fmt: skip
"""Verbs that own the arguments of the event noun they govern ('launched an attack')."""
PARTICLES = frozenset({"out", "down", "up", "back", "off", "over", "away"})


@dataclass(frozen=True)
class Mention:
    """One trigger of the lexicon found in a sentence, with its context checks done."""

    start: int
    end: int
    lemma: str
    subtype: EventSubtype
    weight: float
    root: int
    """Token index of the trigger's syntactic head."""
    anchor: int
    """Token index that owns the trigger's arguments (a light verb for 'launched an attack')."""
    sentence: int
    """Index of the sentence in ``doc.sents``."""
    eventive: bool = True
    """False for mentions that type a text but make no event (modifiers, generic plurals)."""
    generic: bool = False
    """True for triggers whose sub-type comes from instrument and target cues ('attack')."""


def is_territory(mention: Mention) -> bool:
    """A change of territory by force, whose sub-type follows the actor ('seized', 'retook')."""
    return mention.lemma in territory_lemmas() and mention.subtype in TERRITORY_SUBTYPES


def find_mentions(doc: Doc, sents: Sequence[Span] | None = None) -> list[Mention]:
    """Every trigger of the lexicon in ``doc`` that passes its context checks.

    Args:
        doc: A parsed document.
        sents: ``list(doc.sents)``, when the caller has it already.

    Returns:
        Mentions in document order, one per trigger (the longest and heaviest match wins).
    """
    found: list[Mention] = []
    for s_index, sent in enumerate(sents if sents is not None else doc.sents):
        context = sentence_words(sent)
        stopped = _stopped(doc, sent)
        i = sent.start
        while i < sent.end:
            best, length = (None, 1) if i in stopped else _best_at(doc, i, sent, s_index, context)
            if best is not None:
                found.append(best)
            i += length
    return found


def _best_at(
    doc: Doc, i: int, sent: Span, s_index: int, context: SentenceWords
) -> tuple[Mention | None, int]:
    """The heaviest trigger starting at token ``i`` whose context checks pass, and its
    length in tokens (1 when none)."""
    best: Mention | None = None
    length = 1
    for key in dict.fromkeys(doc_token_keys(doc)[i]):
        for words, entry in trigger_index().get(key, ()):
            if not _phrase_at(doc, i, words, sent.end):
                continue
            size = len(words) if consecutive(doc, i, words) else 1
            tokens = list(doc[i : i + size])
            root = doc[i : i + size].root
            phrase = " ".join(words)
            if not _entry_applies(entry, phrase, tokens, root, context):
                continue
            weight = entry.weight + PHRASE_LENGTH_BONUS * len(words)
            if best is None or weight > best.weight:
                length = size
                best = Mention(
                    start=doc[i].idx,
                    end=doc[i + size - 1].idx + len(doc[i + size - 1]),
                    lemma=phrase,
                    subtype=entry.subtype,
                    weight=weight,
                    root=root.i,
                    anchor=_anchor(root).i,
                    sentence=s_index,
                    eventive=_eventive(root, entry),
                    generic=entry.generic,
                )
    return best, length


def _phrase_at(doc: Doc, i: int, words: tuple[str, ...], limit: int) -> bool:
    if i + len(words) <= limit and consecutive(doc, i, words):
        return True
    return _separated_particle(doc, i, words)


def _separated_particle(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    """'drove the militants out', 'shot it down': a phrasal verb split by its object."""
    if len(words) != 2 or words[1] not in PARTICLES or words[0] not in doc_token_keys(doc)[i]:
        return False
    return any(c.lower_ == words[1] and c.i > i + 1 for c in doc[i].children)


def _stopped(doc: Doc, sent: Span) -> set[int]:
    """Token indices inside phrases that are never triggers ("according to")."""
    index = stop_index()
    token_keys = doc_token_keys(doc)
    found: set[int] = set()
    for i in range(sent.start, sent.end):
        for key in token_keys[i]:
            for words in index.get(key, ()):
                if consecutive(doc, i, words) and i + len(words) <= sent.end:
                    found.update(range(i, i + len(words)))
    return found


def _entry_applies(
    entry: TriggerEntry,
    phrase: str,
    tokens: list[Token],
    root: Token,
    context: SentenceWords,
) -> bool:
    words, text = context
    if root.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
        return False  # "26 March" is a date, not a march
    allowed = entry.pos
    single = len(tokens) == 1
    proper_noun = root.pos_ == "PROPN" and bool(allowed) and "NOUN" in allowed
    if single and allowed and root.pos_ not in allowed and not proper_noun:
        return False
    if single and entry.tags and root.tag_ not in entry.tags:
        return False
    if entry.requires and not has_any(words, text, entry.requires):
        return False
    if entry.forbids and has_any(words, text, entry.forbids):
        return False
    extra = entry.requires_for.get(phrase)
    if extra and not has_any(words, text, extra):
        return False
    extra = entry.forbids_for.get(phrase)
    if extra and has_any(words, text, extra):
        return False
    if entry.requires_object:
        return _object_ok([*tokens, root], entry.requires_object, entry.forbids_object)
    if entry.property:
        return _property_target(tokens, root)
    return True


def _object_ok(
    mention_tokens: list[Token], words: Sequence[str], forbidden: Sequence[str] = ()
) -> bool:
    """Whether the trigger's object phrase names one of ``words`` and none of ``forbidden``."""
    wanted, unwanted = set(words), set(forbidden)
    heads = object_heads(mention_tokens)
    heads += [c for h in heads for c in h.children if c.dep_ in {"conj", "appos", "compound"}]
    if any(noun_keys(h) & unwanted for h in heads):
        return False  # the object itself, not a noun nested in its phrase
    found = False
    for part in object_phrases(mention_tokens):
        keys = noun_keys(part)
        if keys & wanted or ("city" in wanted and part.dep_ != "compound" and toponym_like(part)):
            found = True
        elif "city" in wanted and part.dep_ == "dobj" and part.pos_ == "PROPN":
            found = True  # "recaptured Palmyra", whatever the model's entity label
    return found


def _property_target(tokens: list[Token], root: Token) -> bool:
    """Destruction counts as an event when property is hit, not a tally of lost equipment."""
    property_words = class_words("property")
    for token in [*tokens, root]:
        for arg in argument_tokens(token):
            if arg.lemma_.lower() in property_words and not counted(arg):
                return True
    return False


def _anchor(root: Token) -> Token:
    """The token owning a trigger's arguments: a light verb for 'launched an attack'."""
    if root.pos_ in {"NOUN", "PROPN"} and root.dep_ in {"dobj", "nsubjpass"}:
        head = root.head
        if head.lemma_.lower() in LIGHT_VERBS:
            return head
    return root


def _eventive(root: Token, entry: TriggerEntry) -> bool:
    """Whether a trigger occurrence reports an event rather than naming a kind of one."""
    if root.dep_ == "compound" and root.head.pos_ in {"NOUN", "PROPN"}:
        return False  # "post bombing assessment", "the strike force"
    if root.dep_ == "amod" or (root.dep_ == "acl" and root.tag_ == "VBN"):
        return False  # "wounded soldiers", "children injured and killed in attacks"
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return False  # "it is a battle for control": a characterization
    if root.pos_ == "NOUN" and root.tag_ in {"NNS", "NNPS"}:
        determined = any(c.dep_ in {"det", "poss", "nummod"} for c in root.children)
        specific = any(c.dep_ == "prep" and c.lower_ in {"in", "on", "at"} for c in root.children)
        if not determined and not specific and not entry.protest:
            return False  # "casualties of attacks": a generic plural
    return True
