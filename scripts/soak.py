"""Soak test (issue 20, `make soak`, not in CI): ingest and serve one store at once.

For ``--minutes`` (default 30) this writes rounds of good and hostile articles into a
folder, runs ``claimwire ingest`` on each round (a subprocess, with the time budget), and
meanwhile a read-only ``claimwire serve`` on loopback answers a bounded loop of requests
(a few clients, one request at a time each). At the end it prints one JSON line: request
errors (any status but 200, or a connection error), ingest errors (an exit code other than
0 or 1: 1 means some hostile inputs were reported, as they should be), the server's RSS at
start and end, and the p50/p95 latency.

    SOAK_MINUTES=2 make soak
    python scripts/soak.py --minutes 3 --clients 4
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from claimwire.web.background import free_port

GOOD = (
    "Kyiv, {day} June 2022. Regional officials said {n} civilians were killed and {m} "
    "wounded when shelling hit Kharkiv on Monday, according to the governor. Russia's "
    "defence ministry said its forces destroyed {k} tanks near Izium."
)
HOSTILE = [
    "1, " * 3_000,
    "He said " * 2_000,
    'Officials said "the shelling killed 3 ' * 500,
    "RUSSIAN FORCES SHELLED KHARKIV KILLING 3 " * 300,
    "<html><body>" + "<div>" * 2_000 + "12 people died." + "</div>" * 2_000,
    "Київ 基辅 كييف Kyiv 5 killed, " * 500,
    "3\x01 killed\x02 in\x1b Bucha\x7f. " * 500,
    "<a href='javascript:alert(1)'>x</a><script>alert(1)</script> 4 killed",
]
URLS = [
    "/",
    "/api/overview",
    "/api/figures?limit=50",
    "/api/claims?limit=50",
    "/api/events?limit=50",
    "/api/contradictions",
    "/figures",
    "/events",
]


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux /proc), 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def write_round(folder: Path, index: int) -> Path:
    """A folder of one round's articles: five good ones and one hostile one."""
    round_dir = folder / f"round-{index:04d}"
    round_dir.mkdir()
    for k in range(5):
        text = GOOD.format(day=1 + (index + k) % 28, n=index + k + 2, m=k + 1, k=index % 9 + 1)
        (round_dir / f"good-{k}.txt").write_text(text, encoding="utf-8")
    hostile = HOSTILE[index % len(HOSTILE)]
    suffix = ".html" if hostile.startswith("<") else ".txt"
    (round_dir / f"hostile-{index}{suffix}").write_text(hostile, encoding="utf-8")
    (round_dir / "nul.txt").write_bytes(b"3 killed\x00 in Kyiv")
    return round_dir


def client_loop(base: str, stop: threading.Event, latencies: list[float], errors: list[str]):
    """Request the URLs in turn until ``stop``; one request at a time (a bounded loop)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        k = 0
        while not stop.is_set():
            url = URLS[k % len(URLS)]
            k += 1
            began = time.perf_counter()
            try:
                status = client.get(url).status_code
            except httpx.HTTPError as error:
                errors.append(f"{url}: {type(error).__name__}")
                time.sleep(0.5)
                continue
            latencies.append(time.perf_counter() - began)
            if status != 200:
                errors.append(f"{url}: {status}")
            time.sleep(0.05)


def main() -> int:
    """Run the soak and print its summary; exit 1 when there were errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="claimwire-soak-"))
    db = work / "soak.db"
    cli = [sys.executable, "-m", "claimwire.cli"]
    first = write_round(work, 0)
    subprocess.run([*cli, "ingest", str(first), "--db", str(db), "-q"], check=False)
    port = args.port or free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--db", str(db), "--port", str(port), "--read-only"],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    latencies: list[float] = []
    errors: list[str] = []
    ingest_errors: list[str] = []
    rounds = 1
    try:
        _wait_up(base)
        rss_start = rss_bytes(server.pid)
        threads = [
            threading.Thread(target=client_loop, args=(base, stop, latencies, errors))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60 * args.minutes
        while time.monotonic() < deadline:
            round_dir = write_round(work, rounds)
            done = subprocess.run(
                [*cli, "ingest", str(round_dir), "--db", str(db), "-q", "--time-budget", "20"],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode not in (0, 1) or "Traceback" in done.stderr:
                ingest_errors.append(f"round {rounds}: exit {done.returncode}: {done.stderr}")
            rounds += 1
        stop.set()
        for thread in threads:
            thread.join()
        rss_end = rss_bytes(server.pid)
        server_alive = server.poll() is None
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    summary = {
        "minutes": args.minutes,
        "rounds": rounds,
        "requests": len(latencies),
        "request_errors": len(errors),
        "ingest_errors": len(ingest_errors),
        "server_alive": server_alive,
        "server_rss_start_mb": round(rss_start / 2**20, 1),
        "server_rss_end_mb": round(rss_end / 2**20, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(1000 * latencies[int(0.95 * len(latencies)) - 1], 1) if latencies else None,
        "first_errors": (errors + ingest_errors)[:5],
    }
    print(json.dumps(summary))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if errors or ingest_errors or not server_alive else 0


def _wait_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/overview", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


if __name__ == "__main__":
    sys.exit(main())
