"""Exports of a store: JSONL results, CSV / Parquet tables, GeoJSON and ACLED-style CSV.

Every export reads through :mod:`claimwire.store.queries`, so it holds what the query
commands show for the same filters (current versions, no wire copies, unless asked).
Parquet needs pyarrow (the ``parquet`` extra).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import json
import sqlite3
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from ..errors import InvalidOptionError, MissingExtraError
from ..geo import Entry, Gazetteer, cache_dir
from ..geo.gazetteer import FILE_NAME as GAZETTEER_FILE
from . import queries
from .acled import COLUMNS as ACLED_OUTPUT
from .acled import acled_row
from .filters import Condition, Filters, contains, dated, where
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
    schema = table_schema(table)
    return [{name: _typed(row.get(name), kind) for name, kind in schema} for row in rows]


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


def write_table_csv(table: str, rows: Sequence[Mapping[str, object]], stream: IO[str]) -> int:
    """Write a table's rows as CSV: every column of its schema, even with no row.

    Yes / no columns are written ``true`` / ``false``, counts as integers, days as
    ``YYYY-MM-DD``, missing values as empty cells.
    """
    names = [name for name, _ in table_schema(table)]
    shown = [
        {name: _csv_value(value) for name, value in row.items()} for row in typed_rows(table, rows)
    ]
    return write_csv(shown, stream, tuple(names))


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
    if table not in TABLES:
        raise InvalidOptionError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    return TABLES[table](connection, dataclasses.replace(filters, limit=None, offset=0))


_DOCUMENT_CLAUSES = (
    Condition("include_superseded", "current = 1", None, when_off=True),
    Condition("include_duplicates", "duplicate_of IS NULL", None, when_off=True),
    Condition("include_offtopic", "coalesce(relevant, 1) = 1", None, when_off=True),
    *dated("published"),
    Condition("outlet", "outlet LIKE ?", contains),
)
"""How stored articles answer the filters (dates: the publication date)."""


def write_jsonl(connection: sqlite3.Connection, stream: IO[str], filters: Filters) -> int:
    """Write the stored results (current versions, by arrival) as JSONL. Returns the count.

    ``since``/``until`` select on the publication date, ``outlet`` on the outlet.
    """
    from .write import load_result

    condition, params = where(filters, _DOCUMENT_CLAUSES)
    count = 0
    ids = connection.execute(f"SELECT id FROM documents{condition} ORDER BY seq", params).fetchall()
    for (document_id,) in ids:
        result = load_result(connection, document_id)
        stream.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(
    rows: Sequence[Mapping[str, object]], stream: IO[str], columns: tuple[str, ...] = ()
) -> int:
    """Write rows as CSV with a header (the keys of the first row unless ``columns``)."""
    names = list(columns) or (list(rows[0]) if rows else [])
    writer = csv.DictWriter(stream, fieldnames=names, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


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
    found = []
    for row in queries.clusters(connection, dataclasses.replace(filters, limit=None, offset=0)):
        reports = connection.execute(
            "SELECT e.*, r.created AS extracted, d.title AS title, "
            "(SELECT side FROM entities WHERE id = e.claimant_entity) AS claimant_side "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN results r ON r.document_id = e.document_id "
            "WHERE e.cluster_id = ? AND e.current = 1 "
            f"{'' if filters.include_offtopic else 'AND coalesce(d.relevant, 1) = 1 '}"
            "ORDER BY d.seq, e.id",
            (row["id"],),
        ).fetchall()
        place = connection.execute(
            "SELECT type, gazetteer_id FROM entities WHERE id = ?", (row.get("place_entity"),)
        ).fetchone()
        entry = gazetteer_entry(place[1]) if place and place[1] else None
        found.append(
            Cluster(
                row=row,
                reports=[dict(report) for report in reports if not report["duplicate"]],
                copies=[dict(report) for report in reports if report["duplicate"]],
                place_class=place[0] if place else None,
                place_code=entry.feature_code if entry else None,
                admin2=entry.admin2 if entry else None,
                timestamp=_latest([report["extracted"] for report in reports]),
            )
        )
    return found


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
    features = []
    for cluster in event_clusters(connection, filters):
        row = cluster.row
        if row["lat"] is None or row["lon"] is None:
            continue
        features.append(
            {
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
        )
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


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
    rows = [
        row
        for cluster in event_clusters(connection, filters)
        if (all_statuses or any(report.get("status") == "new" for report in cluster.reports))
        and (
            row := acled_row(
                cluster.row,
                cluster.reports,
                cluster.copies,
                place_class=cluster.place_class,
                place_code=cluster.place_code,
                admin2=cluster.admin2,
                timestamp=cluster.timestamp,
            )
        )
        is not None
    ]
    return write_csv(rows, stream, ACLED_OUTPUT)


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
    rows = [
        row
        for cluster in event_clusters(connection, filters)
        if (all_statuses or any(report.get("status") == "new" for report in cluster.reports))
        and cluster.reports
        and (
            row := ged_row(
                cluster.row,
                cluster.reports,
                cluster.copies,
                place_class=cluster.place_class,
                place_code=cluster.place_code,
                admin2=cluster.admin2,
            )
        )
        is not None
    ]
    return write_csv(rows, stream, UCDP_OUTPUT)
