"""From a :class:`~claimwire.models.Result` to the rows of the store's fact tables.

Pure functions: each fact becomes one flat row that carries what queries filter on (its
claimant, hedge, date, place, country) next to its evidence offsets, so the query commands
never have to open the result JSON. Cross-document columns (canonical entities, series,
clusters) are filled in later by :mod:`claimwire.store.aggregate`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import ClassVar

from ..models import Claim, Claimant, DateMention, Event, Figure, Place, Result

CONTEXT_CHARS = 400
"""Longest context (the article line around a piece of evidence) kept with a fact."""

UNKNOWN_OUTLET = "unknown outlet"


SqlValue = str | int | float | bytes | None
"""A value SQLite stores or gives back."""

Record = dict[str, SqlValue]
"""A row as queries give it: column name -> value."""


def text(record: Record, name: str) -> str | None:
    """A text column of a record (None when it is NULL or missing)."""
    value = record.get(name)
    return value if value is None or isinstance(value, str) else str(value)


_LOCAL = "local"
"""Field metadata key of a field that links facts inside one result and has no column."""


def _local() -> str | None:
    """A row field that has no column (see :data:`_LOCAL`)."""
    return field(default=None, metadata={_LOCAL: True})


@dataclass(frozen=True, kw_only=True)
class Row:
    """Base of the table rows: a row type's fields are its table's columns, in order.

    Each subclass names its table in ``TABLE``; :func:`columns` lists its columns and a
    test checks them against the migrated schema, so the migrations and the rows agree.
    """

    TABLE: ClassVar[str]

    def values(self) -> tuple[SqlValue, ...]:
        """The row's column values, in the order of :func:`columns`."""
        getter = _GETTERS.get(type(self))
        if getter is None:
            getter = _GETTERS[type(self)] = _getter(columns(type(self)))
        return getter(self)


def _getter(names: tuple[str, ...]) -> Callable[[Row], tuple[SqlValue, ...]]:
    """A getter of these attributes as a tuple (``attrgetter`` gives a bare value for one)."""
    if len(names) == 1:
        return lambda row: (getattr(row, names[0]),)
    return operator.attrgetter(*names)


def columns(row_type: type[Row]) -> tuple[str, ...]:
    """The columns of a row type's table, in table order (its stored fields)."""
    found = _COLUMNS.get(row_type)
    if found is None:
        found = tuple(item.name for item in fields(row_type) if not item.metadata.get(_LOCAL))
        _COLUMNS[row_type] = found
    return found


_COLUMNS: dict[type[Row], tuple[str, ...]] = {}
_GETTERS: dict[type[Row], Callable[[Row], tuple[SqlValue, ...]]] = {}
"""Per row type, a getter of its column values (one C call: bulk writes call it per row)."""


def pick(row_type: type[Row], names: str) -> tuple[str, ...]:
    """Some columns of a row type's table, in the order given (what a query selects).

    Args:
        row_type: The row type of the table.
        names: Column names separated by white space.

    Raises:
        ValueError: A name is not a column of the table.
    """
    chosen = tuple(names.split())
    unknown = [name for name in chosen if name not in columns(row_type)]
    if unknown:
        raise ValueError(f"not columns of {row_type.TABLE}: {', '.join(unknown)}")
    return chosen


@dataclass(frozen=True, kw_only=True)
class DocumentRow(Row):
    """A row of ``documents`` (versioning columns are set by the write path)."""

    TABLE = "documents"
    id: str
    seq: int = 0
    version_key: str
    version: int = 1
    previous_id: str | None = None
    current: int = 1
    text_hash: str
    duplicate_of: str | None = None
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    language: str
    source: str | None
    external_id: str | None
    text: str
    relevant: int | None = None
    """1 or 0 by the relevance model; None for documents stored before it existed."""
    relevance_score: float | None = None
    relevance_label: str | None = None


@dataclass(frozen=True, kw_only=True)
class ResultRow(Row):
    """A row of ``results``: the whole result of a document, without its text."""

    TABLE = "results"
    document_id: str
    result_json: str
    run_id: str | None
    created: str | None


@dataclass(frozen=True, kw_only=True)
class InputRow(Row):
    """A row of ``inputs``: an input file or line, done or failed."""

    TABLE = "inputs"
    key: str
    source: str
    status: str
    document_id: str | None = None
    problem_json: str | None = None


