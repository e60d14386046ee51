"""Ingesting articles into a store: read, extract on every core, write each result atomically.

Extraction runs in worker processes (:func:`claimwire.nlp.parallel.extract_parallel`); this
process is the store's one writer. Resumable: every input (a file, a JSONL line) has a
key, a hash of where it was read and what it holds, committed in the same transaction as
its result. Run again after any interruption (kill -9 included), ingest skips the keys
already done and goes on with the rest; ids are content hashes, so nothing is stored
twice. A broken input is recorded with its problem and reported; the others go on.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from ..input.sources import ArticleInput, InputFailure, read_sources, with_metadata
from ..models import Problem
from ..nlp.extract import Failure
from ..nlp.limits import BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_BUDGET
from ..nlp.parallel import extract_parallel
from ..store import open_store
from ..store.errors import database_failure
from ..store.lock import store_path, writer_lock
from ..store.write import record_failure, write_result

logger = logging.getLogger(__name__)

LISTED_FAILURES = 1_000
"""Failed inputs an ingest report lists (with their problems); the ones after are counted
only (every one is recorded in the store's ``inputs`` table). A million broken JSONL lines
kept in the report took 1.5 GB (issue 20)."""


@dataclass
class IngestProgress:
    """Where an ingest stands; passed to the ``progress`` callback after each input."""

    done: int = 0
    """Inputs handled in this run (stored, unchanged or failed)."""
    total: int | None = None
    """Inputs to handle in this run, when counted beforehand."""
    skipped: int = 0
    """Inputs already done by an earlier run."""
    new: int = 0
    versions: int = 0
    duplicates: int = 0
    unchanged: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        """Seconds since the ingest started."""
        return time.perf_counter() - self.started

    @property
    def articles_per_second(self) -> float:
        """Inputs handled per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did, with the inputs that failed."""

    progress: IngestProgress
    failures: list[tuple[str, Problem]]
    """The first :data:`LISTED_FAILURES` failed inputs, with their problems."""
    seconds: float

    @property
    def unlisted_failures(self) -> int:
        """Failed inputs of this run not in :attr:`failures` (counted only)."""
        return self.progress.failed - len(self.failures)

    @property
    def stored(self) -> int:
        """Articles written in this run (new, new versions and wire copies)."""
        return self.progress.new + self.progress.versions + self.progress.duplicates


def input_key(item: ArticleInput | InputFailure) -> str:
    """The key of an input: a hash of its source and content (and metadata)."""
    digest = hashlib.sha256()
    if isinstance(item, InputFailure):
        parts = ["failure", item.source, item.problem.code, item.problem.message]
    else:
        parts = [
            item.source,
            item.text if item.text is not None else "",
            item.html if item.html is not None else "",
            *(
                value or ""
                for value in (item.title, item.outlet, item.url, item.published, item.id)
            ),
            # only when given, so that the keys of inputs without one stay as they were
            *([item.language] if item.language is not None else []),
        ]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def ingest(
    paths: Iterable[str | Path],
    db: str | Path | sqlite3.Connection,
    *,
    progress: Callable[[IngestProgress], None] | None = None,
    count_first: bool = False,
    jobs: int | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    batch_size: int = BATCH_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    metadata: Mapping[str, str | None] | None = None,
    wait: bool = True,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Extract every article of ``paths`` and store it, skipping inputs already done.

    One ingest writes to a store at a time (:mod:`claimwire.store.lock`): another one
    waits for it, so both keep their own inputs' status.

    Args:
        paths: Files (text, HTML, JSONL) and directories of them.
        db: The store's path (created when missing), or an open store connection.
        progress: Called after each input with the running counts (the CLI draws a bar).
        count_first: Read the inputs once beforehand to know the total (for an ETA).
        jobs: Extraction worker processes (default every core; small inputs run in this
            process). Writing stays in this process: the store has one writer.
        time_budget: Seconds an article may take before it is skipped and recorded as
            failed (``time_budget_exceeded``); None for no limit. It is hard: the
            article's worker process is stopped at most
            :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after it.
        memory_limit: Bytes of memory one article may add to its worker before it is
            skipped and recorded as failed (``memory_limit_exceeded``); None for no limit.
        batch_size: Articles per spaCy batch.
        max_chars: Longest article accepted, in characters.
        metadata: ``published``, ``outlet``, ``url`` or ``title`` for the articles that
            do not give their own (plain-text files).
        wait: Wait while another ingest writes to the store (else refuse at once).
        on_wait: Told what is being waited for, before waiting (the CLI prints it).

    Returns:
        Counts of what was done and the inputs that failed.

    Raises:
        InputNotFoundError: A path does not exist (nothing is read then).
        StoreError: The store cannot be opened (corrupt, foreign, read-only location),
            is damaged or the disk is full (``StoreFullError``: the article being
            written is rolled back; a rerun goes on where this one stopped).
        StoreBusyError: Another ingest is writing and ``wait`` is False.
    """
    names = [str(path) for path in paths]
    connection = db if isinstance(db, sqlite3.Connection) else open_store(db)
    path = store_path(connection)
    state = IngestProgress()
    failures: list[tuple[str, Problem]] = []
    try:
        with writer_lock(path, wait=wait, on_wait=on_wait):
            _run(
                names,
                connection,
                state,
                failures,
                progress=progress,
                count_first=count_first,
                options={
                    "jobs": jobs,
                    "time_budget": time_budget,
                    "batch_size": batch_size,
                    "memory_limit": memory_limit,
                },
                max_chars=max_chars,
                metadata=metadata,
            )
    except sqlite3.DatabaseError as error:
        raise database_failure(error, path or ":memory:") from error
    finally:
        if not isinstance(db, sqlite3.Connection):
            connection.close()
    return IngestReport(progress=state, failures=failures, seconds=state.seconds)


def _run(
    names: list[str],
    connection: sqlite3.Connection,
    state: IngestProgress,
    failures: list[tuple[str, Problem]],
    *,
    progress: Callable[[IngestProgress], None] | None,
    count_first: bool,
    options: dict[str, Any],
    max_chars: int,
    metadata: Mapping[str, str | None] | None,
) -> None:
    """The ingest itself, under the store's lock (the inputs done are read under it)."""
    done = {row[0] for row in connection.execute("SELECT key FROM inputs")}
    if count_first:
        state.total = sum(
            1
            for item in read_sources(names, max_bytes=4 * max_chars)
            if input_key(with_metadata(item, metadata)) not in done
        )
    keys: deque[tuple[str, str]] = deque()
    todo = _pending(names, done, keys, state, max_chars=max_chars, metadata=metadata)
    first = next(todo, None)
    if first is None:  # everything done already: do not load the pipeline
        return
    outcomes = extract_parallel(chain([first], todo), max_chars=max_chars, **options)
    for outcome in outcomes:
        key, source = keys.popleft()
        if isinstance(outcome, Failure):
            record_failure(connection, key, source=source, problem=outcome.problem)
            if len(failures) < LISTED_FAILURES:
                failures.append((outcome.source, outcome.problem))
            state.failed += 1
        else:
            written = write_result(connection, outcome, input_key=key, source=source)
            _count(state, written.status)
        state.done += 1
        if progress is not None:
            progress(state)


def _pending(
    names: list[str],
    done: set[str],
    keys: deque[tuple[str, str]],
    state: IngestProgress,
    *,
    max_chars: int,
    metadata: Mapping[str, str | None] | None = None,
) -> Iterator[ArticleInput | InputFailure]:
    """The inputs not done yet; each key is queued as its input goes to extraction."""
    seen: set[str] = set()
    for read in read_sources(names, max_bytes=4 * max_chars):
        item = with_metadata(read, metadata)
        key = input_key(item)
        if key in done or key in seen:
            state.skipped += 1
            continue
        seen.add(key)
        keys.append((key, item.source))
        yield item


def _count(state: IngestProgress, status: str) -> None:
    if status == "new":
        state.new += 1
    elif status == "version":
        state.versions += 1
    elif status == "duplicate":
        state.duplicates += 1
    else:
        state.unchanged += 1
