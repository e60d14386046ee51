"""Exports of a store: JSONL results, CSV / JSONL / Parquet tables, GeoJSON and ACLED-style CSV.

Every export reads through :mod:`claimwire.store.queries`, so it holds what the query
commands show for the same filters (current versions, no wire copies, unless asked).
Parquet needs pyarrow (the ``parquet`` extra).

Each text export is a generator of :data:`Chunk` (text, rows in it) read from a cursor:
the CLI writes the chunks to a file (``write_*``), the web app streams them
(:func:`export_chunks`), so both give the same bytes and neither holds a table in memory.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import sqlite3
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from ..errors import InvalidOptionError, MissingExtraError
from ..geo import Entry, Gazetteer, cache_dir
from ..geo.gazetteer import FILE_NAME as GAZETTEER_FILE
from . import queries
from .acled import COLUMNS as ACLED_OUTPUT
from .acled import acled_row
from .filters import Filters, where
from .rows import ClaimRow, ClusterRow, ContradictionRow, EventRow, FigureRow, Record, Row, text
from .ucdp import COLUMNS as UCDP_OUTPUT
from .ucdp import ged_row

TABLES: dict[str, Callable[[sqlite3.Connection, Filters], list[Record]]] = {
    "figures": queries.figures,
    "claims": queries.claims,
    "events": queries.events,
    "clusters": queries.clusters,
    "contradictions": queries.contradictions,
}
"""Tables that export to CSV and Parquet."""

ColumnKind = Literal["string", "int", "float", "bool", "date"]

Chunk = tuple[str, int]
"""A piece of an export's text and the number of records it completes (0 for a header)."""

ExportFormat = Literal["jsonl", "csv", "geojson", "acled", "ucdp"]
"""The text exports (Parquet is a file, written whole)."""
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "geojson", "acled", "ucdp")

_TABLE_COLUMNS: dict[str, tuple[type[Row], tuple[str, ...]]] = {
    "figures": (FigureRow, queries.FIGURE_COLUMNS),
    "claims": (ClaimRow, queries.CLAIM_COLUMNS),
    "events": (EventRow, queries.EVENT_COLUMNS),
    "clusters": (ClusterRow, queries.CLUSTER_COLUMNS),
    "contradictions": (ContradictionRow, queries.CONTRADICTION_COLUMNS),
}
_FLAGS = frozenset({"approx", "cumulative", "negated"})
"""Integer columns that hold yes / no."""
_DATES = frozenset({"date", "published", "date_start", "date_end"})
"""Text columns that hold a day (``published`` may carry a time: its day is exported)."""
_COUNTS = frozenset({"fatalities"})
"""Real columns that hold a count of people."""
_JOINED: dict[str, ColumnKind] = {
    "place": "string",
    "admin1": "string",
    "lat": "float",
    "lon": "float",
}
"""Columns a query takes from a joined table (a cluster's place)."""


@dataclass(frozen=True)
class Cluster:
    """An event cluster with its reports (the current, non-duplicate event rows)."""

    row: Record
    reports: list[Record]
    copies: list[Record] = dataclasses.field(default_factory=list)
    """Reports in wire copies of stored articles: their outlets count as sources."""
    place_class: str | None = None
    """GeoNames feature class of the cluster's place."""
    place_code: str | None = None
    """GeoNames feature code of the cluster's place (``PPL``, ``ADM2``, ``PCLI``), if known."""
    admin2: str | None = None
    """The second-level region of the cluster's place, if the gazetteer knows it."""
    timestamp: int | None = None
    """Unix time of the latest extraction of its reports."""

    def fatalities(self) -> int:
        """The lowest toll any report gives (ACLED's rule), 0 when none does."""
        known = [
            float(str(r["fatalities"])) for r in self.reports if r.get("fatalities") is not None
        ]
        return int(min(known)) if known else 0


