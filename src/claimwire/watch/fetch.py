"""Fetching feeds and pages politely: one HTTP client (httpx) shared by the watcher's threads.

Per host: at most ``host_concurrency`` requests in flight, ``host_delay`` seconds between
two requests, robots.txt read once (``urllib.robotparser``) and obeyed. Per request: a
clear User-Agent, conditional headers (ETag, Last-Modified) when the caller has them,
timeouts, redirects followed up to a limit, the body streamed and cut at ``max_bytes``,
and tries again after a timeout, a connection error, a 5xx or a 429, waiting
exponentially longer with jitter. A fetch never raises for the server's faults: it comes
back as :class:`Fetched` with ``outcome`` "failed" or "skipped" and a reason.

Pages and child sitemaps come from a third party (a feed lists them), so a page on a host
that resolves to a loopback, private, link-local or otherwise non-public address is skipped
(``private_address``), redirects included: a hostile feed cannot make the watcher read the
machine's own services or the cloud's metadata address into the store. A host the user put
in the sources file is trusted, and so are its pages; ``allow_private_pages`` trusts all.
The address is checked when the request is made, not pinned for the connection, so a host
whose DNS answer changes between the two is not caught (docs/watch.md).
"""

from __future__ import annotations

import ipaddress
import logging
import random
import socket
import threading
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..version import __version__
from .config import WatchSettings

logger = logging.getLogger(__name__)

USER_AGENT = f"claimwire/{__version__} (news watcher; +https://pypi.org/project/claimwire/)"
ROBOTS_AGENT = "claimwire"
"""The name robots.txt rules are matched against."""
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
"""Content types of an article page; anything else is skipped with a reason."""
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
"""A server's Retry-After is honoured up to this many seconds."""

Outcome = Literal["ok", "not_modified", "failed", "skipped"]


class PrivateAddressError(httpx.RequestError):
    """A page's host (or a redirect's) resolves to an address that is not public."""


@dataclass(frozen=True)
class Fetched:
    """What one fetch gave: a body, "not modified", or why there is none."""

    outcome: Outcome
    url: str
    """The URL finally read (after redirects)."""
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None
    """Why the fetch failed or was skipped (``http_500``, ``timeout``, ``not_html: image/png``)."""


class _Host:
    """The politeness state of one host: a slot count and the time of its next request."""

    def __init__(self, concurrency: int) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.robots_lock = threading.Lock()
        self.robots: RobotFileParser | None = None
        self.robots_read = False


