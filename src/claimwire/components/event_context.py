"""Where and when: the places and dates an event may take, and how one is chosen.

The places and dates components' hits are used when they ran; else the model's GPE /
LOC / FAC and DATE entities (explicit month-days roughly resolved against the
publication date, only to tell background from news and to merge). A trigger takes
first what attaches to it in the parse, then the nearest of its sentence that no other
trigger owns, then the paragraph's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from ._base import doc_text
from .event_lexicon import toponym_like

PLACE_PREPS = frozenset({"in", "at", "near", "into", "of", "outside", "around", "across", "from"})


@dataclass(frozen=True)
class Located:
    """A place or date mention an event may take (from the component, else the model)."""

    start: int
    end: int
    name: str
    index: int | None
    value: Any = None
    granularity: str | None = None
    country: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


def component_hits(doc: Doc, name: str) -> list[Any] | None:
    """The hits of another claimwire component (``doc._.claimwire_<name>``), or None."""
    key = f"claimwire_{name}"
    if not Doc.has_extension(key):
        return None
    hits = getattr(doc._, key)
    return list(hits) if hits is not None else None


def places_of(doc: Doc, actor_tokens: frozenset[int] = frozenset()) -> list[Located]:
    """The places of the places component, else the model's places and toponym-like words
    that are not part of an actor's name."""
    hits = component_hits(doc, "places")
    if hits is not None:
        text = doc_text(doc)
        found = []
        for i, hit in enumerate(hits):
            if getattr(hit, "role", "location") not in {"location", None}:
                continue
            name = getattr(hit, "name", None) or text[hit.start : hit.end]
            found.append(
                Located(
                    hit.start,
                    hit.end,
                    name,
                    i,
                    country=getattr(hit, "country", None),
                    feature_class=getattr(hit, "feature_class", None),
                    feature_code=getattr(hit, "feature_code", None),
                    admin1=getattr(hit, "admin1", None),
                    lat=getattr(hit, "lat", None),
                    lon=getattr(hit, "lon", None),
                )
            )
        return found
    found = [
        Located(ent.start_char, ent.end_char, ent.text, None)
        for ent in doc.ents
        if ent.label_ in {"GPE", "LOC", "FAC"}
        and ent.root.dep_ not in {"nsubj", "poss", "amod"}
        and ent.root.pos_ != "ADJ"
    ]
    taken = {p.start for p in found}
    for token in doc:
        if token.idx in taken or token.i in actor_tokens or not toponym_like(token):
            continue
        if token.ent_type_ in {"GPE", "LOC"} and token.dep_ not in {"dobj", "nsubjpass"}:
            continue
        if (
            (token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS)
            or (token.dep_ == "compound" and token.head.pos_ == "NOUN")
            or (token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ == "VERB")
        ):
            found.append(Located(token.idx, token.idx + len(token), token.text, None))
    return sorted(found, key=lambda p: p.start)


def dates_of(doc: Doc) -> list[Located]:
    """The resolved dates of the dates component, else the model's DATE entities."""
    hits = component_hits(doc, "dates")
    if hits is not None:
        text = doc_text(doc)
        return [
            Located(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                i,
                value=(getattr(hit, "start_date", None), getattr(hit, "end_date", None)),
                granularity=getattr(hit, "granularity", None),
            )
            for i, hit in enumerate(hits)
            if getattr(hit, "start_date", None) is not None
            or getattr(hit, "end_date", None) is not None
        ]
    published = doc.user_data.get("claimwire.published")
    return [
        Located(
            ent.start_char,
            ent.end_char,
            ent.text,
            None,
            value=rough_date(ent.text, published),
            granularity="century" if "centur" in ent.text.lower() else None,
        )
        for ent in doc.ents
        if ent.label_ == "DATE"
    ]


MONTHS = {
    m: k + 1
    for k, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")]
    )
    for m in names
}  # fmt: skip
MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Za-z]{3,9})\b")


def rough_date(text: str, published: Any) -> Any:
    """A day for 'Feb. 24' / '24 February' next to a known publication date, else the text.

    Only used when the dates component did not run, to tell background from new events
    and to merge mentions of the same date; it is never reported as a resolved date.
    """
    if published is None:
        return text.lower()
    match = MONTH_DAY.search(text)
    if match:
        month_word = (match.group(1) or match.group(4)).lower()
        day = int(match.group(2) or match.group(3))
        month = MONTHS.get(month_word)
        if month and 1 <= day <= 31:
            try:
                value = dt.date(published.year, month, day)
            except ValueError:
                return text.lower()
            if value > published:
                value = value.replace(year=published.year - 1)
            return (value, value)
    return text.lower()


def owner_of(doc: Doc, start: int, anchors: dict[int, int]) -> int | None:
    """The mention whose anchor is the first trigger met walking up from a mention span."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(12):
        if token.i in anchors:
            return anchors[token.i]
        if token.head is token:
            return None
        token = token.head
    return None


def choose(
    mention_index: int,
    start: int,
    sentence: int,
    candidates: list[tuple[Located, int | None, int]],
    ancestors: set[int],
    paragraph_of: list[int],
) -> tuple[Located, str] | None:
    """The place or date of a trigger mention, and how it was chosen.

    Attached in the parse first, then the nearest one of the sentence that no other
    mention owns, then the last one of the paragraph before it.

    Args:
        mention_index: Index of the mention among the document's mentions.
        start: Offset of the mention.
        sentence: Index of its sentence.
        candidates: (place or date, index of the mention that owns it, its sentence).
        ancestors: Indices of the mentions that govern this one in the parse.
        paragraph_of: Paragraph number of each sentence.

    Returns:
        (candidate, "attached" | "sentence" | "paragraph"), or None.
    """
    attached = [c for c, owner, _ in candidates if owner == mention_index]
    if attached:
        return min(attached, key=lambda c: abs(c.start - start)), "attached"
    same = [
        c for c, owner, s in candidates if s == sentence and (owner is None or owner in ancestors)
    ]
    if same:
        return min(same, key=lambda c: abs(c.start - start)), "sentence"
    paragraph = [
        c
        for c, owner, s in candidates
        if s < sentence and paragraph_of[s] == paragraph_of[sentence]
    ]
    if paragraph:
        return max(paragraph, key=lambda c: c.start), "paragraph"
    return None


def paragraphs(doc: Doc, sents: list[Span]) -> list[int]:
    """Paragraph number of each sentence: blank lines, else line breaks, delimit them."""
    text = doc_text(doc)
    marker = "\n\n" if "\n\n" in text else "\n"
    numbers: list[int] = []
    current = 0
    for k, sent in enumerate(sents):
        if k and marker in text[sents[k - 1].end_char - 1 : sent.start_char + 1]:
            current += 1
        numbers.append(current)
    return numbers
