"""Charts drawn on the server as SVG (no script): series panels and activity over time.

A series panel (:class:`claimwire.store.charts.Panel`) draws each claimant's totals as
claimed (solid line, filled points), computed totals (dashed line, hollow diamonds,
labelled "computed"), increments as claimed (squares; a period as a bar from its first to
its last day) and the reference (dashed grey, no points). Points dated by the article's
publication date rather than by its text are hollow. Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ..store.charts import Line, Panel
from ..store.days import shift
from ..store.series import Series

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
WIDTH, HEIGHT = 600, 280
LEFT, RIGHT, TOP, BOTTOM = 58, 40, 14, 34


@dataclass(frozen=True)
class LegendEntry:
    """A line of the chart's legend."""

    label: str
    color: str
    points: int
    dashed: bool = False
    kind: str = "claimed"


@dataclass(frozen=True)
class Chart:
    """An SVG chart, its legend and the number of points drawn."""

    svg: str
    legend: list[LegendEntry]
    points: int


def series_label(series: Series) -> str:
    """ "Ministry of Defence of Russia: destroyed tanks (Ukraine)"; an outlet's own figures
    are "reported by <outlet>"."""
    side = f" ({series.side})" if series.side else ""
    return f"{series.label}: {series.measure} {series.category}{side}".replace("_", " ")


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step: float = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    return step


@dataclass(frozen=True)
class _Frame:
    """The axes of a chart: days across, values up."""

    first: dt.date
    last: dt.date
    top: float
    step: float

    @classmethod
    def of(cls, days: Sequence[dt.date], values: Sequence[float]) -> _Frame:
        first, last = min(days), max(days)
        if first == last:
            first, last = shift(first, -1), shift(last, 1)
        top = max([*values, 0.0]) or 1.0
        step = max(nice_step(top), 1.0)  # counts: no tick between two whole numbers
        return cls(first, last, math.ceil(top / step) * step, step)

    def x(self, day: dt.date) -> float:
        span = max((self.last - self.first).days, 1)
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / span

    def y(self, value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / self.top)

    def axes(self, label: str) -> list[str]:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} '
            f'{HEIGHT}" role="img" aria-label="{escape(label)}">'
        ]
        tick = 0.0
        while tick <= self.top + self.step / 2:
            level = self.y(tick)
            parts.append(
                f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level:.1f}" '
                f'y2="{level:.1f}"/><text class="tick" x="{LEFT - 6}" y="{level + 4:.1f}" '
                f'text-anchor="end">{tick:,.0f}</text>'
            )
            tick += self.step
        span = (self.last - self.first).days
        for index in range(6):
            day = shift(self.first, round(span * index / 5))
            parts.append(
                f'<text class="tick" x="{self.x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                f'text-anchor="middle">{day.isoformat()}</text>'
            )
        base = TOP + HEIGHT - TOP - BOTTOM
        parts.append(
            f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"/>'
        )
        return parts


def _tip(line: Line, value: float, index: int) -> str:
    found = line.points[index].point
    if found is None:
        return f"{line.label}: {value:,.0f}"
    how = "computed" if line.kind == "computed" else f"claimed, {found.kind}"
    period = ""
    if line.kind == "increments" and found.since:
        period = f" ({found.since} to {found.date})"
    return (
        f"{found.date}{period} · {value:,.0f} ({how}) · {found.claimant} [{found.hedge}] · "
        f"{found.outlet or 'unknown outlet'}\n{found.evidence}"
    )


def draw_panel(panel: Panel, *, label: str = "Claimed figures over time") -> Chart:
    """The SVG of one series panel (totals or increments) and its legend."""
    days: list[dt.date] = []
    values: list[float] = []
    for line in panel.lines:
        for point in line.points:
            days.extend(day for day in (point.day, point.since) if day is not None)
            values.append(point.value)
    if not days:
        return Chart(svg="", legend=[], points=0)
    frame = _Frame.of(days, values)
    parts = frame.axes(label)
    legend: list[LegendEntry] = []
    colors: dict[str, str] = {}
    drawn = 0
    for line in panel.lines:
        if line.kind == "reference":
            path = " ".join(f"{frame.x(p.day):.1f},{frame.y(p.value):.1f}" for p in line.points)
            parts.append(f'<polyline class="reference" points="{path}"/>')
            legend.append(LegendEntry(line.label, "#888", len(line.points), True, "reference"))
            continue
        color = colors.setdefault(line.series_id, PALETTE[len(colors) % len(PALETTE)])
        parts.extend(_line(frame, line, color))
        drawn += len(line.points)
        legend.append(
            LegendEntry(line.label, color, len(line.points), line.kind == "computed", line.kind)
        )
    parts.append("</svg>")
    return Chart(svg="".join(parts), legend=legend, points=drawn)


