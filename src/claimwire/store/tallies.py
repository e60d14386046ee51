"""Events and fatalities per day, kept by the write path for the activity charts.

The charts of :mod:`.activity` group every matching event report by event and then by
period; on a store of a million articles that is seconds of work per request. For the
charts of the whole store and of one country, the store keeps the grouping itself
(migration 11): one row per event (cluster) and country with its first day and type
(``activity_clusters``), one per event, country and claimant with the highest toll it gave
(``activity_claims``), and their sums per day (``activity_days``, ``activity_claim_days``).
Country ``''`` stands for every country.

:func:`refresh` recomputes the rows of the events an article touched, inside the article's
write transaction: their old rows are taken out of the daily sums, recomputed from the
reports, and added back, so the sums always equal a full grouping of the reports.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

REPORTS_COUNTED = (
    "e.current = 1 AND e.duplicate = 0 "
    "AND e.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0) "
    "AND e.date IS NOT NULL AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))"
)
"""The reports the tallies count: those the event list shows by default, with a date no
later than their article's publication. Reports dated in the future are counted too; the
charts read the tallies only while no event's last date is after today."""

_OF_KEYS = (
    "(e.cluster_id IN (SELECT key FROM temp.activity_keys) "
    "OR (e.cluster_id IS NULL AND e.id IN (SELECT key FROM temp.activity_keys)))"
)
_KEYS = "key IN (SELECT key FROM temp.activity_keys)"


def _reports(columns: str, extra: str = "") -> str:
    """The counted reports of the touched events, once for every country ('') and once
    for their own country."""
    where = f"WHERE {_OF_KEYS} AND {REPORTS_COUNTED}{extra}"
    return (
        f"SELECT coalesce(e.cluster_id, e.id) AS key, '' AS country, {columns} FROM events e "
        f"{where} UNION ALL SELECT coalesce(e.cluster_id, e.id), e.country, {columns} "
        f"FROM events e {where} AND e.country IS NOT NULL"
    )


_EVENT_COLUMNS = "substr(e.date, 1, 10) AS day, e.date AS date, e.type AS type"
_CLAIM_COLUMNS = (
    "coalesce(e.claimant_entity, e.claimant) AS who, substr(e.date, 1, 10) AS day, "
    "e.fatalities AS fatalities, e.claimant AS written, e.claimant_type AS kind"
)

_TYPE_CLAIM_DAYS = (
    "INSERT INTO activity_type_claim_days "
    "(country, type, who, day, fatalities, events, written, kind) "
    "SELECT country, type, who, day, {sign}sum(best), {sign}count(*), min(written), min(kind) "
    f"FROM activity_claims WHERE {_KEYS} GROUP BY country, type, who, day "
    "ON CONFLICT (country, type, who, day) DO UPDATE SET fatalities = fatalities + "
    "excluded.fatalities, events = events + excluded.events"
)
"""The touched events' claimant rows into (``{sign}`` ``-``: out of) the sums per type."""

_TAKE_OUT = (
    # take the touched events out of the daily sums
    "INSERT INTO activity_days (country, day, type, events) "
    f"SELECT country, day, type, -count(*) FROM activity_clusters WHERE {_KEYS} "
    "GROUP BY country, day, type "
    "ON CONFLICT (country, day, type) DO UPDATE SET events = events + excluded.events",
    "INSERT INTO activity_claim_days (country, day, who, fatalities, events, written, kind) "
    f"SELECT country, day, who, -sum(best), -count(*), min(written), min(kind) "
    f"FROM activity_claims WHERE {_KEYS} GROUP BY country, who, day "
    "ON CONFLICT (country, who, day) DO UPDATE SET fatalities = fatalities + "
    "excluded.fatalities, events = events + excluded.events",
    _TYPE_CLAIM_DAYS.format(sign="-"),
    f"DELETE FROM activity_clusters WHERE {_KEYS}",
    f"DELETE FROM activity_claims WHERE {_KEYS}",
)
"""The touched events' rows out of the tallies."""

