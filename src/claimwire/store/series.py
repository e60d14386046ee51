"""Figure series: one per (claimant, measure, counted category, side, unit), per conflict.

A figure joins a series when it is an actual, non-negated, new (not background) figure with
a value or a bound, a measure and a category. The points of a series are its figures
ordered by date, each with the value its text claims: a running total as stated ("losses
are now 32,000"), an increment as stated ("36 tanks today", "130 over two weeks"), with the
window it covers when the text gives one.

Nothing is added up that nobody claimed, except one computed aggregate, always flagged
``computed``: the claimant's last running total plus the increments it reported after it,
and only while those increments cover disjoint windows of places that do not nest (a
town's toll and its province's are never added; "today" and "over two weeks" are never
added). Points dated after their article's publication, or in the future, are left out
and counted (:attr:`Series.excluded`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field, fields

from .filters import Condition, Filters, by_claimant, country_code, page, where
from .rows import FigureRow, SeriesRow
from .settings import settings
from .tables import chunks, insert


def series_key(figure: FigureRow) -> tuple[str, str, str, str, str] | None:
    """The series a figure belongs to, or None when it cannot be a point of one."""
    if (
        figure.claimant_entity is None
        or figure.measure not in settings().series_measures
        or figure.category is None
        or figure.negated
        or figure.modality != "actual"
        or figure.status != "new"
        or (figure.value is None and figure.lower is None)
        or figure.duplicate
    ):
        return None
    return (figure.claimant_entity, figure.measure, figure.category, figure.side or "", figure.unit)


def assign_series(connection: sqlite3.Connection, figure: FigureRow) -> str | None:
    """The id of the figure's series (created when new), or None."""
    key = series_key(figure)
    if key is None:
        return None
    series_id = "series:" + hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:16]
    claimant = connection.execute(
        "SELECT name FROM entities WHERE id = ?", (figure.claimant_entity,)
    ).fetchone()
    insert(
        connection,
        [
            SeriesRow(
                id=series_id,
                claimant_entity=key[0],
                claimant=claimant[0] if claimant else figure.claimant,
                measure=key[1],
                category=key[2],
                side=figure.side,
                unit=figure.unit,
            )
        ],
        or_else="IGNORE",
    )
    return series_id


def refresh_series(connection: sqlite3.Connection, series_id: str) -> None:
    """Recount a series' points and dates from its current figures."""
    connection.execute(
        "UPDATE series SET "
        "points = (SELECT count(*) FROM figures WHERE series_id = :id AND current = 1), "
        "first_date = (SELECT min(date) FROM figures WHERE series_id = :id AND current = 1), "
        "last_date = (SELECT max(date) FROM figures WHERE series_id = :id AND current = 1) "
        "WHERE id = :id",
        {"id": series_id},
    )
    rebuild_days(connection, [series_id])


def rebuild_days(connection: sqlite3.Connection, series_ids: list[str] | None = None) -> None:
    """Work out ``series_days`` and ``series_conflicts`` (schema 17) of these series (None:
    all) again from their current figures, as :func:`read_series` would read them with no
    filter: the same conflicts, points and computed totals. A point dated after its
    article is left out here as there; one dated in the future is not (a series whose last
    date is after the day it is read is read point by point)."""
    if series_ids is None:
        connection.execute("DELETE FROM series_days")
        connection.execute("DELETE FROM series_conflicts")
        series_ids = [row[0] for row in connection.execute("SELECT id FROM series ORDER BY id")]
    for chunk in chunks(series_ids, 200):
        marks = ", ".join("?" for _ in chunk)
        connection.execute(f"DELETE FROM series_days WHERE series_id IN ({marks})", chunk)
        connection.execute(f"DELETE FROM series_conflicts WHERE series_id IN ({marks})", chunk)
        conflict_rows: list[tuple[object, ...]] = []
        day_rows: list[tuple[object, ...]] = []
        for series_id, figures in figure_rows(connection, chunk).items():
            for conflict, members in conflicts_of(figures).items():
                kept = [f for f in members if _plausible(f, _LAST_DAY)]
                points = _points(kept)
                dated = all(_is_day(point.date) for point in points)
                last_date = max((f["date"] for f in members if f["date"] is not None), default=None)
                conflict_rows.append(
                    (series_id, conflict or "", len(points), len(members) - len(kept), int(dated),
                     last_date)
                )  # fmt: skip
                if dated:
                    day_rows.extend(_days(series_id, conflict or "", points))
        connection.executemany(
            "INSERT INTO series_conflicts (series_id, conflict, points, excluded, dated, "
            "last_date) VALUES (?, ?, ?, ?, ?, ?)",
            conflict_rows,
        )
        connection.executemany(
            "INSERT INTO series_days (series_id, conflict, day, kind, points, low, high, "
            "last_figure, last_rank, last_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            day_rows,
        )


