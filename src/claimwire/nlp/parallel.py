"""Extraction on every core, with a time budget per article.

Small inputs (fewer than two batches per worker) run in this process: starting workers
that each load the pipeline would cost more than it saves.

:func:`extract_parallel` is :func:`claimwire.nlp.extract.extract_many` spread over worker
processes: each worker loads the pipeline once and processes batches of articles; results
come back in input order; at most two batches per worker are in flight, so memory stays
bounded whatever the input size. A batch that overruns its time budget is taken apart: its
workers are stopped, its articles rerun one by one, and the article that overruns alone
becomes a :class:`~claimwire.nlp.extract.Failure` with the problem ``time_budget_exceeded``;
the rest of the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult, Pool

from ..input.language import identifier
from ..input.sources import ArticleInput, InputFailure
from ..models import Result
from .extract import Failure, budget_problem, extract_many, text_length
from .limits import BATCH_CHARS, BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET
from .pipeline import get_nlp

logger = logging.getLogger(__name__)

Item = ArticleInput | InputFailure | str
Outcome = Result | Failure


def default_jobs() -> int:
    """Worker processes by default: every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _load_pipeline() -> None:
    get_nlp()
    identifier()  # the language model, so that no article's time budget pays for loading it


def _run_batch(batch: list[Item], max_chars: int, full: bool = False) -> list[Outcome]:
    return list(extract_many(batch, max_chars=max_chars, batch_size=len(batch), full=full))


def _source(item: Item, number: int) -> str:
    return item if isinstance(item, str) else item.source if item.source else f"<item {number}>"


class _Workers:
    """A pool of pipeline-loaded workers that can be stopped and restarted."""

    def __init__(self, jobs: int, full: bool = False) -> None:
        self.jobs = jobs
        self.full = full
        self.context = multiprocessing.get_context("spawn")
        self.pool: Pool = self._start()

    def _start(self) -> Pool:
        return self.context.Pool(self.jobs, initializer=_load_pipeline)

    def submit(self, batch: list[Item], max_chars: int) -> AsyncResult[list[Outcome]]:
        return self.pool.apply_async(_run_batch, (batch, max_chars, self.full))

    def restart(self) -> None:
        self.pool.terminate()
        self.pool.join()
        self.pool = self._start()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def extract_parallel(
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    startup: float = 60.0,
    pool_threshold: int | None = None,
    full: bool = False,
) -> Iterator[Outcome]:
    """Extract from a stream of articles on ``jobs`` worker processes, in input order.

    Args:
        items: Articles as read by :mod:`claimwire.input.sources`, failures of reading, or strings.
        jobs: Worker processes; default every core.
        max_chars: Longest text accepted, in characters.
        batch_size: Articles per batch sent to a worker.
        time_budget: Seconds an article may take (a batch gets this times its size, plus the
            worker's start-up); None for no limit.
        startup: Seconds allowed on top of the budget for a worker to load the pipeline.
        pool_threshold: Fewer items than this run in this process (starting workers would
            cost more than it saves; the time budget is then checked cooperatively, see
            :func:`~claimwire.nlp.extract.extract_many`); default two batches per job.
        full: Run the whole pipeline even on the articles the relevance gate finds
            off-topic (see :func:`~claimwire.nlp.extract.extract`).

    Yields:
        One :class:`Result` or :class:`Failure` per item, in input order.
    """
    jobs = jobs or default_jobs()
    threshold = 2 * batch_size * jobs if pool_threshold is None else pool_threshold
    stream = iter(items)
    head = list(islice(stream, threshold))
    if len(head) < threshold or (jobs == 1 and time_budget is None):
        yield from extract_many(
            chain(head, stream),
            max_chars=max_chars,
            batch_size=batch_size,
            time_budget=time_budget,
            full=full,
        )
        return
    workers = _Workers(jobs, full)
    in_flight: deque[tuple[list[Item], AsyncResult[list[Outcome]]]] = deque()
    batches = _batches(chain(head, stream), batch_size)
    try:
        for batch in batches:
            in_flight.append((batch, workers.submit(batch, max_chars)))
            if len(in_flight) >= 2 * workers.jobs:
                yield from _collect(workers, in_flight, max_chars, time_budget, startup)
        while in_flight:
            yield from _collect(workers, in_flight, max_chars, time_budget, startup)
    finally:
        workers.close()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches of ``size`` items, or fewer when their texts reach ``BATCH_CHARS``."""
    batch: list[Item] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item) if isinstance(item, str) else text_length(item)
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _collect(
    workers: _Workers,
    in_flight: deque[tuple[list[Item], AsyncResult[list[Outcome]]]],
    max_chars: int,
    time_budget: float | None,
    startup: float,
) -> Iterator[Outcome]:
    """Yield the oldest batch's outcomes, taking it apart if it overruns its budget."""
    batch, pending = in_flight.popleft()
    timeout = None if time_budget is None else startup + time_budget * len(batch)
    try:
        yield from pending.get(timeout=timeout)
        return
    except multiprocessing.TimeoutError:
        logger.warning("a batch of %d articles overran its time budget; isolating", len(batch))
    waiting = [queued for queued, _ in in_flight]
    in_flight.clear()
    workers.restart()
    for number, item in enumerate(batch):
        single = workers.submit([item], max_chars)
        try:
            yield from single.get(timeout=startup + (time_budget or 0.0))
        except multiprocessing.TimeoutError:
            workers.restart()
            yield Failure(_source(item, number), budget_problem(time_budget))
    for queued in waiting:
        in_flight.append((queued, workers.submit(queued, max_chars)))
