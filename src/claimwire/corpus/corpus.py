"""``Corpus``: the store as one Python object (what ``claimwire.Corpus(path)`` gives)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..models import Result
from ..store.db import open_store
from ..store.queries import Filters, claims, clusters, contradictions, events, figures
from ..store.series import Series, read_series
from ..store.write import WriteOutcome, load_result, write_result


class Corpus:
    """A claimwire store: ingest articles, add results, query facts.

    Query methods take the fields of :class:`~claimwire.store.queries.Filters` as keyword
    arguments (``since``, ``until``, ``country``, ``claimant``, ``measure``, ``category``,
    ``type``, ``side``, ``outlet``, ``limit``, ``offset`` ...) and return rows as dicts.

    Example::

        corpus = Corpus("claimwire.db")
        corpus.ingest(["articles.jsonl"])
        corpus.figures(measure="killed", claimant="Ukraine", limit=None)
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create) the store at ``path``.

        Raises:
            StoreError: The file is corrupt, another program's, or cannot be written.
        """
        self.path = Path(path)
        self.connection: sqlite3.Connection = open_store(self.path, readonly=readonly)

    def ingest(self, paths: Iterable[str | Path], **options: Any) -> Any:
        """Ingest files and directories (see :func:`claimwire.corpus.ingest.ingest`)."""
        from .ingest import ingest

        return ingest(paths, self.connection, **options)

    def add(self, result: Result) -> WriteOutcome:
        """Store one extraction result (the one write path)."""
        return write_result(self.connection, result)

    def result(self, document_id: str) -> Result:
        """The stored result of a document."""
        return load_result(self.connection, document_id)

    def figures(self, **filters: Any) -> list[dict[str, Any]]:
        """Figures matching the filters."""
        return self._query(figures, filters)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        """Claims matching the filters."""
        return self._query(claims, filters)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Event reports matching the filters."""
        return self._query(events, filters)

    def clusters(self, **filters: Any) -> list[dict[str, Any]]:
        """Events (clusters of reports) matching the filters."""
        return self._query(clusters, filters)

    def contradictions(self, **filters: Any) -> list[dict[str, Any]]:
        """Contradictions matching the filters."""
        return self._query(contradictions, filters)

    def series(self, **filters: Any) -> list[Series]:
        """Claimed series matching the filters."""
        return read_series(self.connection, Filters(**filters))

    def close(self) -> None:
        """Close the store."""
        self.connection.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _query(
        self,
        query: Callable[[sqlite3.Connection, Filters], list[dict[str, Any]]],
        filters: dict[str, Any],
    ) -> list[dict[str, Any]]:
        return query(self.connection, Filters(**filters))
