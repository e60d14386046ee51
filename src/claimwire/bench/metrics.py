"""Precision, recall and F1, and the report every bench task returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Counts of one section of a task: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates, rounded for reports."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Measure:
    """A figure of a task that is not precision / recall / F1 (an error in km, a rate).

    ``lower_is_better`` measures (errors) take their committed floor as a ceiling.
    """

    value: float
    unit: str = ""
    lower_is_better: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Value and direction, rounded for reports."""
        return {
            "value": round(self.value, 4),
            "unit": self.unit,
            "lower_is_better": self.lower_is_better,
        }


@dataclass
class Report:
    """What a bench task measured: scores per section, misses, and notes on the data."""

    task: str
    data: str
    documents: int = 0
    sections: dict[str, Score] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def section(self, name: str) -> Score:
        """The score of section ``name``, created empty when new."""
        return self.sections.setdefault(name, Score())

    def miss(self, section: str, description: str, *, keep: int = 50) -> None:
        """Record one miss (a false negative or positive) of ``section``, up to ``keep``."""
        found = self.misses.setdefault(section, [])
        if len(found) < keep:
            found.append(description)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "task": self.task,
            "data": self.data,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "sections": {name: score.to_dict() for name, score in self.sections.items()},
            "measures": {name: measure.to_dict() for name, measure in self.measures.items()},
            "misses": self.misses,
            "extra": self.extra,
        }

    def format(self, *, show_misses: int = 10) -> str:
        """A plain-text table of the report, with the first misses of each section."""
        width = max([24, *(len(name) for name in [*self.sections, *self.measures])])
        lines = [
            f"claimwire bench {self.task}: {self.data} ({self.documents} documents, "
            f"{self.seconds:.1f} s)",
            f"{'section':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}",
        ]
        for name, score in self.sections.items():
            lines.append(
                f"{name:<{width}} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                f"{score.tp:6d} {score.fp:6d} {score.fn:6d}"
            )
        for name, measure in self.measures.items():
            better = "lower" if measure.lower_is_better else "higher"
            unit = f" {measure.unit}" if measure.unit else ""
            lines.append(f"{name:<{width}} {measure.value:.4g}{unit} ({better} is better)")
        for key, value in self.extra.items():
            if value or value == 0:
                lines.append(f"{key}: {value}")
        for name, found in self.misses.items():
            if found and show_misses:
                lines.append(f"-- {name}: first misses")
                lines.extend(f"   {line}" for line in found[:show_misses])
        return "\n".join(lines)
