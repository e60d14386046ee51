"""The SQL of the web service (:mod:`claimwire.web.service`), built on the store's.

The store's lists (figures, claims, events, clusters, contradictions) come with a total
count, cached while the store does not change. Articles, places and the overview have no
store query; they are written here, with the store's WHERE builder.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypedDict

from ..store import queries as store
from ..store.activity import TIMELINE
from ..store.contradictions import with_details
from ..store.filters import (
    Condition,
    Cursor,
    Filters,
    country,
    keyword_capped,
    where,
)
from ..store.filters import (
    page as paging,
)
from ..store.rows import Record, SqlValue

ListName = Literal["figures", "claims", "events", "timeline", "clusters", "contradictions"]
"""The store's lists (:data:`claimwire.store.queries.LISTS`)."""


@dataclass(frozen=True)
class Page:
    """One page of a list, with the number of rows matching the filters.

    ``keyword_capped``: the keyword matches more than
    :data:`~claimwire.store.filters.KEYWORD_CAP` rows of the list's kind; the newest that
    many were searched (the rows and the total are theirs).
    """

    items: list[Record]
    total: int
    keyword_capped: bool = False
    total_capped: bool = False
    """More than :data:`COUNT_CAP` rows match: ``total`` is the cap ("10,000+")."""
    next_after: str | None = None
    """The cursor of the page's last row (``after`` of the next page), when the page is
    full; lists not ordered by date and id have none."""


COUNT_CAP = 10_000
"""Most rows a list counts: counting every row of a large store would take seconds on
every new article (the count is cached only while the store does not change)."""


def counted(
    connection: sqlite3.Connection,
    key: tuple[str, Filters],
    source: str,
    condition: str,
    params: list[SqlValue],
) -> tuple[int, bool]:
    """The rows matching a list's filters, up to :data:`COUNT_CAP` (cached while the store
    does not change), and whether there are more."""
    total = _TOTALS.get(connection, key)
    if total is None:
        found = connection.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {source}{condition} LIMIT ?)",
            [*params, COUNT_CAP + 1],
        )
        total = int(found.fetchone()[0])
        _TOTALS.put(connection, key, total)
    return min(total, COUNT_CAP), total > COUNT_CAP


def page(connection: sqlite3.Connection, name: ListName, filters: Filters) -> Page:
    """One page of a store list (``figures``, ``claims``, ``events``, ``clusters``,
    ``contradictions``; ``timeline``: the events of plausible dates) with its total.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or ``hedge`` is given
            for a list whose rows have no hedge.
    """
    query = TIMELINE if name == "timeline" else store.LISTS[name].for_filters(filters)
    everything = dataclasses.replace(filters, limit=None, offset=0, descending=False, after=None)
    condition, params = query.where(everything)
    total, more = counted(connection, (name, everything), query.source, condition, params)
    keywords = capped(connection, filters, name)
    # many rows match (or a keyword's newest 10,000, newest first): read the list in
    # order and stop at the page, instead of reading and sorting every match
    listed = query.in_order() if more or (keywords and filters.descending) else query
    rows = [dict(row) for row in connection.execute(*listed.sql(filters))]
    full = bool(rows) and filters.limit is not None and len(rows) == filters.limit
    return Page(
        items=rows,
        total=total,
        keyword_capped=keywords,
        total_capped=more,
        next_after=Cursor.of(rows[-1], query.order).text() if full else None,
    )


KEYWORD_KINDS: dict[str, str | None] = {
    "figures": "figure",
    "claims": "claim",
    "events": "event",
    "timeline": "event",
    "clusters": "event",
    "articles": None,
}
"""What a list's keyword searches: the evidence of a kind of fact, or articles (None)."""


def capped(connection: sqlite3.Connection, filters: Filters, name: str) -> bool:
    """Whether the list's keyword matches more rows than are searched (cached)."""
    if not filters.keyword or name not in KEYWORD_KINDS:
        return False
    key: _Key = (f"keyword:{name}", Filters(keyword=filters.keyword))
    found = _TOTALS.get(connection, key)
    if found is None:
        found = int(keyword_capped(connection, filters.keyword, KEYWORD_KINDS[name]))
        _TOTALS.put(connection, key, found)
    return bool(found)