@dataclass(frozen=True, kw_only=True)
class EntityRow(Row):
    """A row of ``entities``: a canonical claimant or place."""

    TABLE = "entities"
    id: str
    kind: str
    name: str
    type: str | None = None
    side: str | None = None
    country: str | None = None
    admin1: str | None = None
    gazetteer_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0


@dataclass(frozen=True, kw_only=True)
class EntityNameRow(Row):
    """A row of ``entity_names``: one spelling of an entity, by its folded key."""

    TABLE = "entity_names"
    kind: str
    key: str
    name: str
    entity_id: str


@dataclass(frozen=True, kw_only=True)
class EntitySpellingRow(Row):
    """A row of ``entity_spellings``: one spelling of an entity as written (every one)."""

    TABLE = "entity_spellings"
    kind: str
    name: str
    entity_id: str


@dataclass(frozen=True, kw_only=True)
class SeriesRow(Row):
    """A row of ``series`` (points and dates are recounted by the write path)."""

    TABLE = "series"
    id: str
    claimant_entity: str
    claimant: str
    measure: str
    category: str
    side: str | None
    unit: str
    points: int = 0
    first_date: str | None = None
    last_date: str | None = None


@dataclass(frozen=True, kw_only=True)
class ClusterRow(Row):
    """A row of ``clusters`` (reports and outlets are recounted by the write path)."""

    TABLE = "clusters"
    id: str
    type: str
    subtype: str | None
    place_entity: str | None
    country: str | None
    date_start: str | None
    date_end: str | None
    reports: int = 0
    outlets: int = 0


@dataclass(frozen=True, kw_only=True)
class FigureRow(Row):
    """A row of ``figures``."""

    TABLE = "figures"
    id: str
    document_id: str
    current: int = 1
    duplicate: int = 0
    value: float | None
    lower: float | None
    upper: float | None
    approx: int
    qualifier: str | None
    unit: str
    category: str | None
    measure: str | None
    side: str | None
    counted: str | None
    negated: int
    modality: str
    status: str
    cumulative: int | None
    as_of: str | None
    since: str | None
    until: str | None
    date: str | None
    date_basis: str
    claim_id: str | None
    claimant: str
    claimant_type: str
    claimant_side: str | None
    claimant_entity: str | None = None
    hedge: str
    place: str | None
    place_entity: str | None = None
    country: str | None
    series_id: str | None = None
    start_char: int
    end_char: int
    evidence: str
    context: str
    outlet: str | None
    published: str | None
    place_local_id: str | None = _local()


@dataclass(frozen=True, kw_only=True)
class ClaimRow(Row):
    """A row of ``claims``."""

    TABLE = "claims"
    id: str
    document_id: str
    current: int = 1
    duplicate: int = 0
    claimant: str
    claimant_type: str
    claimant_role: str | None
    claimant_affiliation: str | None
    claimant_side: str | None
    claimant_entity: str | None = None
    form: str
    hedge: str
    cue: str | None
    content: str
    start_char: int
    end_char: int
    contradicts_json: str
    date: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, kw_only=True)
class PlaceRow(Row):
    """A row of ``places`` (one mention)."""

    TABLE = "places"
    id: str
    document_id: str
    current: int = 1
    mention: str
    name: str | None
    resolved: int
    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    admin1: str | None
    country: str | None
    role: str
    place_entity: str | None = None
    start_char: int
    end_char: int


@dataclass(frozen=True, kw_only=True)
class EventRow(Row):
    """A row of ``events``."""

    TABLE = "events"
    id: str
    document_id: str
    current: int = 1
    duplicate: int = 0
    type: str
    subtype: str | None
    status: str
    actor1: str | None
    actor1_side: str | None
    actor2: str | None
    actor2_side: str | None
    actors_json: str
    targets_json: str
    place: str | None
    place_entity: str | None = None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date_start: str | None
    date_end: str | None
    granularity: str | None
    date: str | None
    date_basis: str
    fatalities: float | None
    claim_id: str | None
    claimant: str
    claimant_type: str
    claimant_entity: str | None = None
    hedge: str
    cluster_id: str | None = None
    start_char: int
    end_char: int
    evidence: str
    context: str
    outlet: str | None
    published: str | None
    place_local_id: str | None = _local()


