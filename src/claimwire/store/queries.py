"""Reading the store: figures, claims, events, clusters, contradictions and series.

Every query takes the same :class:`Filters` and returns plain rows (column -> value) sorted
by date then id (newest first with ``descending``), one page at a time (``limit`` /
``offset``), so that the CLI, an API and a web page show the same thing; :func:`count`
gives the number of rows of every page together. Only current versions of articles are
read unless ``include_superseded``; wire copies are left out unless ``include_duplicates``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pycountry

from ..errors import InvalidOptionError
from .names import name_key

FIGURE_COLUMNS = (
    "id", "date", "claimant", "hedge", "measure", "category", "side", "value", "lower",
    "upper", "approx", "unit", "cumulative", "negated", "modality", "status", "place",
    "country", "outlet", "published", "evidence", "context", "start_char", "end_char",
    "date_basis", "document_id", "claim_id", "series_id", "claimant_entity", "place_entity",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "date", "claimant", "claimant_type", "claimant_role", "claimant_side", "form",
    "hedge", "cue", "content", "outlet", "published", "start_char", "end_char",
    "document_id", "claimant_entity", "contradicts_json",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "date", "type", "subtype", "status", "actor1", "actor1_side", "actor2",
    "actor2_side", "place", "admin1", "country", "lat", "lon", "date_start", "date_end",
    "granularity", "fatalities", "claimant", "hedge", "outlet", "published", "evidence",
    "context", "start_char", "end_char", "cluster_id", "document_id", "place_entity",
)  # fmt: skip
CLUSTER_COLUMNS = (
    "id", "type", "subtype", "place", "country", "admin1", "lat", "lon", "date_start",
    "date_end", "reports", "outlets", "place_entity",
)  # fmt: skip
CONTRADICTION_COLUMNS = (
    "id", "date", "kind", "reason", "measure", "category", "side", "subject",
    "a_claimant", "a_value", "a_evidence", "b_claimant", "b_value", "b_evidence",
    "settled_by", "settled_side", "settled_reason", "a_kind", "a_id", "a_document",
    "b_kind", "b_id", "b_document", "detected_by",
)  # fmt: skip

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class Filters:
    """What to select. Every field is optional; ``None`` selects everything.

    Dates are inclusive and compare with a fact's date (a figure's as-of date, an event's
    date, else the publication date). ``country`` is an ISO 3166-1 alpha-2 code or a
    country name. ``claimant`` matches any spelling of a canonical claimant, or a part of
    the name as written. ``type`` is an event type or sub-type (events), or a
    contradiction kind (``figures`` / ``statements``). ``side`` is whose people or equipment
    a figure counts (figures, series, contradictions). ``hedge`` is a claim's hedge
    (figures, claims, events). ``descending`` gives the newest first.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    claimant: str | None = None
    measure: str | None = None
    category: str | None = None
    type: str | None = None
    side: str | None = None
    outlet: str | None = None
    include_superseded: bool = False
    include_duplicates: bool = False
    open_only: bool = False
    hedge: str | None = None
    descending: bool = False
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def country_code(value: str) -> str:
    """The ISO alpha-2 code of a country given by code or name.

    Raises:
        InvalidOptionError: No such country.
    """
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        raise InvalidOptionError(
            f"unknown country {value!r}: give an ISO code (UA) or a name (Ukraine)"
        ) from None


@dataclass(frozen=True)
class _Query:
    """A list query before paging: what to select, from where, which rows, in what order."""

    columns: str
    source: str
    where: _Where
    order: tuple[str, ...]

    def sql(self, filters: Filters) -> str:
        direction = " DESC" if filters.descending else ""
        order = ", ".join(f"{column}{direction}" for column in self.order)
        return (
            f"SELECT {self.columns} FROM {self.source}{self.where.sql()} "
            f"ORDER BY {order}{_limit(filters)}"
        )


def _figures(filters: Filters) -> _Query:
    where = _common(filters, table="f")
    _claimant(where, filters, "f.claimant_entity")
    if filters.country:
        where.add("f.country = ?", country_code(filters.country))
    if filters.measure:
        where.add("f.measure = ?", filters.measure)
    if filters.category:
        where.add("f.category = ?", filters.category)
    if filters.side:
        where.add("f.side = ?", filters.side)
    return _table("figures", "f", FIGURE_COLUMNS, where)


def _claims(filters: Filters) -> _Query:
    where = _common(filters, table="c")
    _claimant(where, filters, "c.claimant_entity")
    if filters.country:
        where.add(
            "c.document_id IN (SELECT document_id FROM places WHERE country = ?)",
            country_code(filters.country),
        )
    return _table("claims", "c", CLAIM_COLUMNS, where)


def _events(filters: Filters) -> _Query:
    where = _common(filters, table="e")
    _claimant(where, filters, "e.claimant_entity")
    if filters.country:
        where.add("e.country = ?", country_code(filters.country))
    if filters.type:
        where.add("(e.type = ? OR e.subtype = ?)", filters.type, filters.type)
    return _table("events", "e", EVENT_COLUMNS, where)


