"""Is the store a bottleneck? Ingest throughput next to plain extraction on the same texts.

Each side runs in a fresh process with the model loaded before the clock starts:
``extract`` reads a JSONL file with :func:`claimwire.sources.read_sources`, extracts with
:func:`claimwire.extract_many` and writes JSON lines (what ``claimwire extract`` does);
``ingest`` runs :func:`claimwire.ingest.ingest` on the same file into a new store.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class IngestSpeed:
    """Articles per second of plain extraction and of ingest into a store."""

    articles: int
    extract_seconds: float
    ingest_seconds: float

    @property
    def ratio(self) -> float:
        """Ingest throughput as a share of extraction throughput (1.0: no overhead)."""
        return self.extract_seconds / self.ingest_seconds if self.ingest_seconds else 0.0

    def to_dict(self) -> dict[str, float]:
        """Plain JSON-ready data."""
        return {
            "articles": self.articles,
            "extract_articles_per_second": round(self.articles / self.extract_seconds, 2),
            "ingest_articles_per_second": round(self.articles / self.ingest_seconds, 2),
            "ingest_vs_extract": round(self.ratio, 3),
        }


def _time_extract(path: str) -> float:
    from ..extract import extract_many
    from ..pipeline import get_nlp
    from ..sources import read_sources

    get_nlp()
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for outcome in extract_many(read_sources([path], max_bytes=4_000_000)):
            if hasattr(outcome, "model_dump"):
                sink.write(json.dumps(outcome.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return time.perf_counter() - started


def _time_ingest(path: str) -> float:
    from ..ingest import ingest
    from ..pipeline import get_nlp

    get_nlp()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        ingest([path], Path(folder) / "speed.db")
        return time.perf_counter() - started


def measure_ingest_speed(texts: list[str], *, rounds: int = 1) -> IngestSpeed:
    """Time extraction and ingest of ``texts`` (each in a fresh process; best of ``rounds``)."""
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            for number, text in enumerate(texts):
                record = {"id": f"speed-{number}", "text": text, "outlet": f"outlet {number % 7}"}
                stream.write(json.dumps(record) + "\n")
        timings: dict[str, list[float]] = {"extract": [], "ingest": []}
        for _ in range(rounds):
            for name, function in (("extract", _time_extract), ("ingest", _time_ingest)):
                with context.Pool(1) as pool:
                    timings[name].append(pool.apply(function, (str(path),)))
    return IngestSpeed(len(texts), min(timings["extract"]), min(timings["ingest"]))
