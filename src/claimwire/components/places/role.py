"""The role of a place mention: ``"location"``, ``"actor"`` or ``"modifier"``.

A country or national capital that is the subject of a verb ('Kyiv said', 'Ukraine
claimed'), the possessor of forces or government ("Moscow's troops") or the object of
'according to' is an actor; demonyms, 'pro-X' and names inside organizations are
modifiers, and so is the first part of an adjectival compound ('Tehran-backed militias',
'a Nairobi-based group'): the event did not take place there; everything else is a
location.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Span, Token

from ...geo import Entry
from ...vocab import PlaceRole
from .kinds import PLACE_LABELS
from .lexicon import rules
from .mention import Mention

HYPHENS: Final = frozenset({"-", "\u2010", "\u2011"})
"""Hyphens that join the parts of a compound word."""


def _place_part(noun: Token) -> bool:
    """Tell whether a possessed noun is a part of the place ('Russia's border regions')."""
    words = rules().place_part_nouns
    if noun.lower_ in words or noun.lemma_ in words:
        return True
    return noun.ent_type_ in PLACE_LABELS or noun.tag_ in {"NNP", "NNPS"}


def _compound_modifier(span: Span) -> bool:
    """Tell whether the place is the first part of an adjectival compound: 'X-backed',
    'X-led', 'X-based', 'X-made', 'X-friendly' (a hyphen, then a participle or a
    lower-case adjective, written without spaces)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or span[-1].whitespace_:
        return False
    hyphen, word = doc[span.end], doc[span.end + 1]
    if hyphen.text not in HYPHENS or hyphen.whitespace_:
        return False
    return word.tag_ in {"VBN", "VBD"} or (word.tag_ == "JJ" and word.is_lower)


def place_role(mention: Mention, entry: Entry | None) -> PlaceRole:
    """``"actor"`` for a country or capital acting or owning something that is not a part
    of it ('Moscow's troops', 'Russia's losses'), ``"modifier"`` for demonyms and 'pro-X',
    else ``"location"``."""
    span = mention.span
    doc = span.doc
    if mention.demonym or mention.match == "demonym" or mention.embedded:
        return "modifier"
    lists = rules()
    hyphen = span.start >= 2 and doc[span.start - 1].text == "-"
    if hyphen and doc[span.start - 2].lower_ in lists.modifier_prefixes:
        return "modifier"
    if _compound_modifier(span):
        return "modifier"
    if entry is None or not (entry.kind == "country" or entry.feature_code == "PPLC"):
        return "location"
    root = span.root
    head = root.head
    inert = lists.inert_verbs
    if root.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"} and head.lemma_ not in inert:
        return "actor"
    if root.dep_ == "poss" and not _place_part(head):
        # 'Moscow's troops', 'Russia's total troop losses': the owner, not a place where
        # something happened ('Russia's Belgorod region', 'Ukraine's east' stay locations)
        return "actor"
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return "actor"
    if root.dep_ == "compound" and head.lower_ in lists.actor_nouns:
        return "actor"
    return "location"
