"""The corpus store: many articles in one SQLite file, with cross-document aggregation.

``open_store(path)`` opens or creates a store; ``write_result`` is the one write path;
:mod:`~claimwire.store.queries` reads figures, claims, events, contradictions and series;
:mod:`~claimwire.store.export` writes JSONL, CSV, Parquet, GeoJSON and ACLED-style CSV.
See docs/corpus.md.
"""

from __future__ import annotations

from .db import (
    DEFAULT_DB,
    CorruptStoreError,
    ForeignStoreError,
    StoreError,
    StoreLocationError,
    StoreVersionError,
    open_store,
)
from .write import WriteOutcome, load_result, write_result

__all__ = [
    "DEFAULT_DB",
    "CorruptStoreError",
    "ForeignStoreError",
    "StoreError",
    "StoreLocationError",
    "StoreVersionError",
    "WriteOutcome",
    "load_result",
    "open_store",
    "write_result",
]