def table_schema(table: str) -> list[tuple[str, ColumnKind]]:
    """The columns of an exportable table and their types, whatever rows it holds.

    Two exports of one table (of any stores, with any filters, empty or not) have the same
    columns and types, so they can be read together.

    Raises:
        InvalidOptionError: Unknown table.
    """
    if table not in _TABLE_COLUMNS:
        raise InvalidOptionError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    row_type, names = _TABLE_COLUMNS[table]
    hints = typing.get_type_hints(row_type)
    return [(name, _kind(name, hints.get(name))) for name in names]


def _kind(name: str, hint: object) -> ColumnKind:
    if name in _JOINED and hint is None:
        return _JOINED[name]
    if name in _DATES:
        return "date"
    if name in _FLAGS:
        return "bool"
    if name in _COUNTS:
        return "int"
    kinds = set(typing.get_args(hint)) - {type(None)} or {hint}
    if kinds <= {int}:
        return "int"
    if kinds <= {float, int}:
        return "float"
    return "string"


def typed_rows(table: str, rows: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """Rows of ``table`` with their values in the types of :func:`table_schema`."""
    return list(iter_typed_rows(table, rows))


def iter_typed_rows(
    table: str, rows: Iterable[Mapping[str, object]]
) -> Iterator[dict[str, object]]:
    """:func:`typed_rows`, one row at a time."""
    schema = table_schema(table)
    for row in rows:
        yield {name: _typed(row.get(name), kind) for name, kind in schema}


def _typed(value: object, kind: ColumnKind) -> object:
    if value is None or value == "":
        return None
    if kind == "date":
        return dt.date.fromisoformat(str(value)[:10])
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(float(str(value)))
    if kind == "float":
        return float(str(value))
    return str(value)


def write_table_csv(table: str, rows: Iterable[Mapping[str, object]], stream: IO[str]) -> int:
    """Write a table's rows as CSV: every column of its schema, even with no row.

    Yes / no columns are written ``true`` / ``false``, counts as integers, days as
    ``YYYY-MM-DD``, missing values as empty cells.
    """
    return write_chunks(table_csv_chunks(table, rows), stream)


def table_csv_chunks(table: str, rows: Iterable[Mapping[str, object]]) -> Iterator[Chunk]:
    """The chunks of :func:`write_table_csv`: the header, then one line per row."""
    names = tuple(name for name, _ in table_schema(table))
    shown = (
        {name: _csv_value(value) for name, value in row.items()}
        for row in iter_typed_rows(table, rows)
    )
    return csv_chunks(shown, names)


def table_jsonl_chunks(table: str, rows: Iterable[Mapping[str, object]]) -> Iterator[Chunk]:
    """A table's rows as JSON lines, one object per row with the columns of its schema
    (days as ``YYYY-MM-DD``, yes / no as booleans, missing values as null)."""
    for row in iter_typed_rows(table, rows):
        shown = {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in row.items()
        }
        yield json.dumps(shown, ensure_ascii=False) + "\n", 1


def write_chunks(chunks: Iterable[Chunk], stream: IO[str]) -> int:
    """Write an export's chunks to a stream; returns the number of records."""
    count = 0
    for piece, records in chunks:
        stream.write(piece)
        count += records
    return count


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_rows(connection: sqlite3.Connection, table: str, filters: Filters) -> list[Record]:
    """All rows of an exportable table matching the filters (no page limit).

    Raises:
        InvalidOptionError: Unknown table.
    """
    return list(iter_table_rows(connection, table, filters))


def iter_table_rows(
    connection: sqlite3.Connection, table: str, filters: Filters
) -> Iterator[Record]:
    """:func:`table_rows` read one row at a time from the cursor.

    Raises:
        InvalidOptionError: Unknown table, or a filter value is unknown (checked before the
            first row is asked for).
    """
    if table not in TABLES:
        raise InvalidOptionError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    sql, params = (
        queries.LISTS[table]
        .for_filters(filters)
        .sql(dataclasses.replace(filters, limit=None, offset=0, after=None))
    )
    cursor = connection.execute(sql, params)
    return (dict(row) for row in cursor)


def write_jsonl(connection: sqlite3.Connection, stream: IO[str], filters: Filters) -> int:
    """Write the stored results (current versions, by arrival) as JSONL. Returns the count.

    The articles are those of the article list for the same filters
    (:data:`~claimwire.store.queries.ARTICLE_CLAUSES`).
    """
    return write_chunks(jsonl_chunks(connection, filters), stream)


def jsonl_chunks(connection: sqlite3.Connection, filters: Filters) -> Iterator[Chunk]:
    """The chunks of :func:`write_jsonl`, one result per line.

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first line).
    """
    condition, params = where(filters, queries.ARTICLE_CLAUSES)
    cursor = connection.execute(f"SELECT d.id FROM documents d{condition} ORDER BY d.seq", params)
    return _results(connection, cursor)


def _results(connection: sqlite3.Connection, cursor: sqlite3.Cursor) -> Iterator[Chunk]:
    from .write import load_result

    for (document_id,) in cursor:
        result = load_result(connection, document_id)
        yield json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n", 1


def write_csv(
    rows: Iterable[Mapping[str, object]], stream: IO[str], columns: tuple[str, ...] = ()
) -> int:
    """Write rows as CSV with a header (the keys of the first row unless ``columns``)."""
    return write_chunks(csv_chunks(rows, columns), stream)


def csv_chunks(
    rows: Iterable[Mapping[str, object]], columns: tuple[str, ...] = ()
) -> Iterator[Chunk]:
    """Rows as CSV: the header (the keys of the first row unless ``columns``), then a line
    per row."""
    found = iter(rows)
    first = None if columns else next(found, None)
    names = list(columns) or (list(first) if first is not None else [])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, extrasaction="ignore", lineterminator="\n")

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield taken(), 0
    for row in found if first is None else _chained(first, found):
        writer.writerow(row)
        yield taken(), 1


