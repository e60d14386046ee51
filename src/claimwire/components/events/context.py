"""Where and when: the places and dates an event may take, and how one is chosen.

The candidates are the location mentions of the places component and the resolved
expressions of the dates component (:mod:`.inputs`). A trigger takes first what attaches
to it in the parse, then the nearest of its sentence that no other trigger owns, then
the paragraph's. An event of a whole country ('invasion') takes the country.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Literal, Protocol, TypeVar

import pycountry
from spacy.tokens import Doc, Span

from ...geo import contains
from ...vocab import Granularity
from .._base import doc_text, governs
from . import inputs
from .lexicon import ontology
from .settings import OWNER_HOPS, SENTENCE_CANDIDATES

Choice = Literal["attached", "sentence", "paragraph", "country"]
"""How an event's place or date was chosen: attached to its trigger in the parse, the
nearest of its sentence, the paragraph's last before it, or (places) its country."""
Standing = Literal["scene", "other", "modifier", "participant"]
"""What a place mention is in its clause: the object of a preposition of place or of a verb
('in X', 'hit X'), another argument, a modifier inside another name ("X's Northern
Command", 'the X Defence Forces'), or a side ('clashes with X', 'between X and Y')."""
STANDING_ORDER: dict[Standing, int] = {"scene": 0, "other": 1, "modifier": 2, "participant": 3}
"""Among the places attached to a trigger, the better standing is taken first."""
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})


@dataclass(frozen=True)
class Geo:
    """Where a place is, as far as the places component resolved it."""

    country: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A location mention of the places component that an event may take."""

    start: int
    end: int
    name: str
    """Canonical name (the text when unresolved)."""
    index: int
    """Index into ``doc._.claimwire_places``."""
    geo: Geo
    standing: Standing = "other"


@dataclass(frozen=True)
class DateMention:
    """A resolved time expression of the dates component that an event may take."""

    start: int
    end: int
    text: str
    index: int
    """Index into ``doc._.claimwire_dates``."""
    interval: tuple[dt.date | None, dt.date | None]
    granularity: Granularity


@dataclass(frozen=True)
class EventPlace:
    """The place of an event: a mention, or a country no mention names ('invasion')."""

    name: str
    geo: Geo
    mention: PlaceMention | None = None

    @classmethod
    def of(cls, mention: PlaceMention) -> EventPlace:
        """The place of a mention."""
        return cls(mention.name, mention.geo, mention)


class _Mentioned(Protocol):
    @property
    def start(self) -> int: ...


MentionT = TypeVar("MentionT", bound=_Mentioned)
Candidate = tuple[MentionT, int | None, int]
"""(place or date, index of the trigger mention that owns it or None, its sentence)."""


def place_mentions(doc: Doc) -> list[PlaceMention]:
    """The location mentions of the places component (not actors nor modifiers)."""
    text = doc_text(doc)
    found = []
    for i, hit in enumerate(inputs.places_of(doc)):
        if hit.role != "location":
            continue
        geo = Geo(hit.country, hit.feature_class, hit.feature_code, hit.admin1, hit.lat, hit.lon)
        name = hit.name or text[hit.start : hit.end]
        where = standing(doc, hit.start, hit.end)
        found.append(PlaceMention(hit.start, hit.end, name, i, geo, where))
    return found


def standing(doc: Doc, start: int, end: int) -> Standing:
    """What the place mention from ``start`` to ``end`` is in its clause (:data:`Standing`).

    A conjunct or apposition stands as the first of its list ('between X and Y'), a
    modifier of a common noun as its phrase ('X town', "X's Y district"); a modifier of
    another name is a modifier.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "other"
    token = span.root
    for _ in range(OWNER_HOPS):
        if token.head is token:
            break
        if token.dep_ in MODIFIER_DEPS and token.head.pos_ == "PROPN":
            return "modifier"  # part of another name: "X's Northern Command", 'X Army'
        if token.dep_ not in {"conj", "appos", *MODIFIER_DEPS}:
            break
        token = token.head  # 'X and Y', 'X town', "X's Y district": the phrase stands
    if token.dep_ == "pobj":
        if token.head.lower_ in participant_prepositions():
            return "participant"
        return "scene"
    if token.dep_ in {"dobj", "nsubjpass"}:
        return "scene"
    return "other"


