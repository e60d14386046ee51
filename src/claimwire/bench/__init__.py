"""``claimwire bench``: accuracy on gold-annotated sets and speed, measured the same way always.

Every accuracy task is a module of this package with a ``run(data: Path, *, limit)``
function returning a :class:`~claimwire.bench.metrics.Report`; :data:`TASKS` maps the task
names of the command line to those modules and to the default set folder under
``../shared/eval`` (any folder laid out the same way works with ``--data``).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from .metrics import Report, Score

__all__ = ["TASKS", "Report", "Score", "Task", "default_eval_root", "get_task"]


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


def run_task(task: Task, data: Path | None, *, limit: int | None = None) -> Report:
    """Run one accuracy task on its set folder (or ``data``)."""
    module = importlib.import_module(task.module)
    if data is None and task.default_set is not None:
        data = default_eval_root() / task.default_set
    return module.run(data, limit=limit)
