"""What to select from the store, and the one builder of SQL ``WHERE`` clauses.

:class:`Filters` is what the CLI, the web and the Python API accept. Each query says how
its rows answer the filters with a tuple of :class:`Condition` (and fixed clauses), and
:func:`where` turns the filters into SQL with every value bound as a parameter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import pycountry

from ..errors import InvalidOptionError
from ..geo.entry import Entry
from ..geo.gazetteer import get_gazetteer
from .box import Box
from .keywords import fts_query
from .names import name_key
from .rows import Record, SqlValue

DEFAULT_LIMIT = 100


CURSOR_MARK = "~"
"""Between the date and the id of a cursor's text (no date has it)."""


@dataclass(frozen=True)
class Cursor:
    """A row's place in a list ordered by (date, id): the next page starts after it.

    Paging by cursor reads the list's date index from the cursor on, however deep the
    page; ``offset`` reads and skips every row before the page. A list's answer gives the
    cursor of its last row (``after`` of the next page's URL).
    """

    date: str | None
    id: str

    def text(self) -> str:
        """The cursor as a URL parameter: ``date~id`` (``~id`` for an undated row)."""
        return f"{self.date or ''}{CURSOR_MARK}{self.id}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """The cursor of :meth:`text`.

        Raises:
            InvalidOptionError: ``text`` is not ``date~id``.
        """
        date, mark, identifier = text.partition(CURSOR_MARK)
        if not mark or not identifier:
            raise InvalidOptionError(
                f"after {text!r} is not a cursor (date~id, as a list's next link gives it)"
            )
        return cls(date or None, identifier)

    @classmethod
    def of(cls, row: Record, order: tuple[str, ...]) -> Cursor:
        """The cursor of a row of a list ordered by ``order`` (date column, id column)."""
        date, identifier = (row[column.split(".")[-1]] for column in order)
        return cls(None if date is None else str(date), str(identifier))

    def parts(self, order: tuple[str, ...], descending: bool) -> list[tuple[str, list[SqlValue]]]:
        """The rows after this one in the order (date, id), undated rows first (last when
        ``descending``): one or two conditions (SQL and parameters), each a range of the
        date index read in order, the first's rows before the second's."""
        date, identifier = order
        if self.date is None:
            undated = "<" if descending else ">"
            part: tuple[str, list[SqlValue]] = (
                f"{date} IS NULL AND {identifier} {undated} ?",
                [self.id],
            )
            return [part] if descending else [part, (f"{date} IS NOT NULL", [])]
        dated = "<" if descending else ">"
        part = (f"({date}, {identifier}) {dated} (?, ?)", [self.date, self.id])
        return [part, (f"{date} IS NULL", [])] if descending else [part]


@dataclass(frozen=True)
class Filters:
    """What to select. Every field is optional; ``None`` selects everything.

    Dates are inclusive and compare with a fact's date (a figure's as-of date, an event's
    date, else the publication date). ``country`` is an ISO 3166-1 alpha-2 code or a
    country name. ``claimant`` matches any spelling of a canonical claimant, or a part of
    the name as written. ``type`` is an event type or sub-type (events), or a
    contradiction kind (``figures`` / ``statements``). ``side`` is whose people or equipment
    a figure counts (figures, series, contradictions), a side of an event's actors
    (events, clusters) or the claimant's side (claims). ``hedge`` is a claim's hedge
    (figures, claims, events). ``place`` is a place by any spelling it was written with,
    ``admin1`` a first-level region (an oblast, a governorate) by its gazetteer name.
    ``actor`` is part of the name of an event's actor or target, ``subtype`` an event
    sub-type. ``keyword`` holds words that the article text (articles) or the evidence and
    its line (figures, claims, events) must contain (see :mod:`.keywords`).
    ``cluster`` is an event's id: its reports (events). ``bbox`` is a box of the map:
    events, clusters and figures whose place has coordinates inside it.
    ``include_offtopic`` keeps the articles the relevance model found off-topic (and
    their figures and claims), left out by default. ``descending`` gives the newest first.
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
    place: str | None = None
    admin1: str | None = None
    actor: str | None = None
    subtype: str | None = None
    keyword: str | None = None
    include_superseded: bool = False
    include_duplicates: bool = False
    include_offtopic: bool = False
    open_only: bool = False
    hedge: str | None = None
    cluster: str | None = None
    bbox: Box | None = None
    descending: bool = False
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0
    after: Cursor | None = None
    """Keyset paging: the rows after this one in the list's order (``offset`` counts
    from there); see :class:`Cursor`."""


