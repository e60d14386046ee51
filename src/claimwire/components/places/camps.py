"""Camps: a name before a camp noun ('the Nuseirat refugee camp', 'al-Maghazi camp').

The model often reads such a name as a person or an organization, and an Arabic article
glued by a hyphen ('al-', 'el-') keeps it from the capitalized-name passes. The name is a
place whatever its label: looked up whole, then by transliteration among the places of the
article's countries. Without a camp modifier ('X refugee camp') the name must be a place
of the article's countries, since 'the Harris camp' may be a candidate's supporters; a name
the gazetteer lacks is kept, unresolved, only before a modifier; a word of a person's full
name elsewhere in the text is left alone.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from ...vocab import PlaceMatch
from .._view import token_texts
from . import settings
from .lexicon import rules
from .mention import Mention
from .reader import Reader
from .tokens import DASHES, proper
from .vetoes import group_name


def _name_before(reader: Reader, end: int) -> Span | None:
    """The capitalized name ending at token ``end`` (exclusive), with a glued article."""
    doc = reader.doc
    start = end
    while start > 0 and end - start < settings.LIST_NAME_WORDS and proper(doc[start - 1]):
        start -= 1
    if start == end:
        return None
    glued = start >= 2 and doc[start - 1].text in DASHES and not doc[start - 1].whitespace_
    if glued and doc[start - 2].lower_ in rules().name_articles:
        start -= 2
    span = doc[start:end]
    if not reader.free(span) or any("\n" in token.text_with_ws for token in span[:-1]):
        return None
    return None if group_name(span) else span


def camp_mentions(reader: Reader, countries: Counter[str]) -> list[Mention]:
    """Names of camps (see the module docstring), in text order; their tokens are taken."""
    doc = reader.doc
    lists = rules()
    found: list[Mention] = []
    for i, text in enumerate(token_texts(doc)):
        if text not in lists.camp_nouns or i == 0:
            continue
        end = i
        modified = doc[end - 1].text in lists.camp_modifiers
        span = _name_before(reader, end - 1 if modified else end)
        if span is None or span.text in reader.person_words:
            continue
        entries = reader.gazetteer.lookup(span.text)
        match: PlaceMatch = "exact"
        if not entries:
            variants = reader.gazetteer.lookup_variant(span.text)
            entries, match = tuple(e for e in variants if e.country in countries), "variant"
        if not modified:
            entries = tuple(e for e in entries if e.country in countries)
        if entries or modified:
            found.append(reader.take(Mention(span, entries, match, cued=True)))
    return found
