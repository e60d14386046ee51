"""New or background, real or not: the status, irrealis and age of a trigger mention.

``background`` when the date ends more than ``BACKGROUND_DAYS`` before the publication
date, when the trigger is inside a ``since`` clause, carries a relative past cue ("last
month") or is the object of a comparison ("echoed the fall of X"). Events of the distant
past (centuries, historical figures such as "Peter the Great") are comparisons, not
events. Threats, plans, modals, conditionals and negations are irrealis (``hypothetical``,
``negated``).
"""

from __future__ import annotations

import datetime as dt
from itertools import islice

from spacy.tokens import Doc, Token

from .._base import bounded_subtree
from .context import DateMention
from .lexicon import ontology
from .settings import BACKGROUND_CUE_ANCESTORS, BACKGROUND_DAYS, CLAUSE_CHAIN, SUBTREE_CAP
from .triggers import Mention

CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl"})
"""Dependencies through which an irrealis cue above a trigger still governs it."""


def _clause_tokens(doc: Doc, mention: Mention) -> list[Token]:
    anchor = doc[mention.anchor]
    return [anchor, *islice(anchor.ancestors, CLAUSE_CHAIN - 1)]


def irrealis(doc: Doc, mention: Mention) -> tuple[bool, bool]:
    """(negated, hypothetical) of a mention, from its clause and the verbs above it."""
    cues = ontology().irrealis_cues
    modals = set(cues.modals) | set(cues.future)
    plans = set(cues.plan_verbs)
    negated = hypothetical = False
    chain = _clause_tokens(doc, mention)
    for depth, token in enumerate(chain):
        children = list(token.children)
        if depth <= 1 and any(c.dep_ == "neg" for c in children):
            negated = True
        if depth == 0 and any(c.dep_ == "det" and c.lower_ == "no" for c in children):
            negated = True  # "no fighting was reported"
        if token.lemma_.lower() in cues.denial_verbs and depth > 0:
            negated = True
        if any(c.dep_ == "aux" and c.lower_ in modals for c in children) and depth <= 1:
            hypothetical = True
        if depth > 0 and token.lemma_.lower() in plans:
            hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ in cues.conditional for c in children):
            hypothetical = True
        if token.dep_ not in CLAUSE_DEPS and depth > 0:
            break
    return negated, hypothetical


def background_cue(doc: Doc, mention: Mention) -> bool:
    """A 'since' clause, a comparison ('echoed the fall of X') or a relative past cue."""
    cues = ontology().background_cues
    anchor = doc[mention.anchor]
    root = doc[mention.root]
    path = [anchor, *islice(anchor.ancestors, BACKGROUND_CUE_ANCESTORS)]
    for k, token in enumerate(path):
        if any(c.dep_ in {"mark", "prep"} and c.lower_ in cues.since for c in token.children):
            return True
        if not k or root.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma, below = token.lemma_.lower(), path[k - 1]
        if lemma in cues.comparison_verbs:
            return below.dep_ not in {"nsubj", "nsubjpass", "csubj"}
        if lemma in cues.comparison_to_verbs and below.dep_ == "prep":
            return below.lower_ in {"to", "with"}
    sub = bounded_subtree(anchor, SUBTREE_CAP)
    text = " ".join(t.lower_ for t in sub)
    return any(cue in text for cue in cues.relative)


def historical(doc: Doc, mention: Mention, date: DateMention | None) -> bool:
    """An event of centuries or decades ago ('the 19th century conquest'): a comparison."""
    if date is not None and date.granularity in {"century", "decade"}:
        return True
    anchor = doc[mention.anchor]
    words = [t.lower_ for t in bounded_subtree(anchor, SUBTREE_CAP)]
    for k, word in enumerate(words):
        if word in {"century", "centuries"} and k and words[k - 1][:1].isdigit():
            return True
    return False


def is_past(date: DateMention, published: dt.date | None) -> bool:
    """Whether a date ends more than ``BACKGROUND_DAYS`` before the publication date."""
    start, end = date.interval
    last = end or start
    if last is None or published is None:
        return False
    return (published - last).days > BACKGROUND_DAYS
