"""Local evidence for a mention's candidates: the words and names around it.

"X, Y" and "X (Y)" containment, "X in Y", "the Ukrainian city of X", a region noun ("X
region") or a settlement noun ("city of X", "the besieged X city" = the region), "a Lebanon
woman". Fixed over the rounds of resolution; the bonuses are in :mod:`.settings`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...geo import Entry, name_key
from . import settings
from .lexicon import demonym_codes, rules
from .mention import Mention

Index = dict[int, Mention]
"""The mentions of a document by the token their span starts (or ends) at."""


def _words_after(span: Span, count: int) -> list[Token]:
    doc = span.doc
    return [doc[i] for i in range(span.end, min(span.end + count, len(doc)))]


def _determined(span: Span) -> bool:
    """Tell whether a name stands after a determiner and adjectives: 'the besieged X city'."""
    doc = span.doc
    index = span.start - 1
    while index >= 0 and doc[index].tag_ in {"JJ", "JJR", "JJS", "VBN", "RB"}:
        index -= 1
    return index >= 0 and doc[index].pos_ == "DET"


def _noun_bonus(span: Span, entry: Entry, after: list[Token]) -> float:
    """'X region', 'X city', 'the besieged X city', 'the city of X', 'the region of X'."""
    doc = span.doc
    lists = rules()
    bonus = 0.0
    before = doc[span.start - 1] if span.start > 0 else None
    if after and after[0].lower_ in lists.region_nouns:
        bonus += settings.REGION_NOUN_BONUS if entry.kind in {"admin1", "region"} else 0.0
    if after and after[0].lower_ in lists.settlement_nouns:
        if _determined(span) and entry.kind == "admin1":
            bonus += settings.CITY_OF_REGION_BONUS
        elif entry.kind == "city":
            bonus += settings.SETTLEMENT_NOUN_BONUS
    if before is not None and before.lower_ == "of" and span.start > 1:
        noun = doc[span.start - 2]
        if noun.lower_ in lists.settlement_nouns and entry.kind == "city":
            bonus += settings.SETTLEMENT_NOUN_BONUS
        if noun.lower_ in lists.region_nouns and entry.kind == "admin1":
            bonus += settings.REGION_NOUN_BONUS
    return bonus


def _containers(span: Span, by_start: Index) -> list[Mention]:
    """The names after 'X, ' or 'X (': 'Toronto, Ontario, Canada' -> Ontario, Canada."""
    doc = span.doc
    found: list[Mention] = []
    end = span.end
    while (
        len(found) < settings.MAX_CONTAINERS and end + 1 < len(doc) and doc[end].text in {",", "("}
    ):
        container = by_start.get(end + 1)
        if container is None or not container.candidates:
            break
        found.append(container)
        end = container.span.end
    return found


def _container_bonus(span: Span, entry: Entry, by_start: Index) -> float:
    """'Toronto, Ontario, Canada': a candidate in the region or country named after it."""
    bonus = 0.0
    for container in _containers(span, by_start):
        for other in container.candidates:
            if other.kind == "admin1" and entry.admin1 and other.name == entry.admin1:
                bonus += settings.CONTAINER_REGION_BONUS
                break
            same_country = entry.country is not None and entry.country == other.country
            if other.kind == "admin1" and not entry.admin1 and same_country:
                bonus += settings.CONTAINER_COUNTRY_BONUS
                break
            if other.kind == "country" and same_country:
                bonus += settings.CONTAINER_COUNTRY_BONUS
                break
    return bonus


def _contained_bonus(span: Span, entry: Entry, by_end: Index) -> float:
    """'Toronto, Ontario': the region or country that contains the name before it."""
    doc = span.doc
    contained = None
    if span.start >= 2 and doc[span.start - 1].text == ",":
        contained = by_end.get(span.start - 1)
    if contained is None or entry.kind not in {"admin1", "country"}:
        return 0.0
    for other in contained.candidates:
        inside = entry.kind == "admin1" and other.admin1 == entry.name
        if inside or (entry.kind == "country" and other.country == entry.country):
            return settings.CONTAINER_REGION_BONUS if inside else settings.CONTAINER_COUNTRY_BONUS
    return 0.0


def _containment_bonus(mention: Mention, entry: Entry, by_start: Index) -> float:
    """'Azovstal plant in Y', 'X near Y': a candidate inside the place named next to it."""
    doc = mention.span.doc
    end = mention.span.end
    if end + 1 < len(doc) and doc[end].lower_ in {"in", "near", "outside"}:
        other = by_start.get(end + 1)
        if other is not None and other.candidates:
            for container in other.candidates:
                same_parent = entry.parent and entry.parent == container.id
                same_region = (
                    container.kind in {"admin1", "city"}
                    and entry.admin1
                    and entry.admin1 == container.admin1
                )
                if same_parent or same_region:
                    return settings.IN_PLACE_BONUS
                if container.kind == "country" and entry.country == container.country:
                    return settings.IN_COUNTRY_BONUS
    return 0.0


def _demonym_before(mention: Mention) -> str | None:
    """'the Ukrainian city of X', 'the Syrian town X': the country the text gives X."""
    doc = mention.span.doc
    demonyms = demonym_codes()
    start = mention.span.start
    for index in range(max(0, start - settings.DEMONYM_WINDOW), start):
        code = demonyms.get(name_key(doc[index].text))
        if code:
            return str(code)
    return None


def local_bonus(mention: Mention, entry: Entry, by_start: Index, by_end: Index) -> float:
    """Evidence from the mention's own words and neighbours for ``entry``, fixed over the
    rounds of resolution.

    Args:
        mention: The mention.
        entry: One of its candidates.
        by_start: The document's mentions by their first token.
        by_end: The document's mentions by their end token.
    """
    span = mention.span
    demonym = _demonym_before(mention)
    bonus = settings.DEMONYM_BONUS if demonym and entry.country == demonym else 0.0
    after = _words_after(span, settings.CUE_WINDOW)
    bonus += _noun_bonus(span, entry, after)
    bonus += _container_bonus(span, entry, by_start)
    # 'a Lebanon woman': a country's people take its demonym, a town's people its name
    resident = bool(after) and after[0].lower_ in rules().resident_nouns
    if resident and entry.kind == "city" and any(c.kind == "country" for c in mention.candidates):
        bonus += settings.RESIDENT_TOWN_BONUS
    bonus += _contained_bonus(span, entry, by_end)
    return bonus + _containment_bonus(mention, entry, by_start)
