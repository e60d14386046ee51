"""What makes a gazetteer name outside the model's place entities a place: :func:`accept`.

The cues that say a name is a place, whatever the model's label: a locative preposition
('in Laconia'), a settlement noun ('the regional capital Sumy', 'the village of Ostrivka'),
a resident noun ('a DeKalb man'), the region or country after a comma ('Lombard, Ill.'), an
upper-case dateline ('BEIRUT:'), residence ('of Grovetown'), a party's initial
('D-Charleston'), '-based'; and the vetoes of :mod:`.vetoes`.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from ...geo import Entry, name_key, skeleton
from . import settings
from .kinds import ACRONYM_KINDS, PLACE_LABELS, WIDE_KINDS, notable
from .lexicon import rules
from .person_names import in_person_name
from .reader import Reader
from .tokens import DASHES, clean_entity, in_name_run, is_capitalized, proper, with_final_dot
from .vetoes import (
    acting,
    after_title,
    group_name,
    local_body,
    mid_name,
    person_reference,
    speaker,
)

Verdict = Literal["location", "cued", "embedded"]
"""How a name was accepted as a place: on its own, by the words around it, or inside an
organization's name."""


def _embedded(span: Span, owner: Span) -> bool:
    """A place name that starts an organization's name or follows its 'of'."""
    clean = clean_entity(owner)
    if clean is not None and clean.start == span.start:
        return True
    return span.start > owner.start and span.doc[span.start - 1].lower_ == "of"


def dateline(span: Span) -> bool:
    """'BEIRUT:' or 'KYIV, Ukraine -': an upper-case place opening a line."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or span[0].is_sent_start
    closes = span.end < len(doc) and doc[span.end].text in {":", ",", "-", "—", "–", "("}
    long_enough = len(span.text) >= settings.DATELINE_MIN_CHARS
    return bool(opens and closes and span.text.isupper() and long_enough)


def named_so(text: str, entries: tuple[Entry, ...]) -> bool:
    """Tell whether some entry is called ``text`` by its main name or a spelling of it, or is
    a region, country or curated place (whose listed names are all main names).

    GeoNames' alternate names of towns are noisy ('Passover', 'Kristina', 'Chu' are
    alternate names of towns called otherwise): outside the model's place entities they are
    not enough to make a capitalized word a place.
    """
    key = name_key(text)
    for entry in entries:
        if entry.kind != "city" or name_key(entry.name) == key:
            return True
        if skeleton(entry.name) == skeleton(text):
            return True
    return False


def _cued(reader: Reader, span: Span, entries: tuple[Entry, ...], owner: Span | None) -> bool:
    """Tell whether the words around a town's name say it is a place, whatever the model's
    label: 'in Laconia', 'a DeKalb man', 'Lombard, Ill.', an upper-case dateline."""
    doc = span.doc
    text = span.text
    lists = rules()
    if text in lists.common_words:
        return False
    if owner is not None and len(owner) > 1 and len(span) == 1 and in_person_name(span, owner):
        return False
    if dateline(span):
        return notable(entries, settings.ENTITY_POPULATION)
    if not all(proper(token) or not token.is_alpha or token.is_lower for token in span):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "," and _in_named_region(reader, span, entries):
        return True
    if after is not None and (proper(after) or after.tag_ == "POS"):
        return False
    glued = (
        before is not None
        and not span[0].is_sent_start
        and "\n" not in before.text_with_ws
        and proper(before)
        and before.text not in lists.name_qualifiers
    )
    if glued:
        # 'a Meadow Grove man': the town's name ends a longer name
        return False
    if before is not None and before.lower_ in lists.locative_prepositions:
        return True
    if before is not None and _settlement_before(before):
        return True
    if (before is not None and _residence(before)) or _based(span) or _party_home(span):
        return True
    return after is not None and after.lower_ in lists.resident_nouns


def _settlement_before(before: Token) -> bool:
    """'the regional capital Kropyvnytskyi', 'the village of Ostrivka': a settlement noun
    right before the name, or a settlement or region noun and 'of'."""
    lists = rules()
    if before.lower_ in lists.settlement_nouns:
        return True
    if before.lower_ != "of" or before.i == 0:
        return False
    return before.doc[before.i - 1].lower_ in lists.settlement_nouns | lists.region_nouns


def _residence(before: Token) -> bool:
    """'Rebecca Sears, 41, of Grovetown', 'Theresa Pilkington of Jeannette': 'of' or 'from'
    after a comma or a person's name introduces where someone lives."""
    if before.lower_ not in rules().residence_prepositions or before.i == 0:
        return False
    previous = before.doc[before.i - 1]
    return previous.text == "," or previous.ent_type_ == "PERSON"