@dataclass(frozen=True, kw_only=True)
class ContradictionRow(Row):
    """A row of ``contradictions``: two facts that cannot both hold (``a`` and ``b``)."""

    TABLE = "contradictions"
    id: str
    kind: str
    reason: str
    measure: str | None = None
    category: str | None = None
    side: str | None = None
    subject: str | None = None
    date: str | None = None
    a_kind: str
    a_id: str
    a_document: str
    a_claimant: str
    a_value: str | None
    a_evidence: str
    b_kind: str
    b_id: str
    b_document: str
    b_claimant: str
    b_value: str | None
    b_evidence: str
    detected_by: str
    settled_by: str | None = None
    settled_side: str | None = None
    settled_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContradictionReviewRow(Row):
    """A row of ``contradiction_reviews``: an analyst confirmed or dismissed a contradiction."""

    TABLE = "contradiction_reviews"
    id: str
    contradiction_id: str
    verdict: str
    reason: str
    reviewed: str
    reviewer: str | None = None


@dataclass(frozen=True, kw_only=True)
class WatchSourceRow(Row):
    """A row of ``watch_sources``: the health of one source ``claimwire watch`` follows."""

    TABLE = "watch_sources"
    name: str
    kind: str
    location: str
    last_poll: str | None = None
    last_success: str | None = None
    errors: int = 0
    failures: int = 0
    last_error: str | None = None
    next_poll: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    items: int = 0


@dataclass(frozen=True, kw_only=True)
class WatchItemRow(Row):
    """A row of ``watch_items``: one article URL (or file) found by ``claimwire watch``."""

    TABLE = "watch_items"
    id: str
    url: str
    status: str
    reason: str | None = None
    attempts: int = 0
    next_try: str | None = None
    content_hash: str | None = None
    document_id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    discovered: str
    updated: str
    body: bytes | None = None


@dataclass(frozen=True, kw_only=True)
class WatchItemSourceRow(Row):
    """A row of ``watch_item_sources``: a source that carried an item."""

    TABLE = "watch_item_sources"
    item_id: str
    source: str
    first_seen: str


@dataclass(frozen=True, kw_only=True)
class WatchSourceCountRow(Row):
    """A row of ``watch_source_counts`` (kept by triggers, migration 16): a source's items
    ingested and not (failed or skipped)."""

    TABLE = "watch_source_counts"
    source: str
    stored: int = 0
    not_stored: int = 0


@dataclass(frozen=True, kw_only=True)
class ActivityClusterRow(Row):
    """A row of ``activity_clusters`` (kept by :mod:`.tallies`): one event per country, its
    first day, latest date and smallest type."""

    TABLE = "activity_clusters"
    key: str
    country: str
    day: str
    last: str
    type: str


@dataclass(frozen=True, kw_only=True)
class ActivityClaimRow(Row):
    """A row of ``activity_claims`` (kept by :mod:`.tallies`): the highest death toll one
    claimant gave for one event in one country."""

    TABLE = "activity_claims"
    key: str
    country: str
    who: str
    day: str
    best: float
    written: str
    kind: str
    type: str = ""
    """The event's type (its ``activity_clusters`` row's; migration 12)."""


@dataclass(frozen=True, kw_only=True)
class ActivityDayRow(Row):
    """A row of ``activity_days`` (kept by :mod:`.tallies`): events per country, day and type."""

    TABLE = "activity_days"
    country: str
    day: str
    type: str
    events: int


@dataclass(frozen=True, kw_only=True)
class ActivityClaimDayRow(Row):
    """A row of ``activity_claim_days`` (kept by :mod:`.tallies`): fatalities per country,
    day and claimant."""

    TABLE = "activity_claim_days"
    country: str
    day: str
    who: str
    fatalities: float
    events: int
    written: str
    kind: str


@dataclass(frozen=True, kw_only=True)
class ActivityTypeClaimDayRow(Row):
    """A row of ``activity_type_claim_days`` (kept by :mod:`.tallies`): fatalities per
    country, event type, claimant and day."""

    TABLE = "activity_type_claim_days"
    country: str
    type: str
    who: str
    day: str
    fatalities: float
    events: int
    written: str
    kind: str


@dataclass(frozen=True, kw_only=True)
class FactCountRow(Row):
    """A row of ``fact_counts`` (kept by triggers): current figures, claims or events;
    current articles and open contradictions (migration 13)."""

    TABLE = "fact_counts"
    name: str
    counted: int


