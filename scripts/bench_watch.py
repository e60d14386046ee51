"""How many new articles a minute `claimwire watch` takes in, on loopback.

Serves N generated articles (each a small news page, with a server-side delay per page to
stand for the network) from feeds on 127.0.0.1, runs the watcher once over a fresh store,
and reports articles stored per minute, with the pipeline loaded beforehand (warm) so the
figure is the steady rate of a long-running watcher. Usage:

    PYTHONPATH=src python scripts/bench_watch.py --articles 600 --feeds 3 --latency 0.05
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOWNS = ["Kharkiv", "Bakhmut", "Kherson", "Sumy", "Odesa", "Dnipro", "Izium", "Mykolaiv"]
SAYS = ["the regional governor said", "officials said", "the army said", "police said"]


def page(number: int, rng: random.Random) -> bytes:
    town = rng.choice(TOWNS)
    paragraphs = "".join(
        f"<p>At least {rng.randint(2, 300)} people were killed and {rng.randint(2, 500)} wounded "
        f"in shelling of {town} on Monday, {rng.choice(SAYS)}. Report {number}, part {part}.</p>"
        for part in range(rng.randint(2, 4))
    )
    return (
        f"<!DOCTYPE html><html><head><title>Report {number} from {town}</title></head><body>"
        f"<article><h1>Report {number} from {town}</h1>{paragraphs}</article></body></html>"
    ).encode()


def feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Report</title><link>{link}</link></item>" for link in links)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
        f"<link>http://bench.invalid/</link><description>x</description>{items}</channel></rss>"
    ).encode()


def serve(routes: dict[str, bytes], latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.startswith("/news/"):
                time.sleep(latency)
            self.send_response(200)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per page")
    parser.add_argument("--batch-size", type=int, default=32)
    arguments = parser.parse_args()

    from claimwire.nlp.pipeline import get_nlp
    from claimwire.store import open_store
    from claimwire.watch import loop
    from claimwire.watch.config import SourcesFile, WatchSettings, make_source
    from claimwire.watch.state import State

    rng = random.Random(19)
    routes: dict[str, bytes] = {}
    server = serve(routes, arguments.latency)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    links: list[list[str]] = [[] for _ in range(arguments.feeds)]
    for number in range(arguments.articles):
        routes[f"/news/{number}.html"] = page(number, rng)
        links[number % arguments.feeds].append(f"{base}/news/{number}.html")
    sources = []
    for index, feed_links in enumerate(links):
        routes[f"/feed{index}.xml"] = feed(feed_links)
        sources.append(make_source(name=f"feed{index}", kind="feed", url=f"{base}/feed{index}.xml"))
    settings = WatchSettings(host_delay=0.0, host_concurrency=8, fetch_workers=8, timeout=10)

    started = time.perf_counter()
    get_nlp()
    load = time.perf_counter() - started
    busy = {"extracting": 0.0}
    ingest = loop.Watcher._ingest

    def timed(self: loop.Watcher, batch: list) -> None:  # type: ignore[type-arg]
        begun = time.perf_counter()
        ingest(self, batch)
        busy["extracting"] += time.perf_counter() - begun

    loop.Watcher._ingest = timed  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        connection = open_store(Path(folder) / "bench.db")
        watcher = loop.Watcher(
            State(connection),
            SourcesFile(settings=settings, sources=tuple(sources)),
            batch_size=arguments.batch_size,
        )
        begun = time.perf_counter()
        report = watcher.run(once=True)
        seconds = time.perf_counter() - begun
        connection.close()
    server.shutdown()
    result = {
        "articles": arguments.articles,
        "stored": report.stored,
        "seconds": round(seconds, 2),
        "articles_per_minute": round(60 * report.stored / seconds, 1),
        "extracting_share": round(busy["extracting"] / seconds, 3),
        "page_latency": arguments.latency,
        "pipeline_load_seconds": round(load, 2),
    }
    print(json.dumps(result, indent=2))
    return 0 if report.stored == arguments.articles else 1


if __name__ == "__main__":
    sys.exit(main())