_LAST_DAY = "9999-12-31"


def _is_day(date: str | None) -> bool:
    """Whether a point's date is a day (YYYY-MM-DD), as the day rows need."""
    if date is None or len(date) != 10:
        return False
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


@dataclass
class _Day:
    """The points of one day and kind so far: how many, their range, the last one."""

    points: int
    low: float | None
    high: float | None
    last: Point
    rank: int


def _days(series_id: str, conflict: str, points: list[Point]) -> list[tuple[object, ...]]:
    """The day rows of one conflict's points (in their order)."""
    days: dict[tuple[str, str], _Day] = {}
    for rank, point in enumerate(points):
        key = (str(point.date), point.kind)
        claimed = point.claimed
        day = days.get(key)
        if day is None:
            days[key] = _Day(1, claimed, claimed, point, rank)
            continue
        day.points += 1
        if claimed is not None:
            day.low = claimed if day.low is None else min(day.low, claimed)
            day.high = claimed if day.high is None else max(day.high, claimed)
        day.last, day.rank = point, rank
    return [
        (series_id, conflict, date, kind, day.points, day.low, day.high, day.last.figure_id,
         day.rank, day.last.total)
        for (date, kind), day in days.items()
    ]  # fmt: skip


@dataclass(frozen=True)
class Point:
    """One figure of a series: what its text claims, and a computed total when one is safe.

    ``claimed`` is the number the text gives (the value, else its bound: "more than 200" is
    200, "up to 250" is 250; ``lower``/``upper`` tell which). For a running total, ``total``
    is the claimed value. For an increment, ``total`` is the computed running total (the
    claimant's last running total plus the increments it reported since, each window and
    place once) when it can be computed without adding overlapping windows or nested
    places; ``computed`` is then True. Otherwise ``total`` is None.
    """

    date: str | None
    value: float | None
    lower: float | None
    upper: float | None
    approx: bool
    kind: str
    """``total`` (a running total as stated) or ``increment`` (a count of a period)."""
    claimed: float | None
    since: str | None
    """First day of the period an increment covers, when the text gives it."""
    total: float | None
    computed: bool
    claimant: str
    hedge: str
    outlet: str | None
    published: str | None
    date_basis: str
    evidence: str
    figure_id: str
    document_id: str
    place: str | None
    country: str | None


@dataclass(frozen=True)
class Series:
    """The claimed values of one (claimant, measure, category, side, unit) in one conflict.

    ``conflict`` is the country the figures are about (their place's, else the article's
    most named one, else the only country of the claimant's other figures of this
    series), None when unknown. ``claimant_type`` is ``outlet`` for the
    pseudo-claimant "the outlet itself" (figures nobody in the article is quoted for).
    ``excluded`` counts the points left out for an implausible date (after the
    publication of their article, or in the future).
    """

    id: str
    claimant: str
    claimant_type: str | None
    measure: str
    category: str
    side: str | None
    unit: str
    conflict: str | None = None
    points: list[Point] = field(default_factory=list)
    excluded: int = 0

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (as ``dataclasses.asdict`` gives it: every field of a point
        is a string, a number, a flag or None, so none is copied deeply; ``asdict`` spent
        30 µs a point deep-copying them)."""
        data = {name: getattr(self, name) for name in _SERIES_FIELDS}
        data["points"] = [{name: getattr(point, name) for name in _POINT_FIELDS}
                          for point in self.points]  # fmt: skip
        return data

    @property
    def label(self) -> str:
        """Who claims: the claimant, or "reported by <outlet>" for an outlet's own figures."""
        if self.claimant_type == "outlet":
            return f"reported by {self.claimant}"
        return self.claimant


_SERIES_FIELDS = tuple(f.name for f in fields(Series))
_POINT_FIELDS = tuple(f.name for f in fields(Point))