@dataclass(frozen=True, kw_only=True)
class MapEventRow(Row):
    """A row of ``map_events`` (kept by :mod:`.mapindex`, migration 13): one event (cluster)
    with reports, with what the map filters on and its place's coordinates."""

    TABLE = "map_events"
    id: str
    ontopic: int
    """1 when a current report of an on-topic article tells it."""
    date_start: str
    """The cluster's first date, ``''`` when undated (so is ``date_end``)."""
    date_end: str
    span: int
    """Whole days from ``date_start`` to ``date_end``, plus one (0 when undated)."""
    type: str
    subtype: str | None = None
    country: str | None = None
    place_entity: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, kw_only=True)
class MapPlaceRow(Row):
    """A row of ``map_places`` (kept from ``map_events`` by triggers, migration 13): the
    map's events per place, type, sub-type and country (``''`` for none)."""

    TABLE = "map_places"
    ontopic: int
    place_entity: str
    type: str
    subtype: str
    country: str
    lat: float | None = None
    lon: float | None = None
    events: int


@dataclass(frozen=True, kw_only=True)
class ClaimAreaRow(Row):
    """A row of ``claim_areas`` (kept by triggers, migration 15): a country or first-level
    region of a claim's article, with the claim's columns its list filters read."""

    TABLE = "claim_areas"
    id: str
    level: str
    name: str
    date: str | None
    current: int
    duplicate: int
    document_id: str
    claimant_entity: str | None
    claimant_side: str | None
    hedge: str


@dataclass(frozen=True, kw_only=True)
class ArticleAreaRow(Row):
    """A row of ``article_areas`` (kept by triggers, migration 15): a country or
    first-level region an article names, with the columns its list filters and orders by."""

    TABLE = "article_areas"
    id: str
    level: str
    name: str
    current: int
    published: str | None
    seq: int
    duplicate_of: str | None
    relevant: int | None


@dataclass(frozen=True, kw_only=True)
class SeriesDayRow(Row):
    """A row of ``series_days`` (kept by :func:`.series.rebuild_days`, migration 17): the
    points of one day and kind of a series' conflict (``''`` when unknown), their lowest
    and highest claimed value, and the last of them: its figure, its place among the
    conflict's points, its running total (as stated, or computed; None when not safe)."""

    TABLE = "series_days"
    series_id: str
    conflict: str
    day: str
    kind: str
    points: int
    low: float | None = None
    high: float | None = None
    last_figure: str
    last_rank: int
    last_total: float | None = None


@dataclass(frozen=True, kw_only=True)
class SeriesConflictRow(Row):
    """A row of ``series_conflicts`` (migration 17): a series' points in one conflict, those
    left out for a date after their article's, whether all have a day (else the series is
    read point by point), and its last date."""

    TABLE = "series_conflicts"
    series_id: str
    conflict: str
    points: int
    excluded: int
    dated: int
    last_date: str | None = None


TABLE_ROWS: tuple[type[Row], ...] = (
    DocumentRow,
    ResultRow,
    InputRow,
    EntityRow,
    EntityNameRow,
    EntitySpellingRow,
    SeriesRow,
    ClusterRow,
    FigureRow,
    ClaimRow,
    PlaceRow,
    EventRow,
    ContradictionRow,
    ContradictionReviewRow,
    WatchSourceRow,
    WatchItemRow,
    WatchItemSourceRow,
    WatchSourceCountRow,
    ActivityClusterRow,
    ActivityClaimRow,
    ActivityDayRow,
    ActivityClaimDayRow,
    ActivityTypeClaimDayRow,
    FactCountRow,
    MapEventRow,
    MapPlaceRow,
    ClaimAreaRow,
    ArticleAreaRow,
    SeriesDayRow,
    SeriesConflictRow,
)
"""The row type of every table of the store."""


@dataclass(frozen=True)
class ResultRows:
    """Every row one result gives."""

    document: DocumentRow
    figures: list[FigureRow]
    claims: list[ClaimRow]
    places: list[PlaceRow]
    events: list[EventRow]
    claimants: dict[str, Claimant]
    """Claimants by the name the fact rows carry (for canonical entities)."""


