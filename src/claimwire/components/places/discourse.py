"""Names the text makes places by the places it already names.

One sense per discourse: other occurrences of a name already used as a place ('Laconia'
after 'in Laconia'); names listed with a place ('Paris and Roxton'); upper-case initials of
a place named in full ('BC' after 'British Columbia').
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...geo import Entry, name_key
from .._view import token_texts
from . import settings
from .cues import named_so
from .kinds import ACRONYM_KINDS, PLACE_LABELS
from .lexicon import LIST_WORDS, demonym_codes, rules
from .mention import Mention
from .person_names import in_person_name
from .reader import Reader
from .tokens import proper
from .vetoes import after_title, group_name, person_reference, speaker


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


def repeated_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
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
    for i, text in enumerate(token_texts(doc)):
        if text not in firsts or i in reader.taken:
            continue
        token = doc[i]
        for size in range(min(longest, len(doc) - token.i), 0, -1):
            span = doc[token.i : token.i + size]
            model = known.get(span.text)
            if model is None or not reader.free(span) or after_title(span):
                continue
            if group_name(span):
                break
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


def listed_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
    """Names listed with a place ('Paris and Roxton', 'Moonbi, Parkes, Berry and Wyong'): a
    whole capitalized name the gazetteer knows, joined to a recognized place by a comma,
    'and' or 'or', is a place too (and may carry the list on)."""
    anchors = [m for m in mentions if m.candidates and m.match != "demonym" and not m.embedded]
    found: list[Mention] = []
    while anchors:
        listed = []
        for anchor in anchors:
            for span in _list_neighbours(reader.doc, anchor.span):
                entries = reader.gazetteer.lookup(span.text) if reader.free(span) else ()
                if entries and _listable(reader, span, entries):
                    listed.append(reader.take(Mention(span, entries, "exact", cued=True)))
        found += listed
        anchors = listed
    return found


def _list_neighbours(doc: Doc, span: Span) -> list[Span]:
    """The whole runs of proper names (at most three words) beside ``span`` across a comma,
    'and' or 'or': the other members of a list it stands in."""
    runs = []
    index = span.end
    if index < len(doc) and doc[index].text == ",":
        index += 1
    if index < len(doc) and doc[index].lower_ in LIST_WORDS:
        index += 1
    end = index
    # 'index < end + ...' always holds, so the run after is not bounded (kept as it was:
    # bounding it changes the output; see the report of issue 14)
    while index < end + settings.LIST_NAME_WORDS and end < len(doc) and proper(doc[end]):
        end += 1
    if span.end < index < end and (end == len(doc) or not proper(doc[end])):
        runs.append(doc[index:end])
    index = span.start
    if index > 0 and doc[index - 1].lower_ in LIST_WORDS:
        index -= 1
    if index > 0 and doc[index - 1].text == ",":
        index -= 1
    start = index
    while start > index - settings.LIST_NAME_WORDS and start > 0 and proper(doc[start - 1]):
        start -= 1
    if start < index < span.start and (start == 0 or not proper(doc[start - 1])):
        runs.append(doc[start:index])
    return runs


def _listable(reader: Reader, span: Span, entries: tuple[Entry, ...]) -> bool:
    """Tell whether a name listed beside a place may be taken as one: named so in the
    gazetteer, no common word, person's word or title, not inside a longer entity."""
    lists = rules()
    text = span.text
    if text in lists.common_words or text in lists.never_places or after_title(span):
        return False
    if group_name(span):
        return False
    if text in reader.person_words or name_key(text) in demonym_codes():
        return False
    owner = reader.owner[span.start]
    if owner is not None and (owner.start < span.start or owner.end > span.end):
        return False
    if text.isupper() and len(text) <= settings.ACRONYM_MAX_CHARS:
        return any(entry.kind in ACRONYM_KINDS for entry in entries)
    return named_so(text, entries)


def _initials(name: str) -> str:
    """'BC' of 'British Columbia', 'TT' of 'Trinidad and Tobago'; empty for one word."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isupper()]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def initials_mentions(reader: Reader, mentions: list[Mention]) -> list[Mention]:
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
    for i, text in enumerate(token_texts(reader.doc)):
        key = text.replace("&", "").replace(".", "")
        if i in reader.taken or not key.isupper() or key not in named:
            continue
        found.append(reader.take(Mention(reader.doc[i : i + 1], named[key], "variant")))
    return found
