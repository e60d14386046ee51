"""What tells a capitalized name is a person's or an organization's, not a place.

A listed name of a group, people, news agency or weapon ('Fano', 'Tutsi', 'Katyusha'), a
person's title before it ('coach Ripley'), a reporting verb after it ('Nelson said'), a
lone town's name acting ('Lincoln visited'), a word of a person's full name elsewhere in
the text ('Lincoln' after 'Abraham Lincoln'), a local body's word after it inside an
organization ('Torrington Fire Department'), another word of a place entity before it
('Hood' of 'Fort Hood').
"""

from __future__ import annotations

from spacy.tokens import Span

from ...geo import Entry
from .lexicon import SPEECH_VERBS, group_names, name_connectors, rules
from .reader import Reader
from .tokens import is_capitalized


def _lone_town(span: Span, entries: tuple[Entry, ...]) -> bool:
    """Tell whether ``span`` is one word whose candidates are all towns but capitals."""
    return len(span) <= 1 and all(e.kind == "city" and e.feature_code != "PPLC" for e in entries)


def group_name(span: Span) -> bool:
    """'Fano fighters', 'the M23', 'Katyusha rockets': a name of ``places_groups.json``
    (without a leading 'the') names a group, a people, an agency or a weapon, never a
    place, unless a settlement noun after it or a settlement or region noun and 'of' before
    it makes it one ('Fano town', 'the town of Fano')."""
    words = span[1:] if len(span) > 1 and span[0].lower_ == "the" else span
    if words.text not in group_names():
        return False
    doc, lists = span.doc, rules()
    if span.end < len(doc) and doc[span.end].lower_ in lists.settlement_nouns:
        return False
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return True
    return doc[span.start - 2].lower_ not in lists.settlement_nouns | lists.region_nouns


def after_title(span: Span) -> bool:
    """Tell whether a person's title stands before the name: 'coach Ripley', 'Mrs. Lincoln'."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.lower_.rstrip(".") in rules().person_titles


def speaker(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Nelson said': a lone town's name as the subject of a reporting verb is a person
    (a country, region or capital there is an actor, kept by the callers' other rules)."""
    if not _lone_town(span, entries):
        return False
    token = span[0]
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in SPEECH_VERBS


def acting(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Lincoln visited the fort', 'The Toyota failed to yield': a lone town's name that the
    model calls a person or an organization and that is the subject of a verb is one of
    those (a country, region or capital there is an actor, kept by the callers' rules)."""
    if not _lone_town(span, entries):
        return False
    token = span[0]
    head = token.head
    verb = head.pos_ == "VERB" and head.lemma_ not in rules().inert_verbs
    return token.dep_ in {"nsubj", "nsubjpass"} and verb


def person_reference(reader: Reader, span: Span) -> bool:
    """A lone word that is part of a person's full name elsewhere in the text ('Lincoln'
    after 'Abraham Lincoln', 'Flores' after 'Maria Flores'), without a place cue."""
    if len(span) > 1 or span.text not in reader.person_words:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or before.lower_ not in rules().locative_prepositions


def local_body(span: Span, owner: Span) -> bool:
    """'Torrington Fire Department', 'Middletown High School': the word after the town's
    name in the organization's name is a local body's."""
    after = span.doc[span.end] if span.end < owner.end else None
    return after is not None and after.text in rules().local_institution_words


def mid_name(span: Span, start: int) -> bool:
    """Tell whether ``span``, inside a place entity starting at token ``start``, follows
    another capitalized word of that entity but a name qualifier: 'Sur' of 'Ilocos Sur', 'Hood'
    of 'Fort Hood' are parts of one name the gazetteer lacks ('Georgia' of 'North Georgia' is
    a place of its own)."""
    if span.start <= start:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in name_connectors() or before.text in rules().name_qualifiers:
        return False
    return is_capitalized(before) and before.is_alpha
