"""Mentions that are no event of their own: the war as a whole, campaigns and habits, and
the displacement they cause (ACLED codes incidents: one place, one day).

- **Displacement**: 'thousands fled', 'widespread displacement' (a consequence).
- **Deployments**: 'troops were deployed to the area', 'police reinforcements were
  dispatched' (a response to an incident, not one).
- **The war as a whole**: 'the fighting has killed thousands', 'the war that began in
  2014', 'fighting has raged for months', 'has been battling the rebels since 2015'.
- **Campaigns and habits**: 'has increased its attacks', 'the raids persist', 'a strategy
  of targeting civilians', 'gangs who raid villages' (the present tense, outside a
  headline).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import ontology
from .triggers import Mention

PERFECT = frozenset({"has", "have", "had", "'ve"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def no_event(doc: Doc, mention: Mention, *, headline: bool) -> bool:
    """Whether a mention reports no incident (see the module doc).

    Args:
        doc: The parsed document.
        mention: A typed trigger mention.
        headline: The mention is in the headline (whose present tense tells news).
    """
    cues = ontology().campaigns
    if mention.lemma in cues.displacement_lemmas or mention.lemma in cues.deployment_lemmas:
        return True
    root, anchor = doc[mention.root], doc[mention.anchor]
    if root.pos_ == "VERB" or anchor.pos_ == "VERB":
        verb = anchor if anchor.pos_ == "VERB" else root
        return _ongoing(verb) or (not headline and _habitual(verb))
    governor = _governor(root)
    if governor is not None and (
        governor.lemma_.lower() in cues.campaign_verbs
        or (governor.lemma_.lower() in cues.campaign_nouns)
    ):
        return True
    if mention.lemma in cues.war_nouns or root.lemma_.lower() in cues.war_nouns:
        return _whole_war(root, governor)
    return False


def _governor(noun: Token) -> Token | None:
    """The verb or noun a nominal trigger is an argument of ('increased its attacks', 'a
    strategy of targeting', 'the raids persist')."""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
        return head.head
    if noun.dep_ == "pcomp" and head.lower_ == "of":
        return head.head
    return None


def _perfect_or_progressive(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    perfect = any(c.lower_ in PERFECT for c in auxes)
    return perfect or (verb.tag_ == "VBG" and any(c.lower_ == "been" for c in auxes))


def _lasting(token: Token) -> bool:
    """A 'for months' or a 'since ...' phrase on the token."""
    cues = ontology().campaigns
    for child in token.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ == "since":
            return True
        if child.lower_ == "for" and any(
            g.lower_ in cues.duration_nouns for g in child.children if g.dep_ == "pobj"
        ):
            return True
    return False


def _ongoing(verb: Token) -> bool:
    """'has been battling the rebels since 2015', 'have fought for months'."""
    return _perfect_or_progressive(verb) and (verb.tag_ == "VBG" or _lasting(verb))


def _habitual(verb: Token) -> bool:
    """'gangs who raid villages': a present-tense trigger with no auxiliary, reporting a
    habit (a headline's present tense is news: it is not asked here)."""
    if verb.tag_ not in PRESENT_TAGS:
        return False
    return not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _whole_war(noun: Token, governor: Token | None) -> bool:
    """'The fighting has killed thousands', 'the war that began in 2014', 'fighting raging
    for months', 'in the six-week fighting'."""
    cues = ontology().campaigns
    if governor is not None and noun.dep_ in {"nsubj"} and _perfect_or_progressive(governor):
        return True
    for child in noun.children:
        if child.dep_ in {"relcl", "acl"} and (
            child.lemma_.lower() in cues.start_verbs or _lasting(child)
        ):
            return True
    return _lasting(noun)
