"""The typed application context: everything a request of the web app may use.

:func:`~claimwire.web.app.create_app` builds one :class:`AppContext` and keeps it on the
app; routes get it through the one FastAPI dependency :data:`Context` (or
:func:`context_of` for code that has the request only, such as error handlers).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..models import Result
from ..nlp.limits import DEFAULT_MEMORY_LIMIT
from ..store import open_store
from ..store.charts import Reference
from .guard import WritePolicy
from .submissions import SubmissionLimits, SubmissionQueue

ReferencePoint = tuple[dt.date, float]
"""One point of a reference series: date, value."""


@dataclass(frozen=True)
class ArticleMetadata:
    """What a submission says about its article besides the text."""

    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


Extractor = Callable[[str | bytes, ArticleMetadata], Result]
"""What extracts one submitted article (text or HTML) into a result."""


def load_and_extract(content: str | bytes, metadata: ArticleMetadata) -> Result:
    """:func:`claimwire.nlp.extract.extract`, imported (with spaCy) on the first submission
    (without a time budget: the app's default is
    :func:`budgeted_extract`)."""
    from ..nlp.extract import extract

    return extract(
        content,
        published=metadata.published,
        url=metadata.url,
        outlet=metadata.outlet,
        title=metadata.title,
    )


class Store:
    """The store behind the app: one connection per worker thread."""

    def __init__(self, path: str | Path, *, read_only: bool) -> None:
        """Open the store once (fail early, migrate once) and remember where it is.

        Raises:
            StoreError: The store cannot be opened.
        """
        self.path = Path(path)
        self.read_only = read_only
        open_store(self.path, readonly=read_only).close()
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = open_store(self.path, readonly=self.read_only)
            self._local.connection = connection
        return connection


@dataclass(frozen=True)
class AppContext:
    """The app's store, settings and tools (one per app, shared by every request).

    Attributes:
        store: The store (a connection per worker thread).
        read_only: Submission is disabled (403).
        tile_url: A map tile URL template, or None (vendored country shapes only).
        reference: A reference series to overlay on the series charts of its category and
            side, or None.
        max_body_bytes: Largest request body accepted.
        templates: The pages' templates.
        extract: What extracts a submitted article; None: the pipeline, within the
            submissions' time budget.
        extract_lock: Serializes the writes to the store.
        writes: Which writes (submissions, reviews) the server takes, from where, with
            which token.
        limits: Size, time and concurrency of submissions.
        queue: The turns of submissions (``limits.workers`` at once).
        form_secret: Signs the submission form's token (see :mod:`claimwire.web.guard`).
    """

    store: Store
    read_only: bool
    tile_url: str | None
    reference: Reference | None
    max_body_bytes: int
    templates: Jinja2Templates
    extract: Extractor | None = None
    extract_lock: threading.Lock = field(default_factory=threading.Lock)
    writes: WritePolicy = field(default_factory=WritePolicy)
    limits: SubmissionLimits = field(default_factory=SubmissionLimits)
    queue: SubmissionQueue = field(default_factory=lambda: SubmissionQueue(SubmissionLimits()))
    form_secret: bytes = b""

    @property
    def review_token(self) -> str | None:
        """The token a write must carry; None: reviews are off."""
        return self.writes.token

    @property
    def review_from_anywhere(self) -> bool:
        """Writes are taken from any address (default: loopback only)."""
        return self.writes.from_anywhere

    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the store."""
        return self.store.connection()


def context_of(request: Request) -> AppContext:
    """The context of the app serving ``request`` (the FastAPI dependency :data:`Context`)."""
    found = request.app.state.context
    if not isinstance(found, AppContext):
        raise TypeError("the app has no claimwire AppContext (build it with create_app)")
    return found


Context = Annotated[AppContext, Depends(context_of)]
"""A route parameter of this type receives the app's :class:`AppContext`."""


def budgeted_extract(
    content: str | bytes,
    metadata: ArticleMetadata,
    budget: float,
    *,
    workers: int = 1,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
) -> Result:
    """Extract one submitted article within ``budget`` seconds, in a worker process of
    the process's shared pool (:func:`claimwire.nlp.worker.shared_pool`, room for
    ``workers``) that is killed :data:`~claimwire.nlp.limits.KILL_GRACE` seconds after the
    budget if the pipeline's own check has not given the article up by then.

    Raises:
        TimeBudgetExceeded: The article took longer than ``budget``.
        ArticleError: The article is empty, binary, has no text, is too long, or takes
            more than ``memory_limit`` bytes (``memory_limit_exceeded``).
    """
    from ..errors import ArticleError, TimeBudgetExceeded
    from ..input.sources import ArticleInput, InputFailure, looks_like_html, read_bytes
    from ..nlp.extract import Failure
    from ..nlp.worker import Options, shared_pool

    item: ArticleInput | InputFailure
    if isinstance(content, bytes):
        (item,) = read_bytes(content, source="<upload>")
    else:
        html = looks_like_html(content)
        item = ArticleInput(
            source="<text>", text=None if html else content, html=content if html else None
        )
    if isinstance(item, ArticleInput):
        item = ArticleInput(
            source=item.source,
            text=item.text,
            html=item.html,
            title=metadata.title,
            outlet=metadata.outlet,
            url=metadata.url,
            published=metadata.published.isoformat() if metadata.published else None,
            problems=item.problems,
        )
    options = Options(time_budget=budget, memory_limit=memory_limit)
    (found,) = shared_pool(workers).extract([item], options)
    if isinstance(found, Failure):
        problem = found.problem
        if problem.code == "time_budget_exceeded":
            raise TimeBudgetExceeded(problem.message)
        raise ArticleError(problem.code, problem.message)
    return found
