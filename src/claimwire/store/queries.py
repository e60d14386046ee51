"""Reading the store: figures, claims, events, clusters, contradictions and series.

Every query takes the same :class:`Filters` and returns plain rows (column -> value) sorted
by date then id (newest first with ``descending``), one page at a time (``limit`` /
``offset``), so that the CLI, an API and a web page show the same thing; :func:`count`
gives the number of rows of every page together. Only current versions of articles are
read unless ``include_superseded``; wire copies are left out unless ``include_duplicates``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, replace

from ..errors import InvalidOptionError
from .filters import (
    ARTICLE_KEYWORD,
    DEFAULT_LIMIT,
    OFFTOPIC_DOCUMENTS,
    PLACE_ENTITIES,
    REGION_ENTITIES,
    REGION_NAMES,
    Clause,
    Condition,
    Cursor,
    Filters,
    by_box,
    by_box_of_place,
    by_claimant,
    by_keyword,
    by_place,
    by_region,
    claimant,
    claimant_clause,
    claimant_params,
    contains,
    contains_four,
    contains_twice,
    country,
    country_code,
    current,
    dated,
    fields_of,
    iso,
    keyword,
    page,
    place,
    region,
    twice,
    where,
)
from .rows import (
    ClaimRow,
    ClusterRow,
    ContradictionRow,
    EventRow,
    FigureRow,
    Record,
    Row,
    SqlValue,
    pick,
)

__all__ = [
    "ARTICLE_CLAUSES",
    "CLAIM_COLUMNS",
    "CLUSTER_COLUMNS",
    "CONTRADICTION_COLUMNS",
    "DEFAULT_LIMIT",
    "EVENT_COLUMNS",
    "FIGURE_COLUMNS",
    "LISTS",
    "Filters",
    "ListQuery",
    "claimant_params",
    "claims",
    "clusters",
    "contradictions",
    "count",
    "country_code",
    "events",
    "figures",
    "rows",
]

FIGURE_COLUMNS = pick(
    FigureRow,
    """id date claimant hedge measure category side value lower upper approx unit cumulative
    negated modality status place country outlet published evidence context start_char
    end_char date_basis document_id claim_id series_id claimant_entity place_entity""",
)
"""The columns of a figure as queries give it, in this order."""
CLAIM_COLUMNS = pick(
    ClaimRow,
    """id date claimant claimant_type claimant_role claimant_side form hedge cue content
    outlet published start_char end_char document_id claimant_entity contradicts_json""",
)
"""The columns of a claim as queries give it, in this order."""
EVENT_COLUMNS = pick(
    EventRow,
    """id date type subtype status actor1 actor1_side actor2 actor2_side place admin1
    country lat lon date_start date_end granularity fatalities claimant hedge outlet
    published evidence context start_char end_char cluster_id document_id place_entity""",
)
"""The columns of an event report as queries give it, in this order."""
_CLUSTER_PLACE = {"place": "p.name", "admin1": "p.admin1", "lat": "p.lat", "lon": "p.lon"}
"""The columns of a cluster that come from its place (``entities p``)."""
CLUSTER_COLUMNS: tuple[str, ...] = (
    *pick(ClusterRow, "id type subtype"),
    "place",
    *pick(ClusterRow, "country"),
    "admin1",
    "lat",
    "lon",
    *pick(ClusterRow, "date_start date_end reports outlets place_entity"),
)
"""The columns of a cluster as queries give it (its own, and its place's), in this order."""
CONTRADICTION_COLUMNS = pick(
    ContradictionRow,
    """id date kind reason measure category side subject a_claimant a_value a_evidence
    b_claimant b_value b_evidence settled_by settled_side settled_reason a_kind a_id
    a_document b_kind b_id b_document detected_by""",
)
"""The columns of a contradiction as queries give it, in this order."""


@dataclass(frozen=True)
class ListQuery:
    """A list of the store: what it selects, from where, how it filters, in what order.

    Attributes:
        select: The selected columns (SQL).
        source: The ``FROM`` part.
        clauses: How its rows answer the filters (see :func:`~claimwire.store.filters.where`).
        order: The sort columns (all reversed with ``descending``).
        no_hedge: Its rows have no hedge: the hedge filter is refused.
    """

    select: str
    source: str
    clauses: tuple[Clause, ...]
    order: tuple[str, ...]
    no_hedge: bool = False
    ordered_by: str | None = None
    """The index that holds the list in its order (see :meth:`in_order`)."""
    key_column: str | None = None
    """The column of ``source`` that finds a listed row in ``rows_from`` (default: the
    first table's ``rowid``)."""
    rows_from: str | None = None
    """Where the listed rows are read from, when ``source`` only chooses them (a table of
    filter columns: see :data:`CLAIM_AREA_LISTS`)."""
    by_filter: tuple[tuple[str, ListQuery], ...] = ()
    """The same list read from another source when a filter is given (the first given
    wins): see :meth:`for_filters`."""

    def for_filters(self, filters: Filters) -> ListQuery:
        """The query that reads this list best for the filters: the claims of a country or
        region are a range of ``claim_areas_date`` (migration 15); else this one."""
        for field, query in self.by_filter:
            if getattr(filters, field):
                return query
        return self

    def in_order(self) -> ListQuery:
        """This list read through the index of its order, the filters checked row by row
        until the page is full: for filters that many rows match, faster than collecting
        them all and sorting them (SQLite would drive from the filter's index)."""
        if self.ordered_by is None:
            return self
        table, alias, *rest = self.source.split(" ", 2)
        source = " ".join([table, alias, "INDEXED BY", self.ordered_by, *rest])
        return replace(self, source=source)

    @property
    def fields(self) -> frozenset[str]:
        """The filters this list answers (others would be ignored: the web refuses them)."""
        return frozenset(fields_of(self.clauses))

    def where(self, filters: Filters) -> tuple[str, list[SqlValue]]:
        """The ``WHERE`` part for the filters, and its parameters.

        Raises:
            InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given
                for a list whose rows have no hedge.
        """
        if self.no_hedge and filters.hedge:
            name = self.source.split()[0]
            raise InvalidOptionError(f"the hedge filter does not apply to {name}")
        return where(filters, self.clauses)

    def sql(self, filters: Filters) -> tuple[str, list[SqlValue]]:
        """One page of the list: the query and its parameters (with ``after``, the rows
        after the cursor: see :meth:`after`).

        A page (``limit``) is chosen first by its rows' ids from the indexes, then only its
        rows are read (:meth:`rows_of`): the fact rows are wide (evidence, context), and
        sorting the matches would read every matching row whole.
        """
        if filters.after is not None:
            return self.after(filters, filters.after)
        condition, params = self.where(filters)
        direction = " DESC" if filters.descending else ""
        order = ", ".join(f"{column}{direction}" for column in self.order)
        limit, paging = page(filters)
        if filters.limit is None and self.rows_from is None:
            return (
                f"SELECT {self.select} FROM {self.source}{condition} ORDER BY {order}{limit}",
                [*params, *paging],
            )
        chosen = f"SELECT {self.key} FROM {self.source}{condition} ORDER BY {order}{limit}"
        return self.rows_of(chosen, order), [*params, *paging]

    @property
    def key(self) -> str:
        """The column that finds a row of the list's first table (its ``rowid``), or a
        listed row in :attr:`rows_from` (``key_column``)."""
        return self.key_column or f"{self.source.split()[1]}.rowid"

    def rows_of(self, chosen: str, order: str) -> str:
        """The rows whose :attr:`key` the query ``chosen`` selects, in the order ``order``
        (read through the key, whatever index ``chosen`` was made to read)."""
        source = self.rows_from or re.sub(r" INDEXED BY \w+", "", self.source)
        return f"SELECT {self.select} FROM {source} WHERE {self.key} IN ({chosen}) ORDER BY {order}"

    def after(self, filters: Filters, cursor: Cursor) -> tuple[str, list[SqlValue]]:
        """The page after ``cursor`` (keyset paging): each part of the rows after it
        (:meth:`~.filters.Cursor.parts`) read in order up to the page, then the parts'
        rows in the list's order. However deep the cursor, a part is a range of the date
        index, so no row before it is read (``offset`` would read and skip them all).

        Raises:
            InvalidOptionError: ``offset`` is given too (a cursor replaces it).
        """
        if filters.offset:
            raise InvalidOptionError("give after or offset, not both: after replaces offset")
        if len(self.order) != 2:
            raise InvalidOptionError("this list is not ordered by date and id: no cursor")
        condition, params = self.where(filters)
        direction = " DESC" if filters.descending else ""
        order = ", ".join(f"{column}{direction}" for column in self.order)
        limit, paging = page(filters)
        selects, bound = [], []
        date, identifier = self.order
        for part, values in cursor.parts(self.order, filters.descending):
            joined = f"{condition} AND {part}" if condition else f" WHERE {part}"
            selects.append(
                f"SELECT * FROM (SELECT {self.key} AS key, {date} AS date, {identifier} AS id "
                f"FROM {self.source}{joined} ORDER BY {order}{limit})"
            )
            bound += [*params, *values, *paging]
        undated = "" if filters.descending else " DESC"
        chosen = (
            f"SELECT key FROM ({' UNION ALL '.join(selects)}) ORDER BY date IS NULL{undated}, "
            f"date{direction}, id{direction}{limit}"
        )
        ordered = f"{date} IS NULL{undated}, {order}"
        return self.rows_of(chosen, ordered), [*bound, *paging]


def _fact_list(
    row_type: type[Row], alias: str, chosen: tuple[str, ...], *clauses: Clause
) -> ListQuery:
    """A list of one fact table: current versions without copies unless asked, by date."""
    common = (
        *current(alias),
        *dated(f"{alias}.date"),
        Condition("outlet", f"{alias}.outlet LIKE ?", contains),
        Condition("hedge", f"{alias}.hedge = ?"),
    )
    return ListQuery(
        ", ".join(f"{alias}.{column}" for column in chosen),
        f"{row_type.TABLE} {alias}",
        (*common, by_claimant(f"{alias}.claimant_entity"), *clauses),
        (f"{alias}.date", f"{alias}.id"),
        ordered_by=f"{row_type.TABLE}_date",
    )


_ARTICLE_IN_COUNTRY = (
    "EXISTS (SELECT 1 FROM places p WHERE p.document_id = {document} AND p.country = ?)"
)
"""An article names a place in the country (one parameter): one seek per row in
``places_document`` (document, country, place). The articles of a large country are a
third of the store: ``IN`` would read their every place mention before the first row."""
_PLACES_OF_ARTICLES = f"SELECT document_id FROM places WHERE place_entity IN ({PLACE_ENTITIES})"
"""The articles naming a place (two parameters, see :func:`~.filters.place`)."""
_REGIONS_OF_ARTICLES = f"SELECT document_id FROM places WHERE place_entity IN ({REGION_ENTITIES})"
"""The articles naming a place in a first-level region (one parameter)."""


def up_to(value: object) -> tuple[SqlValue, ...]:
    """The parameters of the article list's ``until``: the next day, an upper bound of the
    publication index's range (every publication date up to the day sorts before it, so
    the range holds what the exact test keeps), and the day itself."""
    (day,) = iso(value)
    following = dt.date.fromisoformat(str(day)) + dt.timedelta(days=1)
    return following.isoformat(), day


_EVENT_CLAUSES: tuple[Condition, ...] = (
    Condition("country", "e.country = ?", country),
    Condition("type", "(e.type = ? OR e.subtype = ?)", twice),
    Condition("subtype", "e.subtype = ?"),
    by_place("e.place_entity"),
    Condition("admin1", f"e.admin1 IN ({REGION_NAMES})", region),
    Condition(
        "actor",
        "(e.actor1 LIKE ? OR e.actor2 LIKE ? OR e.actors_json LIKE ? OR e.targets_json LIKE ?)",
        contains_four,
    ),
    Condition("side", "(e.actor1_side = ? OR e.actor2_side = ?)", twice),
    by_keyword("e.id", "event"),
    by_box("e.lat", "e.lon"),
)
"""How event reports answer the filters besides their dates, claimant, hedge, outlet and
versions (see :func:`_fact_list`)."""

_REPORT_CLAUSES: tuple[Condition, ...] = (
    *(clause for clause in _EVENT_CLAUSES if clause.field in ("actor", "side", "keyword")),
    Condition("hedge", "e.hedge = ?"),
    Condition("outlet", "e.outlet LIKE ?", contains),
)
"""The filters a cluster answers through its reports (some current report matches each)."""
REPORT_CLAUSES = _REPORT_CLAUSES

_CLAIM_CLAUSES: tuple[Condition, ...] = (
    Condition("country", _ARTICLE_IN_COUNTRY.format(document="c.document_id"), country),
    Condition("side", "c.claimant_side = ?"),
    Condition("place", f"c.document_id IN ({_PLACES_OF_ARTICLES})", place),
    Condition("admin1", f"c.document_id IN ({_REGIONS_OF_ARTICLES})", region),
    by_keyword("c.id", "claim"),
)
"""How claims answer the filters besides their dates, claimant, hedge, outlet and versions."""

_CLAIM_IN_COUNTRY = "c.level = 'country' AND c.name = ?"
_CLAIM_IN_REGION = f"c.level = 'admin1' AND c.name IN ({REGION_NAMES})"
_CLAIM_AREA = "EXISTS (SELECT 1 FROM claim_areas a WHERE a.id = c.id AND {})"
"""A claim (``claim_areas c``) has another area: one seek in the table's key."""
_CLAIM_OUTLET = "EXISTS (SELECT 1 FROM claims o WHERE o.id = c.id AND o.outlet LIKE ?)"
"""A claim (``claim_areas c``) is from an outlet (part of its name): its row is read."""


def _claim_area_list(field: str) -> ListQuery:
    """The claims of a country or region (``field``), chosen in ``claim_areas`` (its rows
    repeat the claim columns the filters read, in ``claim_areas_date``'s order), then read
    from ``claims`` by id: a count or a page reads one range of the index."""
    driving = {"country": _CLAIM_IN_COUNTRY, "admin1": _CLAIM_IN_REGION}
    other = "admin1" if field == "country" else "country"
    listed = _fact_list(ClaimRow, "c", CLAIM_COLUMNS, *_CLAIM_CLAUSES)
    clauses: list[Clause] = []
    for clause in listed.clauses:
        if not isinstance(clause, Condition):
            clauses.append(clause)
        elif clause.field == field:
            clauses.append(replace(clause, sql=driving[field]))
        elif clause.field == other:
            checked = _CLAIM_AREA.format(driving[other].replace("c.", "a."))
            clauses.append(replace(clause, sql=checked))
        elif clause.field == "outlet":  # not a column of claim_areas
            clauses.append(replace(clause, sql=_CLAIM_OUTLET))
        else:
            clauses.append(clause)
    return replace(
        listed,
        source="claim_areas c",
        clauses=tuple(clauses),
        ordered_by="claim_areas_date",
        key_column="c.id",
        rows_from="claims c",
    )


CLAIM_AREA_LISTS: dict[str, ListQuery] = {
    "admin1": _claim_area_list("admin1"),
    "country": _claim_area_list("country"),
}
"""The claims of a region, of a country (``claim_areas``, migration 15): a region first
(fewer claims; the country is then checked per claim)."""

ARTICLE_CLAUSES: tuple[Clause, ...] = (
    Condition("include_superseded", "d.current = 1", None, when_off=True),
    Condition("include_duplicates", "d.duplicate_of IS NULL", None, when_off=True),
    Condition("include_offtopic", "coalesce(d.relevant, 1) = 1", None, when_off=True),
    Condition("since", "d.published >= ?", iso),
    Condition("until", "d.published < ? AND substr(d.published, 1, 10) <= ?", up_to),
    Condition("outlet", "d.outlet LIKE ?", contains),
    Condition("country", _ARTICLE_IN_COUNTRY.format(document="d.id"), country),
    Condition(
        "claimant",
        f"d.id IN (SELECT document_id FROM claims WHERE {claimant_clause('claimant_entity')})",
        claimant,
    ),
    Condition("place", f"d.id IN ({_PLACES_OF_ARTICLES})", place),
    Condition("admin1", f"d.id IN ({_REGIONS_OF_ARTICLES})", region),
    Condition(
        "keyword",
        f"d.seq IN ({ARTICLE_KEYWORD})",
        keyword,
    ),
)
"""How stored articles (``documents d``) answer the filters: the article list and the JSONL
export (dates: the publication date; ``country``, ``place``, ``admin1``: articles naming a
place there; ``claimant``: articles quoting that claimant; ``outlet``: part of its name)."""

_ARTICLE_IN = {
    "country": "d.level = 'country' AND d.name = ?",
    "admin1": f"d.level = 'admin1' AND d.name IN ({REGION_NAMES})",
}
"""An article's area (``article_areas d``), by filter."""


def _article_area_clauses(field: str) -> tuple[Clause, ...]:
    """:data:`ARTICLE_CLAUSES` on ``article_areas d`` (migration 15) for the articles of a
    country or region (``field``): its rows repeat the article columns the filters read."""
    other = "admin1" if field == "country" else "country"
    found = _ARTICLE_IN[other].replace("d.", "a.")
    clauses: list[Clause] = []
    for clause in ARTICLE_CLAUSES:
        if not isinstance(clause, Condition):
            clauses.append(clause)
        elif clause.field == field:
            clauses.append(replace(clause, sql=_ARTICLE_IN[field]))
        elif clause.field == other:
            clauses.append(
                replace(
                    clause,
                    sql=f"EXISTS (SELECT 1 FROM article_areas a WHERE a.id = d.id AND {found})",
                )
            )
        elif clause.field == "outlet":  # not a column of article_areas
            clauses.append(
                replace(
                    clause,
                    sql="EXISTS (SELECT 1 FROM documents o WHERE o.id = d.id AND o.outlet LIKE ?)",
                )
            )
        else:
            clauses.append(clause)
    return tuple(clauses)


ARTICLE_AREA_CLAUSES: dict[str, tuple[Clause, ...]] = {
    "admin1": _article_area_clauses("admin1"),
    "country": _article_area_clauses("country"),
}
"""The article list's clauses on ``article_areas d`` when a region (first) or a country is
given: the articles are chosen in ``article_areas_published``, then read by id."""


def article_area(filters: Filters) -> str | None:
    """The area filter (``admin1``, else ``country``) whose ``article_areas`` rows the
    article list is chosen in, or None (``documents``)."""
    return next((field for field in ARTICLE_AREA_CLAUSES if getattr(filters, field)), None)


ARTICLE_FIELDS: frozenset[str] = frozenset(fields_of(ARTICLE_CLAUSES))
"""The filters the article list answers."""

LISTS: dict[str, ListQuery] = {
    "figures": _fact_list(
        FigureRow,
        "f",
        FIGURE_COLUMNS,
        Condition("country", "f.country = ?", country),
        Condition("measure", "f.measure = ?"),
        Condition("category", "f.category = ?"),
        Condition("side", "f.side = ?"),
        by_place("f.place_entity"),
        by_region("f.place_entity"),
        by_keyword("f.id", "figure"),
        by_box_of_place("f.place_entity"),
    ),
    "claims": replace(
        _fact_list(ClaimRow, "c", CLAIM_COLUMNS, *_CLAIM_CLAUSES),
        by_filter=tuple(CLAIM_AREA_LISTS.items()),
    ),
    "events": _fact_list(
        EventRow,
        "e",
        EVENT_COLUMNS,
        *_EVENT_CLAUSES,
        Condition("cluster", "e.cluster_id = ?"),
    ),
    "clusters": ListQuery(
        ", ".join(f"{_CLUSTER_PLACE.get(name, 'c.' + name)} AS {name}" for name in CLUSTER_COLUMNS),
        "clusters c LEFT JOIN entities p ON p.id = c.place_entity",
        (
            "c.reports > 0",
            Condition(
                "include_offtopic",
                "EXISTS (SELECT 1 FROM events o WHERE o.cluster_id = c.id AND o.current = 1 "
                f"AND o.document_id NOT IN ({OFFTOPIC_DOCUMENTS}))",
                None,
                when_off=True,
            ),
            Condition("since", "c.date_end >= ?", iso),
            Condition("until", "c.date_start <= ?", iso),
            Condition("country", "c.country = ?", country),
            Condition("type", "(c.type = ? OR c.subtype = ?)", twice),
            Condition("subtype", "c.subtype = ?"),
            by_place("c.place_entity"),
            Condition("admin1", f"p.admin1 IN ({REGION_NAMES})", region),
            by_box("p.lat", "p.lon"),
            Condition(
                "claimant",
                "c.id IN (SELECT cluster_id FROM events WHERE current = 1 AND "
                f"{claimant_clause('claimant_entity')})",
                claimant,
            ),
            *(
                Condition(
                    clause.field,
                    "c.id IN (SELECT e.cluster_id FROM events e WHERE e.current = 1 AND "
                    f"e.duplicate = 0 AND {clause.sql})",
                    clause.bind,
                )
                for clause in _REPORT_CLAUSES
            ),
        ),
        ("c.date_start", "c.id"),
        ordered_by="clusters_date",
    ),
    "contradictions": ListQuery(
        ", ".join(f"x.{column}" for column in CONTRADICTION_COLUMNS),
        "contradictions x",
        (
            *dated("x.date"),
            Condition("measure", "x.measure = ?"),
            Condition("category", "x.category = ?"),
            Condition("side", "x.side = ?"),
            Condition("type", "x.kind = ?"),
            Condition("open_only", "x.settled_by IS NULL", None),
            Condition("claimant", "(x.a_claimant LIKE ? OR x.b_claimant LIKE ?)", contains_twice),
            Condition(
                "country",
                "EXISTS (SELECT 1 FROM places p WHERE p.document_id IN (x.a_document, "
                "x.b_document) AND p.country = ?)",
                country,
            ),
        ),
        ("x.date", "x.id"),
        no_hedge=True,
        ordered_by="contradictions_date",
    ),
}
"""List name -> its query."""


def rows(connection: sqlite3.Connection, name: str, filters: Filters) -> list[Record]:
    """One page of the list ``name`` (a key of :data:`LISTS`) matching the filters.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given
            for a list whose rows have no hedge (clusters, contradictions).
    """
    sql, params = LISTS[name].for_filters(filters).sql(filters)
    return [dict(row) for row in connection.execute(sql, params)]


def count(connection: sqlite3.Connection, name: str, filters: Filters) -> int:
    """The number of rows of the list ``name`` matching the filters, whatever the page."""
    query = LISTS[name].for_filters(filters)
    condition, params = query.where(filters)
    sql = f"SELECT count(*) FROM {query.source}{condition}"
    return int(connection.execute(sql, params).fetchone()[0])


def figures(connection: sqlite3.Connection, filters: Filters) -> list[Record]:
    """Figures matching the filters, by date then id."""
    return rows(connection, "figures", filters)


def claims(connection: sqlite3.Connection, filters: Filters) -> list[Record]:
    """Claims matching the filters (``country``: articles that name a place there)."""
    return rows(connection, "claims", filters)


def events(connection: sqlite3.Connection, filters: Filters) -> list[Record]:
    """Event reports matching the filters, each with its cluster id."""
    return rows(connection, "events", filters)


def clusters(connection: sqlite3.Connection, filters: Filters) -> list[Record]:
    """Event clusters (one row per event, however many reports) matching the filters."""
    return rows(connection, "clusters", filters)


def contradictions(connection: sqlite3.Connection, filters: Filters) -> list[Record]:
    """Contradictions matching the filters (``type``: figures or statements)."""
    return rows(connection, "contradictions", filters)