def _chained(
    first: Mapping[str, object], rest: Iterator[Mapping[str, object]]
) -> Iterator[Mapping[str, object]]:
    yield first
    yield from rest


def write_parquet(table: str, rows: Sequence[Mapping[str, object]], path: Path) -> int:
    """Write a table's rows as a Parquet file with the table's schema (:func:`table_schema`).

    Raises:
        MissingExtraError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError(
            "Parquet export needs pyarrow: pip install 'claimwire[parquet]' (or pyarrow)"
        ) from None
    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in table_schema(table)])
    pq.write_table(pa.Table.from_pylist(typed_rows(table, rows), schema=schema), path)
    return len(rows)


def event_clusters(connection: sqlite3.Connection, filters: Filters) -> list[Cluster]:
    """The event clusters matching the filters, each with its reports in arrival order."""
    return list(iter_event_clusters(connection, filters))


def iter_event_clusters(connection: sqlite3.Connection, filters: Filters) -> Iterator[Cluster]:
    """:func:`event_clusters`, one cluster at a time (read from a cursor).

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first cluster).
    """
    return (
        _cluster(connection, row, include_offtopic=filters.include_offtopic)
        for row in iter_table_rows(connection, "clusters", filters)
    )


def _cluster(connection: sqlite3.Connection, row: Record, *, include_offtopic: bool) -> Cluster:
    """One cluster with its reports in arrival order (off-topic articles' unless asked)."""
    reports = connection.execute(
        "SELECT e.*, r.created AS extracted, d.title AS title, "
        "(SELECT side FROM entities WHERE id = e.claimant_entity) AS claimant_side "
        "FROM events e JOIN documents d ON d.id = e.document_id "
        "LEFT JOIN results r ON r.document_id = e.document_id "
        "WHERE e.cluster_id = ? AND e.current = 1 "
        f"{'' if include_offtopic else 'AND coalesce(d.relevant, 1) = 1 '}"
        "ORDER BY d.seq, e.id",
        (row["id"],),
    ).fetchall()
    place = connection.execute(
        "SELECT type, gazetteer_id FROM entities WHERE id = ?", (row.get("place_entity"),)
    ).fetchone()
    entry = gazetteer_entry(place[1]) if place and place[1] else None
    return Cluster(
        row=row,
        reports=[dict(report) for report in reports if not report["duplicate"]],
        copies=[dict(report) for report in reports if report["duplicate"]],
        place_class=place[0] if place else None,
        place_code=entry.feature_code if entry else None,
        admin2=entry.admin2 if entry else None,
        timestamp=_latest([report["extracted"] for report in reports]),
    )


@functools.cache
def _gazetteer() -> Gazetteer | None:
    """The gazetteer file ingest resolved places with, if it was built on this machine."""
    path = cache_dir() / GAZETTEER_FILE
    return Gazetteer(path) if path.is_file() else None


def gazetteer_entry(gazetteer_id: str) -> Entry | None:
    """A place's gazetteer entry (for its feature code and second-level region), if known.

    Exports never build the gazetteer: without its file they leave what it would add empty.
    """
    gazetteer = _gazetteer()
    return gazetteer.get(gazetteer_id) if gazetteer is not None else None


def _latest(created: list[str | None]) -> int | None:
    times = [dt.datetime.fromisoformat(value) for value in created if value]
    if not times:
        return None
    latest = max(t if t.tzinfo else t.replace(tzinfo=dt.UTC) for t in times)
    return int(latest.timestamp())


def write_geojson(connection: sqlite3.Connection, stream: IO[str], filters: Filters) -> int:
    """Write the located event clusters as a GeoJSON FeatureCollection. Returns the count."""
    return write_chunks(geojson_chunks(connection, filters), stream)


def geojson_chunks(connection: sqlite3.Connection, filters: Filters) -> Iterator[Chunk]:
    """The chunks of :func:`write_geojson`: the collection's opening, one feature each, its
    end (the bytes of ``json.dump`` of the whole collection, and a line break).

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first chunk).
    """
    return _features(iter_event_clusters(connection, filters))


def _features(clusters: Iterator[Cluster]) -> Iterator[Chunk]:
    yield '{"type": "FeatureCollection", "features": [', 0
    separator = ""
    for cluster in clusters:
        feature = _feature(cluster)
        if feature is not None:
            yield separator + json.dumps(feature, ensure_ascii=False), 1
            separator = ", "
    yield "]}\n", 0


def _feature(cluster: Cluster) -> dict[str, object] | None:
    row = cluster.row
    if row["lat"] is None or row["lon"] is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {
            "cluster_id": row["id"],
            "type": row["type"],
            "subtype": row["subtype"],
            "date_start": row["date_start"],
            "date_end": row["date_end"],
            "place": row["place"],
            "country": row["country"],
            "reports": row["reports"],
            "outlets": row["outlets"],
            "fatalities": cluster.fatalities(),
            "claimants": "; ".join(text(r, "claimant") or "" for r in cluster.reports),
            "hedges": "; ".join(text(r, "hedge") or "" for r in cluster.reports),
        },
    }


