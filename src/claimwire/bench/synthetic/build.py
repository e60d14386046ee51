"""Writing a synthetic store of many articles fast: rows straight into the store's tables.

The store is created and migrated as any store is (:func:`~claimwire.store.open_store`), so
it has every table, index, full-text index and trigger a real store has. While the rows go
in, the secondary indexes are dropped and made again at the end from their own SQL
(faster than keeping them up to date row by row), foreign keys are checked by
construction instead of by SQLite, and the journal is off. The triggers are dropped too:
the full-text indexes, the overview's counts, the activity tallies and the map's events
are computed in SQL once the rows are in (:mod:`claimwire.store.bulk`, its ``fill_kept``),
equal to what the triggers and the write path keep. Then ``ANALYZE`` and the write-ahead
log, as a store in use has.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InvalidOptionError
from ...geo.gazetteer import get_gazetteer
from ...models import Document, Provenance, Relevance, Result
from ...store import open_store
from ...store.bulk import drop_for_bulk_load, fill_derived, fill_kept, restore
from ...store.rows import (
    TABLE_ROWS,
    ClaimRow,
    ClusterRow,
    ContradictionReviewRow,
    ContradictionRow,
    DocumentRow,
    EventRow,
    FigureRow,
    InputRow,
    PlaceRow,
    ResultRow,
    Row,
    SeriesRow,
    WatchItemRow,
    WatchItemSourceRow,
    WatchSourceRow,
)
from ...store.series import series_key
from ...store.tables import insert
from ...version import __version__
from .articles import ArticleRows, Fields, Newsroom
from .world import Theatre, World, build_world

BATCH = 5_000
"""Articles written per batch."""
OFF_TOPIC_SHARE = 0.08
WIRE_COPY_SHARE = 0.05
VERSION_SHARE = 0.01
BURSTS_PER_CONFLICT = 40


@dataclass(frozen=True)
class SyntheticSummary:
    """What :func:`build_synthetic_store` wrote, and how long it took."""

    path: Path
    articles: int
    rows: dict[str, int]
    seconds: float
    size_bytes: int


@dataclass
class _Corpus:
    """The cross-article state: clusters, series, contradictions, counts."""

    clusters: dict[tuple[str, str, str], str] = field(default_factory=dict)
    reports: Counter[str] = field(default_factory=Counter)
    outlets: dict[str, set[str]] = field(default_factory=dict)
    series: dict[str, list[object]] = field(default_factory=dict)
    """Series id -> [points, first date, last date]."""
    tolls: dict[tuple[str | None, str | None, str | None, str | None], FigureRow] = field(
        default_factory=dict
    )
    mentions: Counter[str] = field(default_factory=Counter)
    contradictions: int = 0
    recent: list[ArticleRows] = field(default_factory=list)


def build_synthetic_store(
    path: Path,
    *,
    articles: int,
    seed: int = 17,
    progress: Callable[[int, float], None] | None = None,
) -> SyntheticSummary:
    """Write a store of ``articles`` synthetic articles at ``path`` (a new file).

    About 8% are off-topic, 5% wire copies of an earlier article, 1% earlier versions of
    the next one; the others each report an event (a third of them one reported already,
    so events cluster), with its toll, a second figure and its claims.

    Args:
        path: Where to write the store; it must not exist.
        articles: How many articles (documents).
        seed: The seed of every random choice (the same seed writes the same store).
        progress: Called with the articles written and the seconds spent, every batch.

    Raises:
        InvalidOptionError: ``path`` exists, or ``articles`` is under 1.
    """
    if path.exists():
        raise InvalidOptionError(f"{path} exists: a synthetic store is written to a new file")
    if articles < 1:
        raise InvalidOptionError("a synthetic store needs at least 1 article")
    started = time.perf_counter()
    rng = random.Random(seed)
    world = build_world(get_gazetteer(), rng)
    connection = open_store(path)
    try:
        dropped = drop_for_bulk_load(connection)
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("PRAGMA cache_size=-400000")
        connection.execute("BEGIN")
        corpus = _Corpus()
        _write_world(connection, world)
        writer = _Writer(connection, corpus, Newsroom(world, rng), rng, articles)
        for day, theatre in _schedule(world, rng, articles):
            writer.article(theatre, day)
            if writer.documents >= articles:
                break
            if writer.queued >= BATCH:
                writer.flush()
                if progress:
                    progress(writer.documents, time.perf_counter() - started)
        writer.flush()
        _finish(connection, world, corpus)
        fill_derived(connection)  # the full-text indexes and counts the triggers keep
        connection.execute("COMMIT")
        connection.execute("BEGIN")
        restore(connection, dropped)
        fill_kept(connection)  # what the write path keeps, from the rows written
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
        connection.execute("PRAGMA journal_mode=WAL")
        rows = {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in _TABLES
        }
    finally:
        connection.close()
    return SyntheticSummary(
        path=path,
        articles=rows["documents"],
        rows=rows,
        seconds=time.perf_counter() - started,
        size_bytes=path.stat().st_size,
    )


_TABLES = tuple(row_type.TABLE for row_type in TABLE_ROWS)
"""Every table of the store, counted in the summary."""


def _schedule(world: World, rng: random.Random, articles: int) -> list[tuple[dt.date, Theatre]]:
    """When each article is published and which conflict it is about, by date."""
    bursts = {
        id(theatre): [
            rng.randrange(max(1, (theatre.conflict.last - theatre.conflict.first).days))
            for _ in range(BURSTS_PER_CONFLICT)
        ]
        for theatre in world.theatres.items
    }
    planned = []
    for _ in range(articles + articles // 50 + 10):
        theatre = world.theatres.draw(rng)
        conflict = theatre.conflict
        span = (conflict.last - conflict.first).days
        if rng.random() < 0.5:
            centre = bursts[id(theatre)][rng.randrange(BURSTS_PER_CONFLICT)]
            offset = int(rng.gauss(centre, 6))
        else:
            offset = int(span * rng.betavariate(1.6, 1.0))
        day = conflict.first + dt.timedelta(days=min(max(offset, 0), span))
        planned.append((day, rng.random(), theatre))
    planned.sort(key=lambda item: (item[0], item[1]))
    return [(day, theatre) for day, _, theatre in planned]


def _write_world(connection: sqlite3.Connection, world: World) -> None:
    insert(connection, world.entities)
    names, spellings = world.name_rows()
    insert(connection, names)
    insert(connection, spellings)
    sources = [
        WatchSourceRow(
            name=f"feed-{index}",
            kind="feed",
            location=f"https://news.example.org/feed/{index}.xml",
            last_poll="2026-11-30T12:00:00.000+00:00",
            last_success="2026-11-30T12:00:00.000+00:00",
        )
        for index in range(12)
    ]
    insert(connection, sources)


def _result_json(rows: ArticleRows) -> str:
    """A stored result: the document (without its text), its relevance, the provenance.

    The facts are in the fact tables only: an article page shows the text without its
    highlighted spans. The JSON is the template's (:func:`_result_template`, what the
    models write) with the article's fields put in, so the models are not run per article.
    """
    document = rows.document
    data = _result_template(rows)
    data["document"] = {
        **data["document"],
        "id": document.id,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "published": document.published or "2000-01-01",
    }
    data["relevance"] = {
        **data["relevance"],
        "score": document.relevance_score or 0.0,
        "relevant": bool(document.relevant),
        "label": document.relevance_label or "other",
    }
    return json.dumps(data)


def _model_result_json(rows: ArticleRows) -> str:
    """The stored result as the models write it (:func:`_result_json`, slower)."""
    document = rows.document
    result = Result(
        document=Document(
            id=document.id,
            text="",
            title=document.title,
            outlet=document.outlet,
            url=document.url,
            published=dt.date.fromisoformat(document.published or "2000-01-01"),
            language="en",
            source="synthetic",
        ),
        relevance=Relevance(
            score=document.relevance_score or 0.0,
            relevant=bool(document.relevant),
            label=document.relevance_label or "other",  # type: ignore[arg-type]
        ),
        provenance=_PROVENANCE,
    )
    data = result.model_dump(mode="json")
    del data["document"]["text"]
    return json.dumps(data)


_TEMPLATE: dict[str, dict[str, Any]] = {}
"""The result JSON of the first article written, as a dict (see :func:`_result_template`)."""


def _result_template(rows: ArticleRows) -> dict[str, Any]:
    """A result's JSON as the models write it, as a dict (a shallow copy: callers replace
    its inner dicts); made once, from the first article."""
    if "result" not in _TEMPLATE:
        _TEMPLATE["result"] = json.loads(_model_result_json(rows))
    return dict(_TEMPLATE["result"])


_PROVENANCE = Provenance(
    claimwire_version=__version__,
    model="synthetic",
    spacy_version="none",
    components=[],
    run_id="synthetic",
    created=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
)


class _Writer:
    """Queues the rows of articles and writes them a batch at a time."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        corpus: _Corpus,
        room: Newsroom,
        rng: random.Random,
        limit: int,
    ) -> None:
        self.limit = limit
        self.connection = connection
        self.corpus = corpus
        self.room = room
        self.rng = rng
        self.documents = 0
        self.queued = 0
        self.batch: dict[type[Row], list[Row]] = {}

    def article(self, theatre: Theatre, day: dt.date) -> None:
        """Write the next article (or a copy, or two versions) published on ``day``."""
        rng = self.rng
        draw = rng.random()
        if draw < OFF_TOPIC_SHARE:
            self._queue(self.room.off_topic(self._next_seq(), day), status="new")
        elif draw < OFF_TOPIC_SHARE + WIRE_COPY_SHARE and self.corpus.recent:
            original = self.corpus.recent[rng.randrange(len(self.corpus.recent))]
            self._queue(self._copy(original, day), status="duplicate")
        else:
            rows = self.room.article(self._next_seq(), theatre, day)
            if rng.random() < VERSION_SHARE and self.documents < self.limit:
                earlier = self._earlier_version(rows)
                self._queue(earlier, status="new")
                rows.document = dataclasses.replace(
                    rows.document, seq=self._next_seq(), version=2, previous_id=earlier.document.id
                )
                self._queue(rows, status="version")
            else:
                self._queue(rows, status="new")
            self.corpus.recent.append(rows)
            if len(self.corpus.recent) > 500:
                del self.corpus.recent[:250]

    def _next_seq(self) -> int:
        self.documents += 1
        return self.documents

    def _copy(self, original: ArticleRows, day: dt.date) -> ArticleRows:
        """A wire copy: the same text from another outlet, its facts marked duplicate."""
        seq = self._next_seq()
        document_id = f"syn{seq:09d}"
        outlet = self.room.world.outlets.draw(self.rng)
        published = max(day, dt.date.fromisoformat(original.document.published or "2000-01-01"))
        document = dataclasses.replace(
            original.document,
            id=document_id,
            seq=seq,
            outlet=outlet,
            version_key=f"url:https://news.example.org/{document_id}",
            url=f"https://news.example.org/{document_id}",
            duplicate_of=original.document.id,
            published=published.isoformat(),
        )
        return _renamed(original, document, duplicate=1, current=1, outlet=outlet)

    def _earlier_version(self, rows: ArticleRows) -> ArticleRows:
        """The first version of an article (its text one line longer), now superseded."""
        document_id = rows.document.id + "v1"
        text = rows.document.text + "\nThis story is developing."
        document = dataclasses.replace(
            rows.document,
            id=document_id,
            current=0,
            text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest()[:32],
        )
        return _renamed(rows, document, duplicate=0, current=0, outlet=rows.document.outlet)

    def _queue(self, rows: ArticleRows, *, status: str) -> None:
        corpus = self.corpus
        document = rows.document
        add = self.batch.setdefault
        add(DocumentRow, []).append(document)
        add(ResultRow, []).append(
            ResultRow(
                document_id=document.id,
                result_json=_result_json(rows),
                run_id="synthetic",
                created="2026-12-01T00:00:00+00:00",
            )
        )
        add(InputRow, []).append(
            InputRow(
                key=hashlib.sha256(document.id.encode()).hexdigest()[:32],
                source=f"synthetic/{document.id}",
                status=status,
                document_id=document.id,
            )
        )
        if document.seq % 10 == 0:
            self._watched(document)
        live = document.current == 1
        add(PlaceRow, []).extend(rows.places)
        add(ClaimRow, []).extend(rows.claims)
        if live:
            corpus.mentions.update(place.place_entity or "" for place in rows.places)
            corpus.mentions.update(claim.claimant_entity or "" for claim in rows.claims)
        for figure in rows.figures:
            add(FigureRow, []).append(self._figure(figure, document))
        for event in rows.events:
            add(EventRow, []).append(self._event(event, document))
        self.queued += 1

    def _figure(self, fields: Fields, document: DocumentRow) -> FigureRow:
        """The figure with its series, and a contradiction when another claimant gave
        another toll of the same place, day and category."""
        corpus = self.corpus
        figure = FigureRow(**fields)
        key = series_key(figure)
        if key is None:
            return figure
        series_id = "series:" + hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:16]
        known = corpus.series.get(series_id)
        if known is None:
            known = corpus.series[series_id] = [0, figure.date, figure.date]
            self.batch.setdefault(SeriesRow, []).append(
                SeriesRow(
                    id=series_id,
                    claimant_entity=key[0],
                    claimant=figure.claimant,
                    measure=key[1],
                    category=key[2],
                    side=figure.side,
                    unit=figure.unit,
                )
            )
        if figure.current:
            known[0] = int(str(known[0])) + 1
            known[1] = min(str(known[1]), figure.date or "")
            known[2] = max(str(known[2]), figure.date or "")
        linked = FigureRow(**fields, series_id=series_id)
        if not linked.cumulative and linked.current and not linked.duplicate:
            self._contradiction(linked, document)
        return linked

    def _contradiction(self, figure: FigureRow, document: DocumentRow) -> None:
        corpus = self.corpus
        key = (figure.place_entity, figure.measure, figure.category, figure.date)
        earlier = corpus.tolls.get(key)
        corpus.tolls[key] = figure
        if len(corpus.tolls) > 200_000:
            corpus.tolls.clear()
        value, other = (
            figure.value or figure.lower,
            earlier.value or earlier.lower if earlier else None,
        )
        if (
            earlier is None
            or earlier.claimant_entity == figure.claimant_entity
            or value is None
            or other is None
            or abs(value - other) <= 0.1 * max(value, other)
        ):
            return
        corpus.contradictions += 1
        identifier = (
            "contra:" + hashlib.sha256(f"{earlier.id}|{figure.id}".encode()).hexdigest()[:16]
        )
        self.batch.setdefault(ContradictionRow, []).append(
            ContradictionRow(
                id=identifier,
                kind="figures",
                reason="different values",
                measure=figure.measure,
                category=figure.category,
                side=figure.side,
                subject=figure.place,
                date=figure.date,
                a_kind="figure",
                a_id=earlier.id,
                a_document=earlier.document_id,
                a_claimant=earlier.claimant,
                a_value=_value_text(earlier),
                a_evidence=earlier.evidence,
                b_kind="figure",
                b_id=figure.id,
                b_document=figure.document_id,
                b_claimant=figure.claimant,
                b_value=_value_text(figure),
                b_evidence=figure.evidence,
                detected_by=document.id,
            )
        )
        if corpus.contradictions % 50 == 0:
            self.batch.setdefault(ContradictionReviewRow, []).append(
                ContradictionReviewRow(
                    id="review:" + identifier,
                    contradiction_id=identifier,
                    verdict="dismissed" if corpus.contradictions % 100 else "confirmed",
                    reason="checked against the original reports",
                    reviewed=f"{figure.date}T12:00:00.000+00:00",
                    reviewer="127.0.0.1",
                )
            )

    def _event(self, fields: Fields, document: DocumentRow) -> EventRow:
        """The event report in its cluster (same place, sub-type and day)."""
        corpus = self.corpus
        event = EventRow(**fields)
        key = (event.place_entity or "", event.subtype or event.type, event.date or "")
        cluster = corpus.clusters.get(key)
        if cluster is None:
            cluster = corpus.clusters[key] = event.id
            self.batch.setdefault(ClusterRow, []).append(
                ClusterRow(
                    id=cluster,
                    type=event.type,
                    subtype=event.subtype,
                    place_entity=event.place_entity,
                    country=event.country,
                    date_start=event.date_start,
                    date_end=event.date_end,
                )
            )
        if event.current and not event.duplicate:
            corpus.reports[cluster] += 1
            corpus.outlets.setdefault(cluster, set()).add(document.outlet or "")
        return EventRow(**fields, cluster_id=cluster)

    def _watched(self, document: DocumentRow) -> None:
        item = hashlib.sha256((document.url or "").encode()).hexdigest()[:32]
        stamp = f"{document.published}T06:00:00.000+00:00"
        self.batch.setdefault(WatchItemRow, []).append(
            WatchItemRow(
                id=item,
                url=document.url or "",
                status="done",
                attempts=1,
                document_id=document.id,
                title=document.title,
                published=document.published,
                outlet=document.outlet,
                language="en",
                discovered=stamp,
                updated=stamp,
            )
        )
        self.batch.setdefault(WatchItemSourceRow, []).append(
            WatchItemSourceRow(item_id=item, source=f"feed-{document.seq % 12}", first_seen=stamp)
        )

    def flush(self) -> None:
        """Write the queued rows, parents first."""
        for row_type in _ORDER:
            insert(self.connection, self.batch.pop(row_type, []))
        self.queued = 0


