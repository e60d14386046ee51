"""``claimwire bench speed``: articles/s, words/s and peak memory, full pipeline vs bare spaCy.

Each measurement runs in a fresh process (so its peak resident memory is its own) on the
same articles: the bare spaCy English pipeline through ``nlp.pipe``, then claimwire's
whole extraction (components and conversion to records) through ``extract_many``.
Model loading is timed apart from processing. Besides the wall time, the CPU time of the
process is recorded: on a machine shared with other work the wall time of a mode depends
on the load while it ran, its CPU time much less, so the CPU ratio is the one to compare.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import default_eval_root
from .corpus import load_articles


@dataclass(frozen=True)
class Timing:
    """One measured run over the corpus."""

    name: str
    load_seconds: float
    seconds: float
    articles: int
    words: int
    peak_rss_mb: float
    cpu_seconds: float = 0.0
    """CPU time of the measuring process (user and system; 0 when not measured, as for
    the modes whose work runs in other processes)."""

    @property
    def articles_per_second(self) -> float:
        """Articles processed per second (loading excluded)."""
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        """Whitespace-separated words processed per second (loading excluded)."""
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def cpu_articles_per_second(self) -> float:
        """Articles processed per CPU second (loading excluded; 0 when not measured)."""
        return self.articles / self.cpu_seconds if self.cpu_seconds else 0.0


@dataclass(frozen=True)
class SpeedReport:
    """Speed of the full pipeline next to bare spaCy on the same articles."""

    corpus: str
    timings: list[Timing]
    components: dict[str, float] = field(default_factory=dict)
    """Seconds per pipeline component (one article at a time), when profiled."""

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "corpus": self.corpus,
            "timings": [
                {
                    **asdict(timing),
                    "articles_per_second": round(timing.articles_per_second, 2),
                    "words_per_second": round(timing.words_per_second, 1),
                    "cpu_articles_per_second": round(timing.cpu_articles_per_second, 2),
                }
                for timing in self.timings
            ],
            "components": {name: round(seconds, 3) for name, seconds in self.components.items()},
        }


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Measured = tuple[float, float, float, float]
"""Seconds loading, seconds processing, peak resident MB, CPU seconds processing."""


def _time_bare(texts: list[str]) -> Measured:
    from ..nlp.pipeline import load_model

    started = time.perf_counter()
    nlp = load_model()
    nlp.max_length = max(nlp.max_length, max(len(text) for text in texts) + 1)
    loaded, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return (
        loaded - started,
        time.perf_counter() - loaded,
        _peak_rss_mb(),
        time.process_time() - cpu,
    )


def _time_full(texts: list[str]) -> Measured:
    return _time_claimwire(texts, full=False)


def _time_full_pipeline(texts: list[str]) -> Measured:
    return _time_claimwire(texts, full=True)


def _time_claimwire(texts: list[str], *, full: bool) -> Measured:
    from ..nlp.extract import extract_many
    from ..nlp.pipeline import get_nlp

    started = time.perf_counter()
    get_nlp()
    loaded, cpu = time.perf_counter(), time.process_time()
    for _result in extract_many(texts, full=full):
        pass
    return (
        loaded - started,
        time.perf_counter() - loaded,
        _peak_rss_mb(),
        time.process_time() - cpu,
    )


def _time_jobs(texts: list[str]) -> Measured:
    from ..nlp.parallel import extract_parallel

    started = time.perf_counter()
    for _result in extract_parallel(texts, jobs=2, pool_threshold=0):
        pass
    # Workers load the pipeline inside the run; their peak is the largest child's.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return 0.0, time.perf_counter() - started, peak, 0.0


def _time_dask(texts: list[str]) -> Measured:
    import json
    import tempfile

    from ..corpus.distributed import run_dask

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as stream:
            for text in texts:
                stream.write(json.dumps({"text": text}) + "\n")
        started = time.perf_counter()
        run_dask([corpus], Path(folder) / "out", workers=2, size=50)
        return 0.0, time.perf_counter() - started, 0.0, 0.0


def _profile(texts: list[str]) -> dict[str, float]:
    """Seconds spent in each pipeline component, article by article (no batching)."""
    from ..nlp.pipeline import get_nlp

    nlp = get_nlp()
    spent = {name: 0.0 for name in nlp.pipe_names}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - started
    return spent


MODES = {
    "bare": ("spaCy en_core_web_sm (bare)", _time_bare),
    "single": ("claimwire, 1 process", _time_full),
    "full": ("claimwire --full, 1 process", _time_full_pipeline),
    "jobs2": ("claimwire --jobs 2", _time_jobs),
    "dask2": ("claimwire Dask, 2 workers", _time_dask),
}
"""Measured configurations; jobs2 and dask2 include starting their workers; ``full`` is
claimwire without the relevance gate (every article through the whole pipeline)."""

MIX_SEED = 21
"""Seed of the order of a mixed stream (the same stream on every run)."""
RELEVANT_SETS = ("conflict_news", "muc4", "india_police_events")
"""Where a mixed stream's conflict articles come from (whole articles, no snippets)."""
OFF_TOPIC_SETS = ("ggt_quotes", "polnear", "conflict_news_negatives")
"""Where a mixed stream's off-topic articles come from."""