def _line(frame: _Frame, line: Line, color: str) -> list[str]:
    parts = []
    ordered = sorted(enumerate(line.points), key=lambda item: item[1].day)
    if line.kind in ("claimed", "computed") and len(ordered) > 1:
        path = " ".join(f"{frame.x(p.day):.1f},{frame.y(p.value):.1f}" for _, p in ordered)
        dashed = ' stroke-dasharray="6 4"' if line.kind == "computed" else ""
        parts.append(
            f'<polyline class="line {line.kind}" stroke="{color}"{dashed} points="{path}"/>'
        )
    for index, point in ordered:
        cx, cy = frame.x(point.day), frame.y(point.value)
        common = (
            f'class="point {line.kind}" data-series="{escape(line.series_id)}" '
            f'data-kind="{line.kind}" data-date="{point.day}" data-value="{point.value:g}"'
        )
        tip = f"<title>{escape(_tip(line, point.value, index))}</title>"
        if line.kind == "increments" and point.since is not None and point.since < point.day:
            parts.append(
                f'<line class="period" x1="{frame.x(point.since):.1f}" x2="{cx:.1f}" '
                f'y1="{cy:.1f}" y2="{cy:.1f}" stroke="{color}"/>'
            )
        fill = "#fff" if point.hollow or line.kind == "computed" else color
        if line.kind == "computed":
            shape = (
                f'<path {common} d="M{cx:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy:.1f} '
                f'L{cx:.1f},{cy + 5:.1f} L{cx - 5:.1f},{cy:.1f} Z" fill="{fill}" '
                f'stroke="{color}">{tip}</path>'
            )
        elif line.kind == "increments":
            shape = (
                f'<rect {common} x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                f'fill="{fill}" stroke="{color}">{tip}</rect>'
            )
        else:
            shape = (
                f'<circle {common} cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{fill}" '
                f'stroke="{color}">{tip}</circle>'
            )
        parts.append(shape)
    return parts


@dataclass(frozen=True)
class Bars:
    """Stacked bars: one per period, one segment per key (an event type)."""

    periods: list[dt.date]
    """First day of each period, in order."""
    values: dict[str, list[float]]
    """Key -> its value in each period."""


def draw_bars(bars: Bars, colors: Callable[[str], str], *, label: str) -> Chart:
    """Stacked bars over time (events per period by type)."""
    if not bars.periods:
        return Chart(svg="", legend=[], points=0)
    heights = [
        sum(values[index] for values in bars.values.values()) for index in range(len(bars.periods))
    ]
    end = bars.periods[-1] + (bars.periods[-1] - bars.periods[-2] if len(bars.periods) > 1
                              else dt.timedelta(days=1))  # fmt: skip
    frame = _Frame.of([bars.periods[0], end], heights)
    parts = frame.axes(label)
    starts = [*bars.periods[1:], end]
    for index, day in enumerate(bars.periods):
        x0, x1 = frame.x(day), frame.x(starts[index])
        width = max(x1 - x0 - 1, 1.0)
        level = 0.0
        for key, values in bars.values.items():
            value = values[index]
            if not value:
                continue
            top = frame.y(level + value)
            parts.append(
                f'<rect class="bar" data-key="{escape(key)}" data-period="{day}" '
                f'data-value="{value:g}" x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" '
                f'height="{frame.y(level) - top:.1f}" fill="{colors(key)}">'
                f"<title>{escape(f'{day}: {value:,.0f} {key}')}</title></rect>"
            )
            level += value
    parts.append("</svg>")
    legend = [
        LegendEntry(key, colors(key), int(sum(values))) for key, values in bars.values.items()
    ]
    return Chart(svg="".join(parts), legend=legend, points=len(bars.periods))


def draw_lines(
    periods: list[dt.date], lines: dict[str, list[float | None]], *, label: str
) -> Chart:
    """One line per key over periods (fatalities claimed per claimant); None: no claim."""
    values = [v for line in lines.values() for v in line if v is not None]
    if not periods or not values:
        return Chart(svg="", legend=[], points=0)
    frame = _Frame.of(periods, values)
    parts = frame.axes(label)
    legend = []
    drawn = 0
    for index, (key, line) in enumerate(lines.items()):
        color = PALETTE[index % len(PALETTE)]
        known = [(day, value) for day, value in zip(periods, line, strict=True) if value]
        if len(known) > 1:
            path = " ".join(f"{frame.x(day):.1f},{frame.y(value):.1f}" for day, value in known)
            parts.append(f'<polyline class="line" stroke="{color}" points="{path}"/>')
        for day, value in known:
            parts.append(
                f'<circle class="point" data-key="{escape(key)}" data-period="{day}" '
                f'data-value="{value:g}" cx="{frame.x(day):.1f}" cy="{frame.y(value):.1f}" '
                f'r="4" fill="{color}" stroke="{color}">'
                f"<title>{escape(f'{day}: {value:,.0f} claimed by {key}')}</title></circle>"
            )
        drawn += len(known)
        legend.append(LegendEntry(key, color, len(known)))
    parts.append("</svg>")
    return Chart(svg="".join(parts), legend=legend, points=drawn)
