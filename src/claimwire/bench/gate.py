"""``claimwire bench gate``: recall of the relevance gate on conflict sets, and what it saves.

For every conflict set (:mod:`claimwire.bench.gate_sets`) the measure ``recall:<set>`` is
the share of texts the gate lets through; the dropped ones are listed as misses
(``dropped:<set>``). For every off-topic set the measure ``rejected:<set>`` is the share of
texts the gate stops (the share that skips the pipeline). Only the gate runs (no spaCy),
so the whole bench takes seconds once the sets are read.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..nlp.gate import gate
from .metrics import Measure, Report
from .split import Half


def _clip(text: str, size: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def run(data: Path | None, *, limit: int | None = None, half: Half | None = None) -> Report:
    """Measure the gate on the sets under ``data`` (default ``../shared/eval``).

    Args:
        data: The evaluation root holding the sets (and ``../seed`` beside it).
        limit: Texts per set (the first ones).
        half: Only this half of conflict_news (its relevant articles and negatives).

    Returns:
        Recall per conflict set and rejection per off-topic set (measures), and the
        dropped conflict texts as misses.
    """
    from . import default_eval_root
    from .gate_sets import gate_sets

    started = time.perf_counter()
    root = data or default_eval_root()
    report = Report(task="gate", data=str(root))
    for gate_set in gate_sets(root, half=half):
        texts = gate_set.texts[:limit] if limit else gate_set.texts
        report.documents += len(texts)
        decisions = [(item, gate(item.text)) for item in texts]
        if not decisions:
            continue
        if gate_set.kind == "conflict":
            dropped = [(item, decision) for item, decision in decisions if not decision.passed]
            passed = len(decisions) - len(dropped)
            report.measures[f"recall:{gate_set.name}"] = Measure(passed / len(decisions))
            report.extra[f"recall:{gate_set.name}"] = f"{passed} of {len(decisions)} passed"
            for item, decision in dropped:
                report.miss(
                    f"dropped:{gate_set.name}",
                    f"{item.id} (score {decision.score:.3f}): {_clip(item.text)}",
                )
        else:
            rejected = sum(not decision.passed for _, decision in decisions)
            report.measures[f"rejected:{gate_set.name}"] = Measure(rejected / len(decisions))
            report.extra[f"rejected:{gate_set.name}"] = f"{rejected} of {len(decisions)}"
    report.seconds = time.perf_counter() - started
    return report
