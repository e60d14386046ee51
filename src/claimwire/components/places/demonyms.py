"""Demonyms and country adjectives ('Ukrainian', 'Sri Lankan', 'Texan'): never locations.

A country's demonym is kept as a modifier and used as the article's country context; a
region's ('European', 'Texan') is resolved to the region. A demonym that starts a longer
name ('British Columbia'), names an ethnic group ('African American'), is a surname
('Monica French') or speaks ('French said') is none.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...geo import Entry, name_key
from .._view import token_lowers
from . import settings
from .lexicon import SPEECH_VERBS, demonym_codes, demonym_first_words, region_demonyms, rules
from .mention import Mention
from .names import longer_name
from .person_names import in_person_name
from .reader import Reader
from .tokens import is_capitalized


def demonym_mentions(reader: Reader) -> list[Mention]:
    """Demonyms of countries ('Ukrainian', context only) and of regions ('European',
    'Texan', resolved to the region); both are modifiers."""
    demonyms = demonym_codes()
    regions = region_demonyms()
    doc = reader.doc
    found = []
    firsts = demonym_first_words()
    for i, lower in enumerate(token_lowers(doc)):
        if lower.rstrip("s") not in firsts and lower not in firsts:
            continue
        token = doc[i]
        if token.i in reader.taken or not is_capitalized(token):
            continue
        if _starts_longer_name(reader, token.i) or _not_a_demonym(reader, token):
            continue
        for size in (2, 1):
            span = doc[token.i : token.i + size]
            if len(span) < size or not reader.free(span):
                continue
            text = span.text
            code = demonyms.get(name_key(text))
            plural = text.endswith("s") and not reader.gazetteer.lookup(text)
            if code is None and plural and span[-1].tag_ == "NNPS":
                code = demonyms.get(name_key(text[:-1]))
            if code is not None:
                found.append(reader.take(Mention(span, (), "demonym", demonym=code)))
                break
            region = _region_of_demonym(reader, text, regions)
            if region:
                found.append(reader.take(Mention(span, region, "demonym")))
                break
    return found


def _not_a_demonym(reader: Reader, token: Token) -> bool:
    """Tell whether a demonym's word is something else here: part of the name of an ethnic
    group ('African American', 'Native Americans'), a surname ('Monica French') or a person
    speaking ('French said')."""
    doc = reader.doc
    groups = rules().ethnic_groups
    longest = settings.ETHNIC_GROUP_WORDS
    for start in range(max(0, token.i - (longest - 1)), token.i + 1):
        for end in range(token.i + 1, min(len(doc), start + longest) + 1):
            if doc[start:end].text.replace("-", " ").replace("  ", " ") in groups:
                return True
    owner = reader.owner[token.i]
    word = doc[token.i : token.i + 1]
    if owner is not None and owner.start < token.i and in_person_name(word, owner):
        return True
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in SPEECH_VERBS


def _region_of_demonym(reader: Reader, text: str, regions: dict[str, str]) -> tuple[Entry, ...]:
    """The region entries a region demonym ('Europeans', 'Texan') stands for."""
    name = regions.get(name_key(text))
    if name is None and text.endswith("s") and not reader.gazetteer.lookup(text):
        name = regions.get(name_key(text[:-1]))
    if name is None:
        return ()
    return tuple(entry for entry in reader.gazetteer.lookup(name) if entry.kind != "city")


def _starts_longer_name(reader: Reader, index: int) -> bool:
    """Tell whether a gazetteer name of several words starts at token ``index``: the
    demonym of 'British Columbia', 'Saudi Arabia' or 'the Indian Ocean' is part of a name."""
    return longer_name(reader, reader.doc[index : index + 1]) is not None
