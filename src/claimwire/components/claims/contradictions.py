"""Contradictions inside one article: claims of different claimants stating opposite states.

A referent is a noun lemma tied by the parse to a state word of ``claims_cues.json``'s
``contradiction`` lists ("the bridge ... had been destroyed" vs "the last remaining
bridge"); a denial contradicts the claims it shares a referent with.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token

from .contradiction_lexicon import contradiction_words
from .denials import claimant_words, denial_links, same_party
from .hits import ClaimHit, Contradiction
from .lexicon import cues

Polarity = Literal["gone", "persists"]
"""What a state word says of its referent: gone (destroyed, captured) or still there."""
OPPOSITE: dict[Polarity, Polarity] = {"gone": "persists", "persists": "gone"}
DENIED = "denied by the party it accuses"
"""The reason of a denial's contradiction."""
PLURAL = frozenset({"NNS", "NNPS"})
"""Tags of plural nouns: a group of which some are gone while others remain."""


def link_contradictions(doc: Doc, hits: list[ClaimHit]) -> list[ClaimHit]:
    """Link claims of different claimants stating opposite states of the same referent.

    Args:
        doc: The document.
        hits: Its claims.

    Returns:
        The claims with ``contradicts`` and ``reasons`` set; links go both ways, each
        with its reason.
    """
    states = {hit.id: _polar_referents(doc, hit) for hit in hits if hit.form != "outlet"}
    links: dict[str, list[Contradiction]] = {}
    attributed = [hit for hit in hits if hit.id in states and hit.parent is None]
    # only claims that share a referent can conflict: pair those, in the same order as all
    # pairs would be (all pairs were quadratic in a long text)
    by_referent: dict[str, list[int]] = {}
    for k, hit in enumerate(attributed):
        for referent in states[hit.id]:
            by_referent.setdefault(referent, []).append(k)
    for k, one in enumerate(attributed):
        partners = {j for referent in states[one.id] for j in by_referent[referent] if j > k}
        for other in (attributed[j] for j in sorted(partners)):
            if one.claimant.name == other.claimant.name:
                continue
            reason = _conflict(states[one.id], states[other.id], one, other)
            if reason is None:
                continue
            referent, why = reason
            links.setdefault(one.id, []).append(Contradiction(other.id, referent, why))
            links.setdefault(other.id, []).append(Contradiction(one.id, referent, why))
    for denial, denied, referent in denial_links(doc, hits):
        if any(link.other == denied for link in links.get(denial, [])):
            continue
        links.setdefault(denial, []).append(Contradiction(denied, referent, DENIED))
        links.setdefault(denied, []).append(Contradiction(denial, referent, DENIED))
    return [
        replace(
            hit,
            contradicts=tuple(link.other for link in links.get(hit.id, [])),
            reasons=tuple(links.get(hit.id, [])),
        )
        for hit in hits
    ]


def _polar_referents(doc: Doc, hit: ClaimHit) -> dict[str, set[Polarity]]:
    """Referent lemma -> polarities ("gone", "persists") stated about it in ``hit``."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return {}
    lexicon = cues()
    words: dict[Polarity, frozenset[str]] = {"gone": lexicon.gone, "persists": lexicon.persists}
    found: dict[str, set[Polarity]] = {}
    for token in span:
        word = token.lemma_.lower()
        for polarity in ("gone", "persists"):
            if word not in words[polarity] and token.lower_ not in words[polarity]:
                continue
            if polarity == "persists" and _posture(token):
                continue
            negated = any(c.dep_ == "neg" for c in token.children)
            state = OPPOSITE[polarity] if negated else polarity
            for noun in _related_nouns(token):
                found.setdefault(noun, set()).add(state)
    return found


def _posture(token: Token) -> bool:
    """A verb of posture with a place ("a boy standing on a corner"): no state of a thing."""
    return token.lemma_.lower() in contradiction_words().posture_verbs and any(
        c.dep_ == "prep" for c in token.children
    )


def _related_nouns(token: Token) -> list[str]:
    """Nouns a state word speaks of: its subject, its object, the noun it modifies."""
    generic = cues().generic_referents
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
        if noun.tag_ in PLURAL:
            continue  # "militants killed" and "militants repelled": some of them, each time
        if noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() not in generic:
            nouns.append(noun.lemma_.lower())
    return nouns


def _pobjs(token: Token) -> list[Token]:
    """The objects of prepositions in ``token``'s subtree."""
    return [child for child in token.subtree if child.dep_ == "pobj"]


def _conflict(
    one: dict[str, set[Polarity]],
    other: dict[str, set[Polarity]],
    first: ClaimHit,
    second: ClaimHit,
) -> tuple[str, str] | None:
    """The shared referent and the reason two claims conflict, or None."""
    for referent in sorted(set(one) & set(other)):
        if ("gone" in one[referent] and "persists" in other[referent]) or (
            "persists" in one[referent] and "gone" in other[referent]
        ):
            return referent, "gone vs still there"
    if (first.hedge == "denied") != (second.hedge == "denied") and not _one_party(first, second):
        shared = sorted(set(one) & set(other))
        if shared:
            return shared[0], "denied vs asserted"
    return None


def _one_party(first: ClaimHit, second: ClaimHit) -> bool:
    """Two claimants of one party (a government and its ministry): a denial by one does
    not deny what the other states."""
    side, other_side = first.claimant.side, second.claimant.side
    if side and other_side and side == other_side:
        return True
    return same_party(claimant_words(first), claimant_words(second))