class Fetcher:
    """A polite HTTP fetcher shared by threads (see the module's description)."""

    def __init__(
        self,
        settings: WatchSettings,
        *,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.stop = stop or threading.Event()
        self._trusted: set[str] = set()
        self._public: dict[str, bool] = {}
        self._public_lock = threading.Lock()
        self.client = httpx.Client(
            event_hooks={"request": [self._check_address]},
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            transport=transport,
            limits=httpx.Limits(max_connections=max(10, settings.fetch_workers * 2)),
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        page: bool = False,
        source: bool = False,
    ) -> Fetched:
        """Fetch ``url``, trying again with backoff after a transient failure.

        Args:
            url: An http or https URL.
            etag: The ETag of the copy the caller has (sent as If-None-Match).
            last_modified: Its Last-Modified (sent as If-Modified-Since).
            page: An article page: anything but HTML or plain text is skipped.
            source: A URL from the sources file: its host is trusted even when it is not
                public (see the module's description).

        Returns:
            The outcome; never raises for a network or server fault.
        """
        if source:
            self.trust(url)
        if not self.allowed(url):
            return Fetched("skipped", url, reason="robots_disallowed")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            fetched, retry_after = self._fetch_once(url, headers, page=page)
            if fetched.outcome != "failed" or retry_after is None:
                return fetched
            if attempt >= self.settings.retries or self.stop.is_set():
                return fetched
            wait = max(retry_after, self.backoff(attempt))
            logger.info("fetch of %s failed (%s); again in %.2f s", url, fetched.reason, wait)
            if self.stop.wait(wait):
                return fetched
            attempt += 1

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before try ``attempt + 2``: doubling, with jitter (50 to 100 %)."""
        return self.settings.backoff * (2**attempt) * random.uniform(0.5, 1.0)

    def _fetch_once(
        self, url: str, headers: dict[str, str], *, page: bool
    ) -> tuple[Fetched, float | None]:
        """One request. Returns the outcome and, for a transient failure, the least wait."""
        host = self._host(url)
        with host.slots:
            self._wait_turn(host)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    return self._read(response, page=page)
            except PrivateAddressError as error:
                return Fetched("skipped", str(error.request.url), reason="private_address"), None
            except httpx.TooManyRedirects:
                return Fetched("failed", url, reason="too_many_redirects"), None
            except httpx.TimeoutException:
                return Fetched("failed", url, reason="timeout"), 0.0
            except httpx.TransportError as error:
                reason = f"connection_error: {type(error).__name__}"
                return Fetched("failed", url, reason=reason), 0.0
            except httpx.InvalidURL:
                return Fetched("failed", url, reason="invalid_url"), None

    def _read(self, response: httpx.Response, *, page: bool) -> tuple[Fetched, float | None]:
        final = str(response.url)
        status = response.status_code
        if status == 304:
            return Fetched("not_modified", final, status=status), None
        if status >= 400:
            fetched = Fetched("failed", final, status=status, reason=f"http_{status}")
            if status in RETRY_STATUSES:
                return fetched, _retry_after(response.headers.get("retry-after"))
            return fetched, None
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if page and content_type and content_type not in PAGE_TYPES:
            return Fetched(
                "skipped",
                final,
                status=status,
                content_type=content_type,
                reason=f"not_html: {content_type}",
            ), None
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return Fetched("skipped", final, status=status, reason=_too_large(limit)), None
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                return Fetched("skipped", final, status=status, reason=_too_large(limit)), None
            chunks.append(chunk)
        return Fetched(
            "ok",
            final,
            status=status,
            body=b"".join(chunks),
            content_type=content_type or None,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        ), None

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets claimwire fetch it (read once per host;
        a missing or unreadable robots.txt allows everything)."""
        host = self._host(url)
        with host.robots_lock:
            if not host.robots_read:
                host.robots = self._read_robots(url, host)
                host.robots_read = True
            robots = host.robots
        return robots is None or robots.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, url: str, host: _Host) -> RobotFileParser | None:
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        self._wait_turn(host)
        try:
            response = self.client.get(robots_url)
        except httpx.HTTPError as error:
            logger.info("no robots.txt at %s (%s): everything allowed", robots_url, error)
            return None
        if response.status_code >= 400 or len(response.content) > self.settings.max_bytes:
            return None
        robots = RobotFileParser(robots_url)
        robots.parse(response.text.splitlines())
        return robots

    def trust(self, url: str) -> None:
        """Let requests reach ``url``'s host whatever its address (a URL the user gave)."""
        self._trusted.add(_host_name(url))

    def _check_address(self, request: httpx.Request) -> None:
        """Refuse a request to a host that is not public (event hook: redirects too)."""
        host = request.url.host
        if self.settings.allow_private_pages or host in self._trusted:
            return
        with self._public_lock:
            public = self._public.get(host)
        if public is None:
            public = is_public_host(host)
            with self._public_lock:
                self._public[host] = public
        if not public:
            raise PrivateAddressError(f"{host} is not a public address", request=request)

    def _host(self, url: str) -> _Host:
        name = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            host = self._hosts.get(name)
            if host is None:
                host = self._hosts[name] = _Host(self.settings.host_concurrency)
            return host

    def _wait_turn(self, host: _Host) -> None:
        with host.lock:
            now = time.monotonic()
            at = max(now, host.next_at)
            host.next_at = at + self.settings.host_delay
        if at > now:
            self.stop.wait(at - now)


def is_public_host(host: str) -> bool:
    """Whether every address ``host`` resolves to is a public one (a name that does not
    resolve counts as public: the connection fails on its own)."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return True
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return all(_public(address) for address in addresses)


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return address.is_global and not address.is_multicast


def _host_name(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _retry_after(value: str | None) -> float:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return 0.0


def _too_large(limit: int) -> str:
    return f"too_large: over {limit:,} bytes"