def _party_home(span: Span) -> bool:
    """'Sen. Robert Ford, D-Charleston': a party's initial and a hyphen glued before a name
    give a legislator's home town."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text not in DASHES:
        return False
    initial = doc[span.start - 2]
    glued = not initial.whitespace_ and not doc[span.start - 1].whitespace_
    return glued and initial.text in rules().party_initials


def _based(span: Span) -> bool:
    """'Sligo-based': the name before a hyphenated 'based'."""
    doc = span.doc
    glued = span.end + 1 < len(doc) and doc[span.end].text in DASHES
    return glued and not span[-1].whitespace_ and doc[span.end + 1].lower_ == "based"


def _in_named_region(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Lombard, Ill.', 'Dublin, Georgia': a candidate lies in the region or country named
    right after the comma."""
    doc = span.doc
    start = span.end + 1
    for size in range(settings.CONTAINER_WORDS, 0, -1):
        if start + size > len(doc):
            continue
        container = with_final_dot(doc[start : start + size])
        if not is_capitalized(container[0]):
            continue
        for region in reader.gazetteer.lookup(container.text):
            if region.kind == "admin1" and any(e.admin1 == region.name for e in entries):
                return True
            if region.kind == "country" and any(e.country == region.country for e in entries):
                return len(entries) < settings.CONTAINED_MAX_CANDIDATES
    return False


def _in_place_entity(span: Span, entries: tuple[Entry, ...], owner: Span) -> Verdict | None:
    """The verdict on a name inside the model's place entity ``owner``."""
    if len(span) == 1 and span.text in rules().common_words:
        return None
    if mid_name(span, owner.start) and not any(e.kind in WIDE_KINDS for e in entries):
        return None
    return "location" if notable(entries, settings.ENTITY_POPULATION) else None


def _in_other_entity(
    reader: Reader, span: Span, entries: tuple[Entry, ...], owner: Span
) -> Verdict | None:
    """The verdict on a name inside (or being) the model's entity ``owner`` of another kind
    than a place (a person, an organization...).

    A place's name inside a newspaper's name ('the Lakeside Herald') is the paper's. A
    region's name that is also an English word, inside the name but neither starting it nor
    after its 'of', is a word of the name ('Unity' of a 'National Unity Front'), not a place
    (in an upper-case headline, where the model's organizations are unreliable, it still is).
    """
    big = notable(entries, settings.BIG_POPULATION)
    if owner.start == span.start and owner.end == span.end:
        if acting(span, entries):
            return None
        population = settings.MULTIWORD_POPULATION if len(span) > 1 else settings.BIG_POPULATION
        return "location" if notable(entries, population) else None
    wide = any(entry.kind in WIDE_KINDS for entry in entries)
    word = span.text.lower() in reader.dictionary and not span.text.isupper()
    placed = (wide and not word) or _embedded(span, owner)
    person = in_person_name(span, owner)
    if owner[-1].text in rules().outlet_heads and owner.label_ != "PERSON":
        return None
    if placed and not person and local_body(span, owner):
        return "embedded" if notable(entries, settings.ENTITY_POPULATION) else None
    return "embedded" if big and placed and not person else None


def _outside_entities(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> Verdict | None:
    """The verdict on a name outside the model's entities (or in a NORP entity)."""
    big = notable(entries, settings.BIG_POPULATION)
    if dateline(span) and big:
        return "location"
    if len(span) > 1:
        multiword = notable(entries, settings.MULTIWORD_POPULATION)
        return "location" if multiword or span[-1].is_lower else None
    text = span.text
    first = span[0]
    if text in rules().common_words or text in reader.person_words:
        return None
    if first.tag_ not in {"NNP", "NNPS"}:
        return None
    if text.endswith(".") or (text.isupper() and len(text) <= settings.ACRONYM_MAX_CHARS):
        return "location" if any(e.kind in ACRONYM_KINDS for e in entries) else None
    if in_name_run(span):
        return None
    if first.is_sent_start or text.lower() in reader.dictionary:
        return "location" if big else None
    return "location" if notable(entries, settings.LONE_NAME_POPULATION) else None


def accept(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> Verdict | None:
    """Whether a gazetteer name outside the model's place entities is a place.

    Args:
        reader: The document's recognition state.
        span: The name.
        entries: Its gazetteer entries.

    Returns:
        ``"location"``, ``"cued"`` (a location by the words around it), ``"embedded"``
        (inside an organization's name), or None.
    """
    owner = reader.owner[span.start]
    if span.text in rules().never_places or after_title(span) or group_name(span):
        return None
    placed = owner is not None and owner.label_ in PLACE_LABELS
    if not placed and not named_so(span.text, entries):
        return None
    if speaker(span, entries) or person_reference(reader, span):
        return None
    if _cued(reader, span, entries, owner):
        return "cued"
    if owner is not None and owner.label_ in PLACE_LABELS:
        return _in_place_entity(span, entries, owner)
    if owner is not None and owner.label_ != "NORP":
        within = owner.start <= span.start and span.end <= owner.end
        if within:
            return _in_other_entity(reader, span, entries, owner)
    return _outside_entities(reader, span, entries)
