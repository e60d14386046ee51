"""Extraction on every core, with a hard time budget per article.

:func:`extract_parallel` is :func:`claimwire.nlp.extract.extract_many` run in worker
processes that can be stopped (:mod:`claimwire.nlp.worker`): each worker loads the pipeline
once and processes batches of articles; results come back in input order; at most two
batches per worker are read ahead, so memory stays bounded whatever the input size. A batch
that overruns its time budget is taken apart: its worker is killed, its articles rerun one
by one, and the article that overruns alone becomes a
:class:`~claimwire.nlp.extract.Failure` with the problem ``time_budget_exceeded``; the rest
of the run goes on.

Small inputs (fewer than two batches per worker) go to one worker shared by the whole
process (:func:`~claimwire.nlp.worker.extract_bounded`): starting workers that each load
the pipeline would cost more than it saves. Without a time budget they run in this process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING

from .limits import BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_BUDGET
from .worker import Options, extract_bounded, extract_in_workers

if TYPE_CHECKING:
    from ..input.sources import ArticleInput, InputFailure
    from ..models import Result
    from .extract import Failure

    Item = ArticleInput | InputFailure | str
    Outcome = Result | Failure

logger = logging.getLogger(__name__)


def default_jobs() -> int:
    """Worker processes by default: every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extract_parallel(
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    pool_threshold: int | None = None,
    full: bool = False,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
) -> Iterator[Outcome]:
    """Extract from a stream of articles on ``jobs`` worker processes, in input order.

    Args:
        items: Articles as read by :mod:`claimwire.input.sources`, failures of reading, or strings.
        jobs: Worker processes; default every core.
        max_chars: Longest text accepted, in characters.
        batch_size: Articles per batch sent to a worker.
        time_budget: Seconds an article may take (a batch gets this times its size,
            counted from when a worker that has loaded the pipeline receives it); its
            worker is killed :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after it.
            None for no limit.
        pool_threshold: Fewer items than this go to the process's one shared worker
            (starting workers would cost more than it saves); default two batches per job.
        full: Run the whole pipeline even on the articles the relevance gate finds
            off-topic (see :func:`~claimwire.nlp.extract.extract`).
        memory_limit: Bytes of memory one article may add to its worker (see
            :func:`~claimwire.nlp.extract.extract_many`); None for no limit.

    Yields:
        One :class:`Result` or :class:`Failure` per item, in input order.
    """
    jobs = jobs or default_jobs()
    threshold = 2 * batch_size * jobs if pool_threshold is None else pool_threshold
    options = Options(
        max_chars=max_chars, time_budget=time_budget, full=full, memory_limit=memory_limit
    )
    stream = iter(items)
    head = list(islice(stream, threshold))
    if len(head) < threshold or jobs == 1:
        yield from extract_bounded(chain(head, stream), options=options, batch_size=batch_size)
        return
    yield from extract_in_workers(
        chain(head, stream), jobs=jobs, options=options, batch_size=batch_size
    )
