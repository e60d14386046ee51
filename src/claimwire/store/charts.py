"""What a series chart shows, decided once for the dashboard's SVG and ``claimwire plot``.

:func:`chart_groups` puts the series in one chart per (measure, category, side, conflict,
unit). A chart has up to two panels, each only when it has data: running totals (each
claimant's totals as claimed, solid; the computed totals, dashed and labelled
"computed") and increments (each as claimed, with the period it covers when the text
gives one). Groups with fewer than two dated points are not charted (they are listed as
single reports). A reference series is drawn only on the charts of its category and side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import pycountry

from .series import Point, Series

LineKind = Literal["claimed", "computed", "increments", "reference"]


@dataclass(frozen=True)
class ChartPoint:
    """One marker: its day, its value, the period it covers (increments), its figure."""

    day: dt.date
    value: float
    since: dt.date | None = None
    point: Point | None = None
    hollow: bool = False
    """Dated by the article's publication date, not by the text."""


@dataclass(frozen=True)
class Line:
    """One line of a panel: a claimant's claimed totals, its computed totals, its
    increments, or the reference."""

    label: str
    kind: LineKind
    series_id: str
    points: list[ChartPoint]


@dataclass(frozen=True)
class Panel:
    """One panel of a chart: ``totals`` or ``increments``."""

    name: Literal["totals", "increments"]
    title: str
    lines: list[Line]

    @property
    def points(self) -> int:
        """Markers of the claimants' lines (the reference not counted)."""
        return sum(len(line.points) for line in self.lines if line.kind != "reference")


@dataclass(frozen=True)
class ChartGroup:
    """The chart of one (measure, category, side, conflict, unit)."""

    measure: str
    category: str
    side: str | None
    conflict: str | None
    unit: str
    series: list[Series]
    panels: list[Panel] = field(default_factory=list)

    @property
    def title(self) -> str:
        """ "Destroyed tanks (Russia's) · Ukraine"."""
        text = f"{self.measure} {self.category}".replace("_", " ").capitalize()
        if self.side:
            text += f" (side: {self.side})"
        if self.unit == "percent":
            text += ", percent"
        return f"{text} · {conflict_name(self.conflict)}"

    @property
    def points(self) -> int:
        """Dated points of the group's series."""
        return sum(1 for entry in self.series for point in entry.points if point.date)


@dataclass(frozen=True)
class Reference:
    """A reference series (an official tally, a dataset) and what it counts.

    It is drawn only on charts whose category (and side and measure, when given) match.
    """

    label: str
    points: tuple[tuple[dt.date, float], ...]
    category: str | None = None
    side: str | None = None
    measure: str | None = None

    def applies_to(self, group: ChartGroup) -> bool:
        """Whether the reference counts what the chart counts."""
        if self.category is None or self.category != group.category:
            return False
        if (self.side or None) != (group.side or None):
            return False
        return self.measure is None or self.measure == group.measure


def conflict_name(code: str | None) -> str:
    """A country's name from its ISO code ("place not known" for None)."""
    if code is None:
        return "place not known"
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found is not None else code


@dataclass(frozen=True)
class Charts:
    """The charted groups, and the series left as single reports."""

    groups: list[ChartGroup]
    single: list[Series]
    excluded: int
    """Points left out for implausible dates (after publication, or in the future)."""


def chart_groups(series: Sequence[Series], reference: Reference | None = None) -> Charts:
    """One chart per (measure, category, side, conflict, unit) with at least two points.

    Args:
        series: The series (:func:`claimwire.store.series.read_series`).
        reference: Drawn in the totals panel of the charts it applies to.
    """
    keyed: dict[tuple[str, str, str, str, str], list[Series]] = {}
    for entry in series:
        key = (entry.measure, entry.category, entry.side or "", entry.conflict or "", entry.unit)
        keyed.setdefault(key, []).append(entry)
    groups, single = [], []
    for (measure, category, side, conflict, unit), members in keyed.items():
        group = ChartGroup(measure, category, side or None, conflict or None, unit, members)
        if group.points < 2:
            single.extend(members)
            continue
        overlay = reference if reference is not None and reference.applies_to(group) else None
        groups.append(_with_panels(group, overlay))
    groups.sort(key=lambda g: (-g.points, g.measure, g.category, g.side or "", g.conflict or ""))
    return Charts(groups, single, sum(entry.excluded for entry in series))


def _with_panels(group: ChartGroup, reference: Reference | None) -> ChartGroup:
    totals: list[Line] = []
    increments: list[Line] = []
    for entry in group.series:
        claimed: list[ChartPoint] = []
        computed: list[ChartPoint] = []
        counts: list[ChartPoint] = []
        last_total: ChartPoint | None = None
        for point in entry.points:
            if point.date is None or point.claimed is None:
                continue
            day = dt.date.fromisoformat(point.date[:10])
            hollow = point.date_basis == "published"
            if point.kind == "total":
                last_total = ChartPoint(day, point.claimed, point=point, hollow=hollow)
                claimed.append(last_total)
                continue
            since = dt.date.fromisoformat(point.since[:10]) if point.since else None
            counts.append(ChartPoint(day, point.claimed, since, point, hollow))
            if point.computed and point.total is not None:
                if not computed and last_total is not None:
                    computed.append(last_total)  # the dashed line starts at its base
                computed.append(ChartPoint(day, point.total, point=point, hollow=True))
        if claimed:
            totals.append(Line(f"{entry.label}: totals as claimed", "claimed", entry.id, claimed))
        if computed:
            label = f"{entry.label}: computed (last claimed total + increments since)"
            totals.append(Line(label, "computed", entry.id, computed))
        if counts:
            increments.append(Line(f"{entry.label}: as claimed", "increments", entry.id, counts))
    panels = []
    if totals:
        if reference is not None:
            points = [ChartPoint(day, value) for day, value in reference.points]
            totals.insert(0, Line(reference.label, "reference", "", points))
        panels.append(Panel("totals", "Running totals", totals))
    if increments:
        panels.append(Panel("increments", "Counts of a day or a period, as claimed", increments))
    return ChartGroup(
        group.measure,
        group.category,
        group.side,
        group.conflict,
        group.unit,
        group.series,
        panels,
    )