def _clusters(filters: Filters) -> _Query:
    _no_hedge(filters, "clusters")
    where = _Where()
    where.add("c.reports > 0")
    if filters.since:
        where.add("c.date_end >= ?", filters.since.isoformat())
    if filters.until:
        where.add("c.date_start <= ?", filters.until.isoformat())
    if filters.country:
        where.add("c.country = ?", country_code(filters.country))
    if filters.type:
        where.add("(c.type = ? OR c.subtype = ?)", filters.type, filters.type)
    if filters.claimant:
        where.add(
            "c.id IN (SELECT cluster_id FROM events WHERE current = 1 AND "
            f"{_claimant_sql('claimant_entity')})",
            *claimant_params(filters.claimant),
        )
    columns = ", ".join(
        f"p.name AS {name}"
        if name == "place"
        else f"p.{name} AS {name}"
        if name in ("admin1", "lat", "lon")
        else f"c.{name} AS {name}"
        for name in CLUSTER_COLUMNS
    )
    source = "clusters c LEFT JOIN entities p ON p.id = c.place_entity"
    return _Query(columns, source, where, ("c.date_start", "c.id"))


def _contradictions(filters: Filters) -> _Query:
    _no_hedge(filters, "contradictions")
    where = _Where()
    if filters.since:
        where.add("x.date >= ?", filters.since.isoformat())
    if filters.until:
        where.add("x.date <= ?", filters.until.isoformat())
    if filters.measure:
        where.add("x.measure = ?", filters.measure)
    if filters.category:
        where.add("x.category = ?", filters.category)
    if filters.side:
        where.add("x.side = ?", filters.side)
    if filters.type:
        where.add("x.kind = ?", filters.type)
    if filters.open_only:
        where.add("x.settled_by IS NULL")
    if filters.claimant:
        like = f"%{filters.claimant}%"
        where.add("(x.a_claimant LIKE ? OR x.b_claimant LIKE ?)", like, like)
    if filters.country:
        where.add(
            "EXISTS (SELECT 1 FROM places p WHERE p.document_id IN (x.a_document, x.b_document) "
            "AND p.country = ?)",
            country_code(filters.country),
        )
    return _table("contradictions", "x", CONTRADICTION_COLUMNS, where)


LISTS: dict[str, Callable[[Filters], _Query]] = {
    "figures": _figures,
    "claims": _claims,
    "events": _events,
    "clusters": _clusters,
    "contradictions": _contradictions,
}
"""List name -> its query builder."""


def rows(connection: sqlite3.Connection, name: str, filters: Filters) -> list[dict[str, Any]]:
    """One page of the list ``name`` (a key of :data:`LISTS`) matching the filters.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given
            for a list whose rows have no hedge (clusters, contradictions).
    """
    query = LISTS[name](filters)
    return [dict(row) for row in connection.execute(query.sql(filters), query.where.params)]


def count(connection: sqlite3.Connection, name: str, filters: Filters) -> int:
    """The number of rows of the list ``name`` matching the filters, whatever the page."""
    query = LISTS[name](filters)
    sql = f"SELECT count(*) FROM {query.source}{query.where.sql()}"
    return int(connection.execute(sql, query.where.params).fetchone()[0])


def figures(connection: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Figures matching the filters, by date then id."""
    return rows(connection, "figures", filters)


def claims(connection: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Claims matching the filters (``country``: articles that name a place there)."""
    return rows(connection, "claims", filters)


def events(connection: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Event reports matching the filters, each with its cluster id."""
    return rows(connection, "events", filters)


def clusters(connection: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Event clusters (one row per event, however many reports) matching the filters."""
    return rows(connection, "clusters", filters)


def contradictions(connection: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Contradictions matching the filters (``type``: figures or statements)."""
    return rows(connection, "contradictions", filters)


def _common(filters: Filters, *, table: str) -> _Where:
    where = _Where()
    if not filters.include_superseded:
        where.add(f"{table}.current = 1")
    if not filters.include_duplicates:
        where.add(f"{table}.duplicate = 0")
    if filters.since:
        where.add(f"{table}.date >= ?", filters.since.isoformat())
    if filters.until:
        where.add(f"{table}.date <= ?", filters.until.isoformat())
    if filters.outlet:
        where.add(f"{table}.outlet LIKE ?", f"%{filters.outlet}%")
    if filters.hedge:
        where.add(f"{table}.hedge = ?", filters.hedge)
    return where


def _no_hedge(filters: Filters, name: str) -> None:
    if filters.hedge:
        raise InvalidOptionError(f"the hedge filter does not apply to {name}")


def _table(name: str, alias: str, columns: tuple[str, ...], where: _Where) -> _Query:
    selected = ", ".join(f"{alias}.{column}" for column in columns)
    return _Query(selected, f"{name} {alias}", where, (f"{alias}.date", f"{alias}.id"))


def _claimant_sql(entity_column: str) -> str:
    """Any spelling of the canonical claimant, or a part of a name it was written with."""
    return (
        f"{entity_column} IN (SELECT entity_id FROM entity_names WHERE kind = 'claimant' "
        "AND (key = ? OR name LIKE ?))"
    )


def claimant_params(value: str) -> list[str]:
    """The parameters of the claimant filter."""
    return [name_key(value), f"%{value}%"]


def _claimant(where: _Where, filters: Filters, entity_column: str) -> None:
    if filters.claimant:
        where.add(_claimant_sql(entity_column), *claimant_params(filters.claimant))


def _limit(filters: Filters) -> str:
    if filters.limit is None:
        return f" LIMIT -1 OFFSET {int(filters.offset)}" if filters.offset else ""
    return f" LIMIT {int(filters.limit)} OFFSET {int(filters.offset)}"
