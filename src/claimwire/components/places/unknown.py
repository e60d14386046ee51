"""Names the gazetteer lacks: streets and rivers, variants and misspellings.

Capitalized names ending in a way word ('Neches River', 'Kelley Lane') are kept whole and
unresolved; lone unknown proper nouns are matched to notable places of the article's
countries by transliteration variant or at a small edit distance ('Kharkvi' -> Kharkiv).
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import OSA

from ...geo import Entry, Gazetteer, is_notable, name_key
from ...vocab import PlaceMatch
from .._view import token_texts
from . import settings
from .lexicon import rules
from .mention import Mention
from .reader import Reader
from .tokens import in_name_run, is_capitalized, proper
from .vetoes import after_title, group_name


def way_mentions(reader: Reader) -> list[Mention]:
    """Streets, rivers and other named features the gazetteer lacks: capitalized names
    ending in a way word ('Neches River', 'Kelley Lane'), kept whole and unresolved."""
    doc = reader.doc
    heads = rules().way_heads
    found = []
    for i, text in enumerate(token_texts(doc)):
        if text not in heads or i in reader.taken or i == 0:
            continue
        token = doc[i]
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and is_capitalized(after) and "\n" not in token.text_with_ws:
            continue
        start = token.i
        while start > 0 and token.i - start < settings.LIST_NAME_WORDS:
            before = doc[start - 1]
            glued = "\n" not in before.text_with_ws and before.i not in reader.taken
            if not (glued and proper(before) and before.text not in heads):
                break
            start -= 1
        if start == token.i or after_title(doc[start : token.i]):
            continue
        if doc[start].is_sent_start and doc[start].text in rules().common_words:
            continue
        found.append(reader.take(Mention(doc[start : token.i + 1], (), "exact")))
    return found


def _fuzzy_entries(text: str, gazetteer: Gazetteer, countries: Counter[str]) -> tuple[Entry, ...]:
    """Notable places of the article's countries at a small edit distance of ``text``
    (:data:`.settings.FUZZY_EDITS`, more for long names)."""
    key = name_key(text)
    if len(key) < settings.FUZZY_MIN_CHARS or " " in key:
        return ()
    long_name = len(key) >= settings.FUZZY_LONG_CHARS
    limit = settings.FUZZY_LONG_EDITS if long_name else settings.FUZZY_EDITS
    found: list[Entry] = []
    for name in gazetteer.fuzzy_candidates(key, limit):
        if OSA.distance(key, name, score_cutoff=limit) <= limit:
            found += [e for e in gazetteer.lookup_notable(name) if e.country in countries]
    return tuple(found)


def unknown_name_mentions(reader: Reader, countries: Counter[str]) -> list[Mention]:
    """Lone capitalized names the gazetteer lacks: variants and misspellings of notable
    places of the article's countries."""
    found = []
    words = rules().common_words
    for token in reader.doc:
        if token.i in reader.taken or token.tag_ != "NNP" or not token.is_alpha:
            continue
        if reader.owner[token.i] is not None or token.is_sent_start or token.text in words:
            continue
        span = reader.doc[token.i : token.i + 1]
        if token.text in reader.person_words or in_name_run(span) or after_title(span):
            continue
        if group_name(span):
            continue
        if token.lower_ in reader.dictionary:
            continue
        entries = tuple(
            e
            for e in reader.gazetteer.lookup_variant(token.text)
            if is_notable(e) and e.country in countries
        )
        match: PlaceMatch = "variant"
        if not entries:
            entries, match = _fuzzy_entries(token.text, reader.gazetteer, countries), "fuzzy"
        if entries:
            found.append(reader.take(Mention(span, entries, match)))
    return found