def mixed_stream(root: Path, *, limit: int, mix: float) -> list[str]:
    """``limit`` articles of which a share ``mix`` is off-topic, in a fixed shuffled order.

    The conflict articles are taken round-robin from :data:`RELEVANT_SETS` (conflict_news
    relevant articles first), the off-topic ones from :data:`OFF_TOPIC_SETS`, each at least
    :data:`~claimwire.bench.corpus.MIN_CHARS` characters long.

    Raises:
        InputNotFoundError: The sets hold too few articles for the stream.
    """
    import random
    from itertools import zip_longest

    from ..errors import InputNotFoundError
    from .corpus import MIN_CHARS
    from .gate_sets import gate_sets

    by_name = {found.name: found.texts for found in gate_sets(root)}

    def draw(names: tuple[str, ...], count: int) -> list[str]:
        pools = [
            [t.text for t in by_name.get(name, []) if len(t.text) >= MIN_CHARS] for name in names
        ]
        mixed = [text for group in zip_longest(*pools) for text in group if text is not None]
        if len(mixed) < count:
            raise InputNotFoundError(
                f"a mixed stream of {limit} needs {count} articles of {', '.join(names)} "
                f"under {root}; found {len(mixed)}"
            )
        return mixed[:count]

    off_topic = round(limit * mix)
    stream = draw(RELEVANT_SETS, limit - off_topic) + draw(OFF_TOPIC_SETS, off_topic)
    random.Random(MIX_SEED).shuffle(stream)
    return stream


def _in_fresh_process(function: Any, texts: list[str]) -> Any:
    # Not a multiprocessing.Pool: its daemonic workers could not start the workers of
    # the jobs and Dask modes.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, texts).result()


def measure_speed(
    corpus: Path | None = None,
    *,
    limit: int = 500,
    modes: tuple[str, ...] = tuple(MODES),
    profile: bool = True,
    mix: float | None = None,
) -> SpeedReport:
    """Time the bare spaCy pipeline and claimwire's extraction on real articles.

    Args:
        corpus: Folder of articles (an eval set or the eval root); default ``../shared/eval``.
        limit: Number of articles to time.
        modes: Configurations to time, among :data:`MODES`.
        profile: Also time each pipeline component (in a fresh process, one article at a
            time, so the shares are comparable even if the total is slower than batched).
        mix: Time a stream of conflict and off-topic articles instead (see
            :func:`mixed_stream`), this share of them off-topic (0 for conflict news only).

    Returns:
        Both timings, with articles/s, words/s and peak memory.

    Raises:
        InputNotFoundError: The corpus folder is missing or holds no articles.
    """
    root = corpus or default_eval_root()
    if mix is None:
        texts = load_articles(root, limit=limit)
    else:
        texts = mixed_stream(root, limit=limit, mix=mix)
    words = sum(len(text.split()) for text in texts)
    timings = []
    for mode in modes:
        name, function = MODES[mode]
        load_seconds, seconds, peak, cpu = _in_fresh_process(function, texts)
        timings.append(
            Timing(
                name,
                round(load_seconds, 2),
                round(seconds, 2),
                len(texts),
                words,
                round(peak, 1),
                round(cpu, 2),
            )
        )
    components = _in_fresh_process(_profile, texts) if profile else {}
    name = str(root) if mix is None else f"{root}, {mix:.0%} off-topic"
    return SpeedReport(corpus=name, timings=timings, components=components)


def format_report(report: SpeedReport) -> str:
    """A plain-text table of a speed report."""
    lines = [
        f"claimwire bench speed: {report.corpus}",
        f"{'pipeline':<30} {'articles':>8} {'words':>8} {'load s':>7} {'run s':>7} "
        f"{'art/s':>7} {'words/s':>8} {'peak MB':>8} {'cpu s':>7}",
    ]
    for timing in report.timings:
        lines.append(
            f"{timing.name:<30} {timing.articles:8d} {timing.words:8d} {timing.load_seconds:7.2f} "
            f"{timing.seconds:7.2f} {timing.articles_per_second:7.2f} "
            f"{timing.words_per_second:8.0f} {timing.peak_rss_mb:8.1f} {timing.cpu_seconds:7.2f}"
        )
    base = report.timings[0]
    for timing in report.timings[1:]:
        if base.seconds and timing.seconds:
            ratio = timing.articles_per_second / base.articles_per_second
            line = f"{timing.name}: {ratio:.0%} of {base.name} throughput"
            if base.cpu_seconds and timing.cpu_seconds:
                line += f" ({base.cpu_seconds / timing.cpu_seconds:.0%} by CPU time)"
            lines.append(line)
    lines.append("(jobs and Dask runs include starting their workers; peak MB is per process)")
    if report.components:
        model = sum(
            seconds
            for name, seconds in report.components.items()
            if not name.startswith("claimwire")
        )
        lines.append("time per component, one article at a time (share of the model's time):")
        for name, seconds in report.components.items():
            share = f" {seconds / model:6.1%}" if model and name.startswith("claimwire") else ""
            lines.append(f"  {name:<24} {seconds:8.2f} s{share}")
    return "\n".join(lines)
