"""Extraction in worker processes that can be stopped: a hard time budget per article.

The pipeline's own time budget is cooperative (:func:`~claimwire.nlp.extract.extract_many`
checks it between components, between the model's pieces and inside the long loops), so an
article can overrun it by as long as the longest stretch between two checks: one model pass
over a piece of text, or one component on a huge document. A process can be stopped at
any moment: :class:`ArticleWorker` is a process that loads the pipeline once and extracts
the batches it is sent; :func:`extract_in_workers` sends each batch to a worker and, when a
batch is not back :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after its budget, kills
the worker (a new one starts loading at once), runs the batch's articles again one by one,
and gives up the article that overruns alone (``time_budget_exceeded``). The rest goes on.

The budget of a batch is its articles' budgets added up, counted from when the batch is
sent to a worker that has loaded the pipeline (loading is never counted). Only the
picklable inputs and results cross the process boundary; this module imports spaCy only in
the workers, so a server or a command using it starts without it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from ..errors import ClaimwireError, WorkerError
from .limits import BATCH_CHARS, BATCH_SIZE, DEFAULT_MAX_CHARS, DEFAULT_MEMORY_LIMIT, KILL_GRACE

if TYPE_CHECKING:
    from ..input.sources import ArticleInput, InputFailure
    from ..models import Result
    from .extract import Failure

    Item = ArticleInput | InputFailure | str
    Outcome = Result | Failure

logger = logging.getLogger(__name__)

WARM_UP = "Rebels killed 12 soldiers near Kharkiv on Monday, officials said."
"""Extracted by a worker before it says it is ready: the gazetteer, the relevance gate and
the resources the first article would load lazily are loaded outside any budget."""

STARTUP_SECONDS = 600.0
"""Longest a worker may take to load the pipeline before it is taken for broken."""


@dataclass(frozen=True)
class Options:
    """How a worker extracts a batch (the keywords of
    :func:`~claimwire.nlp.extract.extract_many`)."""

    max_chars: int = DEFAULT_MAX_CHARS
    time_budget: float | None = None
    full: bool = False
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT


def _serve(connection: Connection) -> None:
    """A worker's loop: load the pipeline, say so, then extract each batch received."""
    from ..input.language import identifier
    from .extract import extract_many
    from .pipeline import get_nlp

    try:
        get_nlp()
        identifier()  # the language model too: no article's budget pays for loading it
        list(extract_many([WARM_UP]))  # and what the first article loads lazily
    except ClaimwireError as error:  # sent as its class and message: it is raised again there
        connection.send(("error", (type(error), error.message)))
        return
    connection.send(("ready", None))
    while True:
        try:
            batch, options = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        outcomes = list(
            extract_many(
                batch,
                max_chars=options.max_chars,
                batch_size=max(1, len(batch)),
                time_budget=options.time_budget,
                full=options.full,
                memory_limit=options.memory_limit,
            )
        )
        connection.send(("done", outcomes))


PIPELINE_VARIABLES = ("CLAIMWIRE_MODEL", "CLAIMWIRE_CACHE")
"""The environment variables the pipeline reads when it loads (the model's name, where the
gazetteer is cached)."""


def environment_key() -> tuple[str | None, ...]:
    """The settings a worker takes from the environment when it starts
    (:data:`PIPELINE_VARIABLES`): a worker started under others is replaced."""
    return tuple(os.environ.get(name) for name in PIPELINE_VARIABLES)


