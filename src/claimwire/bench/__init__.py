"""``claimwire bench``: accuracy on gold-annotated sets and speed, measured the same way always.

Every accuracy task is a module of this package with a ``run(data: Path, *, limit)``
function returning a :class:`~claimwire.bench.metrics.Report`; :data:`TASKS` maps the task
names of the command line to those modules and to the default set folder under
``../shared/eval`` (any folder laid out the same way works with ``--data``).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import InvalidOptionError
from .metrics import Measure, Report, Score
from .split import Half

__all__ = [
    "TASKS",
    "Measure",
    "Report",
    "Score",
    "Task",
    "below_floors",
    "default_eval_root",
    "floors",
    "get_task",
    "run_task",
]


@dataclass(frozen=True)
class Task:
    """One accuracy task of ``claimwire bench``."""

    name: str
    module: str
    default_set: str | None
    description: str


TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task("seed", "claimwire.bench.seed", None, "the seed article against its expected file"),
        Task(
            "figures",
            "claimwire.bench.figures",
            "muc4",
            "MUC-4 victim counts: killed and injured figures (value and measure) per message",
        ),
        Task(
            "claims",
            "claimwire.bench.claims",
            "ggt_quotes",
            "quotes and speakers (GenderGapTracker gold)",
        ),
        Task(
            "attribution",
            "claimwire.bench.attribution",
            "polnear",
            "source, cue and content of attributions (PolNeAR)",
        ),
        Task(
            "places",
            "claimwire.bench.places",
            "geoparsing",
            "toponym recognition and resolution (LGL, GeoVirus, GeoWebNews)",
        ),
        Task(
            "events",
            "claimwire.bench.events",
            "case2021_task2",
            "event types of news snippets (CASE 2021 Task 2), macro-F1 in extra",
        ),
        Task(
            "police-events",
            "claimwire.bench.police_events",
            "india_police_events",
            "did police kill, arrest, use force or fail (IndiaPoliceEvents sentences)",
        ),
        Task(
            "wikievents",
            "claimwire.bench.wikievents",
            "wikievents",
            "event triggers and types (WikiEvents, KAIROS types mapped)",
        ),
        Task(
            "muc-events",
            "claimwire.bench.muc_events",
            "muc4",
            "MUC-4 incidents: relevance, type, perpetrator organization",
        ),
        Task(
            "dates",
            "claimwire.bench.dates",
            "muc4",
            "incident dates of MUC-4 messages resolved against their dateline",
        ),
        Task(
            "conflict-news",
            "claimwire.bench.conflict_news",
            "conflict_news",
            "real conflict news: figures, claimants, claims, contradictions, places, events",
        ),
        Task(
            "gate",
            "claimwire.bench.gate",
            ".",
            "relevance gate: recall on conflict sets, rejection of off-topic sets",
        ),
        Task(
            "gva",
            "claimwire.bench.gva",
            "gva_counts",
            "US shooting news: killed and injured figures equal to the official counts",
        ),
    )
}
"""Accuracy tasks by command-line name; tasks register here as their extractors land."""


def default_eval_root() -> Path:
    """Where the evaluation sets live: ``$CLAIMWIRE_EVAL`` or ``../shared/eval``."""
    configured = os.environ.get("CLAIMWIRE_EVAL")
    if configured:
        return Path(configured)
    return Path.cwd().parent / "shared" / "eval"


def get_task(name: str) -> Task:
    """The task called ``name``.

    Raises:
        KeyError: No such task.
    """
    return TASKS[name]


def run_task(
    task: Task, data: Path | None, *, limit: int | None = None, half: Half | None = None
) -> Report:
    """Run one accuracy task on its set folder (or ``data``), and check its floors.

    Raises:
        InvalidOptionError: ``half`` is given for a task that does not split its set.
    """
    module = importlib.import_module(task.module)
    default = data is None
    if default and task.default_set is not None:
        data = default_eval_root() / task.default_set
    if half is not None:
        if "half" not in inspect.signature(module.run).parameters:
            raise InvalidOptionError(f"bench task {task.name!r} does not split its set into halves")
        report: Report = module.run(data, limit=limit, half=half)
    else:
        report = module.run(data, limit=limit)
    if default and limit is None and half is None:  # floors are for whole default sets
        report.extra["below_floors"] = below_floors(task.name, report)
    return report


def floors() -> dict[str, dict[str, float]]:
    """The committed minimum F1 per task and section (``bench/floors.json``)."""
    path = resources.files("claimwire") / "bench" / "floors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {task: values for task, values in data.items() if isinstance(values, dict)}


def below_floors(task: str, report: Report) -> list[str]:
    """The sections of ``report`` whose F1 is under the committed floor, as messages.

    A floor may also name one of the report's measures: its value must not be under the
    floor, or over it when the measure is an error (``lower_is_better``).
    """
    below = []
    for section, floor in floors().get(task, {}).items():
        measure = report.measures.get(section)
        if measure is not None:
            if measure.lower_is_better and measure.value > floor + 1e-9:
                below.append(f"{section} {measure.value:.3f} > ceiling {floor:.3f}")
            elif not measure.lower_is_better and measure.value + 1e-9 < floor:
                below.append(f"{section} {measure.value:.3f} < floor {floor:.3f}")
            continue
        score = report.sections.get(section)
        f1 = score.f1 if score is not None else 0.0
        if f1 + 1e-9 < floor:
            below.append(f"{section} F1 {f1:.3f} < floor {floor:.3f}")
    return below
