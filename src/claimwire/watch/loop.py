"""The watcher: poll sources when due, fetch new pages in threads, ingest what was fetched.

Polls and page fetches run on a pool of threads (:class:`~.fetch.Fetcher`, polite per
host); this thread extracts and stores what they fetched, batch by batch, so fetching never
waits for extraction and extraction never waits for a slow host. Every step is committed
in the store (:class:`~.state.State`), which is what makes a killed watcher resumable.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ..input.sources import (
    JSONL_SUFFIXES,
    ArticleInput,
    InputFailure,
    read_bytes,
    read_jsonl,
    with_metadata,
)
from ..models import Result
from ..nlp.extract import Failure
from ..nlp.limits import BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_BUDGET
from ..nlp.worker import Options, extract_bounded
from ..store.write import store_result
from .config import Source, SourcesFile
from .feeds import MAX_CHILD_SITEMAPS, FeedError, Listing, parse_feed, parse_sitemap, scan_folder
from .fetch import Fetched, Fetcher
from .logs import event
from .state import PendingItem, State, now_text

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 10.0
"""Seconds between two progress events."""
IDLE_WAIT = 1.0
"""Longest wait for something to do before looking at the schedule again."""


@dataclass
class WatchReport:
    """What a watcher run did, counted as it goes."""

    polls: int = 0
    failed_polls: int = 0
    discovered: int = 0
    fetched: int = 0
    failed_fetches: int = 0
    skipped: int = 0
    stored: int = 0
    duplicates: int = 0
    not_ingested: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started

    def as_dict(self) -> dict[str, float]:
        """The counts (and seconds) as a dict, for logs and JSON."""
        names = [name for name in self.__dataclass_fields__ if name != "started"]
        counts = {name: getattr(self, name) for name in names}
        return counts | {"seconds": round(self.seconds, 3)}


class Watcher:
    """Follows the sources of a sources file into one store."""

    def __init__(
        self,
        state: State,
        sources_file: SourcesFile,
        *,
        stop: threading.Event | None = None,
        fetcher: Fetcher | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        batch_size: int = BATCH_SIZE,
        on_stored: Callable[[WatchReport], None] | None = None,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self.state = state
        self.sources = sources_file.sources
        self.settings = sources_file.settings
        self.stop = stop or threading.Event()
        self.fetcher = fetcher or Fetcher(self.settings, stop=self.stop)
        self.max_chars = max_chars
        self.time_budget = time_budget
        self.memory_limit = memory_limit
        self.batch_size = batch_size
        self.on_stored = on_stored
        self.report = WatchReport()
        self._wake = threading.Event()
        self._busy_sources: set[str] = set()
        self._busy_items: set[str] = set()
        self._polled: set[str] = set()
        self._busy_lock = threading.Lock()
        self._last_progress = time.monotonic()
        self._started_at = now_text()
        self._posted_until: str | None = None
        self._posted: set[tuple[str, object]] = set()
        self._retry_due: str | None = None
        """In ``--once`` mode, failed fetches due at the start are retried, not later ones."""

    def run(self, *, once: bool = False) -> WatchReport:
        """Watch until stopped (``stop`` set, e.g. on SIGTERM), or, with ``once``, until
        every source was polled once and every item it found is fetched and ingested.

        Returns:
            What the run did.
        """
        self.state.sync_sources(self.sources)
        self._retry_due = now_text() if once else None
        event(
            logger,
            "start",
            f"watching {len(self.sources)} source(s)",
            once=once,
            sources=[source.name for source in self.sources],
        )
        pool = ThreadPoolExecutor(self.settings.fetch_workers, thread_name_prefix="claimwire-fetch")
        try:
            while not self.stop.is_set():
                now = now_text()
                self._schedule(pool, now, once=once)
                batch = self.state.fetched_items(limit=self.batch_size)
                if batch:
                    self._ingest(batch)
                    self._progress()
                    continue
                if once and self._finished(now):
                    break
                self._wake.wait(IDLE_WAIT)
                self._wake.clear()
                self._progress()
        finally:
            self.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            self.fetcher.close()
        event(logger, "stop", "watcher stopped", **self.report.as_dict())
        return self.report

    def _finished(self, now: str) -> bool:
        with self._busy_lock:
            busy = bool(self._busy_sources or self._busy_items)
        polled = all(source.name in self._polled for source in self.sources)
        return (
            polled
            and not busy
            and not self.state.items_to_fetch(now=self._retry_due or now, limit=1, busy=set())
            and not self.state.fetched_items(limit=1)
        )

    def _schedule(self, pool: ThreadPoolExecutor, now: str, *, once: bool) -> None:
        """Submit the polls that are due and the fetches that are waiting."""
        with self._busy_lock:
            busy_sources = set(self._busy_sources)
            busy_items = set(self._busy_items)
        # --once polls every source once, whatever its schedule: cron keeps the time
        due = self.sources if once else self.state.due_sources(self.sources, now)
        for source in due:
            if source.name in busy_sources or (once and source.name in self._polled):
                continue
            with self._busy_lock:
                self._busy_sources.add(source.name)
            self._submit(pool, self._poll, source)
        room = 2 * self.settings.fetch_workers - len(busy_items)
        retry_due = self._retry_due or now
        for item in self.state.items_to_fetch(now=retry_due, limit=room, busy=busy_items):
            with self._busy_lock:
                self._busy_items.add(item.id)
            self._submit(pool, self._fetch_item, item)

    def _submit(self, pool: ThreadPoolExecutor, task: Callable[..., None], item: object) -> None:
        future: Future[None] = pool.submit(task, item)
        future.add_done_callback(self._done)

    def _done(self, future: Future[None]) -> None:
        if not future.cancelled() and future.exception() is not None:
            logger.error("a watcher task failed", exc_info=future.exception())
        self._wake.set()

    def _poll(self, source: Source) -> None:
        """Poll one source and queue what it lists (in a pool thread)."""
        try:
            self._poll_source(source)
        finally:
            with self._busy_lock:
                self._busy_sources.discard(source.name)
                self._polled.add(source.name)

    def _poll_source(self, source: Source) -> None:
        now = now_text()
        self.report.polls += 1
        try:
            if source.kind == "folder":
                files = scan_folder(Path(str(source.path)), max_bytes=self.settings.max_bytes)
                new = self.state.record_folder(source, files, now=now)
                event(
                    logger,
                    "poll",
                    f"{source.name}: {new} new or changed file(s)",
                    source=source.name,
                    new=new,
                    listed=len(files),
                )
                self.report.discovered += new
                return
            read = self._read_listing(source, now)
        except FeedError as error:
            self._poll_failed(source, error.reason, now)
            return
        if read is None:
            return
        listing, fetched = read
        # the entries and the validators (ETag) in one transaction: a kill between the two
        # would otherwise hide the entries behind a 304 forever
        new = self.state.record_entries(source, listing.entries, now=now, fetched=fetched)
        self.report.discovered += new
        event(
            logger,
            "poll",
            f"{source.name}: {new} new item(s) of {len(listing.entries)}",
            source=source.name,
            new=new,
            listed=len(listing.entries),
        )

    def _read_listing(self, source: Source, now: str) -> tuple[Listing, Fetched] | None:
        """Fetch and parse a feed or sitemap; None when it did not change (304).

        Raises:
            FeedError: The fetch failed or the document cannot be read.
        """
        url = str(source.url)
        etag, last_modified = self.state.validators(source.name)
        fetched = self.fetcher.fetch(url, etag=etag, last_modified=last_modified, source=True)
        if fetched.outcome == "not_modified":
            self.state.record_unchanged(source, now=now)
            event(logger, "poll", f"{source.name}: not modified", source=source.name, new=0)
            return None
        if fetched.outcome != "ok":
            raise FeedError(fetched.reason or fetched.outcome)
        if source.kind == "feed":
            listing = parse_feed(fetched.body, url=fetched.url)
        else:
            listing = self._read_sitemaps(fetched.body)
        return listing, fetched

    def _read_sitemaps(self, body: bytes) -> Listing:
        listing = parse_sitemap(body, max_bytes=self.settings.max_bytes)
        entries = list(listing.entries)
        for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
            fetched = self.fetcher.fetch(child)
            if fetched.outcome != "ok":
                raise FeedError(f"child sitemap {child}: {fetched.reason or fetched.outcome}")
            entries.extend(parse_sitemap(fetched.body, max_bytes=self.settings.max_bytes).entries)
        return Listing(entries=tuple(entries))

    def _poll_failed(self, source: Source, reason: str, now: str) -> None:
        errors = self.state.errors_in_a_row(source.name) + 1
        retry_in = min(source.interval, self.fetcher.backoff(errors))
        self.state.record_poll_failure(source, reason, now=now, retry_in=retry_in)
        self.report.failed_polls += 1
        event(
            logger,
            "poll_failed",
            f"{source.name}: {reason}; next try in {retry_in:.1f} s",
            level=logging.WARNING,
            source=source.name,
            reason=reason,
            errors=errors,
            retry_in=round(retry_in, 3),
        )

    def _fetch_item(self, item: PendingItem) -> None:
        """Fetch one page and record what came back (in a pool thread)."""
        try:
            fetched = self.fetcher.fetch(item.url, page=True)
            if self.stop.is_set() and fetched.outcome == "failed":
                return  # cut short by the stop: tried again next run
            status = self.state.record_fetch(
                item,
                fetched,
                now=now_text(),
                max_attempts=self.settings.max_attempts,
                retry_in=self.fetcher.backoff(item.attempts + 1),
            )
            if status == "fetched":
                self.report.fetched += 1
            elif status == "skipped":
                self.report.skipped += 1
                event(
                    logger,
                    "skipped",
                    f"{item.url}: {fetched.reason}",
                    url=item.url,
                    reason=fetched.reason,
                )
            else:
                self.report.failed_fetches += 1
                event(
                    logger,
                    "fetch_failed",
                    f"{item.url}: {fetched.reason}",
                    level=logging.WARNING,
                    url=item.url,
                    reason=fetched.reason,
                    attempts=item.attempts + 1,
                )
        finally:
            with self._busy_lock:
                self._busy_items.discard(item.id)

    def _ingest(self, batch: Sequence[PendingItem]) -> None:
        """Extract the fetched items and store each with its ``done``, one transaction each."""
        inputs = {item.id: article_inputs(item) for item in batch}
        flat = [article for item in batch for article in inputs[item.id]]
        options = Options(
            max_chars=self.max_chars, time_budget=self.time_budget, memory_limit=self.memory_limit
        )  # in a worker process that is stopped when an article overruns its budget
        outcomes = iter(extract_bounded(flat, options=options, batch_size=max(1, len(flat))))
        for item in batch:
            results = [next(outcomes) for _ in inputs[item.id]]
            self._store(item, results)
        if self.settings.webhook:
            self._post_changes(self.settings.webhook)
        if self.on_stored is not None:
            self.on_stored(self.report)

    def _post_changes(self, url: str) -> None:
        """POST what changed since the last post (or the start) to the webhook; a failure
        is logged, and the same changes are sent again with the next batch."""
        from ..store.changes import changes_since

        since = self._posted_until or self._started_at
        with self.state.lock:
            found = changes_since(
                self.state.connection, since, min_value=self.settings.webhook_min_value
            )
        fresh = {
            name: [row for row in rows if (name, row["id"]) not in self._posted]
            for name, rows in zip(
                ("events", "figures", "contradictions"), found.lists(), strict=True
            )
        }
        if not any(fresh.values()):
            return
        body = {"since": found.since, "latest": found.latest, **fresh}
        self.fetcher.trust(url)
        try:
            response = self.fetcher.client.post(url, json=body)
        except httpx.HTTPError as error:
            reason = type(error).__name__
        else:
            if response.status_code < 300:
                self._posted |= {(name, row["id"]) for name, rows in fresh.items() for row in rows}
                self._posted_until = found.latest
                event(
                    logger,
                    "webhook",
                    f"posted changes to {url}",
                    url=url,
                    changes=sum(len(rows) for rows in fresh.values()),
                )
                return
            reason = f"http_{response.status_code}"
        event(
            logger,
            "webhook_failed",
            f"{url}: {reason}",
            level=logging.WARNING,
            url=url,
            reason=reason,
        )

    def _store(self, item: PendingItem, outcomes: list[Result | Failure]) -> None:
        now = now_text()
        failures = [outcome for outcome in outcomes if isinstance(outcome, Failure)]
        if len(failures) == len(outcomes):
            reason = failures[0].problem.code if failures else "no_article"
            self.state.mark_not_ingested(item, reason, now=now)
            self.report.not_ingested += 1
            event(
                logger,
                "not_ingested",
                f"{item.url}: {reason}",
                level=logging.WARNING,
                url=item.url,
                reason=reason,
            )
            return
        document_id = None
        with self.state.writing() as connection:
            for outcome in outcomes:
                if isinstance(outcome, Failure):
                    continue
                written = store_result(connection, outcome)
                document_id = document_id or written.document_id
                if written.status == "duplicate":
                    self.report.duplicates += 1
            State.mark_done(connection, item, document_id=document_id, now=now)
        self.report.stored += 1
        event(logger, "stored", f"{item.url} -> {document_id}", url=item.url, document=document_id)

    def _progress(self) -> None:
        if time.monotonic() - self._last_progress < PROGRESS_EVERY:
            return
        self._last_progress = time.monotonic()
        rate = 60 * self.report.stored / self.report.seconds if self.report.seconds else 0.0
        event(
            logger,
            "progress",
            f"{self.report.stored} stored ({rate:.0f}/min)",
            per_minute=round(rate, 1),
            **self.report.as_dict(),
            items=self.state.counts(),
        )


def article_inputs(item: PendingItem) -> list[ArticleInput | InputFailure]:
    """The articles of a fetched item: one page or file, or the lines of a JSONL file, with
    the metadata its source gave where the article gives none."""
    import io

    body = item.body or b""
    metadata = {
        "title": item.title,
        "published": item.published,
        "outlet": item.outlet,
        "language": item.language,
    }
    if item.url.startswith("file:") and Path(item.url).suffix.lower() in JSONL_SUFFIXES:
        found = read_jsonl(io.BytesIO(body), source=item.url, max_bytes=len(body) + 1)
        return [with_metadata(article, metadata) for article in found]
    found = read_bytes(body, source=item.url)
    return [with_metadata(article, metadata | {"url": item.url}) for article in found]


def watch(
    db: str | Path,
    sources: str | Path,
    *,
    once: bool = False,
    stop: threading.Event | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    batch_size: int = BATCH_SIZE,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
) -> WatchReport:
    """Follow the sources of the file ``sources`` into the store ``db``.

    Args:
        db: The store (created when missing).
        sources: The sources file (see :mod:`claimwire.watch.config`).
        once: Poll each source once, fetch and ingest what it lists, and return.
        stop: Set it (from a signal handler, another thread) to stop gracefully: the batch
            being ingested is finished and committed first.
        max_chars: Longest article accepted, in characters.
        time_budget: Seconds an article may take before it is recorded as failed (its
            worker process is stopped at most :data:`~claimwire.nlp.limits.KILL_GRACE`
            seconds later).
        batch_size: Fetched items extracted together.
        memory_limit: Bytes of memory one article may add to its process before it is
            recorded as failed; None for no limit.

    Returns:
        What the run did.

    Raises:
        SourcesFileError: The sources file is wrong, or lists no source.
        StoreError: The store cannot be opened.
    """
    from ..store.db import open_store
    from .config import load_sources
    from .errors import SourcesFileError

    sources_file = load_sources(sources)
    if not sources_file.sources:
        raise SourcesFileError(
            f"{sources} lists no source; add one with `claimwire sources add NAME URL "
            f"--sources {sources}`"
        )
    connection = open_store(db)
    try:
        watcher = Watcher(
            State(connection),
            sources_file,
            stop=stop,
            max_chars=max_chars,
            time_budget=time_budget,
            batch_size=batch_size,
            memory_limit=memory_limit,
        )
        return watcher.run(once=once)
    finally:
        connection.close()
