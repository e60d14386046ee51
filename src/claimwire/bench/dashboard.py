"""Time every dashboard page and API list endpoint on a store, with the common filters.

:func:`cases` picks the values to filter with from the store itself (its most reported
country, most quoted claimant, most named place and region, newest event, article and
contradiction), so the same cases run on any store; :func:`run` asks each case's URL
``rounds`` times in process (FastAPI's test client: the handler, the SQL and the
rendering, no network) and gives each one's first, median and 95th-percentile time.
Rounds of a list page ask successive pages (``offset`` 0, 100, 200 ...): the first answer
counts the matches, the others read the count cached for the store's version, as paging
through a list does. See docs/scale.md for the table on a 1,000,000-article store.
"""

from __future__ import annotations

import math
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..store import open_store
from ..store.filters import Cursor, Filters
from ..store.queries import LISTS


@dataclass(frozen=True)
class Case:
    """One URL to time, and whether its rounds page through the list."""

    name: str
    url: str
    pages: bool = False


@dataclass(frozen=True)
class Timing:
    """How long a case took: every round's milliseconds, the answer's size and status."""

    case: Case
    milliseconds: list[float]
    status: int
    size: int

    @property
    def first(self) -> float:
        """The first round (cold caches)."""
        return self.milliseconds[0]

    @property
    def p50(self) -> float:
        """The median round."""
        return statistics.median(self.milliseconds)

    @property
    def p95(self) -> float:
        """The 95th percentile of the rounds (nearest rank)."""
        ordered = sorted(self.milliseconds)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Sample:
    """Values of the store the cases filter with."""

    country: str
    claimant: str
    place: str
    region: str
    since: str
    until: str
    cluster: str
    article: str
    contradiction: str
    bbox: str
    cursors: dict[str, str]
    """List name -> the cursor (``after``) of its row 50,000 deep, newest first."""


def sample(db: Path) -> Sample:
    """The values the cases filter with, read from the store at ``db``."""
    connection = open_store(db, readonly=True)
    try:

        def one(sql: str) -> str:
            row = connection.execute(sql).fetchone()
            return "" if row is None or row[0] is None else str(row[0])

        country = one(
            "SELECT country FROM clusters WHERE country IS NOT NULL "
            "GROUP BY country ORDER BY count(*) DESC LIMIT 1"
        )
        last = one("SELECT max(date_start) FROM clusters") or "2026-01-01"
        year = str(int(last[:4]) - 1)
        return Sample(
            country=country or "UA",
            claimant=one(
                "SELECT name FROM entities WHERE kind = 'claimant' AND type NOT IN "
                "('outlet', 'anonymous') ORDER BY mentions DESC LIMIT 1"
            ),
            place=one(
                "SELECT name FROM entities WHERE kind = 'place' AND type = 'P' "
                "ORDER BY mentions DESC LIMIT 1"
            ),
            region=one(
                "SELECT admin1 FROM entities WHERE kind = 'place' AND admin1 IS NOT NULL "
                "ORDER BY mentions DESC LIMIT 1"
            ),
            since=f"{year}-01-01",
            until=f"{year}-06-30",
            cluster=one(
                "SELECT id FROM clusters WHERE reports > 0 ORDER BY date_start DESC LIMIT 1"
            ),
            article=one("SELECT id FROM documents WHERE current = 1 ORDER BY seq DESC LIMIT 1"),
            contradiction=one("SELECT id FROM contradictions ORDER BY date DESC LIMIT 1"),
            bbox=_bbox(connection, country),
            cursors={name: _deep_cursor(connection, name) for name in _CURSOR_LISTS},
        )
    finally:
        connection.close()


_CURSOR_LISTS = ("figures", "claims", "events")
DEPTH = 50_000
"""How deep the deep-page cases read (by cursor; ``offset`` stops at 10,000)."""


def _deep_cursor(connection: sqlite3.Connection, name: str) -> str:
    """The cursor of the list's row :data:`DEPTH` deep (newest first), or of its oldest."""
    query = LISTS[name].in_order()
    for depth in (DEPTH, 0):
        filters = Filters(descending=depth > 0, limit=1, offset=depth)
        row = connection.execute(*query.sql(filters)).fetchone()
        if row is not None:
            return Cursor.of(dict(row), query.order).text()
    return "~none"


def _bbox(connection: object, country: str) -> str:
    """A box around the country's places (the map's view of it)."""
    row = connection.execute(  # type: ignore[attr-defined]
        "SELECT min(lon), min(lat), max(lon), max(lat) FROM entities "
        "WHERE kind = 'place' AND country = ? AND lat IS NOT NULL",
        (country,),
    ).fetchone()
    if row is None or row[0] is None:
        return "-180,-90,180,90"
    return ",".join(f"{value:.2f}" for value in row)


