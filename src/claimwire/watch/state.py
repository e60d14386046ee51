"""The watcher's state in the store: sources' health and every item's progress.

An item (an article URL, or a folder's file) goes ``queued`` -> ``fetched`` (its body kept
in the store) -> ``done`` (its article stored, the body dropped), or ends ``failed`` or
``skipped`` with a reason; a failed fetch is tried again later (``next_try``) until
``max_attempts``. Each step is one transaction, and the article and its ``done`` are one
transaction with it, so a watcher killed at any moment and started again goes on where it
was: what was fetched is not fetched again, and nothing is stored twice.

One :class:`State` is shared by the watcher's threads; a lock serializes its use of the
one connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..store.rows import WatchItemRow, WatchItemSourceRow, WatchSourceRow
from ..store.tables import insert
from ..store.write import transaction
from .config import Source
from .feeds import Entry, FolderFile
from .fetch import Fetched

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid")
"""Query parameters that say where a reader came from, not what the page is."""
ITEM_STATUSES = ("queued", "fetched", "done", "failed", "skipped")


def now_text(moment: dt.datetime | None = None) -> str:
    """A UTC time as the watch tables store it (ISO 8601 with milliseconds)."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="milliseconds")


def later(moment: str, seconds: float) -> str:
    """The stored time ``seconds`` after ``moment``."""
    return now_text(dt.datetime.fromisoformat(moment) + dt.timedelta(seconds=seconds))


def normalize_url(url: str) -> str:
    """The key form of a URL: scheme and host in lower case, no default port, no fragment,
    no tracking parameters (``utm_*``, ``fbclid`` ...), an empty path as ``/``."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PARAMETERS)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def item_id(url: str) -> str:
    """An item's id: a hash of its normalized URL."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class PendingItem:
    """An item to fetch, or a fetched item to ingest."""

    id: str
    url: str
    attempts: int
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    body: bytes | None = None


