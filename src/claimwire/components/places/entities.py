"""The model's GPE, LOC and FAC entities: looked up whole, by variant, by the names inside.

An entity is looked up whole in the gazetteer, then by transliteration skeleton (Lugansk ->
Luhansk), then by the gazetteer names inside it ('Savannah, Georgia'); a name ending in a
feature word ('Orchard Street') stays whole; an entity that matches nothing is kept
unresolved unless its words are names of people or organizations elsewhere in the text. A
person entity that holds no person's name and ends in a feature word is a place too
('Greer Station').
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from ...geo import Entry, is_notable, name_key
from ...vocab import PlaceMatch
from . import settings
from .kinds import PLACE_LABELS, SETTLEMENT_LABELS
from .lexicon import demonym_codes, rules
from .mention import Mention
from .names import longer_name, ngram_mentions
from .person_names import personal_names
from .reader import Reader
from .tokens import clean_entity, is_capitalized, with_final_dot
from .vetoes import after_title, group_name, person_reference


def _with_road_number(span: Span) -> Span:
    """'County Road' + '43': a road word ending the span takes the number after it."""
    doc = span.doc
    if span.end >= len(doc) or span[-1].text not in rules().numbered_way_heads:
        return span
    number = doc[span.end].text
    if (
        "\n" in span[-1].text_with_ws
        or not number[:1].isdigit()
        or len(number) > settings.ROAD_NUMBER_CHARS
    ):
        return span
    if number.isdigit() or (number[:-1].isdigit() and number[-1].isupper()):
        return doc[span.start : span.end + 1]
    return span


def _unknown_compound(reader: Reader, span: Span) -> bool:
    """Tell whether a place entity the gazetteer lacks is one name of several words whose
    first word alone happens to be a place elsewhere ('Abu Shouk', not Abu in India): no
    longer start of it is a gazetteer name and neither of its first two words is an English
    word ('Western Mass.', 'Lake Harriet' and 'Donetsk People's Republic' still yield the
    names inside)."""
    first, second = span[0], span[1]
    if not (is_capitalized(second) and second.is_alpha):
        return False
    if {first.lower_, second.lower_} & reader.dictionary:
        return False
    if not reader.gazetteer.lookup(first.text):
        return False
    return not any(reader.gazetteer.lookup(span[:size].text) for size in range(2, len(span)))


def _variants(reader: Reader, span: Span, ent: Span, countries: Counter[str]) -> tuple[Entry, ...]:
    """Places of the article's countries spelt another way ('Makhmour' for 'Makhmur'): any
    of them when the model calls the name a town or a region (GPE, LOC), else only notable
    places."""
    small = ent.label_ in SETTLEMENT_LABELS
    return tuple(
        entry
        for entry in reader.gazetteer.lookup_variant(span.text)
        if entry.country in countries and (small or is_notable(entry))
    )


def _misnamed_feature(ent: Span) -> bool:
    """'Greer Station': a person entity of the model that holds no person's name and ends in
    a feature word (not a local institution's) is the name of a place."""
    lists = rules()
    last = ent[-1].text
    if ent.label_ != "PERSON" or len(ent) < 2 or last not in lists.feature_heads:
        return False
    return last not in lists.local_institution_words and not personal_names(ent)


def entity_mentions(reader: Reader, countries: Counter[str]) -> list[Mention]:
    """The model's GPE, LOC and FAC entities: whole, by variant, by the names inside.

    A name that ends in a feature word ('Orchard Street', 'Mercy Hospital') and is not in
    the gazetteer stays whole and unresolved; so does any other unknown place entity whose
    parts are not names either.
    """
    lists = rules()
    demonyms = demonym_codes()
    found: list[Mention] = []
    for ent in reader.doc.ents:
        if ent.label_ not in PLACE_LABELS and not _misnamed_feature(ent):
            continue
        span = clean_entity(ent)
        if span is None or not is_capitalized(span[0]) or not reader.free(span):
            continue
        if name_key(span.text) in demonyms or span.text in lists.never_places:
            continue
        if group_name(span):
            continue
        if len(span) > 1 and span[-1].text in lists.holiday_heads:
            continue
        if after_title(span) or person_reference(reader, span):
            continue
        span = longer_name(reader, span) or with_final_dot(span)
        with_number = _with_road_number(span)
        span, numbered = with_number, with_number.end > span.end
        entries = reader.gazetteer.lookup(span.text)
        match: PlaceMatch = "exact"
        if not entries:
            entries, match = _variants(reader, span, ent, countries), "variant"
            if span.text in reader.person_words:
                entries = ()
        if (
            not entries
            and len(span) > 1
            and span[-1].text not in lists.feature_heads
            and not numbered
            and not _unknown_compound(reader, span)
        ):
            inner = ngram_mentions(reader, span.start, span.end)
            if inner:
                found += inner
                continue
        others = all(token.text in reader.other_words for token in span)
        if not entries and others and ent.label_ in PLACE_LABELS:
            continue
        found.append(reader.take(Mention(span, entries, match, ent.label_)))
    return found