class ArticleWorker:
    """One process with the pipeline loaded, extracting the batches it is sent; it can be
    killed at any moment and started again.

    Not thread-safe: one caller at a time (see :class:`WorkerPool`).
    """

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.process: BaseProcess | None = None
        self.connection: Connection | None = None
        self.ready = False
        self.pending = False
        """A batch was sent and its outcomes not read yet."""
        self.environment = environment_key()

    def start(self) -> None:
        """Start the process loading the pipeline (without waiting for it)."""
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child,), name="claimwire-worker", daemon=True
        )
        process.start()
        child.close()
        self.process, self.connection, self.ready, self.pending = process, parent, False, False
        self.environment = environment_key()

    def ensure_started(self) -> Connection:
        """The connection to the process, started first if it is not running (or was
        started under other ``CLAIMWIRE_*`` settings)."""
        if self.connection is None or self.environment != environment_key():
            self.stop()
            self.start()
        return self._connection()

    def _connection(self) -> Connection:
        if self.connection is None:
            raise WorkerError("the extraction worker is not started")
        return self.connection

    @property
    def alive(self) -> bool:
        """Whether the process is started and running."""
        return self.process is not None and self.process.is_alive()

    @property
    def exit_code(self) -> int | None:
        """The process's exit code (None while it runs)."""
        return self.process.exitcode if self.process is not None else None

    def wait_ready(self, timeout: float = STARTUP_SECONDS) -> None:
        """Start the process if needed and wait until it has loaded the pipeline.

        Raises:
            ClaimwireError: The worker's own error (``ModelNotFoundError``), or
                ``WorkerError`` when it stopped or took longer than ``timeout``.
        """
        if self.connection is not None and not self.alive:  # died idle (killed, out of memory)
            self.stop()
        connection = self.ensure_started()
        if self.ready:
            return
        if not connection.poll(timeout):
            self.stop()
            raise WorkerError(f"an extraction worker did not load the pipeline in {timeout:g} s")
        self.take_ready()

    def take_ready(self) -> None:
        """Read the worker's first message: it has loaded the pipeline, or it could not.

        Raises:
            ClaimwireError: The worker's own error, or ``WorkerError`` when it stopped.
        """
        try:
            kind, payload = self._connection().recv()
        except (EOFError, OSError):
            code = self.exit_code
            self.stop()
            raise WorkerError(
                f"an extraction worker stopped while loading the pipeline (exit code {code})"
            ) from None
        if kind == "error":
            self.stop()
            error_class, message = payload
            raise error_class(message)
        self.ready = True

    def send(self, batch: list[Item], options: Options) -> None:
        """Send ``batch`` to the worker (ready: see :meth:`wait_ready`)."""
        self._connection().send((batch, options))
        self.pending = True

    def receive(self) -> list[Outcome] | None:
        """The outcomes of the batch sent (waits for them); None when the worker died
        (it is then started again)."""
        try:
            _kind, outcomes = self._connection().recv()
        except (EOFError, OSError):
            self.restart()
            return None
        self.pending = False
        return list(outcomes)

    def run(self, batch: list[Item], options: Options, timeout: float | None) -> Answer:
        """Extract ``batch``, killing the worker if it is not done within ``timeout``.

        Returns:
            ``("done", outcomes)``, ``("timeout", None)`` (the worker was killed and is
            loading again) or ``("died", exit code)`` (the worker stopped by itself).
        """
        self.wait_ready()
        self.send(batch, options)
        if not self._connection().poll(timeout):
            self.restart()
            return ("timeout", None)
        code = self.exit_code
        outcomes = self.receive()
        if outcomes is None:
            return ("died", code)
        return ("done", outcomes)

    def restart(self) -> None:
        """Kill the process and start a new one loading the pipeline."""
        self.stop()
        self.start()

    def stop(self) -> None:
        """Kill the process (SIGKILL: it may be inside the model) and reap it."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process.close()
        if self.connection is not None:
            self.connection.close()
        self.process, self.connection, self.ready, self.pending = None, None, False, False


Answer = tuple[str, Any]
"""What :meth:`ArticleWorker.run` tells: ``("done", outcomes)``, ``("timeout", None)`` or
``("died", exit code)``."""


class WorkerPool:
    """Up to ``size`` workers shared by threads: each call takes an idle one (started on
    first use), so at most ``size`` extractions run at once."""

    def __init__(self, size: int = 1) -> None:
        self.size = size
        self._idle: list[ArticleWorker] = []
        self._made = 0
        self._lock = threading.Condition()
        self._closed = False

    def grow(self, size: int) -> None:
        """Allow at least ``size`` workers at once."""
        with self._lock:
            self.size = max(self.size, size)
            self._lock.notify_all()

    def take(self) -> ArticleWorker:
        """An idle worker (waits for one when ``size`` are busy)."""
        with self._lock:
            while not self._idle and self._made >= self.size:
                self._lock.wait()
            if self._idle:
                return self._idle.pop()
            self._made += 1
            return ArticleWorker()

    def give_back(self, worker: ArticleWorker) -> None:
        """Return ``worker`` taken with :meth:`take`."""
        with self._lock:
            if self._closed:
                worker.stop()
            else:
                self._idle.append(worker)
            self._lock.notify()

    def extract(self, batch: list[Item], options: Options) -> list[Outcome]:
        """The outcomes of ``batch`` within its budget, as :func:`extract_in_workers`."""
        worker = self.take()
        try:
            return list(_extract_on(worker, batch, options))
        finally:
            self.give_back(worker)

    def close(self) -> None:
        """Stop every idle worker (a busy one is stopped when it is given back)."""
        with self._lock:
            self._closed = True
            for worker in self._idle:
                worker.stop()
            self._idle.clear()


def _extract_on(worker: ArticleWorker, batch: list[Item], options: Options) -> list[Outcome]:
    """``batch`` on one worker: again one by one if it overruns or kills its worker."""
    status, payload = worker.run(batch, options, batch_timeout(options, len(batch)))
    if status == "done":
        return list(payload)
    if len(batch) > 1:
        logger.warning("a batch of %d articles overran its budget; isolating", len(batch))
        return [outcome for item in batch for outcome in _extract_on(worker, [item], options)]
    return [given_up(batch[0], 0, status, payload, options)]


def batch_timeout(options: Options, size: int) -> float | None:
    """Seconds a batch of ``size`` may take before its worker is killed."""
    if options.time_budget is None:
        return None
    return options.time_budget * size + KILL_GRACE


def given_up(item: Item, number: int, status: str, code: Any, options: Options) -> Outcome:
    """The failure of an article whose worker was killed (``timeout``) or died."""
    from ..models import Problem
    from .extract import Failure, budget_problem

    source = item.source if not isinstance(item, str) and item.source else f"<item {number}>"
    if status == "timeout":
        logger.warning("an article overran its time budget of %g s", options.time_budget)
        return Failure(source, budget_problem(options.time_budget))
    logger.error("an extraction worker stopped (exit code %s)", code)
    return Failure(
        source,
        Problem(
            code="pipeline_error",
            message=f"the extraction worker stopped while processing this article (exit "
            f"code {code}: out of memory, or killed); the article was skipped",
            severity="error",
        ),
    )


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches of ``size`` items, or fewer when their texts reach ``BATCH_CHARS``."""
    from .extract import text_length

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