@lru_cache(maxsize=1)
def participant_prepositions() -> frozenset[str]:
    """Prepositions whose object is a side, not a scene (``participant_prepositions``)."""
    return frozenset(ontology().participant_prepositions)


def date_mentions(doc: Doc) -> list[DateMention]:
    """The time expressions of the dates component that were resolved to an interval."""
    text = doc_text(doc)
    return [
        DateMention(
            hit.start,
            hit.end,
            text[hit.start : hit.end],
            i,
            (hit.start_date, hit.end_date),
            hit.granularity,
        )
        for i, hit in enumerate(inputs.dates_of(doc))
        if hit.start_date is not None or hit.end_date is not None
    ]


def owner_of(doc: Doc, start: int, anchors: dict[int, int]) -> int | None:
    """The mention whose anchor is the first trigger met walking up from a mention span."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(OWNER_HOPS):
        if token.i in anchors:
            return anchors[token.i]
        if token.head is token:
            return None
        token = token.head
    return None


class Candidates(Generic[MentionT]):
    """The places or dates of a document, indexed by owner, sentence and paragraph once, so
    that each trigger's :func:`choose` reads a bounded number of them (it read all of them:
    quadratic in a text without full stops)."""

    def __init__(self, items: Sequence[Candidate[MentionT]], paragraph_of: list[int]) -> None:
        self.items = list(items)
        self.paragraph_of = paragraph_of
        self._by_owner: dict[int, list[int]] = {}
        self._by_sentence: dict[int, list[int]] = {}
        grouped: dict[int, list[int]] = {}
        for k, (_, owner, sentence) in enumerate(self.items):
            if owner is not None:
                self._by_owner.setdefault(owner, []).append(k)
            self._by_sentence.setdefault(sentence, []).append(k)
            grouped.setdefault(paragraph_of[sentence], []).append(k)
        self._starts: dict[int, list[int]] = {}
        self._where: dict[int, tuple[int, int]] = {}
        for sentence, ks in self._by_sentence.items():
            ks.sort(key=lambda k: (self.items[k][0].start, k))
            self._starts[sentence] = [self.items[k][0].start for k in ks]
            for position, k in enumerate(ks):
                self._where[id(self.items[k][0])] = (sentence, position)
        # per paragraph: its candidates by sentence, and the latest-starting one up to each
        self._paragraph: dict[int, tuple[list[int], list[int]]] = {}
        for paragraph, ks in grouped.items():
            ks.sort(key=lambda k: (self.items[k][2], k))
            best: list[int] = []
            for k in ks:
                if not best or self.items[k][0].start > self.items[best[-1]][0].start:
                    best.append(k)
                else:
                    best.append(best[-1])
            self._paragraph[paragraph] = ([self.items[k][2] for k in ks], best)

    def owned_by(self, mention_index: int) -> list[MentionT]:
        """The candidates the mention owns, in order."""
        return [self.items[k][0] for k in self._by_owner.get(mention_index, ())]

    def nearest_in_sentence(
        self,
        start: int,
        sentence: int,
        ancestors: set[int],
        skip: Callable[[MentionT], bool] | None = None,
    ) -> MentionT | None:
        """The candidate of the sentence nearest ``start`` (the first of a tie) that no mention
        owns but the ones in ``ancestors`` (and that ``skip`` does not refuse); at most
        ``SENTENCE_CANDIDATES`` on each side."""
        ks = self._by_sentence.get(sentence, [])
        starts = self._starts.get(sentence, [])
        middle = bisect.bisect_right(starts, start)
        found: list[tuple[int, int]] = []
        for side in (range(middle - 1, -1, -1), range(middle, len(ks))):
            nearest: int | None = None
            for k in (ks[i] for i in side[:SENTENCE_CANDIDATES]):
                candidate, owner, _ = self.items[k]
                distance = abs(candidate.start - start)
                if nearest is not None and distance > nearest:
                    break
                if skip is not None and skip(candidate):
                    continue
                if owner is None or owner in ancestors:
                    nearest = distance
                    found.append((distance, k))
        return self.items[min(found)[1]][0] if found else None

    def near(self, item: MentionT) -> list[MentionT]:
        """The candidates of ``item``'s sentence around it, at most ``SENTENCE_CANDIDATES``
        on each side, in text order (``item`` among them); [] when it is not a candidate."""
        found = self._where.get(id(item))
        if found is None:
            return []
        sentence, position = found
        ks = self._by_sentence[sentence]
        window = ks[max(0, position - SENTENCE_CANDIDATES) : position + SENTENCE_CANDIDATES + 1]
        return [self.items[k][0] for k in window]

    def latest_before(self, sentence: int) -> MentionT | None:
        """The latest-starting candidate (the first of a tie) of the sentences of
        ``sentence``'s paragraph before it."""
        sentences, best = self._paragraph.get(self.paragraph_of[sentence], ([], []))
        count = bisect.bisect_left(sentences, sentence)
        return self.items[best[count - 1]][0] if count else None


