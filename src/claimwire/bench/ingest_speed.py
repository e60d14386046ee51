"""Is the store a bottleneck? Ingest throughput next to plain extraction on the same texts.

Each side runs in a fresh process with the model loaded before the clock starts, on the
same JSONL file and the same number of extraction workers: ``extract`` does what
``claimwire extract`` does (read, :func:`claimwire.nlp.parallel.extract_parallel`, write JSON
lines), ``ingest`` runs :func:`claimwire.corpus.ingest.ingest` into a new store. Wall time and
CPU time (the process and its extraction workers) are both reported: on a shared machine
CPU time is the steadier comparison.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Wall and CPU seconds of one run."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class IngestSpeed:
    """Plain extraction and ingest into a store, on the same articles."""

    articles: int
    jobs: int | None
    extract: Timing
    ingest: Timing

    def to_dict(self) -> dict[str, float | int | None]:
        """Plain JSON-ready data; ``*_ratio`` is ingest throughput over extract throughput."""
        return {
            "articles": self.articles,
            "jobs": self.jobs,
            "extract_articles_per_second": round(self.articles / self.extract.wall, 2),
            "ingest_articles_per_second": round(self.articles / self.ingest.wall, 2),
            "wall_ratio": round(self.extract.wall / self.ingest.wall, 3),
            "extract_cpu_seconds": round(self.extract.cpu, 1),
            "ingest_cpu_seconds": round(self.ingest.cpu, 1),
            "cpu_ratio": round(self.extract.cpu / self.ingest.cpu, 3),
        }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time_extract(path: str, jobs: int | None) -> Timing:
    from ..input.sources import read_sources
    from ..nlp.extract import Failure
    from ..nlp.parallel import extract_parallel
    from ..nlp.pipeline import get_nlp

    get_nlp()
    started, cpu = time.perf_counter(), _cpu()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for outcome in extract_parallel(read_sources([path], max_bytes=4_000_000), jobs=jobs):
            if not isinstance(outcome, Failure):
                sink.write(json.dumps(outcome.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return Timing(time.perf_counter() - started, _cpu() - cpu)


def _time_ingest(path: str, jobs: int | None) -> Timing:
    from ..corpus.ingest import ingest
    from ..nlp.pipeline import get_nlp

    get_nlp()
    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), _cpu()
        ingest([path], Path(folder) / "speed.db", jobs=jobs)
        return Timing(time.perf_counter() - started, _cpu() - cpu)


def _report(function: Any, path: str, jobs: int | None, queue: Any) -> None:
    queue.put(function(path, jobs))


def measure_ingest_speed(
    texts: list[str], *, jobs: int | None = None, rounds: int = 1
) -> IngestSpeed:
    """Time extraction and ingest of ``texts``, alternating, best of ``rounds`` each.

    Call it under ``if __name__ == "__main__":`` (it starts processes with spawn).
    """
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            for number, text in enumerate(texts):
                record = {"id": f"speed-{number}", "text": text, "outlet": f"outlet {number % 7}"}
                stream.write(json.dumps(record) + "\n")
        timings: dict[str, list[Timing]] = {"extract": [], "ingest": []}
        for _ in range(rounds):
            for name, function in (("extract", _time_extract), ("ingest", _time_ingest)):
                queue = context.Queue()
                # Not a Pool: its daemonic workers could not start extraction workers.
                process = context.Process(target=_report, args=(function, str(path), jobs, queue))
                process.start()
                timings[name].append(queue.get())
                process.join()
    best = {name: min(found, key=lambda timing: timing.wall) for name, found in timings.items()}
    return IngestSpeed(len(texts), jobs, best["extract"], best["ingest"])