_ORDER: tuple[type[Row], ...] = (
    DocumentRow,
    ResultRow,
    InputRow,
    SeriesRow,
    ClusterRow,
    PlaceRow,
    ClaimRow,
    FigureRow,
    EventRow,
    ContradictionRow,
    ContradictionReviewRow,
    WatchItemRow,
    WatchItemSourceRow,
)


def _value_text(figure: FigureRow) -> str:
    value = figure.value if figure.value is not None else figure.lower
    prefix = "" if figure.value is not None else "at least "
    return f"{prefix}{int(value or 0)}"


def _renamed(
    rows: ArticleRows, document: DocumentRow, *, duplicate: int, current: int, outlet: str | None
) -> ArticleRows:
    """The rows of an article under another document (a copy or another version)."""
    old, new = rows.document.id + ":", document.id + ":"

    def renamed_id(identifier: str) -> str:
        return identifier.replace(old, new, 1)

    published = document.published
    facts = {"current": current, "duplicate": duplicate, "outlet": outlet, "published": published}

    def renamed(fields: Fields) -> Fields:
        claim = fields["claim_id"]
        return {
            **fields,
            **facts,
            "id": str(fields["id"]).replace(old, new, 1),
            "document_id": document.id,
            "claim_id": str(claim).replace(old, new, 1) if claim else None,
        }

    return ArticleRows(
        document=document,
        places=[
            dataclasses.replace(
                row, id=renamed_id(row.id), document_id=document.id, current=current
            )
            for row in rows.places
        ],
        claims=[
            dataclasses.replace(
                row,
                id=renamed_id(row.id),
                document_id=document.id,
                current=current,
                duplicate=duplicate,
                outlet=outlet,
                published=published,
            )
            for row in rows.claims
        ],
        figures=[renamed(fields) for fields in rows.figures],
        events=[renamed(fields) for fields in rows.events],
        event_places=rows.event_places,
    )


def _finish(connection: sqlite3.Connection, world: World, corpus: _Corpus) -> None:
    """What the write path recounts: reports and outlets of clusters, points of series,
    mentions of entities."""
    connection.executemany(
        "UPDATE clusters SET reports = ?, outlets = ? WHERE id = ?",
        [
            (corpus.reports[cluster], len(corpus.outlets.get(cluster, ())), cluster)
            for cluster in corpus.clusters.values()
        ],
    )
    connection.executemany(
        "UPDATE series SET points = ?, first_date = ?, last_date = ? WHERE id = ?",
        [(points, first, last, series) for series, (points, first, last) in corpus.series.items()],
    )
    connection.executemany(
        "UPDATE entities SET mentions = ? WHERE id = ?",
        [(corpus.mentions[entity.id], entity.id) for entity in world.entities],
    )