FilterField = Literal[
    "since",
    "until",
    "country",
    "claimant",
    "measure",
    "category",
    "type",
    "side",
    "outlet",
    "place",
    "admin1",
    "actor",
    "subtype",
    "keyword",
    "include_superseded",
    "include_duplicates",
    "include_offtopic",
    "open_only",
    "hedge",
    "cluster",
    "bbox",
]
"""The fields of :class:`Filters` that select rows (the others order and page)."""

Binder = Callable[[object], tuple[SqlValue, ...]]
"""The parameters of a clause, from the value of its filter."""


def same(value: object) -> tuple[SqlValue, ...]:
    """The value itself, as the clause's one parameter."""
    return (str(value),)


def twice(value: object) -> tuple[SqlValue, ...]:
    """The value, twice (``type = ? OR subtype = ?``)."""
    return (str(value), str(value))


def iso(value: object) -> tuple[SqlValue, ...]:
    """A date as ``YYYY-MM-DD``."""
    if not isinstance(value, dt.date):
        raise TypeError(f"not a date: {value!r}")
    return (value.isoformat(),)


def contains(value: object) -> tuple[SqlValue, ...]:
    """A ``LIKE`` pattern matching any text that contains the value."""
    return (f"%{value}%",)


def contains_twice(value: object) -> tuple[SqlValue, ...]:
    """:func:`contains`, twice (``a LIKE ? OR b LIKE ?``)."""
    return contains(value) * 2


def country(value: object) -> tuple[SqlValue, ...]:
    """The ISO code of a country given by code or name (see :func:`country_code`)."""
    return (country_code(str(value)),)


def contains_four(value: object) -> tuple[SqlValue, ...]:
    """:func:`contains`, four times (an event's actors and targets)."""
    return contains(value) * 4


def folded(value: object) -> tuple[SqlValue, ...]:
    """The folded key of a name (:func:`~claimwire.store.names.name_key`)."""
    text = str(value)
    return (name_key(text) or text.lower(),)


def keyword(value: object) -> tuple[SqlValue, ...]:
    """The FTS5 query of a keyword (see :func:`~claimwire.store.keywords.fts_query`)."""
    return (fts_query(str(value)),)


def claimant(value: object) -> tuple[SqlValue, ...]:
    """The parameters of :func:`claimant_clause` (see :func:`claimant_params`)."""
    return tuple(claimant_params(str(value)))


@dataclass(frozen=True)
class Condition:
    """A clause that a filter adds when it is given.

    Attributes:
        field: The filter.
        sql: The clause, with a ``?`` for each parameter ``bind`` gives.
        bind: The parameters, from the filter's value (none when ``sql`` has no ``?``).
        when_off: The clause applies when the filter is *not* set (``include_superseded``
            off: current versions only).
    """

    field: FilterField
    sql: str
    bind: Binder | None = same
    when_off: bool = False

    def applies(self, filters: Filters) -> bool:
        """Whether the filters ask for this clause."""
        return bool(getattr(filters, self.field)) != self.when_off


Clause = Condition | str
"""A condition, or a fixed clause that always applies."""


def where(filters: Filters, clauses: Sequence[Clause]) -> tuple[str, list[SqlValue]]:
    """The ``WHERE`` part of a query (``" WHERE ..."``, or ``""``) and its parameters.

    Args:
        filters: What to select.
        clauses: How the query's rows answer the filters, in the order they are joined.

    Raises:
        InvalidOptionError: A filter value is unknown (a country), or a box is given to
            rows without coordinates (it would be ignored).
    """
    if filters.bbox is not None and "bbox" not in fields_of(clauses):
        raise InvalidOptionError(
            "the bbox filter applies to events, clusters and figures (rows with a place "
            "on the map), not to these rows"
        )
    parts: list[str] = []
    params: list[SqlValue] = []
    for clause in clauses:
        if isinstance(clause, str):
            parts.append(clause)
        elif clause.applies(filters):
            parts.append(clause.sql)
            if clause.bind is not None:
                params.extend(clause.bind(getattr(filters, clause.field)))
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


OFFTOPIC_DOCUMENTS = "SELECT id FROM documents WHERE relevant = 0"
"""The articles the relevance model found off-topic (``documents_offtopic_id`` indexes them)."""


def current(alias: str) -> tuple[Condition, Condition, Condition]:
    """Current versions of relevant articles, no wire copies, unless asked (fact tables)."""
    return (
        Condition("include_superseded", f"{alias}.current = 1", None, when_off=True),
        Condition("include_duplicates", f"{alias}.duplicate = 0", None, when_off=True),
        on_topic(f"{alias}.document_id"),
    )


