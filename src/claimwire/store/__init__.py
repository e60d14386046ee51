"""The corpus store: many articles in one SQLite file, with cross-document aggregation.

``open_store(path)`` opens or creates a store; ``write_result`` is the one write path;
:mod:`~claimwire.store.queries` reads figures, claims, events, contradictions and series;
:mod:`~claimwire.store.export` writes JSONL, CSV, Parquet, GeoJSON and ACLED-style CSV.
See docs/corpus.md. The store imports nothing above it: the ``Corpus`` facade, which
also ingests, is :class:`claimwire.Corpus` (:mod:`claimwire.corpus`).

The names below are loaded on first use (PEP 562), so that reading a constant such as
:data:`~claimwire.store.db.DEFAULT_DB` does not load the models and the write path.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import DEFAULT_DB, open_store
    from .errors import (
        CorruptStoreError,
        ForeignStoreError,
        StoreError,
        StoreLocationError,
        StoreVersionError,
    )
    from .write import WriteOutcome, load_result, write_result

_PUBLIC = {
    "DEFAULT_DB": ".db",
    "CorruptStoreError": ".errors",
    "ForeignStoreError": ".errors",
    "StoreError": ".errors",
    "StoreLocationError": ".errors",
    "StoreVersionError": ".errors",
    "open_store": ".db",
    "WriteOutcome": ".write",
    "load_result": ".write",
    "write_result": ".write",
}
"""Each public name and the module that defines it."""

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


def __getattr__(name: str) -> Any:
    """Load a public name on first use and keep it as an attribute of the package."""
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's attributes, public names included before they are loaded."""
    return sorted({*globals(), *__all__})
