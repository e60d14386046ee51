"""The store's own errors and the mark that tells a claimwire store from other SQLite files."""

from __future__ import annotations

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