_SERIES_CLAUSES = (
    "s.points > 0",
    Condition("measure", "s.measure = ?"),
    Condition("category", "s.category = ?"),
    Condition("side", "s.side = ?"),
    by_claimant("s.claimant_entity"),
)
"""How series answer the filters (dates and country select their points)."""

_DOCUMENT_COUNTRY = (
    "(SELECT pl.country FROM places pl WHERE pl.document_id = f.document_id "
    "AND pl.country IS NOT NULL GROUP BY pl.country ORDER BY count(*) DESC, pl.country LIMIT 1)"
)
"""The country an article names most: the conflict of its figures that have no place."""


def read_series(
    connection: sqlite3.Connection, filters: Filters, *, today: dt.date | None = None
) -> list[Series]:
    """The series matching the filters, with their points (filtered by date and country).

    ``limit``/``offset`` page over series rows (claimant, measure, category, side, unit);
    each may give one :class:`Series` per conflict.

    Args:
        connection: The store.
        filters: What to select.
        today: Points dated after it are implausible (default: today).
    """
    rows = series_rows(connection, filters)
    by_series = figure_rows(connection, [row["id"] for row in rows])
    last_day = (today or dt.date.today()).isoformat()
    found = []
    for row in rows:
        found.extend(series_of(row, by_series[row["id"]], filters, last_day))
    return found


def series_rows(connection: sqlite3.Connection, filters: Filters) -> list[sqlite3.Row]:
    """The page of series rows matching the filters (no points), in the order shown."""
    condition, params = where(filters, _SERIES_CLAUSES)
    limit, paging = page(filters)
    return connection.execute(
        "SELECT s.id, s.claimant, e.type AS claimant_type, s.measure, s.category, s.side, "
        f"s.unit FROM series s LEFT JOIN entities e ON e.id = s.claimant_entity{condition} "
        f"ORDER BY s.claimant, s.measure, s.category, s.side, s.id{limit}",
        [*params, *paging],
    ).fetchall()


POINT_SELECT = (
    "SELECT f.series_id, f.id, f.document_id, f.date, f.value, f.lower, f.upper, "
    "f.approx, f.cumulative, f.since, f.claimant, f.hedge, f.outlet, f.published, "
    "f.date_basis, f.evidence, f.place, f.place_entity, p.type AS place_type, "
    "p.admin1 AS place_admin1, p.name AS place_name, "
    f"coalesce(f.country, p.country, {_DOCUMENT_COUNTRY}) AS country "
    "FROM figures f LEFT JOIN entities p ON p.id = f.place_entity "
)
"""The columns of a figure that :func:`make_point` and the computed totals read."""


def figure_rows(
    connection: sqlite3.Connection, series_ids: list[str]
) -> dict[str, list[sqlite3.Row]]:
    """The current figures (not wire copies) of each series, in the points' order."""
    by_series: dict[str, list[sqlite3.Row]] = {series_id: [] for series_id in series_ids}
    for chunk in chunks(list(by_series)):
        for figure in connection.execute(
            f"{POINT_SELECT}WHERE f.series_id IN ({', '.join('?' for _ in chunk)}) "
            "AND f.current = 1 AND f.duplicate = 0 "
            "ORDER BY f.series_id, f.date, f.published, f.id",
            chunk,
        ):
            by_series[figure["series_id"]].append(figure)
    return by_series


def conflicts_of(figures: list[sqlite3.Row]) -> dict[str | None, list[sqlite3.Row]]:
    """A series' figures by conflict (its country), conflicts in the order shown."""
    conflicts: dict[str | None, list[sqlite3.Row]] = {}
    known = {figure["country"] for figure in figures} - {None}
    for figure in figures:
        # a figure of no known place joins the series' one conflict when it has only one
        conflict = figure["country"] or (next(iter(known)) if len(known) == 1 else None)
        conflicts.setdefault(conflict, []).append(figure)
    return {code: conflicts[code] for code in sorted(conflicts, key=lambda code: code or "~")}


def series_of(
    row: sqlite3.Row, figures: list[sqlite3.Row], filters: Filters, last_day: str
) -> list[Series]:
    """The :class:`Series` (one per conflict) of a series row and its figures."""
    country = country_code(filters.country) if filters.country else None
    found = []
    for conflict, members in conflicts_of(figures).items():
        if country is not None and conflict != country:
            continue
        kept = [f for f in members if _plausible(f, last_day)]
        points = [p for p in _points(kept) if _selected(p, filters)]
        if points:
            excluded = len(members) - len(kept)
            found.append(Series(**dict(row), conflict=conflict, points=points, excluded=excluded))
    return found


