"""Sides a figure's own words give when no side word (a demonym, a possessor) does.

- the counted noun names a side by itself: "16 insurgents", "40 police officers", "members
  of the security forces" (the lexicon's ``side_nouns``);
- an "of" phrase after the counted noun: "20 fighters of the Wagner group", and for armed
  people the group the model names before them or in it ("12 ISWAP fighters");
- a predicate nominal: "the two others were civilians", "one of the dead was a Hezbollah
  fighter";
- the military target of the attack that killed them: "an attack on Malian forces, killing
  four soldiers" (soldiers and police only: generic people at a base may be anyone);
- losses told along with a sided loss: "250 Ukrainian troops were killed, with 16 tanks
  destroyed";
- the speaker of a quote that tells its own losses: "“We lost nine soldiers,” a Malian
  officer said" (a side word must name the speaker).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from ...vocab import Category, Measure
from .._base import entities_of, sentence_of
from .categories import categorize, token_forms
from .counted import Counted, attachment, np_tokens
from .hits import FigureHit
from .lexicon import load_lexicon
from .triggers import Trigger
from .victims import CIVILIAN, CIVILIAN_CATEGORIES, VICTIM_MEASURES, cause_arguments

TARGET_PREPS = frozenset({"on", "against"})
"""Prepositions whose object is the target of an attack ("an attack on the base")."""

FIRST_PERSON_OWNERS = frozenset({"we", "our"})
"""Words by which a speaker owns what is counted ("we lost", "our soldiers")."""

LOSS_MEASURES = frozenset({"killed", "injured", "casualties", "captured", "destroyed", "damaged"})
"""Measures of losses a "with" phrase may add to ("killed, with 16 tanks destroyed")."""

WITH_HOPS = 4
"""Heads climbed from a counted noun to the "with" that adds it to a loss ("with 16 tanks and
21 armoured carriers destroyed")."""

ARMED = frozenset({"soldiers", "fighters", "police"})
"""Categories of armed people, whom a group's name before them or in their "of" phrase owns."""

GROUP_ENTITIES = frozenset({"ORG", "NORP"})
"""Entity labels of groups that may be a side (not places: "Kharkiv police" is no party)."""

UNIFORMED = frozenset({"soldiers", "police"})
"""Categories of people an attack on their own forces or posts kills."""


def side_of(tokens: list[Token]) -> str | None:
    """The side the first side word among ``tokens`` designates ("Russian" -> Russia;
    "pro-Assad" -> pro-Assad); a side word of an attack names the attacker, not the
    counted ("the toll of the Russian strike")."""
    lex = load_lexicon()
    for token in tokens:
        if token.dep_ in ("amod", "compound", "poss", "nmod") and (
            token.head.lemma_.lower() in lex.attack_nouns
        ):
            continue
        partisan = _partisan(token)
        if partisan is not None:
            return partisan
        if token.lower_ in lex.sides:
            return lex.sides[token.lower_]
    return None


def _partisan(token: Token) -> str | None:
    """ "pro-Assad fighters": the side of a name after "pro-" (the lexicon's own entry for
    "pro-russian" first)."""
    if not _after_pro(token):
        return None
    sides = load_lexicon().sides
    written = f"pro-{token.lower_}"
    if written in sides:
        return sides[written]
    if token.lower_ in sides or token.pos_ == "PROPN" or token.is_title:
        return f"pro-{token.text}"
    return None


def _after_pro(token: Token) -> bool:
    """Whether ``token`` follows "pro-" ("pro-Assad")."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "pro"


def _keys(token: Token) -> Iterator[str]:
    """Lookup keys of a head noun: with the modifier right before it first ("police
    officer"), then its lemma and its word."""
    lemma, word = token.lemma_.lower(), token.lower_
    if token.i > 0:
        before = token.doc[token.i - 1]
        if (
            before.head == token
            and before.dep_ in ("compound", "amod", "nmod")
            and not _after_pro(before)
        ):
            yield f"{before.lower_} {lemma}"
            yield f"{before.lower_} {word}"
    yield lemma
    yield word


def _of_object(token: Token) -> Token | None:
    """The object of the "of" phrase of ``token`` ("members of the security forces")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def noun_side(head: Token) -> str | None:
    """The side a counted noun names by itself ("insurgents", "police officers"), also
    through a group noun ("members of the security forces")."""
    lex = load_lexicon()
    if head.lemma_.lower() in lex.group_nouns:
        whole = _of_object(head)
        if whole is None:
            return None
        head = whole
    return next((lex.side_nouns[key] for key in _keys(head) if key in lex.side_nouns), None)


def _phrase_side(noun: Token) -> str | None:
    """The side of a noun phrase: a side word in it or in its "of" phrase, else its noun."""
    side = side_of(np_tokens(noun, noun.left_edge.i))
    whole = _of_object(noun)
    if side is None and whole is not None:
        side = side_of(np_tokens(whole, whole.left_edge.i))
    return side or noun_side(noun)


def own_side(counted: Counted) -> str | None:
    """The side the counted noun and its "of" phrase give ("20 fighters of the Wagner
    group", "police officers"); armed people take the name of the group that modifies them
    ("12 ISWAP fighters", "soldiers of the Arakan Army")."""
    head = counted.head
    if head is None or counted.kind not in ("noun", "partitive"):
        return None
    whole = _of_object(head)  # "members of X": side words of X are the counted's already
    if whole is not None and head.lemma_.lower() not in load_lexicon().group_nouns:
        side = side_of(np_tokens(whole, whole.left_edge.i))
        if side is not None:
            return side
    if counted.category in ARMED:
        modifiers = [c for c in head.children if c.i < head.i]
        if whole is not None:
            modifiers += [whole, *(c for c in whole.children if c.i < whole.i)]
        side = _named_group(modifiers)
        if side is not None:
            return side
    return noun_side(head)


def _named_group(tokens: list[Token]) -> str | None:
    """The organisation or people a proper noun among ``tokens`` is part of, as the model's
    entity names it ("ISWAP", "the Arakan Army" -> Arakan Army)."""
    for token in tokens:
        if token.ent_type_ not in GROUP_ENTITIES or token.pos_ not in ("PROPN", "ADJ"):
            continue
        for ent in entities_of(sentence_of(token)):
            if ent.start <= token.i < ent.end:
                words = [t for t in ent if t.lower_ != "the" and not t.is_punct]
                return " ".join(t.text for t in words) or None
    return None


def predicate_side(counted: Counted, category: Category | None, span: Span) -> str | None:
    """ "the two others were civilians", "one of the dead was a Hezbollah fighter": the
    side of the noun the counted is said to be (civilian only for people of no category
    of their own: "40 of them are children" says its category already)."""
    for token in (counted.head, attachment(span)):
        if token is None or token.dep_ != "nsubj" or token.head.lemma_ != "be":
            continue
        for attr in token.head.children:
            if attr.dep_ != "attr" or attr.pos_ not in ("NOUN", "PROPN"):
                continue
            side = _phrase_side(attr)
            if side is not None:
                return side
            if category in (None, "people") and (
                categorize([token_forms(attr)]) in CIVILIAN_CATEGORIES
            ):
                return CIVILIAN
    return None


def _attacks(trigger: Token) -> Iterator[Token]:
    """The attack nouns that may have killed the counted: the trigger's arguments, and for
    a participle ("launched an attack ..., killing four"), the objects of the verb it hangs
    from."""
    yield from cause_arguments(trigger)
    if trigger.dep_ in ("advcl", "conj") and trigger.head != trigger:
        yield from (c for c in trigger.head.children if c.dep_ in ("dobj", "nsubj"))


def _military(target: Token) -> bool:
    """Whether the target of an attack is a military post or a force."""
    if target.lemma_.lower() in load_lexicon().military_target_nouns:
        return True
    category = categorize([token_forms(t) for t in np_tokens(target, target.left_edge.i)])
    return category in UNIFORMED


def target_side(
    category: Category | None, trigger: Trigger | None, measure: Measure | None
) -> str | None:
    """ "an attack on Malian forces, killing four soldiers": soldiers or police killed by an
    attack on a military target that names its side take that side."""
    if trigger is None or measure not in VICTIM_MEASURES or category not in UNIFORMED:
        return None
    attack_nouns = load_lexicon().attack_nouns
    for noun in _attacks(trigger.token):
        if noun.lemma_.lower() not in attack_nouns:
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in TARGET_PREPS:
                continue
            for target in prep.children:
                if target.dep_ == "pobj" and _military(target):
                    side = side_of(np_tokens(target, target.left_edge.i))
                    if side is not None:
                        return side
    return None


def speaker_side(counted: Counted, span: Span) -> str | None:
    """ "“We lost nine soldiers,” a Malian army officer said": losses told in the first
    person inside a quote are the side a side word gives its speaker."""
    head = counted.head
    if head is None or not _first_person_owner(head):
        return None
    doc, sent = span.doc, sentence_of(span)
    limit = sentence_of(doc[sent.end]).end if sent.end < len(doc) else sent.end
    verb = _verb_past_quote(doc[span.end : limit])  # the quote closes, then ", an officer said"
    if verb is None:  # "an officer said: “We lost ...”"
        verb = _verb_past_quote(reversed(doc[sent.start : span.start]))
    return _subject_side(verb) if verb is not None else None


def _verb_past_quote(tokens: Iterable[Token]) -> Token | None:
    """The first reporting verb among ``tokens`` after a quote mark among them."""
    reporting_verbs = load_lexicon().reporting_verbs
    quoted = False
    for token in tokens:
        if token.is_quote:
            quoted = True
        elif quoted and token.lemma_.lower() in reporting_verbs:
            return token
    return None


def _first_person_owner(head: Token) -> bool:
    """ "our soldiers", "we lost nine soldiers"."""
    if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON_OWNERS for c in head.children):
        return True
    verb = head.head
    return (
        head.dep_ == "dobj"
        and verb.lemma_.lower() in load_lexicon().loss_verbs
        and any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON_OWNERS for c in verb.children)
    )


def _subject_side(verb: Token) -> str | None:
    """The side a side word gives the subject of ``verb``."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return side_of(list(subject.subtree)) if subject is not None else None


def accompanying_side(
    counted: Counted, measure: Measure | None, found: list[FigureHit], sent: Span
) -> str | None:
    """ "250 Ukrainian troops were killed, with 16 tanks destroyed": a loss a "with" phrase
    adds to a loss of the same sentence is of the same side (not "killed ... with three
    rockets": the rockets did it and have no loss of their own)."""
    if counted.head is None or measure not in LOSS_MEASURES:
        return None
    token = counted.head
    for _ in range(WITH_HOPS):
        if token.head == token:
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "with":
            return _loss_side(token.head.head, found, sent)  # "killed with 7 tanks destroyed"
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "with" for c in token.children
        ):
            return _loss_side(token.head, found, sent)  # "killed, with 7 tanks destroyed"
        token = token.head
    return None


def _loss_side(verb: Token, found: list[FigureHit], sent: Span) -> str | None:
    """The side of the loss of the sentence whose trigger is ``verb``."""
    return next(
        (
            hit.side
            for hit in reversed(found)
            if hit.start >= sent.start_char
            and hit.trigger_start == verb.idx
            and hit.measure in LOSS_MEASURES
        ),
        None,
    )
