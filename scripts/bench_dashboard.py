"""Time every dashboard page and API list endpoint on a store (p50 and p95 per case).

Usage (from the repository root)::

    PYTHONPATH=src python scripts/bench_dashboard.py --db /tmp/synthetic-100k.db --rounds 10

Build a store to measure with ``scripts/build_synthetic_store.py``. Prints one line per case
as it is done, then a Markdown table (slowest p95 first) and the cases over ``--budget``.
What is timed and how: ``claimwire.bench.dashboard``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def main() -> None:
    """Time the cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--only",
        help='time only the cases whose name contains this (or one of "a|b")',
    )
    parser.add_argument("--budget", type=float, default=300.0, help="p95 goal in ms")
    options = parser.parse_args()

    from claimwire.bench.dashboard import Timing, run, table

    def progress(timing: Timing) -> None:
        print(
            f"{timing.case.name:<52} first {timing.first:7.0f}  p50 {timing.p50:6.0f}  "
            f"p95 {timing.p95:6.0f} ms  {timing.size / 1000:7.0f} KB  {timing.status}",
            flush=True,
        )

    timings = run(options.db, rounds=options.rounds, only=options.only, progress=progress)
    size = options.db.stat().st_size / 1e9
    print(f"\nstore {options.db} ({size:.2f} GB), load average {os.getloadavg()[0]:.1f}\n")
    print(table(timings))
    over = [timing for timing in timings if timing.p95 > options.budget or timing.status != 200]
    print(f"\n{len(over)} of {len(timings)} cases over {options.budget:.0f} ms or failing")


if __name__ == "__main__":
    main()