def on_topic(document_column: str) -> Condition:
    """Leave out the rows of off-topic articles unless ``include_offtopic``: one seek per
    row in ``documents_offtopic_id`` (``NOT IN`` would first read every off-topic article's
    id, 80,000 rows at a million articles, on every query)."""
    return Condition(
        "include_offtopic",
        "NOT EXISTS (SELECT 1 FROM documents o INDEXED BY documents_offtopic_id "
        f"WHERE o.relevant = 0 AND o.id = {document_column})",
        None,
        when_off=True,
    )


def dated(column: str) -> tuple[Condition, Condition]:
    """``since`` and ``until`` on a date column (inclusive)."""
    return Condition("since", f"{column} >= ?", iso), Condition("until", f"{column} <= ?", iso)


def claimant_clause(entity_column: str) -> str:
    """Any spelling of the canonical claimant (folded), or a part of any spelling it was
    written with (as written, or folded: "Sinegubov" finds "Oleh Syniehubov")."""
    return (
        f"{entity_column} IN (SELECT entity_id FROM entity_names WHERE kind = 'claimant' "
        "AND (key = ? OR key LIKE ? OR name LIKE ?) UNION SELECT entity_id "
        "FROM entity_spellings WHERE kind = 'claimant' AND name LIKE ?)"
    )


def by_claimant(entity_column: str) -> Condition:
    """The claimant filter on a canonical claimant column."""
    return Condition("claimant", claimant_clause(entity_column), claimant)


def claimant_params(value: str) -> list[str | None]:
    """The parameters of the claimant filter.

    Part of a folded spelling is matched only for a value of letters (folding drops digits
    and signs: "Spokesperson 12" must not find every spokesperson) of some length.
    """
    key = name_key(value)
    lettered = _LETTERS.fullmatch(value.strip()) is not None and len(key) >= MIN_FOLDED_PART
    return [key, f"%{key}%" if lettered else None, f"%{value}%", f"%{value}%"]


_LETTERS = re.compile(r"[^\W\d_]+(?:[ '\u2019.-]+[^\W\d_]+)*")
"""A name of letters, with spaces, apostrophes, dots or hyphens between them."""
MIN_FOLDED_PART = 4
"""Shortest folded part of a name matched inside spellings ("Ole" would find too many)."""


PLACE_ENTITIES = (
    "SELECT entity_id FROM entity_names WHERE kind = 'place' AND key = ? "
    "UNION SELECT entity_id FROM entity_spellings WHERE kind = 'place' AND name = ? "
    "UNION SELECT id FROM entities WHERE kind = 'place' "
    "AND gazetteer_id IN (SELECT value FROM json_each(?))"
)
"""The place entities written with a spelling, or resolved to a gazetteer place that has
it among its names (three parameters: its folded key, itself, the gazetteer ids as JSON)."""

REGION_ENTITIES = (
    "SELECT id FROM entities WHERE kind = 'place' AND admin1 IN (SELECT value FROM json_each(?))"
)
"""The place entities in a first-level region (one parameter: its names, JSON)."""

REGION_NAMES = "SELECT value FROM json_each(?)"
"""The names of a first-level region as the store writes them (one parameter, JSON)."""


def place(value: object) -> tuple[SqlValue, ...]:
    """The parameters of :data:`PLACE_ENTITIES`: the spelling, and the gazetteer places
    it names ("Kiev" and "Kyiv" find Kyiv; see :func:`gazetteer_places`)."""
    name = str(value)
    found = gazetteer_places(name)
    return (*folded(value), name, json.dumps(sorted({entry.id for entry in found})))


def gazetteer_places(name: str) -> tuple[Entry, ...]:
    """The gazetteer places a name names: those it is the main name of, else those that
    list it among their other names ("Kyiv" is the city, not Kyiv Oblast, which also
    lists it; "Kiev" is the city)."""
    listed = get_gazetteer().lookup(name)
    key = name_key(name)
    own = tuple(entry for entry in listed if name_key(entry.name) == key)
    return own or listed


def region(value: object) -> tuple[SqlValue, ...]:
    """The parameter of :data:`REGION_ENTITIES`: the region's name as given, and the
    gazetteer's name of every first-level region that lists it among its names ("Halab"
    finds "Ḩalab")."""
    name = str(value)
    listed = get_gazetteer().lookup(name)
    names = {name} | {entry.admin1 or entry.name for entry in listed if entry.kind == "admin1"}
    return (json.dumps(sorted(names)),)


def by_place(entity_column: str) -> Condition:
    """The place filter on a place entity column."""
    return Condition("place", f"{entity_column} IN ({PLACE_ENTITIES})", place)


def corners(value: object) -> tuple[SqlValue, ...]:
    """The parameters of :func:`by_box`'s clause, from a :class:`~.box.Box`."""
    if not isinstance(value, Box):
        raise TypeError(f"not a box: {value!r}")
    west, south, east, north = value.west, value.south, value.east, value.north
    return (south, north, west, east, west, east, west, east)


