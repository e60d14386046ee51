"""Attribution after the claim when the parser misreads it: ``..., army sources told AFP``.

A wire sentence often ends with its source: ``Five guards died in the raid, police sources
told AFP on Monday``. The parser may hang such a cue off the claim's verb (a ``conj`` or an
``advcl``), leave it without a subject (``..., an officer from the port police told X``),
read an inverted ``said a witness`` as having no subject, or read the speaker as the head
of the cue (``An official, Jo Bako, told AFP that ...``, the cue an ``acl``). The speaker
is then the noun phrase set off by a comma right before the cue (or right after an inverted
one), and the claim is the sentence before that comma.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .._base import sentence_of
from .context import DocContext
from .lexicon import cues
from .settings import POSTPOSED_SPEAKER_MAX_TOKENS, POSTPOSED_TAIL_MAX_TOKENS
from .syntax import FINITE_TAGS, SUBJECTS, noun_phrase

CLAIM_MIN_TOKENS = 3
"""Tokens the sentence needs before the speaker's comma to hold a claim."""


def speaker_apart(cue: Token, *, inverted: bool) -> SpacySpan | None:
    """The speaker of a cue the parser gave no subject (or another verb's), next to the cue.

    Args:
        cue: The cue verb.
        inverted: Whether ``said a witness`` (the speaker after the cue) may be read.
    """
    if cue.tag_ not in FINITE_TAGS:
        return None
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN") and cue.head.i < cue.i:
        if any(c.dep_ == "ccomp" for c in cue.children):  # "An official, X, told AFP that"
            return noun_phrase(cue.head)
        return None
    after = _inverted(cue) if inverted else None
    return after if after is not None else _after_comma(cue)


def claim_before(ctx: DocContext, cue: Token, speaker: SpacySpan) -> tuple[int, int] | None:
    """The sentence before ``, SPEAKER cue`` (or ``, cue SPEAKER``), or None if it is not so."""
    if cue.lemma_.lower() in cues().not_parenthetical or any(
        c.dep_ == "ccomp" for c in cue.children
    ):
        return None
    if cue.tag_ not in FINITE_TAGS or cue.dep_ == "relcl":
        return None
    if speaker.end != cue.i and speaker.start != cue.i + 1:
        return None  # the speaker stands next to its cue: ", army sources said"
    if sentence_of(cue).end - max(speaker.end, cue.i + 1) > POSTPOSED_TAIL_MAX_TOKENS:
        return None  # ", Smith continues to ... and ...": a sentence of its own
    first = min(speaker.start, cue.i)
    if max(speaker.end, cue.i + 1) < sentence_of(cue).end and not _tail_of(cue, speaker):
        return None
    comma = ctx.doc[first - 1] if first > 0 else None
    sent = sentence_of(cue)
    if comma is None or comma.text != "," or first - 1 - sent.start < CLAIM_MIN_TOKENS:
        return None
    lo, hi = ctx.strip(sent.start, first - 2)
    return ctx.chars(lo, hi) if hi > lo else None


def _tail_of(cue: Token, speaker: SpacySpan) -> bool:
    """Whether only the cue's own words ("told AFP on Monday") follow the speaker and cue."""
    last = max(speaker.end - 1, cue.i)
    rest = [t for t in cue.doc[last + 1 : sentence_of(cue).end] if not (t.is_punct or t.is_space)]
    return all(t.head.i == cue.i or cue.i in [a.i for a in t.ancestors] for t in rest)


def _inverted(cue: Token) -> SpacySpan | None:
    """``..., said a witness``: the noun phrase right after the cue."""
    doc = cue.doc
    if cue.i + 1 >= sentence_of(cue).end or cue.i == sentence_of(cue).start:
        return None
    if doc[cue.i - 1].text != ",":
        return None
    for token in doc[cue.i + 1 : min(cue.i + 4, sentence_of(cue).end)]:
        if token.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(token)
        if token.pos_ not in ("DET", "ADJ", "NUM"):
            return None
    return None


def _after_comma(cue: Token) -> SpacySpan | None:
    """``..., an officer from the port police told X``: the words between a comma and the cue."""
    doc = cue.doc
    first = cue.i
    while first > sentence_of(cue).start and cue.i - first < POSTPOSED_SPEAKER_MAX_TOKENS:
        if doc[first - 1].text == ",":
            break
        first -= 1
    else:
        return None
    words = doc[first : cue.i]
    if not words or any(
        t.pos_ in ("VERB", "AUX", "PRON") or (t.dep_ in SUBJECTS and t.head.i != cue.i)
        for t in words
    ):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    return words
