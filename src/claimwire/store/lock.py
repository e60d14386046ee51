"""One ingest at a time per store: an advisory lock file next to the database.

Two ingests into one store used to interleave: each read the inputs already done when it
started, both extracted the same new inputs, and each overwrote the other's
``inputs.status``. An ingest now holds ``DB.lock`` (``flock``, exclusive) while it writes;
a second one waits for it (and says so), or is refused when it asked not to wait. The
operating system releases the lock when its process ends, ``kill -9`` included, so a dead
ingest never leaves the store locked. Readers (queries, the dashboard) never take it.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreBusyError


def store_path(connection: sqlite3.Connection) -> Path | None:
    """The file of an open store, or None for an in-memory database."""
    for row in connection.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


@contextmanager
def writer_lock(
    path: Path | None, *, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's ingest lock while the block runs.

    Args:
        path: The store's file (None, an in-memory store: nothing to lock).
        wait: Wait for another ingest to finish; when False, refuse at once.
        on_wait: Told (once) what is being waited for, before waiting.

    Raises:
        StoreBusyError: Another ingest holds the lock and ``wait`` is False.
    """
    if path is None:
        yield
        return
    lock_file = path.with_name(path.name + ".lock")
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "?"
            message = f"another ingest (process {holder}) is writing to {path}"
            if not wait:
                raise StoreBusyError(
                    f"{message}; refused (--no-wait). Run again when it has finished"
                ) from None
            if on_wait is not None:
                on_wait(f"{message}; waiting for it to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock
