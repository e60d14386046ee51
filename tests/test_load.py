"""A bounded load test on loopback: 2,000 requests, 50 concurrent, on the list endpoints of a
20,000-article store. A benchmark (about a minute), deselected by default: ``make load``
(``pytest -m load``). Its bounds are loose, for a 2-core machine doing nothing else."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

import httpx

from claimwire.web.background import free_port
from web_helpers import generate_store

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
REQUESTS = 2_000
CONCURRENCY = 50
P95_LIMIT_MS = 5_000
"""Slowest acceptable 95th percentile on an idle 2-core machine."""
RATE_FLOOR = 20
"""Fewest requests per second acceptable on a 2-core machine."""
URLS = [
    "/api/articles",
    "/api/articles?outlet=Outlet%203&offset=100",
    "/api/figures",
    "/api/figures?measure=killed&category=civilians&since=2022-06-01&until=2022-12-31",
    "/api/figures?hedge=claimed&limit=200&sort=date",
    "/api/claims?claimant=Spokesperson%207",
    "/api/claims?offset=5000",
    "/api/events",
    "/api/events?type=Battles&country=UA",
    "/api/clusters?limit=500",
    "/api/contradictions?open=true",
    "/api/places?country=SY",
]
SERVE = "from claimwire.cli.serve import serve; serve()"
WORKERS = int(os.environ.get("CLAIMWIRE_LOAD_WORKERS", "1"))


async def hammer(base: str) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    failures: list[str] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for index in range(REQUESTS):
        queue.put_nowait(URLS[index % len(URLS)])
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                url = queue.get_nowait()
                began = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {url}")

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return latencies, failures


@pytest.mark.slow
@pytest.mark.load
def test_list_endpoints_under_load(tmp_path):
    path = tmp_path / "large.db"
    began = time.perf_counter()
    generate_store(path)
    generated = time.perf_counter() - began
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--db", str(path), "--port", str(port), "--read-only",
         "--workers", str(WORKERS)]
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/overview", timeout=5).json()["counts"]["articles"]:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        began = time.perf_counter()
        latencies, failures = asyncio.run(hammer(base))
        seconds = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    summary = {
        "articles": 20_000,
        "requests": len(latencies),
        "concurrency": CONCURRENCY,
        "server_workers": WORKERS,
        "errors": len(failures),
        "seconds": round(seconds, 2),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[int(0.95 * len(latencies)) - 1], 1),
        "p99_ms": round(1000 * latencies[int(0.99 * len(latencies)) - 1], 1),
        "store_generated_seconds": round(generated, 1),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary))
    assert failures == []
    assert len(latencies) == REQUESTS
    assert summary["p95_ms"] < P95_LIMIT_MS, summary
    assert summary["requests_per_second"] > RATE_FLOOR, summary
