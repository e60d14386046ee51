"""``claimwire_places_v1``: place names found, resolved to gazetteer entries, given a role.

Recognition (:func:`find_mentions`), in this order, each step on the tokens still free:

- demonyms and country adjectives ("Ukrainian", "Sri Lankan"): never locations; kept with
  ``role="modifier"`` and used as country context;
- the model's GPE, LOC and FAC entities, looked up whole in the offline gazetteer
  (:mod:`claimwire.gazetteer`), then by transliteration skeleton (Lugansk -> Luhansk), then
  by the gazetteer names inside them ("Savannah, Georgia"); a name ending in a feature
  word ("Orchard Street") stays whole; an entity that matches nothing is kept unresolved
  unless its words are names of people or organizations elsewhere in the text;
- the gazetteer over the text: runs of up to five tokens starting with a capital, longest
  first, guarded against capitalized common words ("Mobile", "Said"), English dictionary
  words, parts of longer names, sentence-initial words, abbreviations and acronyms; a
  notable place inside an organization's name ("the Ohio Supreme Court") is a modifier;
- lone unknown proper nouns: variants and misspellings at edit distance 1 of notable
  places of the article's countries ("Kharkvi" -> Kharkiv);
- names followed by a disease word ("West Nile virus") are dropped.

Resolution (:func:`claimwire.components.places_resolve.resolve`) scores each candidate
entry by its prior, the cues around the mention and the article's other names; a mention
without candidates stays ``resolved=False``.

Role (:func:`place_role`): a country or national capital that is the subject of a verb
("Kyiv said", "Ukraine claimed"), the possessor of forces or government ("Moscow's troops")
or the object of "according to" is an ``"actor"``; demonyms, "pro-X" and names inside
organizations are ``"modifier"``; everything else is a ``"location"``. Word lists live in
``resources/places_rules.json``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import OSA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..geo import Entry, Gazetteer, get_gazetteer, name_key
from ._base import ensure_extension, store_hits
from .places_cues import (
    DASHES,
    PLACE_LABELS,
    SPEECH_VERBS,
    WIDE_KINDS,
    Reader,
    accept,
    after_title,
    clean_entity,
    in_name_run,
    in_person_name,
    is_capitalized,
    name_connectors,
    name_token,
    named_so,
    notable,
    person_reference,
    personal_names,
    proper,
    speaker,
    with_final_dot,
)
from .places_resolve import MATCH_CONFIDENCE, Mention, best, confidence, prior, resolve, rules

FACTORY = "claimwire_places_v1"
SPAN_KEY = "claimwire.places"
EXTENSION = "claimwire_places"
MAX_TOKENS = 5


@dataclass(frozen=True)
class PlaceHit:
    """A place mention: evidence offsets, the chosen gazetteer entry and the mention's role.

    ``gazetteer_id`` is ``geonames:<id>``, ``iso3166-2:<code>`` (a first-level region) or
    ``curated:<id>``; all entry fields are None when ``resolved`` is False.
    """

    start: int
    end: int
    text: str
    name: str | None
    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    feature_code: str | None
    admin1: str | None
    country: str | None
    role: str
    score: float
    resolved: bool
    population: int | None
    kind: str | None = None
    match: str = "exact"
    admin2: str | None = None


def _ngram_mentions(reader: Reader, start: int, end: int, *, inside: bool = False) -> list[Mention]:
    """Gazetteer names among tokens ``start:end``, longest first, left to right."""
    doc = reader.doc
    connectors = name_connectors()
    found: list[Mention] = []
    index = start
    while index < end:
        token = doc[index]
        if index in reader.taken or not is_capitalized(token) or not name_token(token):
            index += 1
            continue
        matched = None
        for size in range(_name_run(reader, index, end, connectors), 0, -1):
            span = doc[index : index + size]
            last = span[-1]
            if last.text in DASHES:
                continue
            entries = reader.gazetteer.lookup(span.text)
            if last.is_lower and size > 1:
                entries = tuple(e for e in entries if e.kind in {"facility", "region", "water"})
            if not entries:
                continue
            verdict = accept(reader, span, entries)
            if verdict is not None:
                span = with_final_dot(span)
                matched = Mention(
                    span,
                    entries,
                    "exact",
                    embedded=verdict == "embedded",
                    cued=verdict == "cued",
                )
                break
        if matched is None:
            index += 1
            continue
        found.append(reader.take(matched))
        index = matched.span.end
    return found


def _name_run(reader: Reader, index: int, end: int, connectors: frozenset[str]) -> int:
    """How many tokens from ``index`` (at most :data:`MAX_TOKENS`) may form one name: free
    name tokens, capitalized or connectors after the first, on one line and one sentence."""
    doc = reader.doc
    size = 1
    while size < MAX_TOKENS and index + size < end:
        token = doc[index + size]
        if token.i in reader.taken or not name_token(token) or token.is_sent_start:
            break
        if "\n" in doc[index + size - 1].text_with_ws:
            break
        if not is_capitalized(token) and token.lower_ not in connectors and token.text != "-":
            break
        size += 1
    return size


@lru_cache(maxsize=1)
def _demonym_first_words() -> frozenset[str]:
    keys = [*rules()["demonym_keys"], *rules()["region_demonym_keys"]]
    return frozenset(key.split()[0] for key in keys)


def _demonym_mentions(reader: Reader) -> list[Mention]:
    """Demonyms of countries ('Ukrainian', context only) and of regions ('European',
    'Texan', resolved to the region); both are modifiers."""
    demonyms = rules()["demonym_keys"]
    regions = rules()["region_demonym_keys"]
    doc = reader.doc
    found = []
    firsts = _demonym_first_words()
    for token in doc:
        if token.lower_.rstrip("s") not in firsts and token.lower_ not in firsts:
            continue
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
    groups = rules()["ethnic_groups"]
    for start in range(max(0, token.i - 2), token.i + 1):
        for end in range(token.i + 1, min(len(doc), start + 3) + 1):
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
    return _longer_name(reader, reader.doc[index : index + 1]) is not None


def _longer_name(reader: Reader, span: Span) -> Span | None:
    """The longest gazetteer name that starts with ``span`` and goes on after it, if any:
    'Trinidad' of 'Trinidad and Tobago'."""
    doc = reader.doc
    connectors = name_connectors()
    for size in range(min(MAX_TOKENS, len(doc) - span.start), len(span), -1):
        longer = doc[span.start : span.start + size]
        if not all(is_capitalized(t) or t.lower_ in connectors for t in longer[1:]):
            continue
        if not is_capitalized(longer[-1]) or not reader.free(longer):
            continue
        if any(t.is_sent_start or "\n" in t.text_with_ws for t in longer[1:]):
            continue
        if reader.gazetteer.lookup(longer.text):
            return longer
    return None


def _with_road_number(span: Span) -> Span:
    """'County Road' + '43': a road word ending the span takes the number after it."""
    doc = span.doc
    if span.end >= len(doc) or span[-1].text not in rules()["numbered_way_heads"]:
        return span
    number = doc[span.end].text
    if "\n" in span[-1].text_with_ws or not number[:1].isdigit() or len(number) > 5:
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


def _misnamed_feature(ent: Span) -> bool:
    """'Greer Station': a person entity of the model that holds no person's name and ends in
    a feature word (not a local institution's) is the name of a place."""
    lists = rules()
    last = ent[-1].text
    if ent.label_ != "PERSON" or len(ent) < 2 or last not in lists["feature_heads"]:
        return False
    return last not in lists["local_institution_words"] and not personal_names(ent)


def _entity_mentions(reader: Reader, countries: Counter[str]) -> list[Mention]:
    """The model's GPE, LOC and FAC entities: whole, by variant, by the names inside.

    A name that ends in a feature word ('Orchard Street', 'Mercy Hospital') and is not in
    the gazetteer stays whole and unresolved; so does any other unknown place entity whose
    parts are not names either.
    """
    lists = rules()
    demonyms = lists["demonym_keys"]
    found: list[Mention] = []
    for ent in reader.doc.ents:
        if ent.label_ not in PLACE_LABELS and not _misnamed_feature(ent):
            continue
        span = clean_entity(ent)
        if span is None or not is_capitalized(span[0]) or not reader.free(span):
            continue
        if name_key(span.text) in demonyms or span.text in lists["never_places"]:
            continue
        if len(span) > 1 and span[-1].text in lists["holiday_heads"]:
            continue
        if after_title(span) or person_reference(reader, span):
            continue
        span = _longer_name(reader, span) or with_final_dot(span)
        with_number = _with_road_number(span)
        span, numbered = with_number, with_number.end > span.end
        entries = reader.gazetteer.lookup(span.text)
        match = "exact"
        if not entries:
            entries, match = reader.gazetteer.lookup_variant(span.text), "variant"
            entries = tuple(e for e in entries if notable((e,), 50_000) and e.country in countries)
            if span.text in reader.person_words:
                entries = ()
        if (
            not entries
            and len(span) > 1
            and span[-1].text not in lists["feature_heads"]
            and not numbered
            and not _unknown_compound(reader, span)
        ):
            inner = _ngram_mentions(reader, span.start, span.end)
            if inner:
                found += inner
                continue
        others = all(token.text in reader.other_words for token in span)
        if not entries and others and ent.label_ in PLACE_LABELS:
            continue
        found.append(reader.take(Mention(span, entries, match, ent.label_)))
    return found


def _way_mentions(reader: Reader) -> list[Mention]:
    """Streets, rivers and other named features the gazetteer lacks: capitalized names
    ending in a way word ('Neches River', 'Kelley Lane'), kept whole and unresolved."""
    doc = reader.doc
    heads = rules()["way_heads"]
    found = []
    for token in doc:
        if token.text not in heads or token.i in reader.taken or token.i == 0:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and is_capitalized(after) and "\n" not in token.text_with_ws:
            continue
        start = token.i
        while start > 0 and token.i - start < 3:
            before = doc[start - 1]
            glued = "\n" not in before.text_with_ws and before.i not in reader.taken
            if not (glued and proper(before) and before.text not in heads):
                break
            start -= 1
        if start == token.i or after_title(doc[start : token.i]):
            continue
        if doc[start].is_sent_start and doc[start].text in rules()["common_words"]:
            continue
        found.append(reader.take(Mention(doc[start : token.i + 1], (), "exact")))
    return found


def _labelled_person(reader: Reader, span: Span) -> bool:
    """Tell whether the model calls exactly this span a person."""
    owner = reader.owner[span.start]
    return owner is not None and owner.label_ == "PERSON" and owner.start == span.start


def _hyphenated(span: Span) -> bool:
    """'Wal' of 'Wal-Mart': the name is glued to a hyphen and another word."""
    doc = span.doc
    glued_after = span.end + 1 < len(doc) and doc[span.end].text == "-"
    glued_after = glued_after and not span[-1].whitespace_ and not doc[span.end].whitespace_
    glued_before = span.start >= 2 and doc[span.start - 1].text == "-"
    glued_before = glued_before and not doc[span.start - 1].whitespace_
    return glued_after or (glued_before and not doc[span.start - 2].whitespace_)


def _repeated_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """Other occurrences of a name the text already uses as a place (one sense per
    discourse): 'Laconia' after 'in Laconia', 'DeKalb's plan' after 'DeKalb County, DeKalb'.

    Names inside a longer person's name ('Andrew Jackson'), after a person's title or in
    upper case are left alone; inside an organization's name they are modifiers.
    """
    doc = reader.doc
    known = {
        mention.span.text: mention
        for mention in mentions
        if mention.candidates
        and mention.match == "exact"
        and (mention.cued or mention.label in {"GPE", "LOC"})
        and not _labelled_person(reader, mention.span)
    }
    if not known:
        return []
    longest = max(len(mention.span) for mention in known.values())
    firsts = {mention.span[0].text for mention in known.values()}
    found = []
    for token in doc:
        if token.text not in firsts or token.i in reader.taken:
            continue
        for size in range(min(longest, len(doc) - token.i), 0, -1):
            span = doc[token.i : token.i + size]
            model = known.get(span.text)
            if model is None or not reader.free(span) or after_title(span):
                continue
            if person_reference(reader, span) or speaker(span, model.candidates):
                break
            owner = reader.owner[span.start]
            if owner is not None and len(owner) > len(span) and in_person_name(span, owner):
                break
            if not proper(span[-1]) or _hyphenated(span):
                break
            embedded = (
                owner is not None
                and owner.label_ not in PLACE_LABELS | {"PERSON"}
                and len(owner) > len(span)
            )
            mention = Mention(span, model.candidates, "exact", embedded=embedded)
            found.append(reader.take(mention))
            break
    return found


LIST_WORDS = frozenset({"and", "or"})


def _listed_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """Names listed with a place ('Paris and Roxton', 'Moonbi, Parkes, Berry and Wyong'): a
    whole capitalized name the gazetteer knows, joined to a recognized place by a comma,
    'and' or 'or', is a place too (and may carry the list on)."""
    anchors = [m for m in mentions if m.candidates and m.match != "demonym" and not m.embedded]
    found: list[Mention] = []
    while anchors:
        listed = []
        for anchor in anchors:
            for span in _neighbours(reader.doc, anchor.span):
                entries = reader.gazetteer.lookup(span.text) if reader.free(span) else ()
                if entries and _listable(reader, span, entries):
                    listed.append(reader.take(Mention(span, entries, "exact", cued=True)))
        found += listed
        anchors = listed
    return found


def _neighbours(doc: Doc, span: Span) -> list[Span]:
    """The whole runs of proper names (at most three words) beside ``span`` across a comma,
    'and' or 'or': the other members of a list it stands in."""
    runs = []
    index = span.end
    if index < len(doc) and doc[index].text == ",":
        index += 1
    if index < len(doc) and doc[index].lower_ in LIST_WORDS:
        index += 1
    end = index
    while index < end + 3 and end < len(doc) and proper(doc[end]):
        end += 1
    if span.end < index < end and (end == len(doc) or not proper(doc[end])):
        runs.append(doc[index:end])
    index = span.start
    if index > 0 and doc[index - 1].lower_ in LIST_WORDS:
        index -= 1
    if index > 0 and doc[index - 1].text == ",":
        index -= 1
    start = index
    while start > index - 3 and start > 0 and proper(doc[start - 1]):
        start -= 1
    if start < index < span.start and (start == 0 or not proper(doc[start - 1])):
        runs.append(doc[start:index])
    return runs


def _listable(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> bool:
    """Tell whether a name listed beside a place may be taken as one: named so in the
    gazetteer, no common word, person's word or title, not inside a longer entity."""
    lists = rules()
    text = span.text
    if text in lists["common_words"] or text in lists["never_places"] or after_title(span):
        return False
    if text in reader.person_words or name_key(text) in lists["demonym_keys"]:
        return False
    owner = reader.owner[span.start]
    if owner is not None and (owner.start < span.start or owner.end > span.end):
        return False
    if text.isupper() and len(text) <= 4:
        return any(entry.kind in {"country", "admin1", "region"} for entry in entries)
    return named_so(text, entries)


def _fuzzy_entries(text: str, gazetteer: Gazetteer, countries: Counter[str]) -> tuple[Entry, ...]:
    """Notable places of the article's countries at edit distance 1 of ``text``."""
    key = name_key(text)
    if len(key) < 6 or " " in key:
        return ()
    limit = 2 if len(key) >= 10 else 1
    found: list[Entry] = []
    for name in gazetteer.fuzzy_names(key[:1]):
        if name[:2] != key[:2] or abs(len(name) - len(key)) > limit:
            continue
        if OSA.distance(key, name, score_cutoff=limit) <= limit:
            found += [e for e in gazetteer.lookup_notable(name) if e.country in countries]
    return tuple(found)


def _unknown_name_mentions(reader: Reader, countries: Counter[str]) -> list[Mention]:
    """Lone capitalized names the gazetteer lacks: variants and misspellings of notable
    places of the article's countries."""
    found = []
    words = rules()["common_words"]
    for token in reader.doc:
        if token.i in reader.taken or token.tag_ != "NNP" or not token.is_alpha:
            continue
        if reader.owner[token.i] is not None or token.is_sent_start or token.text in words:
            continue
        span = reader.doc[token.i : token.i + 1]
        if token.text in reader.person_words or in_name_run(span) or after_title(span):
            continue
        if token.lower_ in reader.dictionary:
            continue
        entries = tuple(
            e
            for e in reader.gazetteer.lookup_variant(token.text)
            if notable((e,), 50_000) and e.country in countries
        )
        match = "variant"
        if not entries:
            entries, match = _fuzzy_entries(token.text, reader.gazetteer, countries), "fuzzy"
        if entries:
            found.append(reader.take(Mention(span, entries, match)))
    return found


def find_mentions(
    doc: Doc, gazetteer: Gazetteer, dictionary: frozenset[str] = frozenset()
) -> list[Mention]:
    """Recognize place names in ``doc`` (see the module docstring), before resolution.

    Args:
        doc: A parsed document with the model's entities.
        gazetteer: Where names are looked up.
        dictionary: Lower-case English words (capitalized, they need more evidence).
    """
    reader = Reader(doc, gazetteer, dictionary)
    mentions = _demonym_mentions(reader)
    countries = _context_countries(
        mentions
        + [
            Mention(ent, gazetteer.lookup(ent.text), "exact")
            for ent in doc.ents
            if ent.label_ == "GPE"
        ]
    )
    mentions += _entity_mentions(reader, countries)
    mentions += _ngram_mentions(reader, 0, len(doc))
    mentions += _repeated_mentions(reader, mentions)
    mentions += _listed_mentions(reader, mentions)
    mentions += _way_mentions(reader)
    mentions += _unknown_name_mentions(reader, _context_countries(mentions))
    mentions += _initials_mentions(reader, mentions)
    mentions = [_with_region_noun(reader, mention) for mention in mentions]
    mentions = _without_diseases(mentions)
    mentions = _without_stray_hamlets(mentions)
    mentions.sort(key=lambda mention: mention.span.start)
    return _regions_of_a_region_noun(reader, mentions)


def _regions_of_a_region_noun(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """'Douglas, Sarpy and Lancaster counties', 'the Donetsk and Luhansk regions': a lower-case
    region noun after a name or a list of names makes each of them a region: its candidates
    become the regions called so with the noun's type word ('Douglas County'), else its own
    regions (when it has any); a listed name not recognized yet is a place when the gazetteer
    knows it with the type word ('Sarpy County'). Returns the mentions in text order."""
    doc, types = reader.doc, rules()["region_noun_types"]
    by_span = {(m.span.start, m.span.end): index for index, m in enumerate(mentions)}
    result, added = list(mentions), []
    for token in doc:
        kind = types.get(token.text)
        if kind is None:
            continue
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
            entries = reader.gazetteer.lookup(f"{run.text} {kind}") if reader.free(run) else ()
            if entries:
                added.append(reader.take(Mention(run, entries, "exact", cued=True)))
    return sorted(result + added, key=lambda mention: mention.span.start)


def _listed_before(doc: Doc, end: int) -> list[Span]:
    """The runs of proper names (at most three words) listed right before token ``end``,
    joined by commas, 'and' and 'or': 'Douglas, Sarpy and Lancaster' before 'counties'."""
    runs: list[Span] = []
    while True:
        start = end
        while start > 0 and end - start < 3 and proper(doc[start - 1]):
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
    if mention.match == "demonym" or mention.embedded:
        return mention
    named = reader.gazetteer.lookup(f"{mention.span.text} {kind}")
    own = tuple(e for e in mention.candidates if e.kind in {"admin1", "admin2", "region"})
    regions = named or own
    return replace(mention, candidates=regions) if regions else mention


def _without_stray_hamlets(mentions: list[Mention]) -> list[Mention]:
    """The mentions but lone words whose only candidates are hamlets (under 1,000 people) in
    countries no other name of the text points to: 'Titan' (an Afghan hamlet) is the
    company, 'Tanya' a person."""
    kept = []
    for mention in mentions:
        span, entries = mention.span, mention.candidates
        stray = len(span) == 1 and entries and not mention.cued and mention.match == "exact"
        if stray and all(entry.kind == "city" and entry.population < 1_000 for entry in entries):
            others = [other for other in mentions if other.span.text != span.text]
            countries = _context_countries(others)
            stray = not any(entry.country in countries for entry in entries)
        else:
            stray = False
        if not stray:
            kept.append(mention)
    return kept


def _initials(name: str) -> str:
    """'BC' of 'British Columbia', 'TT' of 'Trinidad and Tobago'; empty for one word."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isupper()]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def _initials_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """Upper-case initials of a place the text names in full ('SA' after 'South Africa' or
    'South Africans', 'T&T' after 'Trinidad and Tobago', 'BC' after 'British Columbia')."""
    named: dict[str, tuple[Entry, ...]] = {}
    for mention in mentions:
        if mention.demonym:
            entries = reader.gazetteer.lookup_country(mention.demonym)
            names = [entry.name for entry in entries]
        else:
            entries, names = mention.candidates, [mention.span.text]
        for name in names:
            if _initials(name) and entries:
                named.setdefault(_initials(name), entries)
    if not named:
        return []
    found = []
    for token in reader.doc:
        key = token.text.replace("&", "").replace(".", "")
        if token.i in reader.taken or not key.isupper() or key not in named:
            continue
        found.append(reader.take(Mention(token.doc[token.i : token.i + 1], named[key], "variant")))
    return found


def _names_a_disease(span: Span) -> bool:
    """'West Nile virus', 'Marburg hemorrhagic fever', 'Reston ebolavirus': the name is
    followed by a disease word, maybe after a disease modifier."""
    doc = span.doc
    lists = rules()
    for token in doc[span.end : span.end + 2]:
        if token.lower_ in lists["disease_heads"]:
            return True
        if token.is_lower and token.lower_.endswith("virus"):
            return True
        if token.lower_ not in lists["disease_modifiers"]:
            return False
    return False


def _without_diseases(mentions: list[Mention]) -> list[Mention]:
    """The mentions but the names of diseases: a name followed by a disease word names the
    disease, and so does the same name elsewhere in the text ('an isolated case of imported
    Marburg') unless a locative preposition stands before it ('in Reston')."""
    diseases = {mention.span.text for mention in mentions if _names_a_disease(mention.span)}
    locatives = rules()["locative_prepositions"]
    kept = []
    for mention in mentions:
        span = mention.span
        if span.text in diseases:
            before = span.doc[span.start - 1] if span.start > 0 else None
            if _names_a_disease(span) or before is None or before.lower_ not in locatives:
                continue
        kept.append(mention)
    return kept


def _with_region_noun(reader: Reader, mention: Mention) -> Mention:
    """'Nyanza' + 'Province': a capitalized region word after a place name joins the name,
    and the name's regions (not its towns) are its candidates when it has any."""
    doc = reader.doc
    end = mention.span.end
    if not mention.candidates or end >= len(doc) or end in reader.taken:
        return mention
    noun = doc[end]
    if noun.text not in rules()["proper_region_nouns"] or "\n" in mention.span[-1].text_with_ws:
        return mention
    regions = tuple(e for e in mention.candidates if e.kind in {"admin1", "admin2", "region"})
    reader.taken.add(end)
    span = doc[mention.span.start : end + 1]
    return Mention(span, regions or mention.candidates, mention.match, mention.label)


def _context_countries(mentions: list[Mention]) -> Counter[str]:
    """Countries the article is about: demonyms, country names, unambiguous places."""
    countries: Counter[str] = Counter()
    for mention in mentions:
        if mention.demonym:
            countries[mention.demonym] += 1
            continue
        codes = {entry.country for entry in mention.candidates if entry.country}
        kinds = {entry.kind for entry in mention.candidates}
        if len(codes) == 1 or "country" in kinds:
            best = max(mention.candidates, key=prior)
            if best.country:
                countries[best.country] += 1
    return countries


def _place_part(noun: Token) -> bool:
    """Tell whether a possessed noun is a part of the place ('Russia's border regions')."""
    words = rules()["place_part_nouns"]
    if noun.lower_ in words or noun.lemma_ in words:
        return True
    return noun.ent_type_ in PLACE_LABELS or noun.tag_ in {"NNP", "NNPS"}


def place_role(mention: Mention, entry: Entry | None) -> str:
    """``"actor"`` for a country or capital acting or owning something that is not a part
    of it ('Moscow's troops', 'Russia's losses'), ``"modifier"`` for demonyms and 'pro-X',
    else ``"location"``."""
    span = mention.span
    doc = span.doc
    if mention.demonym or mention.match == "demonym" or mention.embedded:
        return "modifier"
    lists = rules()
    hyphen = span.start >= 2 and doc[span.start - 1].text == "-"
    if hyphen and doc[span.start - 2].lower_ in lists["modifier_prefixes"]:
        return "modifier"
    if entry is None or not (entry.kind == "country" or entry.feature_code == "PPLC"):
        return "location"
    root = span.root
    head = root.head
    inert = lists["inert_verbs"]
    if root.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"} and head.lemma_ not in inert:
        return "actor"
    if root.dep_ == "poss" and not _place_part(head):
        # 'Moscow's troops', 'Russia's total troop losses': the owner, not a place where
        # something happened ('Russia's Belgorod region', 'Ukraine's east' stay locations)
        return "actor"
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return "actor"
    if root.dep_ == "compound" and head.lower_ in lists["actor_nouns"]:
        return "actor"
    return "location"


def find(
    doc: Doc, gazetteer: Gazetteer | None = None, dictionary: frozenset[str] = frozenset()
) -> list[PlaceHit]:
    """Find, resolve and give a role to every place mention of ``doc``.

    Args:
        doc: A parsed document with the model's entities.
        gazetteer: The gazetteer to use; default the process-wide one.
        dictionary: Lower-case English words (see :func:`english_words`).

    Returns:
        The place hits, in text order.
    """
    gazetteer = gazetteer or get_gazetteer()
    mentions = find_mentions(doc, gazetteer, dictionary)
    resolve(mentions)
    hits = []
    for mention in mentions:
        span = _trimmed(mention.span)
        if mention.demonym:
            entries = gazetteer.lookup_country(mention.demonym)
            entry = entries[0] if entries else None
        else:
            entry = best(mention)
        role = place_role(mention, entry)
        score = 0.0
        if entry is not None:
            score = MATCH_CONFIDENCE["demonym"] if mention.demonym else confidence(mention, entry)
        hits.append(
            PlaceHit(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                name=entry.name if entry else None,
                gazetteer_id=entry.id if entry else None,
                lat=entry.lat if entry else None,
                lon=entry.lon if entry else None,
                feature_class=entry.feature_class if entry else None,
                feature_code=entry.feature_code if entry else None,
                admin1=entry.admin1 if entry else None,
                country=entry.country if entry else None,
                role=role,
                score=score,
                resolved=entry is not None,
                population=entry.population if entry else None,
                kind=entry.kind if entry else None,
                match=mention.match,
                admin2=entry.admin2 if entry else None,
            )
        )
    return hits


def english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words from the pipeline's lemmatizer tables (empty without them).

    Capitalized, such a word ("Reading", "Mobile") is taken as a place only on stronger
    evidence than an unknown word.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    words: set[str] = set()
    if lookups is not None and lookups.has_table("lemma_index"):
        for listed in lookups.get_table("lemma_index").values():
            words.update(listed)
    if lookups is not None and lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            words.update(forms)
    return frozenset(word for word in words if word.isalpha())


def _trimmed(span: Span) -> Span:
    """``span`` without space or dash tokens at its edges ("Russian\\n" of a line-broken
    sentence, "Egyptian-" of "Egyptian-American")."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (doc[end - 1].is_space or doc[end - 1].text in DASHES):
        end -= 1
    while end - start > 1 and (doc[start].is_space or doc[start].text in DASHES):
        start += 1
    return span.doc[start:end]


class PlaceFinder:
    """The spaCy component: runs :func:`find` and stores its hits on the Doc."""

    def __init__(self, name: str = FACTORY, dictionary: frozenset[str] = frozenset()) -> None:
        self.name = name
        self.dictionary = dictionary
        ensure_extension(EXTENSION)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find(doc, dictionary=self.dictionary))
        return doc

    def set_annotations(self, doc: Doc, found: list[PlaceHit]) -> None:
        """Store ``found`` in ``doc._.claimwire_places`` and as spans labelled by role."""
        store_hits(
            doc,
            found,
            extension=EXTENSION,
            span_key=SPAN_KEY,
            label=lambda hit: hit.role,
            expand=False,
        )


@Language.factory(
    FACTORY,
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
    requires=["doc.ents", "token.dep", "token.tag"],
)
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    """Create the place component (spaCy factory ``claimwire_places_v1``)."""
    return PlaceFinder(name, english_words(nlp))