_PUT_BACK = (
    # recompute them from their reports
    "INSERT INTO activity_clusters (key, country, day, last, type) "
    f"SELECT key, country, min(day), max(date), min(type) FROM ({_reports(_EVENT_COLUMNS)}) "
    "GROUP BY key, country",
    "INSERT INTO activity_claims (key, country, who, day, best, written, kind) "
    "SELECT key, country, who, min(day), max(fatalities), min(written), min(kind) FROM "
    f"({_reports(_CLAIM_COLUMNS, ' AND e.fatalities IS NOT NULL')}) GROUP BY key, country, who",
    # each claimant row has its event's type
    "UPDATE activity_claims SET type = coalesce((SELECT k.type FROM activity_clusters k "
    "WHERE k.key = activity_claims.key AND k.country = activity_claims.country), '') "
    f"WHERE {_KEYS}",
    # and add them back
    "INSERT INTO activity_days (country, day, type, events) "
    f"SELECT country, day, type, count(*) FROM activity_clusters WHERE {_KEYS} "
    "GROUP BY country, day, type "
    "ON CONFLICT (country, day, type) DO UPDATE SET events = events + excluded.events",
    "INSERT INTO activity_claim_days (country, day, who, fatalities, events, written, kind) "
    f"SELECT country, day, who, sum(best), count(*), min(written), min(kind) "
    f"FROM activity_claims WHERE {_KEYS} GROUP BY country, who, day "
    "ON CONFLICT (country, who, day) DO UPDATE SET fatalities = fatalities + "
    "excluded.fatalities, events = events + excluded.events, "
    "written = min(written, excluded.written), kind = min(kind, excluded.kind)",
    _TYPE_CLAIM_DAYS.format(sign="")
    + ", written = min(written, excluded.written), kind = min(kind, excluded.kind)",
    "DELETE FROM activity_days WHERE events = 0",
    "DELETE FROM activity_claim_days WHERE events = 0",
    "DELETE FROM activity_type_claim_days WHERE events = 0",
)
"""The touched events' rows recomputed from their reports, and into the tallies."""

TABLES = (
    "activity_clusters",
    "activity_claims",
    "activity_days",
    "activity_claim_days",
    "activity_type_claim_days",
)
"""The tallies' tables."""


def refresh(connection: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Recompute the tallies of some events (cluster ids, or the ids of reports without a
    cluster), inside the caller's transaction; ids of events that no longer exist take
    their rows away."""
    chosen = sorted(set(keys))
    if not chosen:
        return
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS activity_keys (key TEXT PRIMARY KEY)")
    connection.execute("DELETE FROM temp.activity_keys")
    connection.executemany(
        "INSERT INTO temp.activity_keys (key) VALUES (?)", [(key,) for key in chosen]
    )
    for step in (*_TAKE_OUT, *_PUT_BACK):
        connection.execute(step)
    connection.execute("DELETE FROM temp.activity_keys")


def rebuild(connection: sqlite3.Connection) -> None:
    """Recompute every tally from the stored reports (inside the caller's transaction);
    what a store written outside the write path needs (the synthetic store)."""
    for table in TABLES:
        connection.execute(f"DELETE FROM {table}")
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS activity_keys (key TEXT PRIMARY KEY)")
    connection.execute("DELETE FROM temp.activity_keys")
    connection.execute(
        "INSERT OR IGNORE INTO temp.activity_keys (key) "
        "SELECT DISTINCT coalesce(cluster_id, id) FROM events"
    )
    for step in _PUT_BACK:
        connection.execute(step)
    connection.execute("DELETE FROM temp.activity_keys")


def usable(connection: sqlite3.Connection) -> bool:
    """Whether the tallies give the charts' answer today: no counted event has a report
    dated after today (such a report is left out of the charts until its day comes)."""
    later = connection.execute(
        "SELECT 1 FROM activity_clusters WHERE country = '' AND last > date('now') LIMIT 1"
    ).fetchone()
    return later is None
