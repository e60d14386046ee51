"""Contradicting tolls inside one article: two sources give counts of one thing that cannot
both hold ("the ministry said 60 were killed; a monitor put the toll at 93").

Two figures contradict when they count the same thing (the same measure and category, the
same side when both say), both as new, actual, non-cumulative counts of one moment, in
claims of different claimants, and their values cannot both be true: each figure is read
as an interval (``at least 10`` is 10 and more, ``as many as 37`` is up to 37, ``about 30``
is 30 give or take a quarter) and the intervals do not meet. Not contradictions: one
source updating its own toll, counts of different things, a running total and a daily
count, an ``at least N`` the other number satisfies.

Which event a toll belongs to is not asked: the events component splits the tolls of one
incident told by two sources into two events too often for that to be a veto. This module
reads the typed records (figures, claims), so it runs once every component has:
:func:`toll_contradictions` is called by ``nlp.convert``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from ...geo import contains
from ...models import Claim, Contradiction, DateMention, Figure, Place
from ...vocab import Measure
from .contradiction_lexicon import contradiction_words

TOLL_MEASURES: Final[frozenset[Measure]] = frozenset(
    {"killed", "injured", "casualties", "missing", "detained", "kidnapped", "captured"}
)
"""Measures of a toll one incident has one true value of (displacement and damage tallies
are estimates of another kind, and disagree without contradicting)."""
APPROX_MARGIN: Final = 0.25
"""How far an ``about N`` figure may be from N: ``about 30`` is 22.5 to 37.5."""
GENERIC: Final[frozenset[str | None]] = frozenset({"people", None})
"""Categories that lump counted nouns together: their counted noun tells them apart."""
UNNAMED: Final = frozenset({"unidentified"})
"""Claimant names that say nothing of who speaks: two such claims may be one source."""


Day = tuple[str, str] | str
"""A resolved date interval (ISO dates), or the words of an unresolved one."""


@dataclass(frozen=True)
class Toll:
    """A figure that may contradict another: its claim and the values it allows."""

    figure: Figure
    claim: Claim
    low: float
    high: float


MAX_TOLLS_COMPARED = 100
"""Tolls of one measure and referent compared pairwise per article (real articles: a few)."""


def toll_contradictions(
    figures: list[Figure],
    claims: list[Claim],
    dates: list[DateMention],
    places: list[Place] | None = None,
) -> list[Contradiction]:
    """The pairs of claims that give contradicting tolls of the same thing.

    Args:
        figures: The figures of one article (with their ``claim_id``).
        claims: Its claims.
        dates: Its dates (a figure's time phrase points at one).
        places: Its places (a figure's ``place_ids`` point at them): two tolls of
            different places are tolls of different things.

    Returns:
        One contradiction per pair of claims, in text order of the first figure, with the
        two claims, the two figures and the reason ("15 vs 21 soldiers killed").
    """
    groups: dict[tuple[str | None, tuple[str | None, str | None]], list[Toll]] = {}
    tolls = _tolls(figures, claims)
    first = _first_tellings(tolls)
    for toll in tolls:  # only tolls of one measure and referent can clash
        groups.setdefault((toll.figure.measure, _referent(toll.figure)), []).append(toll)
    days = {date.id: _day(date) for date in dates}
    where = {place.id: place for place in places or []}
    found: list[tuple[int, Contradiction]] = []
    seen: set[frozenset[str]] = set()
    for group in groups.values():
        group = group[:MAX_TOLLS_COMPARED]  # bounded work on a hostile list of numbers
        for k, one in enumerate(group):
            for other in group[k + 1 :]:
                pair = frozenset((one.claim.id, other.claim.id))
                if pair in seen or not _contradict(one, other, days):
                    continue
                outer = _outer(one, other, where)
                if outer is not None and not _part_exceeds_whole(outer, one, other):
                    continue
                seen.add(pair)
                one, other = first.get(one.figure.id, one), first.get(other.figure.id, other)
                told = frozenset((one.claim.id, other.claim.id))
                if told != pair and told in seen:
                    continue
                seen.add(told)
                found.append((one.figure.span.start, _contradiction(one, other)))
    return [contradiction for _, contradiction in sorted(found, key=lambda item: item[0])]


def _tolls(figures: list[Figure], claims: list[Claim]) -> list[Toll]:
    """The figures that may contradict: actual new counts of a toll, held by a claim."""
    by_id = {claim.id: claim for claim in claims}
    tolls = []
    for figure in figures:
        claim = by_id.get(figure.claim_id or "")
        interval = _interval(figure)
        if claim is None or interval is None or not _comparable(figure):
            continue
        tolls.append(Toll(figure, claim, *interval))
    return tolls


def _first_tellings(tolls: list[Toll]) -> dict[str, Toll]:
    """The first time each source gives each toll, by figure id: a contradiction points at
    where a source first states its count ("16 killed, according to the police" before the
    police's "they killed 16 people"), whatever the counted noun of the later telling."""
    first: dict[tuple[str, str | None, float | None, float, float], Toll] = {}
    tellings = {}
    for toll in sorted(tolls, key=lambda toll: toll.figure.span.start):
        key = (
            toll.claim.claimant.name,
            toll.figure.measure,
            toll.figure.value,
            toll.low,
            toll.high,
        )
        tellings[toll.figure.id] = first.setdefault(key, toll)
    return tellings


def _comparable(figure: Figure) -> bool:
    """A new, actual, affirmative count of a toll of one moment."""
    time = figure.time
    return (
        figure.measure in TOLL_MEASURES
        and figure.unit == "count"
        and figure.status == "new"
        and figure.modality == "actual"
        and not figure.negated
        and (figure.value or 0) > 0
        and not (time is not None and (time.cumulative or time.relation == "since"))
    )


def _interval(figure: Figure) -> tuple[float, float] | None:
    """The values a figure allows, or None for vague amounts and ranges."""
    if figure.value is None:
        return None
    maximal = (figure.qualifier or "").lower() in contradiction_words().maximal_qualifiers
    if maximal and figure.lower is None and figure.upper is not None:
        return figure.upper * (1 - APPROX_MARGIN), figure.upper  # "as many as 37"
    if figure.lower is not None or figure.upper is not None:
        return (figure.lower or 0.0, figure.upper if figure.upper is not None else math.inf)
    if figure.approx:
        return figure.value * (1 - APPROX_MARGIN), figure.value * (1 + APPROX_MARGIN)
    return figure.value, figure.value


def _contradict(one: Toll, other: Toll, days: dict[str, Day]) -> bool:
    """Two tolls of one thing, from different sources, whose values cannot both hold."""
    first, second = one.figure, other.figure
    if first.measure != second.measure or _referent(first) != _referent(second):
        return False
    if first.side and second.side and first.side != second.side:
        return False
    if not _same_moment(first, second, days) or not _different_sources(one.claim, other.claim):
        return False
    if not (one.high < other.low or other.high < one.low):
        return False
    smaller, larger = sorted((one, other), key=lambda toll: toll.high)
    return not _part_of_total(smaller, larger) and not _counts_perpetrator(larger)


def _words(claim: Claim) -> str:
    return " " + " ".join(claim.content.text.lower().split()) + " "


def _part_of_total(smaller: Toll, larger: Toll) -> bool:
    """The larger toll adds up several incidents ("killed in two blasts") and the smaller
    one tells of a single one: a part of the total, not another count of it."""
    nouns = contradiction_words().incident_nouns

    def several(toll: Toll) -> bool:
        words = _words(toll.claim)
        return any(f" {noun} " in words or f" {noun}," in words for noun in nouns)

    return several(larger) and not several(smaller)


def _counts_perpetrator(larger: Toll) -> bool:
    """The larger toll counts the attacker too ("seven died, including the gunman")."""
    words = _words(larger.claim).replace(",", " ").split()
    perpetrators = contradiction_words().perpetrator_nouns
    return any(
        word == "including" and perpetrators & set(words[k + 1 : k + 1 + PERPETRATOR_WINDOW])
        for k, word in enumerate(words)
    )


PERPETRATOR_WINDOW: Final = 3
"""Words read after "including" for the attacker ("including the suspected gunman")."""


def _referent(figure: Figure) -> tuple[str | None, str | None]:
    """What a figure counts: its category, and for people in general the counted noun too
    ("five men" and "12 bodies" count other things than "11 people")."""
    if figure.category not in GENERIC or figure.counted is None:
        return figure.category, None
    words = figure.counted.text.lower().split()
    head = words[-1] if words else ""
    return figure.category, "people" if head in contradiction_words().people_nouns else head


def _place_key(place: Place) -> str:
    return place.gazetteer_id or (place.name or place.span.text).lower()


Apart: Final = "apart"
"""The outcome of :func:`_outer` for tolls of places that do not meet."""


def _outer(one: Toll, other: Toll, where: dict[str, Place]) -> Toll | str | None:
    """How the tolls' places relate: None when they are one place (or a toll has none),
    the toll of the wider place when one place lies in the other (a country or region and
    a town in it; a country or region and a place the gazetteer does not know), else
    :data:`Apart` ("3 killed in A", "18 in B": tolls of different things)."""
    first = [where[i] for i in one.figure.place_ids if i in where]
    second = [where[i] for i in other.figure.place_ids if i in where]
    if not first or not second or any(_same(a, b) for a in first for b in second):
        return None
    if any(_within(b, a) for a in first for b in second):
        return one
    if any(_within(a, b) for a in first for b in second):
        return other
    return Apart


def _same(a: Place, b: Place) -> bool:
    return _place_key(a) == _place_key(b)


def _within(inner: Place, outer: Place) -> bool:
    """``inner`` lies in ``outer``, or ``outer`` is a resolved country or first-level
    region and ``inner`` a place the gazetteer does not know (most likely in it)."""
    code = outer.feature_code or ""
    wide = outer.resolved and (code.startswith("PCL") or code == "ADM1")
    return contains(outer, inner) or (wide and not inner.resolved)


def _part_exceeds_whole(outer: Toll | str, one: Toll, other: Toll) -> bool:
    """Tolls of a place and of a wider one contradict only when the part's toll must be
    larger than the whole's ("12 wounded in the town", "11 in the province")."""
    if not isinstance(outer, Toll):
        return False
    inner = other if outer is one else one
    return inner.low > outer.high


def _same_moment(first: Figure, second: Figure, days: dict[str, Day]) -> bool:
    """Neither figure is dated to another day than the other ("on Wednesday" vs "Friday")."""
    one, other = first.time, second.time
    if one is None or other is None or one.date_id is None or other.date_id is None:
        return True
    return days.get(one.date_id) == days.get(other.date_id)


def _day(date: DateMention) -> Day:
    """The day a date mention names: its resolved interval, else its words."""
    if date.start is not None:
        return date.start.isoformat(), (date.end or date.start).isoformat()
    return " ".join(date.span.text.lower().split())


def _different_sources(one: Claim, other: Claim) -> bool:
    """Claims of two named, different sources.

    The outlet's own figures are left out: a headline or a summary line rounds, adds up
    or recalls another incident far more often than it disputes a source.
    """
    names = (one.claimant.name, other.claimant.name)
    outlet = "outlet" in (one.form, other.form)
    return names[0] != names[1] and not UNNAMED & set(names) and not outlet


def _contradiction(one: Toll, other: Toll) -> Contradiction:
    """The record of two contradicting tolls, claims in text order, figures beside them."""
    first, second = sorted((one, other), key=lambda toll: toll.claim.content.start)
    counted = first.figure.counted.text if first.figure.counted else first.figure.category
    referent = " ".join(part for part in (counted, first.figure.measure) if part)
    return Contradiction(
        claim_ids=[first.claim.id, second.claim.id],
        figure_ids=[first.figure.id, second.figure.id],
        referent=referent,
        reason=f"{first.figure.span.text} vs {second.figure.span.text} {referent}",
    )
