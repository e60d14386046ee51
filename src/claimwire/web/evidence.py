"""The article view's hover cards: each highlighted item as labelled fields a reader can
scan (never raw JSON) and the links onward: the figure's series, the contradictions it is
part of, the event page of its cluster, the claimant's other claims, the place's events."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..models import Claim, DateMention, Event, Figure, Place, Result
from ..render.labels import value_text


@dataclass(frozen=True)
class Card:
    """What the hover card of one item shows below its label: (name, value) rows and links."""

    kind: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The card as the page's JSON (lists of pairs keep their order)."""
        return {
            "kind": self.kind,
            "fields": [list(pair) for pair in self.fields],
            "links": [list(pair) for pair in self.links],
        }


@dataclass(frozen=True)
class StoredLinks:
    """What the store knows beyond the result: each event's cluster and each fact's
    contradictions (by the fact's id inside the article)."""

    clusters: dict[str, str]
    contradictions: dict[str, list[str]]


def stored_links(connection: sqlite3.Connection, document_id: str) -> StoredLinks:
    """The clusters of the article's events and the contradictions of its facts."""
    prefix = f"{document_id}:"
    clusters = {
        str(row[0]).removeprefix(prefix): str(row[1])
        for row in connection.execute(
            "SELECT id, cluster_id FROM events WHERE document_id = ? AND cluster_id IS NOT NULL",
            (document_id,),
        )
    }
    contradictions: dict[str, list[str]] = {}
    # a fact's id starts with its article's id and ":" (";" sorts right after ":"), so the
    # indexes on a_id and b_id find them
    low, high = prefix, f"{document_id};"
    for identifier, a_id, a_document, b_id, b_document in connection.execute(
        "SELECT id, a_id, a_document, b_id, b_document FROM contradictions "
        "WHERE (a_id >= ? AND a_id < ?) OR (b_id >= ? AND b_id < ?) ORDER BY id",
        (low, high, low, high),
    ):
        for fact, document in ((a_id, a_document), (b_id, b_document)):
            if document == document_id:
                found = contradictions.setdefault(str(fact).removeprefix(prefix), [])
                if identifier not in found:
                    found.append(str(identifier))
    return StoredLinks(clusters=clusters, contradictions=contradictions)


def _query(path: str, **parameters: str | None) -> str:
    kept = {name: value for name, value in parameters.items() if value}
    return f"{path}?{urlencode(kept)}" if kept else path


def _claimant_links(claim: Claim | None) -> list[tuple[str, str]]:
    if claim is None:
        return []
    name = claim.claimant.name
    return [(f"{name}'s claims", _query("/claims", claimant=name))]


def _contradiction_links(fact_id: str, stored: StoredLinks) -> list[tuple[str, str]]:
    found = stored.contradictions.get(fact_id, [])
    return [
        (f"contradiction {index}" if len(found) > 1 else "its contradiction",
         f"/contradictions/{quote(identifier, safe=':')}")
        for index, identifier in enumerate(found, start=1)
    ]  # fmt: skip


def figure_card(result: Result, figure: Figure, stored: StoredLinks) -> Card:
    """A figure: value and bounds, what is counted, whose, who says so, when and where."""
    claims = {claim.id: claim for claim in result.claims}
    places = {place.id: place for place in result.places}
    claim = claims.get(figure.claim_id or "")
    rows = [("value", value_text(figure))]
    if figure.lower is not None or figure.upper is not None:
        low = "" if figure.lower is None else f"{figure.lower:,.0f}"
        high = "" if figure.upper is None else f"{figure.upper:,.0f}"
        rows.append(("bounds", f"{low} to {high}".strip()))
    counted = figure.category or (figure.counted.text if figure.counted else None)
    rows += [("counted", counted or "not stated"), ("measure", figure.measure or "not stated")]
    rows.append(("side counted", figure.side or "not stated"))
    if figure.negated or figure.modality != "actual":
        rows.append(("modality", ("not " if figure.negated else "") + figure.modality))
    if claim is not None:
        rows.append(("claimant", f"{claim.claimant.name} ({claim.hedge})"))
    else:
        rows.append(("claimant", "the outlet (no attribution)"))
    if figure.time is not None:
        if figure.time.since:
            rows.append(("period", f"{figure.time.since} to {figure.time.until or '…'}"))
        elif figure.time.as_of:
            rows.append(("as of", str(figure.time.as_of)))
        if figure.time.cumulative is not None:
            rows.append(("total", "running total" if figure.time.cumulative else "increment"))
    where = [places[key].name or places[key].span.text for key in figure.place_ids if key in places]
    if where:
        rows.append(("place", ", ".join(where)))
    rows.append(("status", figure.status))
    links = []
    if figure.measure and figure.category:
        links.append(
            ("its series", _query("/series", measure=figure.measure, category=figure.category))
        )
    links += _contradiction_links(figure.id, stored)
    links += _claimant_links(claim)
    return Card("figure", rows, links)


