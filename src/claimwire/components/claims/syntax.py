"""Reading the parse for attribution: cue verbs, their subjects, speaker noun phrases."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import cue_forms, cues
from .settings import LEFT_NAME_MAX_TOKENS, SUBJECT_CLIMB_STEPS

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
"""Dependency labels of a subject."""
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
"""Tags of a tensed verb."""
VERB_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")
CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
"""Labels of a verb that shares the subject of its head."""
LEFT_STOPS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "PRON", "CCONJ"})
PHRASE_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "ccomp", "cc", "conj", "prep"})
"""Children left out of a speaker's noun phrase."""


def cue_lemma(token: Token) -> str | None:
    """The reporting-verb lemma of ``token``, or None when it is not a cue verb."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in VERB_TAGS:
        return None
    if in_compound_word(token):
        return None
    if token.lemma_.lower() in cues().verbs:
        return token.lemma_.lower()
    return cue_forms().get(token.lower_)


HYPHENS = frozenset({"-", "\u2010", "\u2011"})
"""Hyphens that glue words into one compound ("state-run", "report-backed")."""


def in_compound_word(token: Token) -> bool:
    """Whether ``token`` is glued by a hyphen to the next word ("state" of "state-run"):
    part of a compound modifier, never a verb of its own."""
    doc = token.doc
    return (
        not token.whitespace_
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text in HYPHENS
        and not doc[token.i + 1].whitespace_
    )


def is_finite(clause: Token) -> bool:
    """A clause with a tensed verb ("the board had failed"), not "eyes welling up"."""
    return clause.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in clause.children
    )


def noun_phrase(token: Token) -> SpacySpan:
    """The noun phrase of ``token`` without relative clauses, appositions or clauses."""
    doc = token.doc
    keep = {token.i}
    for child in token.children:
        if child.dep_ in PHRASE_CUT and not (child.dep_ == "prep" and child.i < token.i):
            continue
        keep.update(t.i for t in child.subtree)
    for child in token.children:  # "figures from the ministry", "a spokesman for X"
        if (
            child.dep_ == "prep"
            and child.i > token.i
            and child.lower_ in ("of", "for", "from", "at")
        ):
            keep.update(t.i for t in child.subtree)
    left, right = min(keep), max(keep)
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def antecedent(relcl: Token) -> Token:
    """The noun a relative clause speaks of, past a participle phrase set off by commas:
    "a guard, speaking on condition of anonymity, who said" is the guard's."""
    head = relcl.head
    doc = relcl.doc
    verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.tag_ not in ("VBG", "VBN") or verb.dep_ not in ("advcl", "acl"):
        return head
    first = verb.left_edge.i
    if first < 2 or doc[first - 1].text != ",":
        return head
    before = doc[first - 2]
    return before if before.pos_ in ("NOUN", "PROPN") else head


def subject_of(token: Token) -> SpacySpan | None:
    """The speaker phrase of a cue verb: its subject, or the subject it shares."""
    current = token
    for _ in range(SUBJECT_CLIMB_STEPS):
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return noun_phrase(antecedent(current))
            return noun_phrase(subject)
        if current.dep_ in CLIMB and current.head != current:
            current = current.head if current.head.dep_ != "prep" else current.head.head
            continue
        return left_name(token) if token.dep_ == "ROOT" else None
    return None


def left_name(cue: Token) -> SpacySpan | None:
    """A name right before a cue the parser gave no subject ("... Josh Doe told").

    The parser sometimes even cuts the name off into a sentence of its own.
    """
    if cue.i == 0:
        return None
    doc = cue.doc
    last = doc[cue.i - 1]
    if last.ent_type_ != "PERSON" and last.pos_ != "PROPN":
        return None
    first = cue.i - 1
    while first > 0 and cue.i - first < LEFT_NAME_MAX_TOKENS:
        before = doc[first - 1]
        if before.is_punct or before.is_space or before.pos_ in LEFT_STOPS:
            break
        first -= 1
    return doc[first : cue.i]


NAMING_ENTITIES = frozenset({"ORG", "PERSON", "NORP", "GPE"})
"""Entity labels of a word that names who speaks ("images released by the army")."""


def shows_only(head: Token) -> bool:
    """Whether ``head`` is a thing that shows but never says ("satellite images", "drone")
    and nobody is named with it: the grounds of a claim, not its claimant."""
    if head.lower_ not in cues().mute_sources and head.lemma_.lower() not in cues().mute_sources:
        return False
    return not any(
        t.pos_ == "PROPN" or t.ent_type_ in NAMING_ENTITIES for t in head.subtree if t is not head
    )