def write_acled(
    connection: sqlite3.Connection,
    stream: IO[str],
    filters: Filters,
    *,
    all_statuses: bool = False,
) -> int:
    """Write one ACLED row per event cluster ACLED would code (see :mod:`.acled`).

    Only clusters that some report gives as news (status ``new``) are written, unless
    ``all_statuses``: an earlier event an article recalls (``background``) is coded by
    ACLED from the reports of its own day.
    """
    return write_chunks(acled_chunks(connection, filters, all_statuses=all_statuses), stream)


def acled_chunks(
    connection: sqlite3.Connection, filters: Filters, *, all_statuses: bool = False
) -> Iterator[Chunk]:
    """The chunks of :func:`write_acled`: the header, then one line per coded cluster.

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first chunk).
    """
    rows = (
        acled_row(
            cluster.row,
            cluster.reports,
            cluster.copies,
            place_class=cluster.place_class,
            place_code=cluster.place_code,
            admin2=cluster.admin2,
            timestamp=cluster.timestamp,
        )
        for cluster in _coded(connection, filters, all_statuses=all_statuses)
    )
    return csv_chunks((row for row in rows if row is not None), ACLED_OUTPUT)


def write_ucdp(
    connection: sqlite3.Connection,
    stream: IO[str],
    filters: Filters,
    *,
    all_statuses: bool = False,
) -> int:
    """Write one UCDP GED row per event cluster UCDP would code (see :mod:`.ucdp`).

    As for ACLED, only clusters some report gives as news, unless ``all_statuses``.
    """
    return write_chunks(ucdp_chunks(connection, filters, all_statuses=all_statuses), stream)


