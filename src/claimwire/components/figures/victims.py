"""Civilian victims: the side of people counted without a side word.

- "a drone strike killed 14 people", "five people were killed by bandits", "two dead in
  shelling": generic people killed or injured by an attack or by attackers are civilians,
  unless the attack was on a military target ("an attack on an army base");
- "30 civilians were killed, including 12 men": a subset of counted people takes the side
  of the figure it is part of (and civilians' subsets are civilians);
- "three men and two women were killed": generic people listed with civilians are civilians;
- "40,000 people fled": generic people displaced are civilians;
- "30 houses were destroyed", "dozens of private cars": homes, public buildings and what a
  civilian modifier marks are civilian losses.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...vocab import Category, Measure
from .categories import categorize, category_group, token_forms
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


def cause_arguments(trigger: Token) -> Iterator[Token]:
    """The nouns that may say what did it: the subject, the agent and the objects of cause
    prepositions of ``trigger``, and of the clause it hangs from in a headline fragment
    ("Three dead and 30 injured in strikes")."""
    heads = [trigger]
    if trigger.dep_ in ("amod", "acl", "conj") and trigger.head != trigger:
        heads.append(trigger.head)
        heads.extend(c for c in trigger.head.children if c.dep_ in ("acl", "conj", "amod"))
    if trigger.dep_ == "relcl":
        yield from _relative_antecedents(trigger.head)  # "an attack that killed 10 people"
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


def _relative_antecedents(noun: Token) -> Iterator[Token]:
    """The noun a relative clause hangs from, and the nouns whose place phrases hold it:
    "the attack on a mosque in the city that killed 40" may mean the attack."""
    yield noun
    for _ in range(SUBSET_HOPS):
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.head.pos_ != "NOUN":
            return
        noun = noun.head.head
        yield noun


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
            lemma = target.lemma_.lower()
            if lemma in lex.military_target_nouns or lemma in lex.attacker_nouns:
                return True
    return False


def _does_violence(noun: Token) -> bool:
    """Whether ``noun`` is an attack ("strike", "shelling") or attackers ("gunmen"), also
    through a quantity ("a series of drone strikes")."""
    lex = load_lexicon()
    lemma = noun.lemma_.lower()
    if lemma in lex.attacker_nouns or noun.lower_ in lex.attacker_nouns:
        return True
    if any(c.dep_ == "amod" and c.lower_ in lex.attacker_modifiers for c in noun.children):
        return category_group(categorize([token_forms(noun)])) == "people"  # "armed men"
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
    elif counted.kind != "none":
        return False
    return any(_does_violence(noun) for noun in cause_arguments(trigger.token))


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


def civilian_losses(counted: Counted, category: Category | None, measure: Measure | None) -> bool:
    """Whether a figure counts civilians or their property by what it is: generic people
    displaced or listed with civilians, homes destroyed, "private cars"."""
    lex, head = load_lexicon(), counted.head
    if category in (None, "people") and measure in lex.civilian_measures:
        return counted.kind in ("noun", "none", "partitive")
    if head is None or counted.kind != "noun":
        return False
    if category_group(category) == "people":
        return category == "people" and _listed_with_civilians(head)
    if any(
        c.dep_ in ("amod", "compound") and c.lower_ in lex.civilian_modifiers for c in head.children
    ):
        return True
    if category_group(category) != "property":
        return False
    before = head.doc[head.i - 1].lower_ if head.i > 0 else ""
    nouns = lex.civilian_property_nouns
    return head.lemma_.lower() in nouns or f"{before} {head.lemma_.lower()}" in nouns


def _listed_with_civilians(head: Token) -> bool:
    """ "three men and two women", "six people, three women and three children": a generic
    noun of people coordinated with, or set in apposition to, civilians."""
    if head.lemma_.lower() not in load_lexicon().generic_people_nouns | {"man"}:
        return False
    neighbours = [*head.conjuncts]
    neighbours += [c for c in head.children if c.dep_ == "appos"]
    for appos in [c for c in head.children if c.dep_ == "appos"]:
        neighbours += appos.conjuncts
    return any(categorize([token_forms(t)]) in CIVILIAN_CATEGORIES for t in neighbours)
