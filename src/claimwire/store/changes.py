"""What changed in the store since a time: new events, figures at or above a value, new
contradictions, each with the time its article arrived (its result's ``created``).

What ``/api/changes``, the Atom feed ``/feeds/changes.atom`` and the watcher's webhooks
give. Rows are the articles' current facts; off-topic articles and wire copies are left out.
Each list is newest first: by arrival time, then article, then fact id.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from ..errors import InvalidOptionError
from .rows import Record

DEFAULT_MIN_VALUE = 10.0
"""Figures below this value are not news enough for the change feed."""
MAX_CHANGES = 500

_RELEVANT = "(d.relevant IS NULL OR d.relevant = 1)"
_NEWEST = "r.created DESC, r.document_id DESC"
"""Newest arrivals first, read backwards through ``results_created`` (created, document):
only the articles of the page are read, however many arrived since the date."""
_EVENTS = (
    "SELECT e.id, e.document_id, e.cluster_id, e.type, e.subtype, e.place, e.country, e.lat, "
    "e.lon, e.date, e.fatalities, e.claimant, e.hedge, e.evidence, d.title, d.outlet, d.url, "
    "r.created AS arrived FROM results r JOIN documents d ON d.id = r.document_id "
    "JOIN events e ON e.document_id = r.document_id "
    f"WHERE e.current = 1 AND e.duplicate = 0 AND {_RELEVANT} AND r.created >= ? "
    f"ORDER BY {_NEWEST}, e.id LIMIT ?"
)
_FIGURES = (
    "SELECT f.id, f.document_id, f.value, f.unit, f.category, f.measure, f.side, f.place, "
    "f.country, f.date, f.claimant, f.hedge, f.evidence, d.title, d.outlet, d.url, "
    "r.created AS arrived FROM results r JOIN documents d ON d.id = r.document_id "
    "JOIN figures f ON f.document_id = r.document_id "
    f"WHERE f.current = 1 AND f.duplicate = 0 AND f.negated = 0 AND {_RELEVANT} "
    f"AND f.value >= ? AND r.created >= ? ORDER BY {_NEWEST}, f.id LIMIT ?"
)
_CONTRADICTIONS = (
    "SELECT c.id, c.kind, c.reason, c.measure, c.subject, c.date, c.a_claimant, c.a_value, "
    "c.a_document, c.b_claimant, c.b_value, c.b_document, c.detected_by AS document_id, "
    "r.created AS arrived FROM results r CROSS JOIN contradictions c "
    f"ON c.detected_by = r.document_id WHERE r.created >= ? ORDER BY {_NEWEST}, c.id LIMIT ?"
)


@dataclass(frozen=True)
class Changes:
    """What arrived since ``since`` (newest first in each list)."""

    since: str
    min_value: float
    events: list[Record] = field(default_factory=list)
    figures: list[Record] = field(default_factory=list)
    contradictions: list[Record] = field(default_factory=list)

    @property
    def latest(self) -> str | None:
        """The arrival time of the newest change (a client's next ``since``)."""
        times = [str(row["arrived"]) for rows in self.lists() for row in rows[:1]]
        return max(times) if times else None

    def lists(self) -> tuple[list[Record], list[Record], list[Record]]:
        """The three lists: events, figures, contradictions."""
        return self.events, self.figures, self.contradictions


def parse_since(value: str | None, *, default_days: float = 7.0) -> str:
    """``since`` as the store writes times (UTC ISO, seconds); a date means its midnight UTC;
    None means ``default_days`` ago.

    Raises:
        InvalidOptionError: Not an ISO date or date-time.
    """
    if value is None or not value.strip():
        moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=default_days)
    else:
        text = value.strip().replace("Z", "+00:00").replace(" ", "+")
        try:
            moment = (
                dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
                if len(text) == 10
                else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            raise InvalidOptionError(
                f"cannot read since={value!r}: give an ISO date or time, e.g. "
                "2026-01-31 or 2026-01-31T08:00:00Z"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def changes_since(
    connection: sqlite3.Connection,
    since: str | None,
    *,
    min_value: float = DEFAULT_MIN_VALUE,
    limit: int = MAX_CHANGES,
) -> Changes:
    """Events, figures of at least ``min_value`` and contradictions whose article arrived at
    or after ``since`` (see :func:`parse_since`); at most ``limit`` of each.

    Raises:
        InvalidOptionError: ``since`` cannot be read.
    """
    start = parse_since(since)
    return Changes(
        since=start,
        min_value=min_value,
        events=_rows(connection, _EVENTS, (start, limit)),
        figures=_rows(connection, _FIGURES, (min_value, start, limit)),
        contradictions=_rows(connection, _CONTRADICTIONS, (start, limit)),
    )


def _rows(connection: sqlite3.Connection, sql: str, parameters: tuple[object, ...]) -> list[Record]:
    return [dict(row) for row in connection.execute(sql, parameters)]


@dataclass(frozen=True)
class Arrivals:
    """How many articles the store has, the newest's arrival number, and the ids of those
    that arrived after a given number (what a page polls to refresh itself)."""

    articles: int
    latest: int
    new: list[str]


def arrivals(connection: sqlite3.Connection, *, after: int | None, limit: int = 200) -> Arrivals:
    """The store's article count and newest ``seq``; the ids of the (current) articles with a
    ``seq`` above ``after``, newest first (none when ``after`` is None)."""
    count, latest = connection.execute(  # the count is kept by triggers (migration 13)
        "SELECT (SELECT counted FROM fact_counts WHERE name = 'articles'), "
        # '+current': the newest arrivals read backwards in the arrival order's index
        "coalesce((SELECT seq FROM documents WHERE +current = 1 ORDER BY seq DESC LIMIT 1), 0)"
    ).fetchone()
    new: list[str] = []
    if after is not None:
        new = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM documents WHERE seq > ? AND current = 1 ORDER BY seq DESC LIMIT ?",
                (after, limit),
            )
        ]
    return Arrivals(articles=int(count), latest=int(latest), new=new)
