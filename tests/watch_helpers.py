"""A loopback web site for the watcher's tests: feeds, sitemaps and article pages served by
``http.server`` on 127.0.0.1, counting every full (200) response per path."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLACES = ("Kharkiv", "Bakhmut", "Kherson", "Mariupol", "Sumy", "Odesa", "Zaporizhzhia")


def article_html(number: int, *, title: str | None = None) -> str:
    """A small news page: a headline and two paragraphs with a figure and a claim."""
    place = PLACES[number % len(PLACES)]
    title = title or f"Shelling of {place}, report {number}"
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"<p>At least {number + 3} civilians were killed and {number + 10} wounded in the "
        f"shelling of {place} on Monday, the regional governor said in a statement.</p>"
        f"<p>The defence ministry said its forces destroyed {number % 7 + 2} tanks near "
        f"{place}. The claims, report number {number}, could not be independently "
        "verified.</p></article></body></html>"
    )


def rss(items: list[tuple[str, str]], *, title: str = "Loopback News") -> str:
    """An RSS 2.0 feed of (link, title) items."""
    entries = "".join(
        f"<item><title>{name}</title><link>{link}</link>"
        f"<pubDate>Mon, 06 Jun 2022 10:00:00 GMT</pubDate></item>"
        for link, name in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>test</description>{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, str]]) -> str:
    """An Atom feed of (link, title) entries."""
    entries = "".join(
        f'<entry><title>{name}</title><link href="{link}"/><id>{link}</id>'
        "<updated>2022-06-07T09:00:00Z</updated></entry>"
        for link, name in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Loopback Atom</title><id>urn:test</id><updated>2022-06-07T09:00:00Z</updated>"
        f"{entries}</feed>"
    )


def sitemap(links: list[str], *, news: bool = True) -> str:
    """A (Google News) sitemap of ``links``."""
    urls = "".join(
        f"<url><loc>{link}</loc>"
        + (
            "<news:news><news:publication><news:name>Sitemap Times</news:name>"
            "<news:language>en</news:language></news:publication>"
            "<news:publication_date>2022-06-08</news:publication_date>"
            f"<news:title>Sitemap story {number}</news:title></news:news>"
            if news
            else ""
        )
        + "</url>"
        for number, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


@dataclass
class Route:
    """What the site answers on one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    stream: Callable[[BaseHTTPRequestHandler], None] | None = None
    """Writes the whole response itself (a huge page)."""


class Site:
    """The routes of the loopback site and what was asked of it."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: Counter[str] = Counter()
        self.full: Counter[str] = Counter()
        """Full (200) responses per path."""
        self.lock = threading.Lock()
        self.url = ""
        self.posts: list[tuple[str, bytes]] = []
        """The bodies POSTed to the site (a webhook's), with their paths."""

    def add(self, path: str, body: str | bytes = b"", **options: object) -> str:
        """Serve ``body`` on ``path``; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url + path

    def page(self, number: int, *, path: str | None = None) -> str:
        """Serve article ``number`` on ``/news/NUMBER.html`` (or ``path``); its URL."""
        return self.add(path or f"/news/{number}.html", article_html(number))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests[self.path] += 1
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain", {})
                return
            if route.delay:
                time.sleep(route.delay)
            if route.stream is not None:
                route.stream(self)
                return
            if route.status == 200 and self._not_modified(route):
                self._send(304, b"", None, {})
                return
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            if route.status == 200:
                with site.lock:
                    site.full[self.path] += 1
            self._send(route.status, route.body, route.content_type, headers)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with site.lock:
                site.posts.append((self.path, body))
            route = site.routes.get(self.path)
            status = route.status if route is not None else 404
            self._send(status, b"", "text/plain", {})

        def _not_modified(self, route: Route) -> bool:
            tag = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if route.etag and tag == route.etag:
                return True
            return bool(route.last_modified and since == route.last_modified)

        def _send(
            self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
        ) -> None:
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def huge_page(handler: BaseHTTPRequestHandler, *, megabytes: int = 50) -> None:
    """A 50 MB HTML page sent in chunks, with no Content-Length (so the reader must count)."""
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<p>" + b"war " * 16_000 + b"</p>\n"
        for _ in range(megabytes * 1024 * 1024 // len(chunk)):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    handler.close_connection = True


def http_date(seconds: float = 0.0) -> str:
    """An HTTP date (what Last-Modified holds)."""
    return formatdate(seconds or time.time(), usegmt=True)


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    """Serve ``site`` on a free loopback port for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