_Key = tuple[str, Filters]
"""A list and its filters, without order and page."""


class _Totals:
    """Row counts of recent filters, valid while the store has the same last document.

    Every write adds a document (the store's one write path), so the largest ``seq``
    changes whenever a count could.
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._counts: dict[_Key, tuple[tuple[str, int], int]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def version(connection: sqlite3.Connection) -> tuple[str, int]:
        """The store's file and last document: two stores served by one process (tests)
        may have the same last ``seq``."""
        path = str(connection.execute("PRAGMA database_list").fetchone()["file"])
        last = connection.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        return path, int(last)

    def get(self, connection: sqlite3.Connection, key: _Key) -> int | None:
        found = self._counts.get(key)
        if found is None or found[0] != self.version(connection):
            return None
        return found[1]

    def put(self, connection: sqlite3.Connection, key: _Key, total: int) -> None:
        with self._lock:
            if len(self._counts) >= self.size:
                self._counts.clear()
            self._counts[key] = (self.version(connection), total)


_TOTALS = _Totals()


class _Vocabularies:
    """Lists of the store's values (its sides, regions, most named places) that the pages
    offer as choices, read once per store version (:meth:`_Totals.version`) instead of
    on every page."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple[str, int], list[str]]] = {}
        self._lock = threading.Lock()

    def get(
        self,
        connection: sqlite3.Connection,
        name: str,
        read: Callable[[sqlite3.Connection], list[str]],
    ) -> list[str]:
        version = _Totals.version(connection)
        found = self._kept.get(name)
        if found is not None and found[0] == version:
            return list(found[1])
        values = read(connection)
        with self._lock:
            self._kept[name] = (version, values)
        return list(values)


_VOCABULARIES = _Vocabularies()


def vocabulary(
    connection: sqlite3.Connection, name: str, read: Callable[[sqlite3.Connection], list[str]]
) -> list[str]:
    """The store's values ``read`` gives (a function of :mod:`claimwire.store.facets`),
    cached while the store does not change; ``name`` names them."""
    return _VOCABULARIES.get(connection, name, read)


_PLACE_CLAUSES = ("kind = 'place'", Condition("country", "country = ?", country))
"""How canonical places answer the filters."""


def articles(connection: sqlite3.Connection, filters: Filters) -> Page:
    """Current articles (published date then arrival, newest first with ``descending``),
    with their fact counts; wire copies only with ``include_duplicates``.

    The filters select as the JSONL export does (:data:`~claimwire.store.queries.ARTICLE_CLAUSES`).
    """
    area = store.article_area(filters)
    if area is None:
        table, index, chosen = "documents d", "documents_current_published", "d.rowid"
        condition, params = where(filters, store.ARTICLE_CLAUSES)
    else:  # the articles of a region or country: one range of article_areas_published
        table, index, chosen = "article_areas d", "article_areas_published", "d.id"
        condition, params = where(filters, store.ARTICLE_AREA_CLAUSES[area])
    unpaged = dataclasses.replace(filters, limit=None, offset=0, descending=False, after=None)
    key: _Key = ("articles", unpaged)
    total, more = counted(connection, key, table, condition, params)
    # many rows match: read the articles in order and stop at the page
    source = f"{table} INDEXED BY {index}" if more else table
    direction = "DESC" if filters.descending else "ASC"
    order = f"ORDER BY d.published {direction}, d.seq {direction}"
    limit, bounds = paging(filters)
    # the page is chosen in the indexes, then only its articles are read (their text)
    rows = connection.execute(
        "SELECT d.id, d.seq, d.title, d.outlet, d.url, d.published, d.source, d.version, "
        "d.duplicate_of, substr(d.text, 1, 160) AS opening, length(d.text) AS characters, "
        "(SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures, "
        "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims, "
        "(SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events "
        f"FROM documents d WHERE {chosen} IN (SELECT {chosen} FROM {source}{condition} "
        f"{order}{limit}) {order}",
        [*params, *bounds],
    ).fetchall()
    items = [dict(row) for row in rows]
    keywords = capped(connection, filters, "articles")
    return Page(items=items, total=total, keyword_capped=keywords, total_capped=more)


