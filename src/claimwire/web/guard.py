"""Who may write, from where, and which requests the server answers at all.

One mechanism guards both writes of the web app (a submitted article and a review of a
contradiction): :class:`WritePolicy`. A write is off unless the server was started for it
(``--allow-submit``, or ``--token`` for reviews), is taken from the loopback interface
only unless ``--write-from-anywhere``, and must carry the server's token when it has one.

Two checks run before any route (:class:`RequestGuard`):

- **Host allow-list** (DNS rebinding): the ``Host`` header must name this server:
  ``localhost``, ``127.0.0.1``, ``[::1]``, the bound address, or a name given with
  ``--allowed-host``; any other answers ``400 bad_host``.
- **Same origin for writes** (CSRF): a POST, PUT, PATCH or DELETE whose ``Origin`` (or,
  without one, ``Referer``) is another site, or whose ``Sec-Fetch-Site`` says
  ``cross-site``, answers ``403 cross_origin``.

The submission form also carries a signed token tied to a ``SameSite=Strict`` cookie
(:func:`form_token`, :func:`check_form_token`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import ApiError, respond

Write = Literal["submit", "review"]
"""The writes of the web app: a submitted article, a review of a contradiction."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
"""Host names always accepted: this machine."""

WILDCARDS = frozenset({"", "0.0.0.0", "::"})
"""Bind addresses that name no host (every interface)."""

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
"""Methods that change nothing (no Origin check)."""

SESSION_COOKIE = "claimwire_session"
"""The cookie the submission form's token is tied to (``SameSite=Strict``, HttpOnly)."""


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (an address or ``localhost``) is this machine."""
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WritePolicy:
    """Which writes the server takes, from where, and with which token.

    Attributes:
        token: The token a write must carry (``Authorization: Bearer``, or the form's
            token field); None: no token (reviews are then off, and submissions are taken
            from this machine only).
        allow_submit: Submissions (``/submit``, ``POST /api/articles``) are on.
        from_anywhere: Writes are taken from any client address (default: loopback only).
        read_only: The store is read-only: every write is refused.
    """

    token: str | None = None
    allow_submit: bool = False
    from_anywhere: bool = False
    read_only: bool = False

    def check_options(self) -> None:
        """Refuse a policy that would take writes from anywhere without a token.

        Raises:
            InvalidOptionError: ``allow_submit`` and ``from_anywhere`` without a token.
        """
        from ..errors import InvalidOptionError

        if self.allow_submit and self.from_anywhere and not self.token:
            raise InvalidOptionError(
                "submissions from any address need a token: give --token "
                "(or $CLAIMWIRE_TOKEN), or leave out --write-from-anywhere"
            )

    def is_on(self, write: Write) -> bool:
        """Whether ``write`` is taken at all (before the client and the token)."""
        if self.read_only:
            return False
        return self.allow_submit if write == "submit" else self.token is not None

    def authorize(self, write: Write, *, token: str | None, client: str | None) -> None:
        """Let ``write`` through, or refuse it with the reason.

        Args:
            write: What is written.
            token: The token the request carries, or None.
            client: The client's address.

        Raises:
            ApiError: 403 ``read_only``, ``submission_off``, ``reviews_off`` or
                ``not_loopback``; 401 ``bad_token``.
        """
        if self.read_only:
            what = "submission is" if write == "submit" else "reviews are"
            raise ApiError(403, "read_only", f"this server is read-only: {what} disabled")
        if write == "submit" and not self.allow_submit:
            raise ApiError(403, "submission_off", SUBMISSION_OFF)
        if write == "review" and self.token is None:
            raise ApiError(
                403,
                "reviews_off",
                "reviews are off: start claimwire serve with --token (or $CLAIMWIRE_TOKEN)",
            )
        if not self.from_anywhere and not is_loopback(client):
            raise ApiError(
                403,
                "not_loopback",
                "writes are taken from this machine only (start claimwire serve with "
                "--write-from-anywhere and a --token to accept them from elsewhere)",
            )
        if self.token is not None and not hmac.compare_digest(
            (token or "").encode(), self.token.encode()
        ):
            raise ApiError(
                401, "bad_token", f"a {write} needs the server's token (missing or wrong)"
            )


SUBMISSION_OFF = (
    "submission is off on this server: start it with claimwire serve --allow-submit "
    "(with --token, or $CLAIMWIRE_TOKEN, when it listens beyond this machine)"
)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not authorization:
        return None
    return authorization.removeprefix("Bearer ").strip() or None


def allowed_host_names(bound: str | None, extra: Iterable[str]) -> frozenset[str]:
    """The host names the server answers: this machine, the bound address, ``extra``."""
    names = set(LOOPBACK_NAMES)
    if bound and bound not in WILDCARDS:
        names.add(bound.strip("[]").lower())
    names.update(name.strip().strip("[]").lower() for name in extra if name.strip())
    return frozenset(names)


def host_name(host_header: str) -> str:
    """The name of a ``Host`` header without its port (``[::1]:8000`` -> ``::1``)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestGuard:
    """ASGI middleware: the Host allow-list on every request, the same-origin check on
    every write (see the module's docstring)."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call (HTTP requests only are checked)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        error = self.refusal(request)
        if error is None:
            await self.app(scope, receive, send)
            return
        await respond(request, error)(scope, receive, send)

    def refusal(self, request: Request) -> ApiError | None:
        """Why ``request`` is refused, or None."""
        name = host_name(request.headers.get("host", ""))
        if name not in self.hosts:
            return ApiError(
                400,
                "bad_host",
                f"this server does not answer to the host name {name!r} (start claimwire "
                "serve with --allowed-host NAME to add it)",
            )
        if request.method in SAFE_METHODS:
            return None
        if request.headers.get("sec-fetch-site") == "cross-site":
            return _cross_origin("another site")
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin is None:
            return None  # not a browser's cross-site request (those carry Origin)
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != request.headers.get("host", "").lower():
            return _cross_origin(repr(origin))
        return None


def _cross_origin(origin: str) -> ApiError:
    return ApiError(
        403,
        "cross_origin",
        f"a write must come from this server's own pages, not from {origin}",
    )


def form_token(secret: bytes, session: str) -> str:
    """The token the submission form carries for the browser session ``session``."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def new_session() -> str:
    """A fresh, unguessable browser session id (the value of :data:`SESSION_COOKIE`)."""
    return secrets.token_urlsafe(24)


def check_form_token(secret: bytes, session: str | None, token: str) -> None:
    """Refuse a form whose token is not the one of this browser's session.

    Raises:
        ApiError: 403 ``csrf_failed``.
    """
    expected = form_token(secret, session) if session else ""
    if not session or not hmac.compare_digest(expected.encode(), token.encode()):
        raise ApiError(
            403,
            "csrf_failed",
            "the form is out of date or was not sent from this server's page: reload "
            "/submit and send it again (cookies must be on)",
        )
