"""The figure hit: a number tied to what it counts, with character offsets."""

from __future__ import annotations

from dataclasses import dataclass

from ...vocab import Category, FigureUnit, Measure, Modality, Status, TimeRelation


@dataclass(frozen=True)
class FigureHit:
    """A number tied to what it counts. Offsets index ``doc.text``.

    ``time_relation`` tells how the time phrase bounds the figure: "since", "as_of" or
    "on" (convert resolves the phrase, or reads the dates component).
    """

    id: str
    start: int
    end: int
    value: float | None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: FigureUnit = "count"
    counted_start: int | None = None
    counted_end: int | None = None
    category: Category | None = None
    measure: Measure | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    negated: bool = False
    modality: Modality = "actual"
    side: str | None = None
    cumulative: bool | None = None
    time_start: int | None = None
    time_end: int | None = None
    time_relation: TimeRelation | None = None
    status: Status = "new"