def ucdp_chunks(
    connection: sqlite3.Connection, filters: Filters, *, all_statuses: bool = False
) -> Iterator[Chunk]:
    """The chunks of :func:`write_ucdp`: the header, then one line per coded cluster.

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first chunk).
    """
    rows = (
        ged_row(
            cluster.row,
            cluster.reports,
            cluster.copies,
            place_class=cluster.place_class,
            place_code=cluster.place_code,
            admin2=cluster.admin2,
        )
        for cluster in _coded(connection, filters, all_statuses=all_statuses)
    )
    return csv_chunks((row for row in rows if row is not None), UCDP_OUTPUT)


def _coded(
    connection: sqlite3.Connection, filters: Filters, *, all_statuses: bool
) -> Iterator[Cluster]:
    """The clusters an event dataset codes: some report gives them as news (status
    ``new``), or any with ``all_statuses``; a cluster whose reports are all off-topic (left
    out) is none.

    Raises:
        InvalidOptionError: A filter value is unknown (checked before the first cluster).
    """
    clusters = iter_event_clusters(connection, filters)
    return (
        cluster
        for cluster in clusters
        if cluster.reports
        and (all_statuses or any(report.get("status") == "new" for report in cluster.reports))
    )


def export_chunks(
    connection: sqlite3.Connection,
    target: ExportFormat,
    filters: Filters,
    *,
    table: str | None = None,
    all_statuses: bool = False,
) -> Iterator[Chunk]:
    """One text export as chunks: what ``claimwire export --to TARGET`` writes.

    Args:
        connection: The store.
        target: ``jsonl`` (whole results per article; with ``table``, the table's rows),
            ``csv`` (a table, figures by default), ``geojson``, ``acled`` or ``ucdp`` (event
            clusters).
        filters: What to export (the page is ignored: every matching row).
        table: The table of ``csv`` and ``jsonl``.
        all_statuses: ``acled``, ``ucdp``: also events articles only recall.

    Raises:
        InvalidOptionError: Unknown table or format, or a filter value is unknown (all
            checked before the first chunk, so a web response can still be an error).
    """
    if target == "jsonl":
        if table is None:
            return jsonl_chunks(connection, filters)
        return table_jsonl_chunks(table, iter_table_rows(connection, table, filters))
    if target == "csv":
        chosen = table or "figures"
        return table_csv_chunks(chosen, iter_table_rows(connection, chosen, filters))
    if target == "geojson":
        return geojson_chunks(connection, filters)
    if target == "acled":
        return acled_chunks(connection, filters, all_statuses=all_statuses)
    if target == "ucdp":
        return ucdp_chunks(connection, filters, all_statuses=all_statuses)
    raise InvalidOptionError(
        f"unknown export format {target!r}; choose one of: {', '.join(EXPORT_FORMATS)}"
    )