def text_hash(text: str) -> str:
    """Hash of an article text alone (two outlets running one wire copy share it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def iso_date(value: dt.date | dt.datetime | None) -> str | None:
    """``YYYY-MM-DD`` of a date or datetime, or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def context_of(text: str, start: int, end: int) -> str:
    """The article line holding ``text[start:end]``, cut to :data:`CONTEXT_CHARS`."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > CONTEXT_CHARS:
        middle = (start + end) // 2
        line_start = max(line_start, middle - CONTEXT_CHARS // 2)
        line_end = min(line_end, line_start + CONTEXT_CHARS)
    return text[line_start:line_end].strip()


def version_key(result: Result) -> str:
    """What versions of one article share: its external id, else its URL, else its id."""
    document = result.document
    if document.external_id:
        return f"id:{document.external_id}"
    if document.url:
        return f"url:{document.url}"
    return f"doc:{document.id}"


def result_rows(result: Result) -> ResultRows:
    """Flatten a result into table rows (no database access)."""
    document = result.document
    published = iso_date(document.published)
    claims = {claim.id: claim for claim in result.claims}
    places = {place.id: place for place in result.places}
    dates = {date.id: date for date in result.dates}
    figures = {figure.id: figure for figure in result.figures}
    outlet_claimant = Claimant(name=document.outlet or UNKNOWN_OUTLET, type="outlet")
    claimants = {outlet_claimant.name: outlet_claimant}
    for claim in result.claims:
        claimants.setdefault(claim.claimant.name, claim.claimant)
    context = _Context(result, published, claims, places, outlet_claimant)
    return ResultRows(
        document=DocumentRow(
            id=document.id,
            version_key=version_key(result),
            text_hash=text_hash(document.text),
            url=document.url,
            outlet=document.outlet,
            title=document.title,
            published=published,
            language=document.language,
            source=document.source,
            external_id=document.external_id,
            text=document.text,
            relevant=None if result.relevance is None else int(result.relevance.relevant),
            relevance_score=None if result.relevance is None else result.relevance.score,
            relevance_label=None if result.relevance is None else result.relevance.label,
        ),
        figures=[context.figure_row(figure) for figure in result.figures],
        claims=[context.claim_row(claim) for claim in result.claims],
        places=[context.place_row(place) for place in result.places],
        events=[context.event_row(event, dates, figures) for event in result.events],
        claimants=claimants,
    )


def fact_id(document_id: str, local_id: str) -> str:
    """Store-wide id of a fact: its document's id and its id within the result."""
    return f"{document_id}:{local_id}"


