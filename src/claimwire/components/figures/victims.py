"""Civilian victims: the side of people counted without a side word.

- "a drone strike killed 14 people", "five people were killed by bandits", "two dead in
  shelling": generic people killed or injured by an attack or by attackers are civilians,
  unless the attack was on a military target ("an attack on an army base");
- "30 civilians were killed, including 12 men": a subset of counted people takes the side
  of the figure it is part of (and civilians' subsets are civilians).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...vocab import Category, Measure
from .categories import category_group
from .counted import Counted
from .hits import FigureHit
from .lexicon import load_lexicon
from .triggers import Trigger

CIVILIAN = "civilian"
"""The side of civilians (the word the set's annotation and the store use)."""

CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women"})
"""Categories whose subsets are civilians too ("10 civilians, including 4 men")."""

VICTIM_MEASURES = frozenset({"killed", "injured", "casualties"})
"""Measures an attack inflicts on its victims."""

CAUSE_PREPS = frozenset({"in", "after", "following", "during", "by", "from", "amid"})
"""Prepositions whose object says what killed or injured ("killed in shelling")."""

SUBSET_PREPS = frozenset({"including", "among"})
"""Prepositions that open a subset of an earlier count ("30 people, including 4 children")."""

SUBSET_HOPS = 3
"""Heads climbed from a subset's number to its "including" ("including 4 women and 2 ...")."""


def _arguments(trigger: Token) -> Iterator[Token]:
    """The nouns that may say what did it: the subject, the agent and the objects of cause
    prepositions of ``trigger``, and of the clause it hangs from in a headline fragment
    ("Three dead and 30 injured in strikes")."""
    heads = [trigger]
    if trigger.dep_ in ("amod", "acl", "conj") and trigger.head != trigger:
        heads.append(trigger.head)
        heads.extend(c for c in trigger.head.children if c.dep_ in ("acl", "conj", "amod"))
    if trigger.dep_ == "relcl":
        yield trigger.head  # "an attack that killed 10 people"
    for head in heads:
        for child in head.children:
            if child.dep_ == "nsubj":
                yield child
            elif child.dep_ == "agent" or (
                child.dep_ in ("prep", "xcomp", "advcl") and child.lower_ in CAUSE_PREPS
            ):  # "killed in shelling", "dead following strikes" (read as a verb)
                yield from (c for c in child.children if c.dep_ in ("pobj", "dobj"))
    if trigger.dep_ == "xcomp":  # "an airstrike is believed to have killed 100 people"
        yield from (c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass"))


def _military_target(noun: Token) -> bool:
    """ "an attack on an army base", "strikes against militants": a target that is no
    civilian one."""
    lex = load_lexicon()
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "against"):
            continue
        for target in prep.children:
            if target.dep_ != "pobj":
                continue
            if target.lemma_.lower() in lex.military_target_nouns:
                return True
            if target.lemma_.lower() in lex.attacker_nouns or target.lemma_.lower() in (
                "soldier",
                "troop",
                "army",
                "police",
                "force",
            ):
                return True
    return False


def _does_violence(noun: Token) -> bool:
    """Whether ``noun`` is an attack ("strike", "shelling") or attackers ("gunmen"), also
    through a quantity ("a series of drone strikes")."""
    lex = load_lexicon()
    lemma = noun.lemma_.lower()
    if lemma in lex.attacker_nouns or noun.lower_ in lex.attacker_nouns:
        return True
    if lemma in lex.attack_nouns:
        return not _military_target(noun)
    return any(
        prep.lower_ == "of" and _does_violence(target)
        for prep in noun.children
        if prep.dep_ == "prep"
        for target in prep.children
        if target.dep_ == "pobj"
    )


def _toll_of_attack(counted: Counted) -> bool:
    """ "the death toll from the missile attack on the city has risen to 13": a toll whose
    phrase names the attack it counts the victims of."""
    return any(
        token.dep_ == "pobj" and token.head.lower_ in CAUSE_PREPS | {"of"} and _does_violence(token)
        for token in counted.side_tokens or []
    )


def civilian_victims(
    counted: Counted,
    category: Category | None,
    trigger: Trigger | None,
    measure: Measure | None,
) -> bool:
    """Whether a figure counts generic people an attack or attackers killed or injured."""
    if trigger is None or measure not in VICTIM_MEASURES or category not in (None, "people"):
        return False
    if counted.kind == "noun":
        head = counted.head
        if head is None or head.lemma_.lower() not in load_lexicon().generic_people_nouns:
            return False
    elif counted.kind == "subject":
        return category in (None, "people") and _toll_of_attack(counted)
    elif counted.kind != "none" or category is not None:
        return False
    return any(_does_violence(noun) for noun in _arguments(trigger.token))


def subset_side(anchor: Token, found: list[FigureHit], sent: Span) -> str | None:
    """The side a subset takes from the count it belongs to ("30 civilians were killed,
    including 12 men" -> civilian; "40 Kurds, of whom five civilians" -> Kurds).

    Args:
        anchor: The counted head of the subset figure, else its number's root token.
        found: The figures found so far.
        sent: The sentence of the subset.
    """
    token, parent_token = anchor, None
    for _ in range(SUBSET_HOPS):
        if token.dep_ == "pobj" and token.head.lower_ in SUBSET_PREPS:
            parent_token = token.head.head
            break
        if token.dep_ == "relcl" or (token.dep_ in ("nsubj", "nsubjpass") and _of_whom(token)):
            parent_token = _relative_head(token)
            break
        if token.head == token:
            return None
        token = token.head
    if parent_token is None:
        return None
    for hit in reversed(found):
        if hit.start < sent.start_char:
            break
        if _is_parent(hit, parent_token):
            if hit.side:
                return hit.side
            return CIVILIAN if hit.category in CIVILIAN_CATEGORIES else None
    return None


def _of_whom(token: Token) -> bool:
    """ "of whom three were civilians": the subject's clause has an "of whom" phrase."""
    clause = token.head
    return any(
        child.lower_ == "of" and any(c.lower_ == "whom" for c in child.children)
        for child in [*token.children, *clause.children]
    )


def _relative_head(token: Token) -> Token:
    """The noun a relative clause hangs from."""
    while token.dep_ != "relcl" and token.head != token:
        token = token.head
    return token.head


def _is_parent(hit: FigureHit, token: Token) -> bool:
    """Whether ``token`` is the counted head or the trigger of the earlier figure ``hit``."""
    if category_group(hit.category) != "people":
        return False
    inside = hit.counted_start is not None and hit.counted_end is not None
    if inside and hit.counted_start <= token.idx < hit.counted_end:  # type: ignore[operator]
        return True
    return hit.trigger_start == token.idx
