"""The store's own errors and the mark that tells a claimwire store from other SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import ClaimwireError, ExitCode

APPLICATION_ID = 0x436C5772
"""``PRAGMA application_id`` of a claimwire store ("ClWr"): tells it from other SQLite files."""


class StoreError(ClaimwireError):
    """The store cannot be opened or used."""

    code = "E101"
    exit_code = ExitCode.USAGE


class CorruptStoreError(StoreError):
    """The file is not a readable SQLite database (damaged or not a database at all)."""

    code = "E102"


class ForeignStoreError(StoreError):
    """The file is a SQLite database, but not one claimwire made."""

    code = "E103"


class StoreLocationError(StoreError):
    """The store cannot be created or written where it was asked for."""

    code = "E104"


class StoreVersionError(StoreError):
    """The store was made by a newer claimwire (its schema is ahead of this version)."""

    code = "E105"


class StoreFullError(StoreError):
    """The disk (or the store's size limit) is full: the last write was rolled back."""

    code = "E106"


class StoreBusyError(StoreError):
    """Another ingest is writing to the store (and the caller asked not to wait)."""

    code = "E107"


def database_failure(error: sqlite3.DatabaseError, path: str | Path) -> StoreError:
    """The store error for a SQLite error met while reading or writing the store at ``path``.

    Args:
        error: What SQLite raised.
        path: The store's file.

    Returns:
        :class:`StoreFullError` for a full disk, :class:`CorruptStoreError` for a damaged
        file, :class:`StoreLocationError` for a location SQLite cannot open, else a
        :class:`StoreError` quoting SQLite's message.
    """
    reason = str(error)
    if "full" in reason:
        return StoreFullError(
            f"{path}: the disk is full (or the store reached its size limit); the article "
            "being written was rolled back and the store is intact. Free some space and run "
            "the same command again: an ingest goes on where it stopped"
        )
    if "malformed" in reason or "not a database" in reason:
        return CorruptStoreError(
            f"{path} is damaged ({reason}). Restore it from a backup, or salvage what is "
            f"readable with `sqlite3 {path} .recover | sqlite3 recovered.db`"
        )
    if "unable to open" in reason or "readonly" in reason:
        return StoreLocationError(
            f"{path} cannot be opened for this ({reason}): check that the file and its "
            "directory exist and can be written, or use a read-only command"
        )
    return StoreError(f"{path}: SQLite failed ({reason})")