def cases(found: Sample) -> list[Case]:
    """Every page and API list endpoint, unfiltered and with each common filter."""
    q = quote
    dates = f"since={found.since}&until={found.until}"
    listed: list[Case] = []
    for name, path in (
        ("figures", "figures"),
        ("claims", "claims"),
        ("events", "events"),
        ("articles", "articles"),
    ):
        for api in ("", "/api"):
            prefix = f"{api}/{path}"
            kind = "API " if api else "page "
            listed += [
                Case(f"{kind}{name}", f"{prefix}?", pages=True),
                Case(f"{kind}{name}, country", f"{prefix}?country={found.country}", pages=True),
                Case(f"{kind}{name}, dates", f"{prefix}?{dates}", pages=True),
                Case(
                    f"{kind}{name}, claimant", f"{prefix}?claimant={q(found.claimant)}", pages=True
                ),
                Case(f"{kind}{name}, place", f"{prefix}?place={q(found.place)}", pages=True),
                Case(f"{kind}{name}, region", f"{prefix}?admin1={q(found.region)}", pages=True),
                Case(f"{kind}{name}, keyword in every row", f"{prefix}?keyword=said", pages=True),
                Case(f"{kind}{name}, rare keyword", f"{prefix}?keyword=curfew", pages=True),
                Case(f"{kind}{name}, offset 10,000", f"{prefix}?offset=10000"),
                Case(
                    f"{kind}{name}, oldest first, country + dates",
                    f"{prefix}?country={found.country}&{dates}&sort=date",
                    pages=True,
                ),
            ]
            if name in found.cursors and name != "articles":
                listed.append(
                    Case(
                        f"{kind}{name}, 50,000 deep by cursor",
                        f"{prefix}?after={q(found.cursors[name])}",
                    )
                )
            if name == "events":
                listed.append(Case(f"{kind}{name}, type", f"{prefix}?type=Battles", pages=True))
                listed.append(Case(f"{kind}{name}, box", f"{prefix}?bbox={found.bbox}", pages=True))
    box = f"bbox={found.bbox}"
    listed += [
        Case("page overview", "/"),
        Case("API overview", "/api/overview"),
        Case("page map", "/map"),
        Case("API clusters (map), world", "/api/clusters?limit=500&bbox=-180,-90,180,90"),
        Case("API clusters (map), country box", f"/api/clusters?limit=500&{box}"),
        Case("API clusters (map), box + dates", f"/api/clusters?limit=500&{box}&{dates}"),
        Case("API clusters (map), box + type", f"/api/clusters?limit=500&{box}&type=Battles"),
        Case(
            "API clusters (map), box + claimant",
            f"/api/clusters?limit=500&{box}&claimant={q(found.claimant)}",
        ),
        Case("API clusters, offset 10,000", "/api/clusters?offset=10000"),
        Case("API towns", f"/api/towns?{box}&zoom=7"),
        Case("page event", f"/events/{q(found.cluster)}"),
        Case("API event", f"/api/events/{q(found.cluster)}"),
        Case("page article", f"/articles/{q(found.article)}"),
        Case("API article", f"/api/articles/{q(found.article)}"),
        Case("page contradictions", "/contradictions?", pages=True),
        Case("API contradictions", "/api/contradictions?", pages=True),
        Case(
            "API contradictions, open, country",
            f"/api/contradictions?open=true&country={found.country}",
            pages=True,
        ),
        Case("page contradiction", f"/contradictions/{q(found.contradiction)}"),
        Case("API timeline", "/api/timeline?", pages=True),
        Case(
            "API timeline, country + dates",
            f"/api/timeline?country={found.country}&{dates}",
            pages=True,
        ),
        Case("API activity", "/api/activity"),
        Case("API activity, country", f"/api/activity?country={found.country}"),
        Case("page series", "/series"),
        Case("page series, country + dates", f"/series?country={found.country}&{dates}"),
        Case("API series", "/api/series"),
        Case("API series, claimant", f"/api/series?claimant={q(found.claimant)}"),
        Case("API places", "/api/places?", pages=True),
        Case("API places, country", f"/api/places?country={found.country}", pages=True),
        Case("API changes", "/api/changes?since=2026-11-01"),
        Case("API live", "/api/live"),
        Case("page sources", "/sources"),
        Case("API sources", "/api/sources"),
    ]
    return listed


def run(
    db: Path,
    *,
    rounds: int = 10,
    only: str | None = None,
    progress: Callable[[Timing], None] | None = None,
) -> list[Timing]:
    """Time every case on the store at ``db`` (opened read-only).

    Args:
        db: The store.
        rounds: Requests per case.
        only: Time only the cases whose name contains this text (or one of the texts
            between ``|``: ``"figures|claims"``).
        progress: Called with each case's timing as it is done.
    """
    from fastapi.testclient import TestClient

    from ..web.app import create_app

    client = TestClient(create_app(db, read_only=True, allowed_hosts=["testserver"]))
    timings = []
    for case in cases(sample(db)):
        if only and not any(part in case.name for part in only.split("|")):
            continue
        spent: list[float] = []
        status, size = 200, 0
        for round_ in range(rounds):
            url = case.url
            if case.pages:
                url += f"&offset={100 * round_}"
            started = time.perf_counter()
            answer = client.get(url)
            spent.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 200:
                status = answer.status_code
            size = max(size, len(answer.content))
        timing = Timing(case, spent, status, size)
        timings.append(timing)
        if progress:
            progress(timing)
    return timings


def table(timings: list[Timing]) -> str:
    """The timings as a Markdown table (milliseconds), slowest p95 first."""
    lines = [
        "| case | URL | first ms | p50 ms | p95 ms | size KB | status |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for timing in sorted(timings, key=lambda found: -found.p95):
        lines.append(
            f"| {timing.case.name} | `{timing.case.url.rstrip('?')}` | {timing.first:.0f} | "
            f"{timing.p50:.0f} | {timing.p95:.0f} | {timing.size / 1000:.0f} | {timing.status} |"
        )
    return "\n".join(lines)
