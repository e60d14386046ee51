"""Bounds on submitted articles: their size, their time, and how many at once.

A submission larger than :attr:`SubmissionLimits.max_bytes` is refused (``413
submission_too_large``); one that takes longer than :attr:`SubmissionLimits.time_budget`
is given up (``422 time_budget_exceeded``): it is extracted in a worker process that is
killed :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after the budget if the pipeline's
own check has not stopped it sooner (:mod:`claimwire.nlp.worker`); one that takes more
than :attr:`SubmissionLimits.memory_limit` is ``422 article_rejected`` (its message says
so); at most
``workers`` submissions extract at once and at most ``waiting`` wait for a turn: one more
is answered at once with ``503 busy`` and ``Retry-After``, never left waiting in silence.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..nlp.limits import DEFAULT_MEMORY_LIMIT
from .errors import ApiError
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET, DEFAULT_WAITING, DEFAULT_WORKERS


@dataclass(frozen=True)
class SubmissionLimits:
    """How large, how long and how many submissions the server takes.

    Attributes:
        max_bytes: Largest article, in bytes.
        time_budget: Seconds one article may take to extract.
        workers: Submissions extracting at once.
        waiting: Submissions waiting for a turn beyond ``workers``.
        memory_limit: Bytes of memory one article may add to its worker process; None for
            no limit.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float = DEFAULT_TIME_BUDGET
    workers: int = DEFAULT_WORKERS
    waiting: int = DEFAULT_WAITING
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT

    def check_size(self, content: str | bytes) -> None:
        """Refuse an article over :attr:`max_bytes`.

        Raises:
            ApiError: 413 ``submission_too_large``.
        """
        size = len(content.encode("utf-8")) if isinstance(content, str) else len(content)
        if size > self.max_bytes:
            raise ApiError(
                413,
                "submission_too_large",
                f"the article is {size:,} bytes; this server takes submissions of up to "
                f"{self.max_bytes:,} bytes (claimwire serve --submit-max-bytes)",
            )


class SubmissionQueue:
    """At most ``workers`` holders at once and ``waiting`` more waiting; beyond, busy."""

    def __init__(self, limits: SubmissionLimits) -> None:
        self.limits = limits
        self._turns = threading.BoundedSemaphore(limits.workers)
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def retry_after(self) -> int:
        """Seconds a refused client should wait: one article's time budget."""
        return max(1, math.ceil(self.limits.time_budget))

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold one of the ``workers`` turns for the duration of the ``with`` block.

        Raises:
            ApiError: 503 ``busy`` (with ``Retry-After``) when ``workers`` submissions
                extract and ``waiting`` wait already, or when no turn came within the
                time the ones ahead may take.
        """
        limits = self.limits
        with self._lock:
            if self._admitted >= limits.workers + limits.waiting:
                raise self._busy()
            self._admitted += 1
        try:
            ahead = math.ceil((limits.waiting + 1) / limits.workers)
            if not self._turns.acquire(timeout=limits.time_budget * ahead + 5):
                raise self._busy()
            try:
                yield
            finally:
                self._turns.release()
        finally:
            with self._lock:
                self._admitted -= 1

    def _busy(self) -> ApiError:
        limits = self.limits
        return ApiError(
            503,
            "busy",
            f"the server is busy: {limits.workers} submission(s) extracting and "
            f"{limits.waiting} waiting; send it again in {self.retry_after} s",
            headers={"Retry-After": str(self.retry_after)},
        )