def _plausible(row: sqlite3.Row, last_day: str) -> bool:
    """A figure not dated after its article's publication, nor after ``last_day``."""
    date = row["date"]
    if date is None:
        return True
    published = (row["published"] or "")[:10]
    return date <= last_day and (not published or date <= published)


@dataclass(frozen=True)
class _Scope:
    """What an increment counts: a period and a place (None: the whole conflict)."""

    since: str
    until: str
    place: str | None
    region: str | None
    """The admin-1 region the place is in, or the region itself when the place is one."""
    is_region: bool

    def overlaps(self, other: _Scope) -> bool:
        """Whether the two periods share a day and the two places may share ground."""
        if self.until < other.since or other.until < self.since:
            return False
        return _nested(self, other)


def _nested(one: _Scope, other: _Scope) -> bool:
    """Whether two places may hold the same people or things (one in the other, or same)."""
    if one.place is None or other.place is None or one.place == other.place:
        return True
    for outer, inner in ((one, other), (other, one)):
        if outer.is_region and (outer.region is None or outer.region == inner.region):
            return True
    return False


def _scope(row: sqlite3.Row) -> _Scope | None:
    """The period and place of an increment, or None when the text gives no period."""
    if row["date"] is None or row["date_basis"] in ("published", "none"):
        return None
    place_type = row["place_type"]
    is_region = place_type == "A" or (
        row["place_admin1"] is not None and row["place_admin1"] == row["place_name"]
    )
    return _Scope(
        since=row["since"] or row["date"],
        until=row["date"],
        place=row["place_entity"],
        region=row["place_admin1"],
        is_region=is_region,
    )


def _points(rows: list[sqlite3.Row]) -> list[Point]:
    """The points of one series from its figure rows (by date), with computed totals."""
    points: list[Point] = []
    base: float | None = None
    base_date: str | None = None
    added: dict[_Scope, float] = {}
    broken = False  # an overlap since the last claimed total: no computed total until the next
    for row in rows:
        claimed = claimed_of(row)
        total: float | None = None
        if row["cumulative"]:
            total = claimed
            if base_date is None or (row["date"] or "") >= base_date:
                base, base_date, added, broken = claimed, row["date"], {}, False
        else:
            scope = _scope(row)
            fits = (
                scope is not None
                and claimed is not None
                and base is not None
                and base_date is not None
                and scope.since > base_date
            )
            if fits and scope is not None and claimed is not None and base is not None:
                if scope in added:  # the same period and place again: one count, the lowest
                    added[scope] = min(added[scope], claimed)
                elif any(scope.overlaps(other) for other in added):
                    broken = True
                else:
                    added[scope] = claimed
                if not broken:
                    total = base + sum(added.values())
        points.append(make_point(row, claimed, total))
    return points


def claimed_of(row: sqlite3.Row) -> float | None:
    """The number a figure's text claims: its value, else its bound."""
    return next((row[c] for c in ("value", "lower", "upper") if row[c] is not None), None)


def make_point(row: sqlite3.Row, claimed: float | None, total: float | None) -> Point:
    """The point of a figure row (of :data:`POINT_COLUMNS`), with its running total."""
    kind = "total" if row["cumulative"] else "increment"
    return Point(
        date=row["date"],
        value=row["value"],
        lower=row["lower"],
        upper=row["upper"],
        approx=bool(row["approx"]),
        kind=kind,
        claimed=claimed,
        since=row["since"] if kind == "increment" else None,
        total=total,
        computed=kind == "increment" and total is not None,
        claimant=row["claimant"],
        hedge=row["hedge"],
        outlet=row["outlet"],
        published=row["published"],
        date_basis=row["date_basis"],
        evidence=row["evidence"],
        figure_id=row["id"],
        document_id=row["document_id"],
        place=row["place"],
        country=row["country"],
    )


def _selected(point: Point, filters: Filters) -> bool:
    if filters.since and (point.date or "") < filters.since.isoformat():
        return False
    return not (filters.until and (point.date or "9999") > filters.until.isoformat())
