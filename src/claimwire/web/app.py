"""The web application: REST API under ``/api``, pages, static files and offline docs.

:func:`create_app` builds it over one store. Each worker thread keeps its own SQLite
connection; writes to the store are serialized by a lock, and submissions take turns
(:mod:`claimwire.web.submissions`). The request body is limited (``413 body_too_large``);
the Host header must name this server and writes must come from its own pages
(:mod:`claimwire.web.guard`); every response carries a strict Content-Security-Policy
(scripts from this server only; article text is always escaped).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store.charts import Reference
from ..version import __version__
from . import errors
from .context import AppContext, Extractor, Store
from .guard import RequestGuard, WritePolicy, allowed_host_names
from .submissions import SubmissionLimits, SubmissionQueue

MAX_BODY_BYTES = 5 * 1024 * 1024
"""Largest request body: an article of up to a million characters, as UTF-8, with room."""


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call (only HTTP requests are checked)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, send)
            return
        if length is not None:
            await self.app(scope, receive, send)
            return
        # No declared length (chunked): read the body up to the limit, then replay it.
        messages: list[Message] = []
        received = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > self.limit:
                await self._refuse(scope, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        import json

        error = errors.ApiError(
            413, "body_too_large", f"the request body is over {self.limit:,} bytes"
        )
        body = json.dumps(errors.error_body(error)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: a Content-Security-Policy and friends on every response."""

    def __init__(self, app: ASGIApp, *, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call (only HTTP requests are checked)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def security_policy(tile_url: str | None) -> str:
    """The Content-Security-Policy of every response."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        origin = f"{parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}"
        images += f" {origin}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def create_app(
    db_path: str | Path,
    *,
    read_only: bool = False,
    tile_url: str | None = None,
    reference: Reference | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    extract: Extractor | None = None,
    token: str | None = None,
    allow_submit: bool = False,
    write_from_anywhere: bool = False,
    review_from_anywhere: bool = False,
    host: str | None = None,
    allowed_hosts: Iterable[str] = (),
    submit_limits: SubmissionLimits | None = None,
    form_secret: bytes | None = None,
) -> FastAPI:
    """The claimwire web app over the store at ``db_path``.

    Args:
        db_path: The store (created when missing, unless ``read_only``).
        read_only: Open the store for reading only and disable submission (403).
        tile_url: A map tile URL template (``https://tile.example/{z}/{x}/{y}.png``) for
            online use; by default the map draws vendored country shapes only.
        reference: A reference series, drawn on the series charts of its category and side.
        max_body_bytes: Largest request body accepted.
        extract: What extracts a submitted article (by default the pipeline, loaded on
            the first submission, within ``submit_limits.time_budget``).
        token: The token every write must carry. It turns on reviews of contradictions
            (confirm / dismiss); without it (the default) reviews are off.
        allow_submit: Take submitted articles (``/submit``, ``POST /api/articles``); off
            by default.
        write_from_anywhere: Take writes from any client address (default: loopback
            only); submissions from anywhere need ``token``.
        review_from_anywhere: The former name of ``write_from_anywhere``.
        host: The address the server is bound to: accepted as a Host header.
        allowed_hosts: More host names the server answers to (besides ``localhost``,
            ``127.0.0.1``, ``[::1]`` and ``host``); a test client's ``"testserver"``.
        submit_limits: Size, time budget and turns of submissions.
        form_secret: Signs the submission form's token (random by default; give the same
            to every worker process).

    Raises:
        StoreError: The store cannot be opened.
        InvalidOptionError: Submissions from anywhere without a token.
    """
    writes = WritePolicy(
        token=token,
        allow_submit=allow_submit,
        from_anywhere=write_from_anywhere or review_from_anywhere,
        read_only=read_only,
    )
    writes.check_options()
    limits = submit_limits or SubmissionLimits()
    from . import api, exports, live, pages
    from .warm import warm

    app = FastAPI(
        title="claimwire",
        version=__version__,
        description=(
            "Figures, claims, places, dates and events extracted from news reports, each "
            'pointing at its evidence. Errors: `{"error": {"code", "message", "status"}}`.'
        ),
        docs_url=None,
        redoc_url=None,
    )
    store = Store(db_path, read_only=read_only)
    templates = Jinja2Templates(directory=str(resources.files(__package__) / "templates"))
    templates.env.autoescape = True
    templates.env.filters["snippet"] = pages.snippet
    templates.env.filters["http_url"] = pages.http_url
    templates.env.globals.update(read_only=read_only, version=__version__)
    warm(templates.env)  # compiled now, not on each page's first request
    app.state.context = AppContext(
        store=store,
        read_only=read_only,
        tile_url=tile_url,
        reference=reference,
        max_body_bytes=max_body_bytes,
        templates=templates,
        extract=extract,
        writes=writes,
        limits=limits,
        queue=SubmissionQueue(limits),
        form_secret=form_secret or secrets.token_bytes(32),
    )
    errors.install(app)
    app.include_router(api.router)
    app.include_router(exports.router)
    app.include_router(pages.router)
    app.include_router(live.router)
    static = resources.files(__package__) / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    app.add_middleware(RequestGuard, hosts=allowed_host_names(host, allowed_hosts))
    app.add_middleware(SecurityHeaders, policy=security_policy(tile_url))
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    return app


DOCS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>claimwire API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


CONFIG_VARIABLE = "CLAIMWIRE_WEB_CONFIG"
"""Environment variable carrying the app's options to worker processes (``--workers``)."""

SECRET_VARIABLE = "CLAIMWIRE_FORM_SECRET"
"""Environment variable carrying the form secret (hex) to worker processes, so that a form
drawn by one worker is taken by another."""


def app_from_environment() -> FastAPI:
    """The app described by ``$CLAIMWIRE_WEB_CONFIG`` (JSON: db, read_only, tile_url,
    reference, reference_column, allow_submit, write_from_anywhere, host, allowed_hosts,
    submit_limits) and ``$CLAIMWIRE_TOKEN``, ``$CLAIMWIRE_FORM_SECRET``: the factory
    uvicorn's worker processes call.

    Raises:
        InvalidOptionError: The variable is missing or not a JSON object with ``db``.
    """
    import json
    import os

    from ..errors import InvalidOptionError
    from ..store.plot import reference_from_csv

    try:
        config = json.loads(os.environ[CONFIG_VARIABLE])
        db = config["db"]
    except (KeyError, TypeError, ValueError):
        raise InvalidOptionError(
            f"${CONFIG_VARIABLE} must be a JSON object with a 'db' path (set by claimwire serve)"
        ) from None
    reference = Path(config["reference"]) if config.get("reference") else None
    return create_app(
        db,
        read_only=bool(config.get("read_only")),
        tile_url=config.get("tile_url"),
        reference=(
            reference_from_csv(
                reference,
                column=config.get("reference_column"),
                category=config.get("reference_category"),
                side=config.get("reference_side"),
                measure=config.get("reference_measure"),
            )
            if reference
            else None
        ),
        token=os.environ.get("CLAIMWIRE_TOKEN") or None,
        allow_submit=bool(config.get("allow_submit")),
        write_from_anywhere=bool(
            config.get("write_from_anywhere") or config.get("review_from_anywhere")
        ),
        host=config.get("host"),
        allowed_hosts=config.get("allowed_hosts") or (),
        submit_limits=SubmissionLimits(**(config.get("submit_limits") or {})),
        form_secret=bytes.fromhex(os.environ.get(SECRET_VARIABLE, "")) or None,
    )
