"""When two mentions report one incident: a link in the parse, or an anaphoric re-mention.

- **Linked in one sentence.** "An artillery strike hit the village, killing four":
  one trigger governs the other (subject, object, conjunct, relative clause, "during" /
  "in" phrase), so they are one incident whatever their types. A path through a word of
  sequence or cause ("after", "since", "in response to", "amid") joins two incidents.
- **Anaphoric.** "the raid", "this attack", "Sunday's strike": a nominal trigger with a
  definite determiner or a day's possessive names an incident told before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import keys
from .lexicon import ontology
from .settings import LINK_HOPS
from .triggers import Mention

LINK_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "conj",
        "relcl",
        "acl",
        "prep",
        "pobj",
        "advcl",
        "xcomp",
        "compound",
        "appos",
        "agent",
        "npadvmod",
    }
)
"""Dependencies that keep two triggers in one incident ('strike hit', 'killed ... and
kidnapped', 'killed in the assault', 'the attack that targeted')."""

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
"""Determiners of a re-mention."""


def linked(doc: Doc, a: Mention, b: Mention) -> bool:
    """Whether two mentions of one sentence are joined in the parse as one incident: one
    governs the other, or both are arguments of one verb ('the killings took place during
    the assault')."""
    if a.sentence != b.sentence:
        return False
    for x in {a.root, a.anchor}:
        for y in {b.root, b.anchor}:
            low, high = doc[x], doc[y]
            if _path(low, high) or _path(high, low):
                return True
            if low.dep_ in LINK_DEPS and high.dep_ in LINK_DEPS:
                shared = low.head if low.head.i != low.i else None
                if shared is not None and _path(low, shared) and _path(high, shared):
                    return True
    return False


def _path(lower: Token, upper: Token) -> bool:
    """``upper`` governs ``lower`` through incident-keeping links, with no word of
    sequence on the way ('after', 'in response to'), at most ``LINK_HOPS`` heads up."""
    if lower.i == upper.i:
        return True
    token = lower
    for _ in range(LINK_HOPS):
        if token.head.i == token.i:
            return False
        if token.dep_ not in LINK_DEPS or _sequenced(token):
            return False
        token = token.head
        if token.i == upper.i:
            return True
        if _sequenced(token):
            return False
    return False


def _sequenced(token: Token) -> bool:
    """The token is, or is introduced by, a word of sequence or cause (remembered per
    token: the head of thousands of conjuncts is asked by each of them)."""
    memo: dict[str, bool] = token.doc.user_data.setdefault(keys.EVENT_SEQUENCED, {})
    key = str(token.i)
    if key not in memo:
        memo[key] = _sequenced_now(token)
    return memo[key]


def _sequenced_now(token: Token) -> bool:
    sequence = ontology().coreference.sequence_words
    if token.lower_ in sequence or token.lemma_.lower() in sequence:
        return True
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in sequence for c in token.children)


def anaphoric(doc: Doc, mention: Mention) -> bool:
    """A nominal trigger that re-mentions an incident: 'the attack', 'this raid',
    "Sunday's strike" (not 'an attack', 'attacks on convoys', 'the fall of Aleppo': a named
    event)."""
    token = doc[mention.root]
    if token.pos_ != "NOUN" or token.tag_ in {"NNS", "NNPS"} or _named(token):
        return False
    days = ontology().coreference.day_words
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in DEFINITE:
            return True
        if child.dep_ == "poss" and child.lower_ in days:
            return True
    return False


def _named(noun: Token) -> bool:
    """'the fall of Aleppo', 'the siege of Sarajevo': an event named by its place."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.pos_ == "PROPN" for g in child.children if g.dep_ == "pobj")
        for child in noun.children
    )


SENTENCE_ENDS = (".", "!", "?", "\u201d", '"', "'", "\u2019", ":", ";")
"""Ends of a sentence of running text: a headline has none of them."""


def headline_sentences(sents: list[Span]) -> set[int]:
    """The indices of the leading sentences without a final stop: the headline and the
    lines under it ('Drone strike kills nine in north')."""
    heading: set[int] = set()
    for k, sent in enumerate(sents):
        if sent.text.rstrip().endswith(SENTENCE_ENDS):
            break
        heading.add(k)
    return heading
