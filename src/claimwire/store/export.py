"""Exports of a store: JSONL results, CSV / Parquet tables, GeoJSON and ACLED-style CSV.

Every export reads through :mod:`claimwire.store.queries`, so it holds what the query
commands show for the same filters (current versions, no wire copies, unless asked).
Parquet needs pyarrow (the ``parquet`` extra).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import IO

from ..errors import ClaimwireError, ExitCode, InvalidOptionError
from . import queries
from .filters import Condition, Filters, contains, dated, where
from .rows import Record, text

TABLES: dict[str, Callable[[sqlite3.Connection, Filters], list[Record]]] = {
    "figures": queries.figures,
    "claims": queries.claims,
    "events": queries.events,
    "clusters": queries.clusters,
    "contradictions": queries.contradictions,
}
"""Tables that export to CSV and Parquet."""

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "source", "notes", "claimant", "hedge", "reports",
    "evidence", "document_ids",
)  # fmt: skip
"""ACLED's columns (event_date ... notes) and claimwire's (claimant, hedge, reports, ...)."""

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
"""ACLED time precision: 1 = the day is known, 2 = the week, 3 = the month or less."""


class MissingExtraError(ClaimwireError):
    """An optional dependency is not installed."""

    code = "E110"
    exit_code = ExitCode.SETUP


@dataclass(frozen=True)
class Cluster:
    """An event cluster with its reports (the current, non-duplicate event rows)."""

    row: Record
    reports: list[Record]
    copies: list[Record] = dataclasses.field(default_factory=list)
    """Reports in wire copies of stored articles: their outlets count as sources."""


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


def write_parquet(rows: Sequence[Mapping[str, object]], path: Path) -> int:
    """Write rows as a Parquet file.

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
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    pq.write_table(table, path)
    return len(rows)


def event_clusters(connection: sqlite3.Connection, filters: Filters) -> list[Cluster]:
    """The event clusters matching the filters, each with its reports in arrival order."""
    found = []
    for row in queries.clusters(connection, dataclasses.replace(filters, limit=None, offset=0)):
        reports = connection.execute(
            "SELECT e.* FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.cluster_id = ? AND e.current = 1 ORDER BY d.seq, e.id",
            (row["id"],),
        ).fetchall()
        found.append(
            Cluster(
                row=row,
                reports=[dict(report) for report in reports if not report["duplicate"]],
                copies=[dict(report) for report in reports if report["duplicate"]],
            )
        )
    return found


def write_geojson(connection: sqlite3.Connection, stream: IO[str], filters: Filters) -> int:
    """Write the located event clusters as a GeoJSON FeatureCollection. Returns the count."""
    features = []
    for cluster in event_clusters(connection, filters):
        row = cluster.row
        if row["lat"] is None or row["lon"] is None:
            continue
        acled = acled_row(cluster)
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
                    "fatalities": acled["fatalities"],
                    "claimants": acled["claimant"],
                    "hedges": acled["hedge"],
                },
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


def write_acled(connection: sqlite3.Connection, stream: IO[str], filters: Filters) -> int:
    """Write one ACLED-style row per event cluster (see :data:`ACLED_COLUMNS`)."""
    rows = [acled_row(cluster) for cluster in event_clusters(connection, filters)]
    return write_csv(rows, stream, ACLED_COLUMNS)


def acled_row(cluster: Cluster) -> Record:
    """The ACLED-style row of a cluster.

    ``fatalities`` is the lowest figure any report gives (ACLED's conservative rule; 0
    when none does); ``source`` lists the outlets, wire copies included; ``claimant`` and
    ``hedge`` list each report's claimant and hedge, in the same order, separated by
    ``"; "``.
    """
    row, reports = cluster.row, cluster.reports
    first = next((report for report in reports if report["actor1"]), reports[0] if reports else {})
    known = [report["fatalities"] for report in reports if report["fatalities"] is not None]
    date = text(row, "date_start") or ""
    return {
        "event_id_cnty": row["id"],
        "event_date": date,
        "year": date[:4],
        "time_precision": _precision(reports),
        "event_type": row["type"],
        "sub_event_type": subtype_label(text(row, "subtype")),
        "actor1": first.get("actor1") or "",
        "actor2": first.get("actor2") or "",
        "country": row["country"] or "",
        "admin1": row["admin1"] or "",
        "location": row["place"] or "",
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": 1 if row["lat"] is not None else "",
        "fatalities": int(min(known)) if known else 0,
        "source": "; ".join(
            _unique(text(report, "outlet") or "unknown" for report in [*reports, *cluster.copies])
        ),
        "notes": first.get("context") or first.get("evidence") or "",
        "claimant": "; ".join(text(report, "claimant") or "" for report in reports),
        "hedge": "; ".join(text(report, "hedge") or "" for report in reports),
        "reports": len(reports),
        "evidence": " | ".join(text(report, "evidence") or "" for report in reports),
        "document_ids": " ".join(text(report, "document_id") or "" for report in reports),
    }


@cache
def _subtype_labels() -> dict[str, str]:
    resource = files("claimwire").joinpath("resources", "event_types.json")
    if not resource.is_file():
        return {}
    subtypes = json.loads(resource.read_text(encoding="utf-8")).get("subtypes", {})
    return {name: entry.get("label", name) for name, entry in subtypes.items()}


def subtype_label(subtype: str | None) -> str:
    """ACLED's label of a claimwire sub-type ('armed_clash' -> 'Armed clash')."""
    if subtype is None:
        return ""
    return _subtype_labels().get(subtype, subtype)


def _precision(reports: list[Record]) -> int:
    levels = [TIME_PRECISION.get(text(report, "granularity") or "", 3) for report in reports]
    return min(levels) if levels else 3


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
