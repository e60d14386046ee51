"""Opening a claimwire store: a SQLite file in WAL mode, checked before it is touched.

A file that is not a SQLite database, or a SQLite database that another program made,
is refused with a clear error and never written to. A location claimwire cannot write
gives a clear error before anything is created.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from pathlib import Path

from ..errors import ClaimwireError
from .errors import (
    APPLICATION_ID,
    CorruptStoreError,
    ForeignStoreError,
    StoreLocationError,
    StoreVersionError,
)
from .known import StoreConnection
from .migrations import migrate, pending
from .series import rebuild_days
from .write import transaction

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
"""How long a writer or reader waits for a lock held by another process."""

DEFAULT_DB = "claimwire.db"


def open_store(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (or create) the claimwire store at ``path`` and bring its schema up to date.

    Args:
        path: The database file. Created with its directory's permission when missing
            (unless ``readonly``).
        readonly: Open for queries only: nothing is created or migrated.

    Returns:
        A connection in autocommit mode (``isolation_level=None``): writers open their
        own transactions. Rows come back as :class:`sqlite3.Row`.

    Raises:
        CorruptStoreError: The file is not a readable SQLite database.
        ForeignStoreError: The file is another program's SQLite database.
        StoreLocationError: The location cannot be written (or, read-only, does not exist).
        StoreVersionError: The store was made by a newer claimwire.
    """
    path = Path(path)
    _check_file(path, readonly=readonly)
    connection: sqlite3.Connection | None = None
    try:
        connection = _connect(path, readonly=readonly)
        _check_owner(connection, path)
        if readonly:
            if pending(connection):
                raise StoreVersionError(
                    f"{path} has an older schema; open it once for writing "
                    "(e.g. `claimwire ingest`) to upgrade it"
                )
        else:
            pending(connection)  # a newer schema is refused before anything is changed
            connection.execute("PRAGMA journal_mode=WAL")
            applied = migrate(connection)
            if SERIES_DAYS in applied:
                # the series' days are worked out in Python from the figures, once
                with transaction(connection):
                    rebuild_days(connection)
            if applied:
                _analyze(connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if isinstance(error, sqlite3.OperationalError) and "malformed" not in str(error):
            raise  # a failing migration or a lock: not the file's fault
        raise CorruptStoreError(
            f"{path} is not a readable SQLite database ({error}); it was left untouched. "
            "Give another --db path, or restore the file from a backup"
        ) from None
    except ClaimwireError:
        if connection is not None:
            connection.close()
        raise
    return connection


ANALYSIS_LIMIT = 1000
"""Rows of each index sampled by ``ANALYZE`` after a migration (``PRAGMA analysis_limit``)."""


def _analyze(connection: sqlite3.Connection) -> None:
    """Refresh the query planner's statistics after a migration: a new index without them
    beside old ones with them can make the planner read the wrong one (the map's box and
    dates at a million articles: 1.3 s against 0.24 s). Sampled, a few seconds at a million
    articles."""
    connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
    connection.execute("ANALYZE")


SERIES_DAYS = 17
"""The schema that adds ``series_days``: opening an older store fills it."""


def _check_file(path: Path, *, readonly: bool) -> None:
    if path.is_dir():
        raise StoreLocationError(f"{path} is a directory; give a database file path with --db")
    if path.exists():
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise CorruptStoreError(
                f"{path} is not a SQLite database (it starts with {header[:8]!r}); "
                "claimwire will not overwrite it. Give another --db path"
            )
        if readonly:
            return
        if not _can_write_file(path):
            raise StoreLocationError(
                f"{path} is read-only; claimwire cannot write to it. The read commands "
                "(figures, claims, export, ...) and `claimwire serve --read-only` can read it"
            )
        if not _can_create_in(path.parent):
            raise StoreLocationError(
                f"the directory {path.parent} is read-only; SQLite needs to write its journal "
                "files next to the database. Move the database or make the directory "
                "writable; the read commands and `claimwire serve --read-only` can read it"
            )
        return
    if readonly:
        raise StoreLocationError(
            f"no database at {path}; create one with `claimwire ingest PATH --db {path}`"
        )
    parent = path.parent
    if not parent.is_dir():
        raise StoreLocationError(f"cannot create {path}: the directory {parent} does not exist")
    if not _can_create_in(parent):
        raise StoreLocationError(
            f"cannot create {path}: the directory {parent} is read-only; give a writable --db path"
        )


def _can_create_in(directory: Path) -> bool:
    """Try to create (and remove) a file: permission bits do not tell for root or read-only
    file systems. The file's name is unique per call: threads of one server probing at once
    each made the same file, and all but one found the directory "read-only"."""
    probe = directory / f".claimwire-probe-{os.getpid()}-{threading.get_ident()}-{uuid.uuid4().hex}"
    try:
        descriptor = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError:
        return False
    os.close(descriptor)
    probe.unlink(missing_ok=True)
    return True


def _can_write_file(path: Path) -> bool:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return False
    os.close(descriptor)
    return True


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        connection = _connect_readonly(path)
    else:
        connection = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, factory=StoreConnection
        )
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only, also where SQLite cannot create the WAL's side files.

    A store in WAL mode needs ``-wal`` and ``-shm`` files next to it even to be read. In a
    read-only directory or mount (a CD, a ``:ro`` volume) they cannot be made, so the store
    is opened ``immutable``: SQLite then reads the file as it is, without locks. That is
    right only when no WAL holds committed pages the file lacks; a left-over ``-wal`` (a
    writer was killed) in such a place is refused with a message instead.
    """
    uri = path.resolve().as_uri()
    connection = _uri_connection(f"{uri}?mode=ro")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        connection.close()
        if "unable to open" not in str(error):
            raise
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreLocationError(
                f"{path} cannot be read here: its write-ahead log {wal.name} holds changes "
                "not yet in the database, and the directory is read-only. Open the store "
                "once where it can be written (any read command does), then copy it back"
            ) from None
        logger.info("%s is in a read-only location: opened immutable", path)
        connection = _uri_connection(f"{uri}?mode=ro&immutable=1")
    return connection


def _uri_connection(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, factory=StoreConnection
    )


def _check_owner(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite database that has tables but is not a claimwire store.

    Both are read in one read transaction: another process creating the store commits its
    first tables and the application id together, and two separate reads could fall on
    either side of that commit (tables seen, id not yet).
    """
    connection.execute("BEGIN")
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view')"
        ).fetchone()[0]
    finally:
        connection.execute("COMMIT")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0 or tables:
        raise ForeignStoreError(
            f"{path} is a SQLite database made by another program (not a claimwire store); "
            "claimwire will not touch it. Give another --db path"
        )