class State:
    """The watch tables of one store, used by the watcher's threads (see the module)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.lock = threading.RLock()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """The connection inside a write transaction, the lock held."""
        with self.lock, transaction(self.connection) as connection:
            yield connection

    def sync_sources(self, sources: Sequence[Source]) -> None:
        """Make a row for each configured source (its health is kept across runs)."""
        with self.writing() as connection:
            for source in sources:
                insert(
                    connection,
                    [WatchSourceRow(name=source.name, kind=source.kind, location=source.location)],
                    or_else="IGNORE",
                )
                connection.execute(
                    "UPDATE watch_sources SET kind = ?, location = ? WHERE name = ?",
                    (source.kind, source.location, source.name),
                )

    def due_sources(self, sources: Sequence[Source], now: str) -> list[Source]:
        """The sources whose next poll is due."""
        with self.lock:
            rows = {
                row["name"]: row["next_poll"]
                for row in self.connection.execute("SELECT name, next_poll FROM watch_sources")
            }
        return [s for s in sources if rows.get(s.name) is None or rows[s.name] <= now]

    def validators(self, name: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of a source's last full response."""
        with self.lock:
            row = self.connection.execute(
                "SELECT etag, last_modified FROM watch_sources WHERE name = ?", (name,)
            ).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def record_entries(
        self,
        source: Source,
        entries: Sequence[Entry],
        *,
        now: str,
        fetched: Fetched | None,
    ) -> int:
        """A successful poll: its entries queued (once each), the source's health updated.

        Returns:
            The number of items new to the store.
        """
        new = 0
        with self.writing() as connection:
            for entry in entries:
                url = normalize_url(entry.url)
                if urlsplit(url).scheme not in ("http", "https"):
                    continue
                key = item_id(url)
                row = WatchItemRow(
                    id=key,
                    url=url,
                    status="queued",
                    title=entry.title,
                    published=entry.published,
                    outlet=entry.outlet or source.outlet,
                    language=entry.language or source.language,
                    discovered=now,
                    updated=now,
                )
                new += insert(connection, [row], or_else="IGNORE")
                self._carried(connection, key, source.name, now)
            self._succeeded(connection, source, now, fetched)
        return new

    def record_folder(self, source: Source, files: Sequence[FolderFile], *, now: str) -> int:
        """A poll of a folder: new files and changed ones (another hash) are ready to ingest.

        Returns:
            The number of files new or changed.
        """
        changed = 0
        with self.writing() as connection:
            for file in files:
                key = item_id(file.url)
                stored = connection.execute(
                    "SELECT content_hash FROM watch_items WHERE id = ?", (key,)
                ).fetchone()
                if stored is not None and stored["content_hash"] == file.content_hash:
                    continue
                status, reason = (
                    ("fetched", None) if file.body is not None else ("skipped", "too_large")
                )
                if stored is not None:  # a changed file: ingested again (a new version)
                    connection.execute(
                        "UPDATE watch_items SET status = ?, reason = ?, content_hash = ?, "
                        "body = ?, attempts = 0, next_try = NULL, updated = ? WHERE id = ?",
                        (status, reason, file.content_hash, file.body, now, key),
                    )
                    self._carried(connection, key, source.name, now)
                    changed += 1
                    continue
                row = WatchItemRow(
                    id=key,
                    url=file.url,
                    status=status,
                    reason=reason,
                    content_hash=file.content_hash,
                    outlet=source.outlet,
                    language=source.language,
                    discovered=now,
                    updated=now,
                    body=file.body,
                )
                insert(connection, [row])
                self._carried(connection, key, source.name, now)
                changed += 1
            self._succeeded(connection, source, now, None)
        return changed

    def _carried(self, connection: sqlite3.Connection, key: str, source: str, now: str) -> None:
        added = insert(
            connection,
            [WatchItemSourceRow(item_id=key, source=source, first_seen=now)],
            or_else="IGNORE",
        )
        if added:
            connection.execute(
                "UPDATE watch_sources SET items = items + 1 WHERE name = ?", (source,)
            )

    def _succeeded(
        self, connection: sqlite3.Connection, source: Source, now: str, fetched: Fetched | None
    ) -> None:
        connection.execute(
            "UPDATE watch_sources SET last_poll = ?, last_success = ?, errors = 0, "
            "next_poll = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
            "WHERE name = ?",
            (
                now,
                now,
                later(now, source.interval),
                fetched.etag if fetched else None,
                fetched.last_modified if fetched else None,
                source.name,
            ),
        )

    def record_unchanged(self, source: Source, *, now: str) -> None:
        """A poll answered 304 Not Modified: a success with nothing new."""
        with self.writing() as connection:
            self._succeeded(connection, source, now, None)

    def record_poll_failure(self, source: Source, reason: str, *, now: str, retry_in: float) -> int:
        """A failed poll: counted, its reason kept, the next poll in ``retry_in`` seconds.

        Returns:
            The failures in a row, this one included.
        """
        with self.writing() as connection:
            connection.execute(
                "UPDATE watch_sources SET last_poll = ?, errors = errors + 1, "
                "failures = failures + 1, last_error = ?, next_poll = ? WHERE name = ?",
                (now, reason, later(now, retry_in), source.name),
            )
            row = connection.execute(
                "SELECT errors FROM watch_sources WHERE name = ?", (source.name,)
            ).fetchone()
        return int(row["errors"])

    def errors_in_a_row(self, name: str) -> int:
        """A source's failed polls since its last success."""
        with self.lock:
            row = self.connection.execute(
                "SELECT errors FROM watch_sources WHERE name = ?", (name,)
            ).fetchone()
        return int(row["errors"]) if row else 0

    def items_to_fetch(self, *, now: str, limit: int, busy: set[str]) -> list[PendingItem]:
        """Queued items, and failed ones whose next try is due, oldest first."""
        if limit <= 0:
            return []
        with self.lock:
            rows = self.connection.execute(
                "SELECT id, url, attempts, title, published, outlet, language FROM watch_items "
                "WHERE status = 'queued' OR (status = 'failed' AND next_try <= ?) "
                "ORDER BY discovered, id LIMIT ?",
                (now, limit + len(busy)),
            ).fetchall()
        return [PendingItem(**dict(row)) for row in rows if row["id"] not in busy][:limit]

    def record_fetch(
        self, item: PendingItem, fetched: Fetched, *, now: str, max_attempts: int, retry_in: float
    ) -> str:
        """What fetching an item gave: its body kept, or the failure (tried again later
        while attempts remain) or the reason it is skipped.

        Returns:
            The item's new status.
        """
        with self.writing() as connection:
            if fetched.outcome == "ok":
                connection.execute(
                    "UPDATE watch_items SET status = 'fetched', reason = NULL, body = ?, "
                    "content_hash = ?, attempts = attempts + 1, next_try = NULL, updated = ? "
                    "WHERE id = ?",
                    (fetched.body, hashlib.sha256(fetched.body).hexdigest(), now, item.id),
                )
                return "fetched"
            if fetched.outcome == "failed" and item.attempts + 1 < max_attempts:
                status, next_try = "failed", later(now, retry_in)
            else:
                status, next_try = ("failed" if fetched.outcome == "failed" else "skipped"), None
            connection.execute(
                "UPDATE watch_items SET status = ?, reason = ?, attempts = attempts + 1, "
                "next_try = ?, updated = ? WHERE id = ?",
                (status, fetched.reason, next_try, now, item.id),
            )
            return status

    def fetched_items(self, *, limit: int) -> list[PendingItem]:
        """Fetched items waiting to be ingested, in the order they were fetched."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT id, url, attempts, title, published, outlet, language, body "
                "FROM watch_items WHERE status = 'fetched' ORDER BY updated, id LIMIT ?",
                (limit,),
            ).fetchall()
        return [PendingItem(**dict(row)) for row in rows]

    @staticmethod
    def mark_done(
        connection: sqlite3.Connection, item: PendingItem, *, document_id: str | None, now: str
    ) -> None:
        """Record an item's article as stored (inside the transaction that stored it)."""
        connection.execute(
            "UPDATE watch_items SET status = 'done', document_id = ?, body = NULL, "
            "reason = NULL, updated = ? WHERE id = ?",
            (document_id, now, item.id),
        )

    def mark_not_ingested(self, item: PendingItem, reason: str, *, now: str) -> None:
        """Record a fetched item whose content could not be extracted (not tried again)."""
        with self.writing() as connection:
            connection.execute(
                "UPDATE watch_items SET status = 'failed', reason = ?, body = NULL, "
                "next_try = NULL, updated = ? WHERE id = ?",
                (reason, now, item.id),
            )

    def counts(self) -> dict[str, int]:
        """Items per status."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT status, count(*) AS n FROM watch_items GROUP BY status"
            ).fetchall()
        found = {row["status"]: int(row["n"]) for row in rows}
        return {status: found.get(status, 0) for status in ITEM_STATUSES}


def source_health(
    connection: sqlite3.Connection, *, now: str | None = None
) -> list[dict[str, Any]]:
    """Every source the store knows, with its health: last poll and success, failures in a
    row and in all, the last error, the next poll, items carried (all and in the last 24
    hours), and its items' statuses."""
    since = later(now or now_text(), -24 * 3600)
    rows = connection.execute(
        "SELECT s.name, s.kind, s.location, s.last_poll, s.last_success, s.errors, s.failures, "
        "s.last_error, s.next_poll, s.items, "
        "(SELECT count(*) FROM watch_item_sources c WHERE c.source = s.name "
        " AND c.first_seen >= ?) AS items_24h, "
        "coalesce(n.stored, 0) AS stored, coalesce(n.not_stored, 0) AS not_stored "
        "FROM watch_sources s LEFT JOIN watch_source_counts n ON n.source = s.name "  # triggers
        "ORDER BY s.name",
        (since,),
    ).fetchall()
    return [dict(row) | {"healthy": row["errors"] == 0} for row in rows]


def item_sources(connection: sqlite3.Connection, url: str) -> list[str]:
    """The sources that carried the item at ``url`` (normalized first)."""
    rows = connection.execute(
        "SELECT source FROM watch_item_sources WHERE item_id = ? ORDER BY first_seen, source",
        (item_id(normalize_url(url)),),
    ).fetchall()
    return [row["source"] for row in rows]
