"""What makes a name in a text a place: the cues of place recognition.

:class:`Reader` holds what recognition needs besides the text (gazetteer, the model's
entities, the words of people's names); :func:`accept` tells whether a candidate span is a
place and how it was recognized, from the cues here: people's names and titles, speakers
and acting subjects, names inside organizations and local bodies, datelines, residence
("of Grovetown"), party initials ("D-Charleston"), "-based", and a region the text names.
Used by :mod:`claimwire.components.places`; word lists live in
``resources/places_rules.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..geo import Entry, Gazetteer, name_key, skeleton
from ..resource import load_resource
from .places_resolve import Mention, rules

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
WIDE_KINDS = frozenset({"country", "admin1"})
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
NAME_CHARS = frozenset("-'’.&")
DASHES = frozenset({"-", "–", "—"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "ask", "note", "write", "recall"})


def is_capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and any(char.isalpha() for char in token.text)


def name_token(token: Token) -> bool:
    return token.is_alpha or all(char.isalpha() or char in NAME_CHARS for char in token.text)


def _entity_of(doc: Doc) -> list[Span | None]:
    owner: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            owner[index] = ent
    return owner


def clean_entity(ent: Span) -> Span | None:
    """The entity without a leading 'the' and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "pro", "-"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def personal_names(ent: Span) -> list[Span]:
    """The parts of a person entity of the model that read as a person's name.

    A verb or a word of an organization, a building or a region never stands in a name: the
    entity is cut there, and the runs of two or more words left are names ('Charles Webb' of
    'Charles Webb Center'); a lone word left is not ('Jordan Elementary School', 'Alexandria
    Police', 'Rethinking Egypt').
    """
    lists = rules()
    words = lists["non_name_words"] | lists["local_institution_words"]
    names, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.text in words or token.tag_.startswith("VB"):
            end = ent.end if token is None else token.i
            if end - start > 1:
                names.append(ent.doc[start:end])
            start = end + 1
    return names


def in_person_name(span: Span, owner: Span) -> bool:
    """Tell whether ``span`` lies in a person's name of the model's entity ``owner`` (not in
    a person entity that is an institution's name: 'Anderson County Sheriff Greg Taylor')."""
    if owner.label_ != "PERSON":
        return False
    if len(owner) == 1:
        return True
    names = personal_names(owner)
    return any(name.start <= span.start and span.end <= name.end for name in names)


def notable(entries: tuple[Entry, ...], population: int) -> bool:
    return any(entry.kind != "city" or entry.population >= population for entry in entries)


@dataclass
class Reader:
    """What recognition needs besides the text: gazetteer, entities, word lists."""

    doc: Doc
    gazetteer: Gazetteer
    dictionary: frozenset[str]
    owner: list[Span | None] = field(default_factory=list)
    person_words: frozenset[str] = frozenset()
    other_words: frozenset[str] = frozenset()
    taken: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.owner = _entity_of(self.doc)
        self.person_words = frozenset(
            token.text
            for ent in self.doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for name in personal_names(ent)
            for token in name
        )
        self.other_words = frozenset(
            token.text for ent in self.doc.ents if ent.label_ in OTHER_NAME_LABELS for token in ent
        )

    def free(self, span: Span) -> bool:
        return not any(index in self.taken for index in range(span.start, span.end))

    def take(self, mention: Mention) -> Mention:
        self.taken.update(range(mention.span.start, mention.span.end))
        return mention


def proper(token: Token | None) -> bool:
    if token is None:
        return False
    return is_capitalized(token) and name_token(token) and token.tag_ in {"NNP", "NNPS"}


def in_name_run(span: Span) -> bool:
    """Tell whether capitalized words touch the span: it is part of a longer name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    joined_before = (
        before is not None and not span[0].is_sent_start and "\n" not in before.text_with_ws
    )
    joined_after = "\n" not in span[-1].text_with_ws
    return (joined_before and proper(before)) or (joined_after and proper(after))


def after_title(span: Span) -> bool:
    """Tell whether a person's title stands before the name: 'coach Ripley', 'Mrs. Lincoln'."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.lower_.rstrip(".") in rules()["person_titles"]