_SHARED = WorkerPool(1)
"""The process's workers for small inputs (:func:`extract_bounded`) and a server's
submissions, started on first use and kept: a command, a watcher, a server or a test suite
pays for loading the pipeline once per worker."""


def shared_pool(size: int = 1) -> WorkerPool:
    """The process's shared :class:`WorkerPool`, with room for at least ``size`` workers."""
    _SHARED.grow(size)
    return _SHARED


def extract_bounded(
    items: Iterable[Item], *, options: Options | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Outcome]:
    """Extract a stream of articles on the process's shared worker (one extraction at a
    time: a second caller waits), with the hard time budget of :func:`extract_in_workers`;
    without a time budget, in this process (:func:`~claimwire.nlp.extract.extract_many`).

    Args:
        items: Articles, failures of reading, or strings.
        options: How the articles are extracted.
        batch_size: Articles per batch.

    Yields:
        One result or failure per item, in input order.
    """
    options = options or Options()
    if options.time_budget is None:
        from .extract import extract_many

        yield from extract_many(
            items,
            max_chars=options.max_chars,
            batch_size=batch_size,
            full=options.full,
            memory_limit=options.memory_limit,
        )
        return
    worker = _SHARED.take()
    try:
        yield from extract_in_workers(
            items, options=options, batch_size=batch_size, workers=[worker]
        )
    finally:
        _SHARED.give_back(worker)


@dataclass
class _Task:
    """Part of a batch (all of it, or one article when it is taken apart)."""

    batch: int
    start: int
    items: list[Item]