def choose(
    mention_index: int,
    start: int,
    sentence: int,
    candidates: Candidates[MentionT],
    ancestors: set[int],
    secondary: Callable[[MentionT], bool] | None = None,
    rank: Callable[[MentionT], int] = lambda _: 0,
) -> tuple[MentionT, Choice] | None:
    """The place or date of a trigger mention, and how it was chosen.

    Attached in the parse first (the best ``rank``, then the nearest), then the nearest
    one of the sentence that no other mention owns, then the last one of the paragraph
    before it. A candidate of the sentence that ``secondary`` marks (the day of a
    statement: "said on Friday that the attack on Thursday ..."; a side: 'clashes with X')
    is taken only when the sentence has no other.

    Args:
        mention_index: Index of the mention among the document's mentions.
        start: Offset of the mention.
        sentence: Index of its sentence.
        candidates: The document's places or dates, indexed.
        ancestors: Indices of the mentions that govern this one in the parse.
        secondary: Candidates of the sentence to take only when there is no other.
        rank: Orders the attached candidates before their distance (lower first).

    Returns:
        (candidate, "attached" | "sentence" | "paragraph"), or None.
    """
    attached = candidates.owned_by(mention_index)
    if attached:
        return min(attached, key=lambda c: (rank(c), abs(c.start - start))), "attached"
    same = candidates.nearest_in_sentence(start, sentence, ancestors)
    if same is not None and secondary is not None and secondary(same):
        same = candidates.nearest_in_sentence(start, sentence, ancestors, secondary) or same
    if same is not None:
        return same, "sentence"
    paragraph = candidates.latest_before(sentence)
    if paragraph is not None:
        return paragraph, "paragraph"
    return None


def nested_place(
    doc: Doc, chosen: PlaceMention, candidates: Sequence[PlaceMention]
) -> PlaceMention:
    """The town a chosen country or region describes: 'the town of X in northern Y',
    "X town of Y", "Y's X district" name one place, the inner one: a place inside the chosen
    one whose phrase governs the chosen mention in the parse. Else the chosen one."""
    outer = doc.char_span(chosen.start, chosen.end, alignment_mode="expand")
    if outer is None:
        return chosen
    inner = []
    for candidate in candidates:
        if candidate is chosen or not contains(chosen.geo, candidate.geo):
            continue
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None or span.root.dep_ == "ROOT":  # a dateline governs its whole line
            continue
        phrase, head = {span.root.i}, span.root.head
        if head.lower_ == "of" and head.dep_ == "prep":
            head = head.head  # 'the town of X'
        if head.pos_ in {"NOUN", "PROPN"}:
            phrase.add(head.i)  # 'X town', 'the town of X'
        if any(governs(doc[i], outer.root) for i in phrase):
            inner.append(candidate)
    return min(inner, key=lambda c: abs(c.start - chosen.start), default=chosen)


def country_place(
    place: tuple[PlaceMention, Choice] | None, candidates: list[PlaceMention]
) -> tuple[EventPlace, Choice] | None:
    """An invasion happens in a country: its own 'of X', else the country of nearby places.

    The country's own mention in the article is used when there is one ("west Ukraine"),
    so the event points at a place record; else the event has the country's name only.
    """
    if place is None or place[1] == "attached":
        return None if place is None else (EventPlace.of(place[0]), place[1])
    code = place[0].geo.country
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    for candidate in candidates:
        if candidate.geo.country == code and candidate.name.lower() in {
            name.lower(),
            country.name.lower(),
        }:
            return EventPlace.of(candidate), "country"
    return EventPlace(name, Geo(country=code)), "country"  # no mention of its own


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


def sentence_lookup(sents: list[Span]) -> Callable[[int], int]:
    """A function from a character offset to the index of its sentence in ``sents``."""
    starts = [s.start_char for s in sents]

    def sentence_of(offset: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low

    return sentence_of
