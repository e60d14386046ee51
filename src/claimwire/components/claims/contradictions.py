"""Contradictions inside one article: claims of different claimants stating opposite states."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .lexicon import word_sets

if TYPE_CHECKING:
    from .find import ClaimHit


@dataclass(frozen=True)
class Contradiction:
    """Why a claim contradicts another one: the shared referent and the opposite states."""

    other: str
    referent: str
    reason: str


def _polar_referents(doc: Doc, hit: ClaimHit) -> dict[str, set[str]]:
    """Referent lemma -> polarities ("gone", "persists") stated about it in ``hit``."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return {}
    lexicon = word_sets()
    found: dict[str, set[str]] = {}
    for token in span:
        word = token.lemma_.lower()
        for polarity in ("gone", "persists"):
            if word not in lexicon[polarity] and token.lower_ not in lexicon[polarity]:
                continue
            negated = any(c.dep_ == "neg" for c in token.children)
            state = ("persists" if polarity == "gone" else "gone") if negated else polarity
            for noun in _related_nouns(token):
                found.setdefault(noun, set()).add(state)
    return found


def _related_nouns(token: Token) -> list[str]:
    """Nouns a state word speaks of: its subject, its object, the noun it modifies."""
    generic = word_sets()["generic"]
    nouns = []
    candidates = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if token.dep_ in ("amod", "compound") or token.pos_ == "ADJ":
        candidates.append(token.head)
    if token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX"):
        candidates.extend(c for c in token.head.children if c.dep_ in ("nsubj", "attr", "dobj"))
        candidates.extend(
            p for c in token.head.children if c.dep_ in ("attr", "dobj") for p in _pobjs(c)
        )
    for noun in candidates:
        if noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() not in generic:
            nouns.append(noun.lemma_.lower())
    return nouns


def _pobjs(token: Token) -> list[Token]:
    found = []
    for child in token.subtree:
        if child.dep_ == "pobj":
            found.append(child)
    return found


def link_contradictions(doc: Doc, hits: list[ClaimHit]) -> list[ClaimHit]:
    """Link claims of different claimants stating opposite states of the same referent.

    A referent is a noun lemma tied by the parse to a state word of
    ``claims_cues.json``'s ``contradiction`` lists ("the bridge ... had been destroyed" vs
    "the last remaining bridge"); a denial contradicts the claims it shares a referent
    with. Links go both ways, each with its reason.
    """
    states = {hit.id: _polar_referents(doc, hit) for hit in hits if hit.form != "outlet"}
    links: dict[str, list[Contradiction]] = {}
    attributed = [hit for hit in hits if hit.id in states and hit.parent is None]
    for k, one in enumerate(attributed):
        for other in attributed[k + 1 :]:
            if one.claimant.name == other.claimant.name:
                continue
            reason = _conflict(states[one.id], states[other.id], one, other)
            if reason is None:
                continue
            referent, why = reason
            links.setdefault(one.id, []).append(Contradiction(other.id, referent, why))
            links.setdefault(other.id, []).append(Contradiction(one.id, referent, why))
    return [
        replace(
            hit,
            contradicts=tuple(link.other for link in links.get(hit.id, [])),
            reasons=tuple(links.get(hit.id, [])),
        )
        for hit in hits
    ]


def _conflict(
    one: dict[str, set[str]], other: dict[str, set[str]], first: ClaimHit, second: ClaimHit
) -> tuple[str, str] | None:
    for referent in sorted(set(one) & set(other)):
        if ("gone" in one[referent] and "persists" in other[referent]) or (
            "persists" in one[referent] and "gone" in other[referent]
        ):
            return referent, "gone vs still there"
    if (first.hedge == "denied") != (second.hedge == "denied"):
        shared = sorted(set(one) & set(other))
        if shared:
            return shared[0], "denied vs asserted"
    return None