def inside_box(lat: str, lon: str) -> str:
    """The clause of :func:`corners`: a point of ``lat``/``lon`` inside the box (a box with
    ``west > east`` crosses the antimeridian)."""
    return (
        f"{lat} BETWEEN ? AND ? AND ({lon} BETWEEN ? AND ? "
        f"OR (? > ? AND ({lon} >= ? OR {lon} <= ?)))"
    )


def by_box(lat: str, lon: str) -> Condition:
    """The ``bbox`` filter on a row's coordinates."""
    return Condition("bbox", inside_box(lat, lon), corners)


def by_box_of_place(entity_column: str) -> Condition:
    """The ``bbox`` filter on a place entity column (its coordinates inside the box)."""
    return Condition(
        "bbox",
        f"{entity_column} IN (SELECT id FROM entities WHERE kind = 'place' "
        f"AND {inside_box('lat', 'lon')})",
        corners,
    )


def by_region(entity_column: str) -> Condition:
    """The region (``admin1``) filter on a place entity column."""
    return Condition("admin1", f"{entity_column} IN ({REGION_ENTITIES})", region)


KEYWORD_CAP = 10_000
"""Most matches of a keyword a list searches: the newest this many (last stored first).
A word in nearly every row would otherwise make every list read all its matches before
the first page; :func:`keyword_capped` tells when a keyword matches more."""


def by_keyword(id_column: str, kind: str) -> Condition:
    """The keyword filter on a fact table's id: its evidence and line contain the words
    (among the newest :data:`KEYWORD_CAP` facts of its kind that do)."""
    return Condition(
        "keyword",
        f"{id_column} IN (SELECT r.fact_id FROM evidence_fts x JOIN evidence_fts_rows r "
        f"ON r.fts_rowid = x.rowid WHERE evidence_fts MATCH ? AND r.kind = '{kind}' "
        f"AND x.rowid <= ({last_of_kind(kind)}) ORDER BY x.rowid DESC LIMIT {KEYWORD_CAP})",
        keyword,
    )


def last_of_kind(kind: str) -> str:
    """The last row of the evidence index that holds a fact of the kind (SQL, through
    ``evidence_fts_rows_kind``). A keyword's newest matches of a kind are read from there
    down: the matches of other kinds stored after it are skipped, not read one by one (a
    bulk-loaded store holds each kind's evidence in one block; a word in every row made
    the figures' search read every claim's and event's match first)."""
    return f"SELECT coalesce(max(fts_rowid), 0) FROM evidence_fts_rows WHERE kind = '{kind}'"


ARTICLE_KEYWORD = (
    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
    f"ORDER BY rowid DESC LIMIT {KEYWORD_CAP}"
)
"""The newest :data:`KEYWORD_CAP` articles (their ``seq``) whose title or text hold a keyword."""


def keyword_capped(connection: sqlite3.Connection, words: str, kind: str | None) -> bool:
    """Whether more than :data:`KEYWORD_CAP` facts of a kind (``figure``, ``claim``,
    ``event``; None: articles) hold the keyword, so that only the newest were searched."""
    query = fts_query(words)
    if kind is None:
        sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC"
        params: tuple[SqlValue, ...] = (query,)
    else:
        if kind not in ("figure", "claim", "event"):
            raise ValueError(f"not a kind of fact: {kind!r}")
        sql = (
            "SELECT x.rowid FROM evidence_fts x JOIN evidence_fts_rows r ON r.fts_rowid = "
            f"x.rowid WHERE evidence_fts MATCH ? AND r.kind = ? AND x.rowid <= "
            f"({last_of_kind(kind)}) ORDER BY x.rowid DESC"
        )
        params = (query, kind)
    found = connection.execute(
        f"SELECT count(*) FROM ({sql} LIMIT {KEYWORD_CAP + 1})", params
    ).fetchone()[0]
    return int(found) > KEYWORD_CAP


def fields_of(clauses: Sequence[Clause]) -> frozenset[FilterField]:
    """The filters a query's clauses answer (the others would be ignored)."""
    return frozenset(clause.field for clause in clauses if isinstance(clause, Condition))


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


def page(filters: Filters) -> tuple[str, list[SqlValue]]:
    """The ``LIMIT``/``OFFSET`` part of a query and its parameters (all rows: ``""``)."""
    if filters.limit is None:
        return (" LIMIT -1 OFFSET ?", [filters.offset]) if filters.offset else ("", [])
    return " LIMIT ? OFFSET ?", [filters.limit, filters.offset]