def article(connection: sqlite3.Connection, document_id: str) -> Record | None:
    """The stored row of one article (without its text), or None."""
    row = connection.execute(
        "SELECT id, seq, title, outlet, url, published, source, version, previous_id, current, "
        "duplicate_of, external_id, language FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    return dict(row) if row is not None else None


def places(connection: sqlite3.Connection, filters: Filters) -> Page:
    """Canonical places (most mentioned first); ``country`` filters by ISO code or name."""
    condition, params = where(filters, _PLACE_CLAUSES)
    limit, bounds = paging(filters)
    rows = connection.execute(
        "SELECT id, name, type, country, admin1, gazetteer_id, lat, lon, mentions FROM entities"
        f"{condition} ORDER BY mentions DESC, name, id{limit}",
        [*params, *bounds],
    ).fetchall()
    total = connection.execute(f"SELECT count(*) FROM entities{condition}", params)
    return Page(items=[dict(row) for row in rows], total=int(total.fetchone()[0]))


class Overview(TypedDict):
    """What the overview shows."""

    counts: dict[str, int]
    latest_articles: list[Record]
    open_contradictions: list[Record]
    top_claimants: list[Record]


def overview(connection: sqlite3.Connection) -> Overview:
    """Counts, latest articles, open contradictions and the most-cited claimants."""

    def count(sql: str) -> int:
        return int(connection.execute(sql).fetchone()[0])

    def kept(name: str) -> int:  # current facts, not copies: kept by the store's triggers
        return count(f"SELECT counted FROM fact_counts WHERE name = '{name}'")

    counts = {
        "articles": kept("articles"),
        "figures": kept("figures"),
        "claims": kept("claims"),
        # the events with reports: the map's, counted per place (store/mapindex.py)
        "events": count("SELECT coalesce(sum(events), 0) FROM map_places"),
        "event_reports": kept("events"),
        "series": count("SELECT count(*) FROM series WHERE points > 0"),
        "contradictions": count("SELECT count(*) FROM contradictions"),
        "open_contradictions": kept("open_contradictions"),
    }
    claimants = connection.execute(
        "SELECT id, name, type, side, mentions FROM entities WHERE kind = 'claimant' "
        f"AND coalesce(type, '') NOT IN ({', '.join('?' * len(NOT_CLAIMANT_TYPES))}) "
        f"AND lower(name) NOT IN ({', '.join('?' * len(NOT_CLAIMANT_NAMES))}) "
        "ORDER BY mentions DESC, name LIMIT 10",
        (*NOT_CLAIMANT_TYPES, *NOT_CLAIMANT_NAMES),
    ).fetchall()
    recent = page(connection, "contradictions", Filters(open_only=True, descending=True, limit=25))
    shown = [
        row
        for row in with_details(connection, recent.items)
        if row["holds"] and row["review_verdict"] != "dismissed"
    ]
    return {
        "counts": counts,
        "latest_articles": articles(connection, Filters(descending=True, limit=8)).items,
        "open_contradictions": shown[:5],
        "top_claimants": [dict(row) for row in claimants],
    }


NOT_CLAIMANT_TYPES = ("outlet", "anonymous")
"""Claimant types that name no source: the outlet's own voice, unnamed sources."""
NOT_CLAIMANT_NAMES = ("outlet", "unidentified", "unknown outlet")
"""Pseudo-claimant names (the outlet when unnamed, an unnamed source)."""


def with_sides(connection: sqlite3.Connection, rows: list[Record]) -> list[Record]:
    """Contradictions with each side's hedge, outlet, publication date, context, side and
    bounded value, and their latest review (:func:`claimwire.store.contradictions.with_details`)."""
    return with_details(connection, rows)
