"""A claim and its denial inside one article: an accusation and the accused's denial.

A denial is a claim hedged ``denied`` ("the coalition denied being behind the attack"), a
claim rejecting its claimant's part ("... has nothing to do with Azerbaijan"), or a
sentence reporting that somebody denied ("The defence ministry denied the allegations
that ..."), whose denier is the verb's subject. It contradicts the nearest attributed
claim of another party that names the denier ("Amnesty said the coalition used a guided
bomb"), or whose claimant the denial names ("denied Armenia's allegations"). A claim of
the denier's own party (the same claimant, the same side, a name the denier shares) is
never its target, nor is the outlet's narration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .contradiction_lexicon import contradiction_words
from .hits import ClaimHit
from .lexicon import cues

STEM_CHARS = 6
"""Letters two party words share at least to name one party ("Azerbaijani", "Azerbaijan")."""


@dataclass(frozen=True)
class Denial:
    """A claim that denies, who denies, and the words naming a party it speaks of."""

    claim: ClaimHit
    denier: frozenset[str]
    named: frozenset[str]


def denial_links(doc: Doc, hits: list[ClaimHit]) -> list[tuple[str, str, str]]:
    """Pairs (denial claim id, denied claim id, referent) of one article.

    Args:
        doc: The document.
        hits: Its claims, ids set.

    Returns:
        At most one denied claim per denial: the nearest claim of another party that
        names the denier, or whose claimant the denial names.
    """
    links = []
    targets = [hit for hit in hits if hit.form != "outlet" and hit.parent is None]
    words = {hit.id: _content_words(doc, hit) for hit in targets}
    # targets by the keys of their claimant's and their content's words: a denial reads
    # only the claims that share a party word with it (all of them: quadratic in a long text)
    by_claimant: dict[str, list[int]] = {}
    by_content: dict[str, list[int]] = {}
    for k, target in enumerate(targets):
        content, speaker = words[target.id]
        for key in _keys(claimant_words(target) | speaker):
            by_claimant.setdefault(key, []).append(k)
        for key in _keys(content):
            by_content.setdefault(key, []).append(k)
    for denial in _denials(doc, hits):
        near = {k for key in _keys(denial.named) for k in by_claimant.get(key, ())}
        near |= {k for key in _keys(denial.denier) for k in by_content.get(key, ())}
        candidates = [targets[k] for k in sorted(near)]
        best = _nearest(denial, [t for t in candidates if _accuses(t, words[t.id], denial)])
        if best is not None:
            referent = " ".join(sorted(denial.denier))
            links.append((denial.claim.id, best.id, referent))
    return links


def _denials(doc: Doc, hits: list[ClaimHit]) -> list[Denial]:
    """The claims that deny, with their denier's party words."""
    phrases = contradiction_words().denial_phrases
    cues_at = {hit.cue_start for hit in hits if hit.cue_start is not None}
    found = []
    for hit in hits:
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if hit.parent is not None or span is None:
            continue
        if hit.form != "outlet" and (
            hit.hedge == "denied" or any(p in span.text.lower() for p in phrases)
        ):
            cue = _denial_verb(doc[span.start : span.end], hit)
            named = _accuser(cue) if cue is not None else frozenset()
            # a joint denial ("the army and the ministry deny ...") speaks for every party
            # of its subject, not only for the claimant it was given
            joint = _party_words(_subject(cue)) if cue is not None else frozenset()
            found.append(Denial(hit, claimant_words(hit) | joint, named))
            continue
        verb = _denial_verb(span, None)
        if verb is not None and verb.idx not in cues_at:  # a denial claim of its own
            found.append(Denial(hit, _party_words(_subject(verb)), _accuser(verb)))
    return [denial for denial in found if denial.denier]


def _denial_verb(span: Span, hit: ClaimHit | None) -> Token | None:
    """The denial verb of a claim: at its cue, else the first one inside ``span``."""
    verbs = contradiction_words().denial_verbs
    if hit is not None and hit.cue_start is not None and hit.cue_end is not None:
        cue = span.doc.char_span(hit.cue_start, hit.cue_end, alignment_mode="expand")
        tokens = list(cue) if cue is not None else []
    else:
        tokens = list(span)
    return next(
        (t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in verbs),
        None,
    )


