"""``Corpus``: the store as one Python object (what ``claimwire.Corpus(path)`` gives)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Result
from ..nlp.limits import BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_BUDGET
from ..store.db import open_store
from ..store.queries import Filters, claims, clusters, contradictions, events, figures
from ..store.series import Series, read_series
from ..store.write import WriteOutcome, load_result, write_result

_PANDAS_TYPES = {
    "string": "string",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "datetime64[ns]",
}
"""Export column kind -> pandas dtype (nullable, so a missing value stays missing)."""

if TYPE_CHECKING:  # ingest imports the pipeline (spaCy); querying a corpus does not need it
    import pandas

    from .ingest import IngestProgress, IngestReport


class Corpus:
    """A claimwire store: ingest articles, add results, query facts.

    Query methods take the fields of :class:`~claimwire.store.queries.Filters` as keyword
    arguments (``since``, ``until``, ``country``, ``claimant``, ``measure``, ``category``,
    ``type``, ``side``, ``outlet``, ``limit``, ``offset`` ...) and return rows as dicts:
    every matching row unless ``limit`` is given (the command line and the dashboard page
    their results; a Python caller gets all of them).

    Example::

        corpus = Corpus("claimwire.db")
        corpus.ingest(["articles.jsonl"])
        corpus.figures(measure="killed", claimant="Ukraine")
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create) the store at ``path``.

        Raises:
            StoreError: The file is corrupt, another program's, or cannot be written.
        """
        self.path = Path(path)
        self.connection: sqlite3.Connection = open_store(self.path, readonly=readonly)

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Callable[[IngestProgress], None] | None = None,
        count_first: bool = False,
        jobs: int | None = None,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        batch_size: int = BATCH_SIZE,
        max_chars: int = DEFAULT_MAX_CHARS,
        metadata: Mapping[str, str | None] | None = None,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> IngestReport:
        """Extract every article of ``paths`` into this store, skipping inputs already done.

        Args:
            paths: Files (text, HTML, JSONL) and directories of them.
            progress: Called after each input with the running counts.
            count_first: Read the inputs once beforehand to know the total (for an ETA).
            jobs: Extraction worker processes (default every core; small inputs run in
                this process).
            time_budget: Seconds an article may take before it is skipped and recorded as
                failed; None for no limit.
            batch_size: Articles per spaCy batch.
            max_chars: Longest article accepted, in characters.
            metadata: ``published``, ``outlet``, ``url`` or ``title`` for the articles
                that do not give their own (plain-text files).
            memory_limit: Bytes of memory one article may add to its process before it
                is skipped and recorded as failed; None for no limit.

        Returns:
            Counts of what was done and the inputs that failed (see
            :func:`claimwire.corpus.ingest.ingest`).

        Raises:
            InputNotFoundError: A path does not exist (nothing is read then).
        """
        from .ingest import ingest  # loads the pipeline: only when ingesting

        return ingest(
            paths,
            self.connection,
            progress=progress,
            count_first=count_first,
            jobs=jobs,
            time_budget=time_budget,
            batch_size=batch_size,
            max_chars=max_chars,
            metadata=metadata,
            memory_limit=memory_limit,
        )

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

    def frame(self, table: str, **filters: Any) -> pandas.DataFrame:
        """Every row of ``table`` matching the filters, as a pandas DataFrame.

        ``table`` is one of ``figures``, ``claims``, ``events``, ``clusters``,
        ``contradictions``; the columns and types are the export's
        (:func:`~claimwire.store.export.table_schema`): days as ``datetime64``, yes/no as
        nullable booleans, counts as nullable integers.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'claimwire[pandas]'``).
            InvalidOptionError: Unknown table.
        """
        from ..errors import MissingExtraError
        from ..store.export import table_rows, table_schema, typed_rows

        try:
            import pandas as pd
        except ImportError:
            raise MissingExtraError(
                "Corpus.frame needs pandas: pip install 'claimwire[pandas]' (or pandas)"
            ) from None
        schema = table_schema(table)
        rows = table_rows(self.connection, table, Filters(**{"limit": None, **filters}))
        data = pd.DataFrame(typed_rows(table, rows), columns=[name for name, _ in schema])
        return data.astype({name: _PANDAS_TYPES[kind] for name, kind in schema})

    def series(self, **filters: Any) -> list[Series]:
        """Claimed series matching the filters."""
        return read_series(self.connection, Filters(**{"limit": None, **filters}))

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
        return query(self.connection, Filters(**{"limit": None, **filters}))