@dataclass(frozen=True)
class _Context:
    result: Result
    published: str | None
    claims: dict[str, Claim]
    places: dict[str, Place]
    outlet_claimant: Claimant

    @property
    def document_id(self) -> str:
        return self.result.document.id

    def attribution(self, claim_id: str | None) -> tuple[Claimant, str, str | None]:
        """Claimant, hedge and store claim id of a fact (the outlet when unattributed)."""
        claim = self.claims.get(claim_id) if claim_id else None
        if claim is None:
            return self.outlet_claimant, "asserted", None
        return claim.claimant, claim.hedge, fact_id(self.document_id, claim.id)

    def place(self, place_ids: list[str]) -> Place | None:
        found = [self.places[pid] for pid in place_ids if pid in self.places]
        located = [place for place in found if place.role == "location"]
        chosen = located or found
        return chosen[0] if chosen else None

    def figure_row(self, figure: Figure) -> FigureRow:
        claimant, hedge, claim_id = self.attribution(figure.claim_id)
        time = figure.time
        as_of = iso_date(time.as_of) if time else None
        until = iso_date(time.until) if time else None
        date, basis = _pick_date(as_of=as_of, until=until, published=self.published)
        place = self.place(figure.place_ids)
        text = self.result.document.text
        return FigureRow(
            id=fact_id(self.document_id, figure.id),
            document_id=self.document_id,
            value=figure.value,
            lower=figure.lower,
            upper=figure.upper,
            approx=int(figure.approx),
            qualifier=figure.qualifier,
            unit=figure.unit,
            category=figure.category,
            measure=figure.measure,
            side=figure.side,
            counted=figure.counted.text if figure.counted else None,
            negated=int(figure.negated),
            modality=figure.modality,
            status=figure.status,
            cumulative=None if time is None or time.cumulative is None else int(time.cumulative),
            as_of=as_of,
            since=iso_date(time.since) if time else None,
            until=until,
            date=date,
            date_basis=basis,
            claim_id=claim_id,
            claimant=claimant.name,
            claimant_type=claimant.type,
            claimant_side=claimant.side,
            hedge=hedge,
            place=(place.name or place.span.text) if place else None,
            country=place.country if place else None,
            start_char=figure.span.start,
            end_char=figure.span.end,
            evidence=figure.span.text,
            context=context_of(text, figure.span.start, figure.span.end),
            outlet=self.result.document.outlet,
            published=self.published,
            place_local_id=fact_id(self.document_id, place.id) if place else None,
        )

    def claim_row(self, claim: Claim) -> ClaimRow:
        claimant = claim.claimant
        return ClaimRow(
            id=fact_id(self.document_id, claim.id),
            document_id=self.document_id,
            claimant=claimant.name,
            claimant_type=claimant.type,
            claimant_role=claimant.role,
            claimant_affiliation=claimant.affiliation,
            claimant_side=claimant.side,
            form=claim.form,
            hedge=claim.hedge,
            cue=claim.cue.text if claim.cue else None,
            content=claim.content.text,
            start_char=claim.content.start,
            end_char=claim.content.end,
            contradicts_json=json.dumps(
                [fact_id(self.document_id, other) for other in claim.contradicts]
            ),
            date=self.published,
            outlet=self.result.document.outlet,
            published=self.published,
        )

    def place_row(self, place: Place) -> PlaceRow:
        return PlaceRow(
            id=fact_id(self.document_id, place.id),
            document_id=self.document_id,
            mention=place.span.text,
            name=place.name,
            resolved=int(place.resolved),
            gazetteer_id=place.gazetteer_id,
            lat=place.lat,
            lon=place.lon,
            feature_class=place.feature_class,
            admin1=place.admin1,
            country=place.country,
            role=place.role,
            start_char=place.span.start,
            end_char=place.span.end,
        )

    def event_row(
        self, event: Event, dates: dict[str, DateMention], figures: dict[str, Figure]
    ) -> EventRow:
        claimant, hedge, claim_id = self.attribution(event.claim_id)
        place = self.places.get(event.place_id) if event.place_id else None
        date = dates.get(event.date_id) if event.date_id else None
        date_start = iso_date(date.start) if date else None
        chosen, basis = _pick_date(as_of=date_start, until=None, published=self.published)
        other = event.targets[:1] or event.actors[1:2]
        text = self.result.document.text
        return EventRow(
            id=fact_id(self.document_id, event.id),
            document_id=self.document_id,
            type=event.type,
            subtype=event.subtype,
            status=event.status,
            actor1=event.actors[0].name if event.actors else None,
            actor1_side=event.actors[0].side if event.actors else None,
            actor2=other[0].name if other else None,
            actor2_side=other[0].side if other else None,
            actors_json=json.dumps([[a.name, a.side, a.type] for a in event.actors]),
            targets_json=json.dumps([[a.name, a.side, a.type] for a in event.targets]),
            place=(place.name or place.span.text) if place else None,
            admin1=place.admin1 if place else None,
            country=place.country if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            date_start=date_start,
            date_end=iso_date(date.end) if date else None,
            granularity=date.granularity if date else None,
            date=chosen,
            date_basis="date" if basis == "as_of" else basis,
            fatalities=_fatalities([figures[f] for f in event.figure_ids if f in figures]),
            claim_id=claim_id,
            claimant=claimant.name,
            claimant_type=claimant.type,
            hedge=hedge,
            start_char=event.trigger.start,
            end_char=event.trigger.end,
            evidence=event.trigger.text,
            context=context_of(text, event.trigger.start, event.trigger.end),
            outlet=self.result.document.outlet,
            published=self.published,
            place_local_id=fact_id(self.document_id, place.id) if place else None,
        )


def _pick_date(
    *, as_of: str | None, until: str | None, published: str | None
) -> tuple[str | None, str]:
    if as_of:
        return as_of, "as_of"
    if until:
        return until, "until"
    if published:
        return published, "published"
    return None, "none"


def _fatalities(figures: list[Figure]) -> float | None:
    """People killed according to an event's figures (lower bounds when no exact value)."""
    killed = [
        figure.value if figure.value is not None else figure.lower
        for figure in figures
        if figure.measure == "killed"
        and not figure.negated
        and figure.modality == "actual"
        and not (figure.time and figure.time.cumulative)  # a running total is no event's toll
    ]
    known = [value for value in killed if value is not None]
    return sum(known) if known else None
