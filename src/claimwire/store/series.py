"""Figure series: one per (claimant, measure, counted category, side, unit).

A figure joins a series when it is an actual, non-negated, new (not background) figure with
a value or a lower bound, a measure and a category. The points of a series are its figures
ordered by date; :func:`claimwire.store.queries.series` tells running totals (cumulative)
from increments when it reads them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import asdict, dataclass, field

from .filters import Condition, Filters, by_claimant, country_code, page, where
from .rows import FigureRow, SeriesRow
from .settings import settings
from .tables import insert


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


@dataclass(frozen=True)
class Point:
    """One figure of a series, with the running total it implies.

    ``total`` is the running total at ``date``: the value itself for a cumulative figure;
    for an increment, the last running total reported before that date plus the
    increments since (one per date and place, the lowest when several reports differ:
    the conservative reading). ``total`` is None when it cannot be known.
    """

    date: str | None
    value: float | None
    lower: float | None
    upper: float | None
    approx: bool
    kind: str
    """``total`` (a cumulative figure) or ``increment``."""
    total: float | None
    claimant: str
    hedge: str
    outlet: str | None
    published: str | None
    date_basis: str
    evidence: str
    figure_id: str
    document_id: str
    place: str | None


@dataclass(frozen=True)
class Series:
    """The claimed values of one (claimant, measure, category, side, unit) over time."""

    id: str
    claimant: str
    measure: str
    category: str
    side: str | None
    unit: str
    points: list[Point] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return asdict(self)


_SERIES_CLAUSES = (
    "s.points > 0",
    Condition("measure", "s.measure = ?"),
    Condition("category", "s.category = ?"),
    Condition("side", "s.side = ?"),
    by_claimant("s.claimant_entity"),
)
"""How series answer the filters (dates and country select their points)."""


def read_series(connection: sqlite3.Connection, filters: Filters) -> list[Series]:
    """The series matching the filters, with their points (filtered by date and country).

    ``limit``/``offset`` page over series, not points.
    """
    condition, params = where(filters, _SERIES_CLAUSES)
    limit, paging = page(filters)
    rows = connection.execute(
        f"SELECT id, claimant, measure, category, side, unit FROM series s{condition} "
        f"ORDER BY s.claimant, s.measure, s.category, s.side, s.id{limit}",
        [*params, *paging],
    ).fetchall()
    by_series: dict[str, list[sqlite3.Row]] = {row["id"]: [] for row in rows}
    for chunk in _chunks(list(by_series), 500):
        for figure in connection.execute(
            "SELECT series_id, id, document_id, date, value, lower, upper, approx, cumulative, "
            "claimant, hedge, outlet, published, date_basis, evidence, place, place_entity, "
            f"country FROM figures WHERE series_id IN ({', '.join('?' for _ in chunk)}) "
            "AND current = 1 AND duplicate = 0 ORDER BY series_id, date, published, id",
            chunk,
        ):
            by_series[figure["series_id"]].append(figure)
    found = []
    for row in rows:
        points = _points(by_series[row["id"]], filters)
        if points:
            found.append(Series(**dict(row), points=points))
    return found


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _points(rows: list[sqlite3.Row], filters: Filters) -> list[Point]:
    """The points of one series from its figure rows (by date), with running totals."""
    points: list[Point] = []
    countries: dict[str, str | None] = {}
    base: float | None = None
    base_date: str | None = None
    increments: dict[tuple[str | None, str | None], float] = {}
    for row in rows:
        amount = row["value"] if row["value"] is not None else row["lower"]
        if row["cumulative"]:
            kind, total = "total", amount
            if base_date is None or (row["date"] or "") >= base_date:
                base, base_date = amount, row["date"]
                increments = {}
        else:
            kind = "increment"
            if base_date is not None and row["date"] == base_date:
                total = None  # an increment on the day of a total: already in it or not, unknown
            else:
                key = (row["date"], row["place_entity"])
                increments[key] = min(increments.get(key, amount), amount)
                total = (base or 0.0) + sum(increments.values())
        countries[row["id"]] = row["country"]
        points.append(
            Point(
                date=row["date"],
                value=row["value"],
                lower=row["lower"],
                upper=row["upper"],
                approx=bool(row["approx"]),
                kind=kind,
                total=total,
                claimant=row["claimant"],
                hedge=row["hedge"],
                outlet=row["outlet"],
                published=row["published"],
                date_basis=row["date_basis"],
                evidence=row["evidence"],
                figure_id=row["id"],
                document_id=row["document_id"],
                place=row["place"],
            )
        )
    country = country_code(filters.country) if filters.country else None
    return [
        point
        for point in points
        if _selected(point, filters) and (country is None or countries[point.figure_id] == country)
    ]


def _selected(point: Point, filters: Filters) -> bool:
    if filters.since and (point.date or "") < filters.since.isoformat():
        return False
    return not (filters.until and (point.date or "9999") > filters.until.isoformat())
