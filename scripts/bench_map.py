"""Time the map's API on a synthetic store of events (p50 and p95 per view).

Usage (from the repository root)::

    PYTHONPATH=src python scripts/bench_map.py --events 100000 --db /tmp/map-100k.db

The store is built first when missing (claimwire.bench.mapstore: about 80 s for 100,000
events). Each view is asked ``--rounds`` times on two pages (offset 0 and 1), so the first
answer of a view counts its matches and the others read the cached count, as panning does.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

VIEWS = (
    ("world", "bbox=-180,-90,180,90"),
    ("Ukraine", "bbox=22,44,41,53"),
    ("Ukraine, 2022", "bbox=22,44,41,53&since=2022-01-01&until=2022-12-31"),
    ("Kharkiv, battles", "bbox=36,49.9,36.5,50.1&type=Battles"),
    ("world, Syria", "bbox=-180,-90,180,90&country=SY"),
    ("event page twin", None),
    ("towns, Ukraine, zoom 7", "towns"),
)


def main() -> None:
    """Build the store if needed, then time every view and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("map-bench.db"))
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()

    from fastapi.testclient import TestClient

    from claimwire.bench.mapstore import build_event_store
    from claimwire.web.app import create_app

    if not options.db.exists():
        started = time.perf_counter()
        build_event_store(options.db, events=options.events)
        took = time.perf_counter() - started
        print(f"built {options.events:,} events in {took:.0f} s")
    print(f"store: {options.db.stat().st_size / 1e6:.0f} MB")
    client = TestClient(create_app(options.db, read_only=True, allowed_hosts=["testserver"]))
    newest = client.get("/api/clusters?limit=1").json()["items"][0]["id"]
    everything: list[float] = []
    print(f"{'view':<24} {'p50 ms':>7} {'p95 ms':>7} {'first ms':>9}")
    for name, query in VIEWS:
        if query is None:
            url = f"/api/events/{newest}"
        elif query == "towns":
            url = "/api/towns?bbox=22,44,41,53&zoom=7"
        else:
            url = f"/api/clusters?limit=500&{query}"
        timings = []
        for round_ in range(options.rounds):
            started = time.perf_counter()
            answer = client.get(url + (f"&offset={round_ % 2}" if "clusters" in url else ""))
            timings.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
        everything += timings
        ordered = sorted(timings)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name:<24} {statistics.median(timings):7.0f} {p95:7.0f} {timings[0]:9.0f}")
    ordered = sorted(everything)
    print(f"all requests: p95 {ordered[int(0.95 * (len(ordered) - 1))]:.0f} ms")


if __name__ == "__main__":
    main()