def _subject(verb: Token) -> list[Token]:
    """The words naming who denies: the verb's nominal subject, and a name set before it
    in a headline ("Mali, French army deny ...")."""
    words: list[Token] = []
    for child in verb.children:
        if child.i < verb.i and (
            child.pos_ == "PROPN" or (child.dep_ == "nsubj" and child.pos_ == "NOUN")
        ):
            words.extend(child.subtree)
    return words


def _accuser(verb: Token) -> frozenset[str]:
    """Whose allegation a denial names: "denied Armenia's allegations", "claims by X"."""
    owners = [
        owner
        for obj in verb.children
        if obj.dep_ == "dobj"
        for owner in obj.children
        if owner.dep_ == "poss" or (owner.dep_ == "prep" and owner.lower_ == "by")
    ]
    words: list[str] = []
    for owner in owners:
        words.extend(t.text for t in owner.subtree if t.dep_ != "case")
    return _clean(words)


def claimant_words(hit: ClaimHit) -> frozenset[str]:
    """The party words of a claim's claimant: its name, its side."""
    words = hit.claimant.name.split()
    if hit.claimant.side:
        words += hit.claimant.side.split()
    return _clean(words)


def _party_words(tokens: Iterable[Token]) -> frozenset[str]:
    """The words of proper names and their adjectives that may name a party."""
    return _clean(
        token.text
        for token in tokens
        if token.pos_ == "PROPN" or (token.ent_type_ in ("NORP", "GPE", "ORG"))
    )


def _clean(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased party words, without those that name no party in particular."""
    generic = contradiction_words().party_generic
    found = set()
    for word in words:
        text = str(word).lower().strip(".,’'\"()")
        if len(text) > 2 and text not in generic:
            found.add(text)
    return frozenset(found)


def same_party(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two sets of party words share a party ("azerbaijani" and "azerbaijan")."""
    return any(
        a == b or (min(len(a), len(b)) >= STEM_CHARS and a[:STEM_CHARS] == b[:STEM_CHARS])
        for a in one
        for b in other
    )


def _keys(words: Iterable[str]) -> set[str]:
    """What :func:`same_party` compares of each word: two sets of words share a party exactly
    when they share a key (a short word whole, a longer one's first ``STEM_CHARS``)."""
    return {word if len(word) < STEM_CHARS else word[:STEM_CHARS] for word in words}


def _content_words(doc: Doc, hit: ClaimHit) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a claim's content, and those of a speaker named inside it ("X said").

    A content that names its own speaker is another attribution the claim swallowed: it
    offers no words of its own to tie it to a denier, only the speaker's.
    """
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return frozenset(), frozenset()
    speaking = cues().verbs
    speakers = {
        t.i
        for verb in span
        if verb.lemma_.lower() in speaking and verb.dep_ != "relcl"  # a claim of its own
        for child in verb.children
        if child.dep_ in ("nsubj", "nsubjpass")
        for t in child.subtree
    }
    if speakers:
        return frozenset(), _clean(doc[i].text for i in speakers)
    return _clean(token.text for token in span if token.is_alpha), frozenset()


def _accuses(
    target: ClaimHit, words: tuple[frozenset[str], frozenset[str]], denial: Denial
) -> bool:
    """``target`` is another party's claim naming the denier, or named by the denial."""
    if target.id == denial.claim.id or target.hedge == "denied":
        return False
    content, speaker = words
    claimant = claimant_words(target) | speaker
    if same_party(claimant, denial.denier):
        return False
    if denial.claim.form != "outlet" and target.claimant.name == denial.claim.claimant.name:
        return False
    side, denier_side = target.claimant.side, denial.claim.claimant.side
    if side and denier_side and side == denier_side:
        return False
    return same_party(denial.named, claimant) or same_party(content, denial.denier)


def _nearest(denial: Denial, candidates: list[ClaimHit]) -> ClaimHit | None:
    """The candidate closest to the denial in the text (either side)."""
    start, end = _extent(denial.claim)

    def gap(hit: ClaimHit) -> int:
        other_start, other_end = _extent(hit)
        return max(other_start - end, start - other_end, 0)

    return min(candidates, key=gap, default=None)


def _extent(hit: ClaimHit) -> tuple[int, int]:
    """Where a claim lies in the text, its cue included."""
    if hit.cue_start is None or hit.cue_end is None:
        return hit.start, hit.end
    return min(hit.start, hit.cue_start), max(hit.end, hit.cue_end)