def extract_in_workers(
    items: Iterable[Item],
    *,
    jobs: int = 1,
    options: Options | None = None,
    batch_size: int = BATCH_SIZE,
    workers: list[ArticleWorker] | None = None,
) -> Iterator[Outcome]:
    """Extract a stream of articles on ``jobs`` worker processes, in input order.

    A batch that is not back :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after its
    budget (``options.time_budget`` per article) has its worker killed, and its articles
    are run again one at a time; an article that overruns alone, or whose worker dies, is
    a :class:`~claimwire.nlp.extract.Failure`. At most two batches per worker are read
    ahead, so memory stays bounded whatever the input size.

    Args:
        items: Articles as read by :mod:`claimwire.input.sources`, failures of reading, or
            strings.
        jobs: Worker processes (ignored when ``workers`` is given).
        options: How each batch is extracted.
        batch_size: Articles per batch.
        workers: Workers to use (and leave running); by default ``jobs`` new ones, stopped
            at the end.

    Yields:
        One :class:`~claimwire.models.Result` or :class:`~claimwire.nlp.extract.Failure`
        per item, in input order.

    Raises:
        ClaimwireError: No worker could load the pipeline (``ModelNotFoundError``).
    """
    options = options or Options()
    own = workers is None
    pool = workers if workers is not None else [ArticleWorker() for _ in range(max(1, jobs))]
    for worker in pool:
        worker.ensure_started()
    try:
        yield from _schedule(pool, batches(items, batch_size), options)
    finally:
        for worker in pool:
            if own or worker.pending:  # a batch left running would answer the next caller
                worker.stop()


def _schedule(
    pool: list[ArticleWorker], stream: Iterator[list[Item]], options: Options
) -> Iterator[Outcome]:
    queue: deque[_Task] = deque()
    slots: dict[int, list[Outcome | None]] = {}
    busy: dict[int, tuple[_Task, float | None]] = {}  # worker index -> task, deadline
    first = 0  # the oldest batch not yet yielded
    read = 0  # batches read
    more = True
    while True:
        while more and read - first < 2 * len(pool):
            batch = next(stream, None)
            if batch is None:
                more = False
                break
            slots[read] = [None] * len(batch)
            queue.append(_Task(read, 0, batch))
            read += 1
        for index, worker in enumerate(pool):
            if queue and index not in busy and worker.ready and worker.alive:
                task = queue.popleft()
                worker.send(task.items, options)
                timeout = batch_timeout(options, len(task.items))
                busy[index] = (task, None if timeout is None else time.monotonic() + timeout)
        while first in slots and all(outcome is not None for outcome in slots[first]):
            yield from (outcome for outcome in slots.pop(first) if outcome is not None)
            first += 1
        if not more and not queue and not busy and not slots:
            return
        _wait_and_collect(pool, busy, queue, slots, options)


def _wait_and_collect(
    pool: list[ArticleWorker],
    busy: dict[int, tuple[_Task, float | None]],
    queue: deque[_Task],
    slots: dict[int, list[Outcome | None]],
    options: Options,
) -> None:
    """Wait for a worker's message (or the nearest deadline), and act on what came."""
    deadlines = [deadline for _, deadline in busy.values() if deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    waiting = [worker.connection for worker in pool if worker.connection is not None]
    if not busy:
        timeout = STARTUP_SECONDS  # only workers loading the pipeline to wait for
    answered = set(wait(waiting, timeout))
    if not answered and not busy:
        raise WorkerError(f"no extraction worker loaded the pipeline in {timeout:g} s")
    for index, worker in enumerate(pool):
        if worker.connection not in answered:
            continue
        if not worker.ready:
            worker.take_ready()
            continue
        if index not in busy:  # an idle worker's pipe closed: it died; start a new one
            worker.restart()
            continue
        task, _ = busy.pop(index)
        code = worker.exit_code
        outcomes = worker.receive()
        if outcomes is None:
            _take_apart(task, "died", code, queue, slots, options)
            continue
        slots[task.batch][task.start : task.start + len(outcomes)] = outcomes
    now = time.monotonic()
    overdue = [i for i, (_, deadline) in busy.items() if deadline is not None and deadline < now]
    for index in overdue:
        task, _ = busy.pop(index)
        pool[index].restart()
        _take_apart(task, "timeout", None, queue, slots, options)


def _take_apart(
    task: _Task,
    status: str,
    code: Any,
    queue: deque[_Task],
    slots: dict[int, list[Outcome | None]],
    options: Options,
) -> None:
    """A batch that overran or lost its worker: its articles again one by one (first in
    the queue); a single article is given up."""
    if len(task.items) == 1:
        slots[task.batch][task.start] = given_up(task.items[0], task.start, status, code, options)
        return
    logger.warning("a batch of %d articles overran its budget; isolating", len(task.items))
    for offset in reversed(range(len(task.items))):
        queue.appendleft(_Task(task.batch, task.start + offset, [task.items[offset]]))