def claim_card(result: Result, claim: Claim, stored: StoredLinks) -> Card:
    """A claim: who (role, side), how (form, cue, hedge) and what."""
    who = claim.claimant
    rows = [("claimant", who.name), ("claimant type", who.type)]
    if who.role:
        rows.append(("role", who.role))
    if who.side:
        rows.append(("claimant's side", who.side))
    rows += [("form", claim.form), ("hedge", claim.hedge)]
    if claim.cue is not None:
        rows.append(("cue", claim.cue.text))
    rows.append(("says", _short(claim.content.text)))
    links = _contradiction_links(claim.id, stored) + _claimant_links(claim)
    return Card("claim", rows, links)


def event_card(result: Result, event: Event, stored: StoredLinks) -> Card:
    """An event: type, actors and targets, where, when, toll, who reports it."""
    places = {place.id: place for place in result.places}
    dates = {date.id: date for date in result.dates}
    figures = {figure.id: figure for figure in result.figures}
    claims = {claim.id: claim for claim in result.claims}
    kind = f"{event.type} / {event.subtype.replace('_', ' ')}" if event.subtype else event.type
    rows = [("type", kind)]
    if event.actors:
        rows.append(("actors", ", ".join(actor.name for actor in event.actors)))
    if event.targets:
        rows.append(("targets", ", ".join(target.name for target in event.targets)))
    place = places.get(event.place_id or "")
    if place is not None or event.place_name:
        rows.append(("place", (place.name if place else None) or event.place_name or ""))
    date = dates.get(event.date_id or "")
    if date is not None and date.start is not None:
        rows.append(("date", str(date.start)))
    tolls = [value_text(figures[key]) for key in event.figure_ids if key in figures]
    if tolls:
        rows.append(("figures", ", ".join(tolls)))
    claim = claims.get(event.claim_id or "")
    if claim is not None:
        rows.append(("reported by", f"{claim.claimant.name} ({claim.hedge})"))
    rows.append(("status", event.status))
    links = []
    cluster = stored.clusters.get(event.id)
    if cluster is not None:
        links.append(("event page (every report)", f"/events/{quote(cluster, safe=':')}"))
    links += _claimant_links(claim)
    return Card("event", rows, links)


def place_card(place: Place) -> Card:
    """A place: the gazetteer's name, region, country and coordinates."""
    rows = [("as written", place.span.text)]
    if place.resolved:
        rows += [
            (name, str(value))
            for name, value in (
                ("name", place.name),
                ("region", place.admin1),
                ("country", place.country),
                ("gazetteer id", place.gazetteer_id),
            )
            if value
        ]
        if place.lat is not None and place.lon is not None:
            rows.append(("coordinates", f"{place.lat:.3f}, {place.lon:.3f}"))
    else:
        rows.append(("name", "not resolved in the gazetteer"))
    rows.append(("role", place.role))
    links = []
    if place.resolved and place.name:
        links.append((f"events in {place.name}", _query("/events", place=place.name)))
        links.append((f"articles on {place.name}", _query("/articles", place=place.name)))
    return Card("place", rows, links)


def date_card(date: DateMention) -> Card:
    """A date: the day or period, its granularity and how it was resolved."""
    rows = [("as written", date.span.text)]
    if date.start is not None:
        same = date.end in (None, date.start)
        rows.append(("date" if same else "period", str(date.start) if same else
                     f"{date.start} to {date.end}"))  # fmt: skip
    else:
        rows.append(("date", "not resolved"))
    rows += [("granularity", date.granularity), ("resolved by", date.method), ("role", date.role)]
    if date.anchor is not None:
        rows.append(("relative to", str(date.anchor)))
    links = []
    if date.start is not None:
        end = date.end or date.start
        links.append(
            ("events on these days", _query("/events", since=str(date.start), until=str(end)))
        )
    return Card("date", rows, links)


def cards(result: Result, stored: StoredLinks) -> dict[str, Card]:
    """The card of every figure, claim, event, place and date of the result, by id."""
    found: dict[str, Card] = {}
    for figure in result.figures:
        found[figure.id] = figure_card(result, figure, stored)
    for claim in result.claims:
        found[claim.id] = claim_card(result, claim, stored)
    for event in result.events:
        found[event.id] = event_card(result, event, stored)
    for place in result.places:
        found[place.id] = place_card(place)
    for date in result.dates:
        found[date.id] = date_card(date)
    return found


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
