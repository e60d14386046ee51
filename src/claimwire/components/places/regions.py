"""Region nouns: 'Nyanza Province', 'Douglas, Sarpy and Lancaster counties'.

A capitalized region word after a name joins it; a lower-case region noun after a name or
a list of names makes each of them a region.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...geo import Entry, name_key
from .._view import token_texts
from . import settings
from .kinds import REGION_KINDS, WIDE_KINDS
from .lexicon import LIST_WORDS, demonym_first_words, rules
from .mention import Mention
from .reader import Reader
from .tokens import is_capitalized, name_token, proper


def regions_of_a_region_noun(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """'Douglas, Sarpy and Lancaster counties', 'the Donetsk and Luhansk regions': a lower-case
    region noun after a name or a list of names makes each of them a region: its candidates
    become the regions called so with the noun's type word ('Douglas County'), else its own
    regions (when it has any); a listed name not recognized yet is a place when the gazetteer
    knows it with the type word ('Sarpy County'). Returns the mentions in text order."""
    doc, types = reader.doc, rules().region_noun_types
    by_span = {(m.span.start, m.span.end): index for index, m in enumerate(mentions)}
    result, added = list(mentions), []
    for i, text in enumerate(token_texts(doc)):
        kind = types.get(text)
        if kind is None:
            continue
        token = doc[i]
        runs = _listed_before(doc, token.i)
        if len(runs) == 1 and token.text.endswith("s"):
            # 'Indiana counties', 'Ukraine's regions' are regions in a place, not the place
            index = by_span.get((runs[0].start, runs[0].end))
            wide = index is not None and any(
                entry.kind in WIDE_KINDS for entry in mentions[index].candidates
            )
            runs = [] if wide else runs
        for run in runs:
            index = by_span.get((run.start, run.end))
            if index is not None:
                result[index] = _as_region(reader, mentions[index], kind)
                continue
            entries = _listed_regions(reader, run, kind) if reader.free(run) else ()
            if entries:
                added.append(reader.take(Mention(run, entries, "exact", cued=True)))
    return sorted(result + added, key=lambda mention: mention.span.start)


def _listed_regions(reader: Reader, run: Span, kind: str) -> tuple[Entry, ...]:
    """The regions a listed name not recognized yet may be: those the gazetteer calls so
    with the type word ('Sarpy County'), else the first-level and second-level regions
    called by the name or spelt another way ('Raqqah' in 'the Idlib and Raqqa provinces');
    never its towns."""
    gazetteer = reader.gazetteer
    named = gazetteer.lookup(f"{run.text} {kind}")
    if named:
        return named
    exact = tuple(e for e in gazetteer.lookup(run.text) if e.kind in REGION_KINDS)
    return exact or tuple(e for e in gazetteer.lookup_variant(run.text) if e.kind in REGION_KINDS)


def _listed_word(token: Token) -> bool:
    """Tell whether ``token`` may be a word of a listed name: a proper noun, or a capitalized
    word the tagger read as an adjective that is no demonym (a name ending in '-ous' is
    tagged like 'famous')."""
    if proper(token):
        return True
    return (
        token.tag_ == "JJ"
        and not token.is_sent_start
        and is_capitalized(token)
        and name_token(token)
        and name_key(token.text) not in demonym_first_words()
    )


def _listed_before(doc: Doc, end: int) -> list[Span]:
    """The runs of proper names (at most three words) listed right before token ``end``,
    joined by commas, 'and' and 'or': 'Douglas, Sarpy and Lancaster' before 'counties'."""
    runs: list[Span] = []
    while True:
        start = end
        while start > 0 and end - start < settings.LIST_NAME_WORDS and _listed_word(doc[start - 1]):
            start -= 1
        if start == end:
            return runs
        runs.append(doc[start:end])
        end = start
        while end > max(0, start - 2) and (
            doc[end - 1].text == "," or doc[end - 1].lower_ in LIST_WORDS
        ):
            end -= 1
        if end == start:
            return runs


def _as_region(reader: Reader, mention: Mention, kind: str) -> Mention:
    """``mention`` read as a region of type ``kind``: the regions called so with the type
    word ('Douglas County'), else its own regions, else unchanged."""
    if mention.match == "demonym" or mention.embedded:
        return mention
    named = reader.gazetteer.lookup(f"{mention.span.text} {kind}")
    own = tuple(e for e in mention.candidates if e.kind in REGION_KINDS)
    regions = named or own
    return replace(mention, candidates=regions) if regions else mention


def with_region_noun(reader: Reader, mention: Mention) -> Mention:
    """'Nyanza' + 'Province': a capitalized region word after a place name joins the name,
    and the name's regions (not its towns) are its candidates when it has any."""
    doc = reader.doc
    end = mention.span.end
    if not mention.candidates or end >= len(doc) or end in reader.taken:
        return mention
    noun = doc[end]
    if noun.text not in rules().proper_region_nouns or "\n" in mention.span[-1].text_with_ws:
        return mention
    regions = tuple(e for e in mention.candidates if e.kind in REGION_KINDS)
    reader.taken.add(end)
    span = doc[mention.span.start : end + 1]
    return Mention(span, regions or mention.candidates, mention.match, mention.label)
