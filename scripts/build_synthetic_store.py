"""Write a synthetic store of many articles, for measuring the dashboard at scale.

Usage (from the repository root)::

    PYTHONPATH=src python scripts/build_synthetic_store.py --articles 100000 \
        --db /tmp/synthetic-100k.db

Prints the progress, then the build time, the file size and the rows of every table.
What the store holds: ``claimwire.bench.synthetic`` and docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    """Build the store and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=17)
    options = parser.parse_args()

    from claimwire.bench.synthetic import build_synthetic_store

    def progress(done: int, seconds: float) -> None:
        if done % 50_000 < 5_000:
            print(f"{done:>10,} articles  {seconds:7.0f} s", flush=True)

    summary = build_synthetic_store(
        options.db, articles=options.articles, seed=options.seed, progress=progress
    )
    print(f"built {summary.articles:,} articles in {summary.seconds:.0f} s")
    print(f"store: {summary.size_bytes / 1e9:.2f} GB ({summary.path})")
    print(json.dumps(summary.rows, indent=2))


if __name__ == "__main__":
    main()
