"""How sure a claim sounds: the hedge its cue gives it, raised by hedge markers around it.

A cue gives a hedge (``claim`` -> claimed, ``deny`` -> denied, ``according to`` ->
reported); a marker of ``claims_cues.json``'s ``hedges`` ("reportedly", "If true, ...")
raises the hedges of the claims in its scope. A claim keeps the least sure of its hedges,
in the order of :data:`claimwire.vocab.HEDGE_STRENGTH`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...vocab import HEDGE_STRENGTH, Hedge
from .candidate import Candidate
from .captions import inside
from .context import DocContext
from .lexicon import HedgeScope, cues
from .settings import PREVIOUS_SCOPE_MAX_WORDS


def cue_modality(cue: str) -> Hedge:
    """The hedge of a cue verb lemma or cue phrase ("claim" -> claimed)."""
    lexicon = cues()
    if cue in lexicon.verbs:
        return lexicon.verbs[cue]
    phrases = {phrase.text: phrase.modality for phrase in lexicon.phrases}
    return phrases.get(cue, "asserted")


def stronger(current: Hedge, marker: Hedge) -> Hedge:
    """The less sure of two hedges."""
    return max(current, marker, key=HEDGE_STRENGTH.index)


@lru_cache(maxsize=1)
def hedge_pattern() -> re.Pattern[str]:
    """One pattern matching every hedge marker of the lexicon, longest first."""
    texts = sorted((marker.text for marker in cues().hedges), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in texts) + r")(?!\w)")


def apply_hedges(ctx: DocContext, found: list[Candidate]) -> None:
    """Hedge markers: in the claim's sentence, or opening the next one ("If true")."""
    by_sentence: dict[int, list[Candidate]] = {}
    for candidate in found:
        by_sentence.setdefault(ctx.sent_index(candidate.start), []).append(candidate)
    markers = {marker.text: marker for marker in cues().hedges}
    for match in hedge_pattern().finditer(ctx.text.lower()):
        if ctx.in_quote(match.start()):
            continue
        marker = markers[match.group(0)]
        index = ctx.sent_index(match.start())
        sent = ctx.sents[index]
        opening = ctx.text[sent.start_char : match.start()].lower()
        own = by_sentence.get(index, [])
        previous = by_sentence.get(index - 1, []) if index else []
        opens = match.start() >= sent.start_char and (
            len(opening.split()) <= PREVIOUS_SCOPE_MAX_WORDS
        )
        for candidate in _targets(marker.scope, opens, own, previous):
            candidate.hedge = stronger(candidate.hedge, marker.modality)


def _targets(
    scope: HedgeScope, opens: bool, own: list[Candidate], previous: list[Candidate]
) -> list[Candidate]:
    """The claims a marker hedges, from the claims of its sentence and of the one before.

    Args:
        scope: The marker's scope.
        opens: Whether the marker opens its sentence.
        own: The claims of the marker's sentence.
        previous: The claims of the sentence before.
    """
    if scope == "previous":
        return previous + [c for c in own if c.form == "outlet"] if opens else []
    if scope == "previous_or_sentence":
        attributed = [c for c in own if c.form != "outlet"]
        return attributed or previous or own
    return own


def unattributed(
    ctx: DocContext, found: list[Candidate], captions: list[tuple[int, int]]
) -> list[Candidate]:
    """Passive hedges without a source: ``Ten guards were reportedly killed``.

    A clause hedged by a ``reported`` or ``claimed`` marker of sentence scope ("reportedly",
    "allegedly", "is said to") in a sentence no source is said to claim is a claim of
    nobody named (form ``reported``): the clause of the verb the marker hedges. The
    outlet's claim of the sentence stays for the rest of it.

    Args:
        ctx: The document.
        found: The claims found so far (the outlet's included).
        captions: Character ranges of lines outside the story.

    Returns:
        The hedged clauses' claims.
    """
    markers = {marker.text: marker for marker in cues().hedges}
    attributed = {ctx.sent_index(c.start) for c in found if c.form != "outlet"}
    extra = []
    for match in hedge_pattern().finditer(ctx.text.lower()):
        marker = markers[match.group(0)]
        if marker.scope != "sentence" or marker.modality not in ("reported", "claimed"):
            continue
        if ctx.in_quote(match.start()) or inside(match.start(), captions):
            continue
        if ctx.sent_index(match.start()) in attributed:
            continue
        token = ctx.token_from(match.start())
        if token is None:
            continue
        verb = token.head if token.dep_ in ("advmod", "aux", "auxpass") else token
        lo, hi = ctx.strip(verb.left_edge.i, verb.right_edge.i)
        if hi > lo:
            start, end = ctx.chars(lo, hi)
            extra.append(Candidate(start, end, None, "reported", marker.modality, None))
    return found + extra