def speaker(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Nelson said': a lone town's name as the subject of a reporting verb is a person
    (a country, region or capital there is an actor, kept by the callers' other rules)."""
    if len(span) > 1 or any(e.kind != "city" or e.feature_code == "PPLC" for e in entries):
        return False
    token = span[0]
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in SPEECH_VERBS


def _acting(span: Span, entries: tuple[Entry, ...]) -> bool:
    """'Lincoln visited the fort', 'The Toyota failed to yield': a lone town's name that the
    model calls a person or an organization and that is the subject of a verb is one of
    those (a country, region or capital there is an actor, kept by the callers' rules)."""
    if len(span) > 1 or any(e.kind != "city" or e.feature_code == "PPLC" for e in entries):
        return False
    token = span[0]
    head = token.head
    verb = head.pos_ == "VERB" and head.lemma_ not in rules()["inert_verbs"]
    return token.dep_ in {"nsubj", "nsubjpass"} and verb


def person_reference(reader: Reader, span: Span) -> bool:
    """A lone word that is part of a person's full name elsewhere in the text ('Lincoln'
    after 'Abraham Lincoln', 'Flores' after 'Maria Flores'), without a place cue."""
    if len(span) > 1 or span.text not in reader.person_words:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or before.lower_ not in rules()["locative_prepositions"]


def _local_body(span: Span, owner: Span) -> bool:
    """'Torrington Fire Department', 'Middletown High School': the word after the town's
    name in the organization's name is a local body's."""
    after = span.doc[span.end] if span.end < owner.end else None
    return after is not None and after.text in rules()["local_institution_words"]


def _embedded(span: Span, owner: Span) -> bool:
    """A place name that starts an organization's name or follows its 'of'."""
    clean = clean_entity(owner)
    if clean is not None and clean.start == span.start:
        return True
    return span.start > owner.start and span.doc[span.start - 1].lower_ == "of"


def _dateline(span: Span) -> bool:
    """'BEIRUT:' or 'KYIV, Ukraine -': an upper-case place opening a line."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or span[0].is_sent_start
    closes = span.end < len(doc) and doc[span.end].text in {":", ",", "-", "—", "–", "("}
    return bool(opens and closes and span.text.isupper() and len(span.text) >= 4)


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
    if text in rules()["common_words"]:
        return False
    if owner is not None and len(owner) > 1 and len(span) == 1 and in_person_name(span, owner):
        return False
    if _dateline(span):
        return notable(entries, 1_000)
    if not all(proper(token) or not token.is_alpha or token.is_lower for token in span):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "," and _in_named_region(reader, span, entries):
        return True
    if after is not None and (proper(after) or after.tag_ == "POS"):
        return False
    lists = rules()
    glued = (
        before is not None
        and not span[0].is_sent_start
        and "\n" not in before.text_with_ws
        and proper(before)
        and before.text not in lists["name_qualifiers"]
    )
    if glued:
        # 'a Meadow Grove man': the town's name ends a longer name
        return False
    if before is not None and before.lower_ in lists["locative_prepositions"]:
        return True
    if (before is not None and _residence(before)) or _based(span) or _party_home(span):
        return True
    return after is not None and after.lower_ in lists["resident_nouns"]


def _residence(before: Token) -> bool:
    """'Rebecca Sears, 41, of Grovetown', 'Theresa Pilkington of Jeannette': 'of' or 'from'
    after a comma or a person's name introduces where someone lives."""
    if before.lower_ not in rules()["residence_prepositions"] or before.i == 0:
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
    return glued and initial.text in rules()["party_initials"]


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
    for size in (3, 2, 1):
        if start + size > len(doc):
            continue
        container = with_final_dot(doc[start : start + size])
        if not is_capitalized(container[0]):
            continue
        for region in reader.gazetteer.lookup(container.text):
            if region.kind == "admin1" and any(e.admin1 == region.name for e in entries):
                return True
            if region.kind == "country" and any(e.country == region.country for e in entries):
                return len(entries) < 20
    return False


def accept(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> str | None:
    """Whether a gazetteer name outside the model's place entities is a place.

    Returns:
        ``"location"``, ``"cued"`` (a location by the words around it), ``"embedded"``
        (inside an organization's name), or None.
    """
    owner = reader.owner[span.start]
    words = rules()["common_words"]
    first = span[0]
    big = notable(entries, 100_000)
    if span.text in rules()["never_places"] or after_title(span):
        return None
    placed = owner is not None and owner.label_ in PLACE_LABELS
    if not placed and not named_so(span.text, entries):
        return None
    if speaker(span, entries) or person_reference(reader, span):
        return None
    if _cued(reader, span, entries, owner):
        return "cued"
    if owner is not None and owner.label_ in PLACE_LABELS:
        if len(span) == 1 and span.text in words:
            return None
        if _mid_name(span, owner.start) and not any(e.kind in WIDE_KINDS for e in entries):
            return None
        return "location" if notable(entries, 1_000) else None
    if owner is not None and owner.label_ != "NORP":
        same = owner.start == span.start and owner.end == span.end
        within = owner.start <= span.start and span.end <= owner.end
        if same and _acting(span, entries):
            return None
        if same:
            return "location" if notable(entries, 500 if len(span) > 1 else 100_000) else None
        if within:
            wide = any(entry.kind in {"country", "admin1"} for entry in entries)
            placed = wide or _embedded(span, owner)
            person = in_person_name(span, owner)
            if placed and not person and _local_body(span, owner):
                return "embedded" if notable(entries, 1_000) else None
            return "embedded" if big and placed and not person else None
    if _dateline(span) and big:
        return "location"
    if len(span) > 1:
        return "location" if notable(entries, 500) or span[-1].is_lower else None
    text = span.text
    if text in words or text in reader.person_words or first.tag_ not in {"NNP", "NNPS"}:
        return None
    if text.endswith(".") or (text.isupper() and len(text) <= 4):
        broad = {"country", "admin1", "region"}
        return "location" if any(e.kind in broad for e in entries) else None
    if in_name_run(span):
        return None
    if first.is_sent_start or text.lower() in reader.dictionary:
        return "location" if big else None
    return "location" if notable(entries, 5_000) else None


@lru_cache(maxsize=1)
def name_connectors() -> frozenset[str]:
    """Lower-case words that may stand inside a name: 'Sea of Azov', 'Azovstal steel plant'."""
    curated = load_resource("places_curated.json")["places"]
    words = {
        word
        for place in curated
        for name in [place["name"], *place["aliases"]]
        for word in name.split()[1:]
        if word.islower()
    }
    return frozenset(words | set(rules()["name_connectors"]))


def _mid_name(span: Span, start: int) -> bool:
    """Tell whether ``span``, inside a place entity starting at token ``start``, follows
    another capitalized word of that entity but a name qualifier: 'Sur' of 'Ilocos Sur', 'Hood'
    of 'Fort Hood' are parts of one name the gazetteer lacks ('Georgia' of 'North Georgia' is
    a place of its own)."""
    if span.start <= start:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in name_connectors() or before.text in rules()["name_qualifiers"]:
        return False
    return is_capitalized(before) and before.is_alpha


def with_final_dot(span: Span) -> Span:
    """'W.Va' + '.': an abbreviation keeps the period the tokenizer split off."""
    doc = span.doc
    split_dot = span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_
    if split_dot and "." in span[-1].text:
        return doc[span.start : span.end + 1]
    return span
