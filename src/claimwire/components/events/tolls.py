"""Casualty tolls and counts: mentions that report the toll of an event, or a tally.

Tolls of another event ("killed by the invasion", "the bombing killed 12", "hit a
school, killing 11 children") and bare casualty reports with no doer, instrument or
place of their own make no event: such a toll joins the violent event of its sentence
(else the latest of its paragraph), whose targets its victims become. Counted equipment
losses ("1,432 tanks had been destroyed") and totals counted since a start ("displaced
since the war began") or over a past period ("killed in the past 24 hours") make no event
at all.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .actors import ActorIndex, Participant
from .context import Choice, PlaceMention
from .indexes import target_classes
from .lexicon import family, ontology
from .merge import Draft
from .roles import SUBJECT_DEPS, roles, unique_participants
from .settings import MAX_MERGE_DISTANCE
from .subtypes import EXPLOSIONS
from .subtyping import violent
from .syntax import counted
from .triggers import Mention

QUANTITY_WORDS = frozenset({"million", "thousand", "thousands", "hundreds", "millions", "tens"})
"""Words of a large count ('thousands have been displaced since')."""
Toll = tuple[Mention, list[Participant], list[Participant]]
"""A toll mention, its victims and its doers."""


def tally(doc: Doc, mention: Mention) -> bool:
    """'1,432 tanks had been destroyed', '178 of the helicopters were blown up': a loss count."""
    classes = target_classes()
    root = doc[mention.root]
    for child in root.children:
        if child.dep_ not in {"nsubjpass", "dobj", "nsubj"} or not counted(child):
            continue
        heads = [child, *(g for c in child.children if c.dep_ == "prep" for g in c.children)]
        if any(classes.get(h.lemma_.lower()) == "equipment" for h in heads):
            return True
    return False


def running_total(doc: Doc, mention: Mention) -> bool:
    """'12 million people have been displaced since the war broke out': a total counted
    since a start, not an event of the report."""
    root = doc[mention.root]
    if mention.lemma not in {*ontology().casualty_lemmas, *ontology().total_lemmas}:
        return False
    is_counted = any(
        c.dep_ in {"nsubj", "nsubjpass"} and (counted(c) or c.lemma_.lower() in QUANTITY_WORDS)
        for c in root.children
    )
    heads = (root, *(c for c in root.children if c.dep_ in {"advcl", "conj"}))
    since = any(
        c.lower_ == "since" and c.dep_ in {"prep", "mark"} for t in heads for c in t.children
    )
    return is_counted and (since or any(_past_period(t) for t in heads))


def _past_period(token: Token) -> bool:
    """'killed ... in the past 24 hours', 'over the last week': a count of a period."""
    cues = ontology().campaigns
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in cues.period_prepositions:
            continue
        for noun in prep.children:
            if (
                noun.dep_ == "pobj"
                and noun.lemma_.lower() in cues.period_nouns
                and any(c.lower_ in cues.period_modifiers for c in noun.children)
            ):
                return True
    return False


def absorb_caused(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """'killed by the invasion', 'the bombing killed 12': the killing is a toll of the other
    event, not an event. Returns (the other mentions, the tolls)."""
    roots = {m.root for m in mentions}
    eventive_roots = {m.root for m in mentions if m.eventive}
    kept, caused = [], []
    for m in mentions:
        root = doc[m.root]
        agent_events = [
            g.i
            for c in root.children
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"by", "in"})
            for g in c.children
            if g.dep_ in {"pobj", "pcomp"} and g.i in roots
        ]
        if m.lemma in ontology().casualty_lemmas:  # "the bombing killed 12"
            agent_events += [
                c.i
                for c in root.children
                if c.dep_ in SUBJECT_DEPS and c.i in eventive_roots and c.pos_ == "NOUN"
            ]
        if m.generic and (agent_events or _participle_toll(root, m, mentions)):
            caused.append(m)
            continue
        kept.append(m)
    return kept, caused


def _participle_toll(root: Token, mention: Mention, mentions: list[Mention]) -> bool:
    """'an air strike hit a school, killing 11 children': a casualty participle of a
    violent event's verb reports that event's toll, not an event of its own."""
    if mention.lemma not in ontology().casualty_lemmas or root.tag_ != "VBG":
        return False
    if any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return False
    if root.dep_ == "conj" and root.head.tag_ == "VBG":  # '..., killing one and wounding two'
        root = root.head
    if root.dep_ not in {"advcl", "xcomp"}:
        return False
    head = root.head.i
    return any(
        head in {m.root, m.anchor} and m.eventive and violent(m.subtype)
        for m in mentions
        if m is not mention
    )


def bare_casualty(
    mention: Mention, actors: list[Participant], place: tuple[PlaceMention, Choice] | None
) -> bool:
    """'hundreds were wounded': a toll with no actor, instrument or own place is a figure."""
    if mention.lemma not in ontology().casualty_lemmas or actors:
        return False
    if family(mention.subtype) == EXPLOSIONS:
        return False
    return place is None or place[1] != "attached"


def toll_roles(
    doc: Doc, mention: Mention, actors: ActorIndex
) -> tuple[list[Participant], list[Participant]]:
    """(victims, doers) of a toll; its doers only from its own subject ('X kill 12 in an
    attack'), never from a reporting verb above it ('the army said four were wounded')."""
    doers, victims, _historical = roles(doc, mention.root, mention.anchor, actors)
    if not any(c.dep_ == "nsubj" for c in doc[mention.root].children):
        doers = []
    return victims, doers


def absorb_tolls(drafts: list[Draft], tolls: list[Toll], paragraph_of: list[int]) -> None:
    """'A bomb exploded, killing three soldiers', '... Seven people died.': a toll joins the
    violent event of its sentence, else the latest one of its paragraph at most
    ``MAX_MERGE_DISTANCE`` sentences before; its victims become that event's targets, and
    its doers the actors of an event that names none (it makes no event of its own).

    The drafts are indexed by the sentences they hold (kept up to date as tolls join them),
    so a toll reads the drafts of its own and the few sentences before, not all of them."""
    holding = _Holding(drafts)
    for mention, victims, doers in tolls:
        owner = holding.owner(mention.sentence, paragraph_of[mention.sentence])
        if owner is None:
            continue
        draft = drafts[owner]
        draft.mentions.append(mention)
        holding.add(owner, mention.sentence)
        draft.targets = unique_participants([*draft.targets, *victims])
        if not draft.actors:  # 'RSF fighters kill dozens in attack on a camp'
            draft.actors = [d for d in doers if d.name not in {v.name for v in victims}]


class _Holding:
    """The violent drafts by the sentences they hold, in the drafts' order."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = drafts
        self.first = [min(d.sentences) for d in drafts]
        """A draft's first sentence (a toll only joins a draft at or after it)."""
        self.by_sentence: dict[int, list[int]] = {}
        for k, draft in enumerate(drafts):
            if violent(draft.subtype):
                for sentence in draft.sentences:
                    self.by_sentence.setdefault(sentence, []).append(k)

    def add(self, k: int, sentence: int) -> None:
        """Record that draft ``k`` now holds ``sentence``."""
        if sentence not in self.drafts[k].sentences:
            self.drafts[k].sentences.add(sentence)
            bisect.insort(self.by_sentence.setdefault(sentence, []), k)

    def _fits(self, k: int, here: int, paragraph: int) -> bool:
        draft = self.drafts[k]
        return draft.paragraph == paragraph and 0 <= here - self.first[k] <= MAX_MERGE_DISTANCE

    def owner(self, here: int, paragraph: int) -> int | None:
        """The first violent draft of the paragraph that holds sentence ``here``, else the
        one whose last sentence is latest before it (the first of a tie), at most
        ``MAX_MERGE_DISTANCE`` sentences from its first."""
        for k in self.by_sentence.get(here, ()):
            if self._fits(k, here, paragraph):
                return k
        for last in range(here - 1, here - MAX_MERGE_DISTANCE - 1, -1):
            for k in self.by_sentence.get(last, ()):
                if max(self.drafts[k].sentences) == last and self._fits(k, here, paragraph):
                    return k
        return None
