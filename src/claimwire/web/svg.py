"""Series charts drawn on the server as SVG: claimed values per claimant over time.

Each series is a line of its points (the running total where known, else the value);
points dated by the publication date rather than by the evidence are hollow. An
optional reference series is drawn as a dashed grey line.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

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


@dataclass(frozen=True)
class Chart:
    """An SVG chart, its legend and the number of points drawn."""

    svg: str
    legend: list[LegendEntry]
    points: int


def series_label(series: Series) -> str:
    """ "Ministry of Defence of Russia: destroyed tanks (UA)"."""
    side = f" ({series.side})" if series.side else ""
    return f"{series.claimant}: {series.measure} {series.category}{side}".replace("_", " ")


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step: float = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    return step


def draw_series(
    series: list[Series],
    *,
    reference: Sequence[tuple[dt.date, float]] | None = None,
    reference_label: str = "reference",
) -> Chart:
    """The chart of ``series`` (and the reference) as SVG markup; everything escaped."""
    lines: list[tuple[Series, list[tuple[dt.date, float, bool, str]]]] = []
    for entry in series:
        dated = []
        for point in entry.points:
            value = point.total if point.total is not None else (point.value or point.lower)
            if point.date is None or value is None:
                continue
            tip = (
                f"{point.date} · {value:,.0f} ({point.kind}) · {entry.claimant}"
                f" [{point.hedge}] · {point.outlet or 'unknown outlet'}\n{point.evidence}"
            )
            hollow = point.date_basis == "published"
            dated.append((dt.date.fromisoformat(point.date[:10]), float(value), hollow, tip))
        if dated:
            lines.append((entry, dated))
    reference = reference or []
    days = [day for _, dated in lines for day, *_ in dated] + [day for day, _ in reference]
    values = [v for _, dated in lines for _, v, *_ in dated] + [v for _, v in reference]
    if not days:
        return Chart(svg="", legend=[], points=0)
    first, last = min(days), max(days)
    if first == last:
        first, last = shift(first, -1), shift(last, 1)
    top = max(values) or 1.0
    step = nice_step(top)
    top = math.ceil(top / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span_days = (last - first).days

    def x(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / span_days

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-label="Claimed figures over time">'
    ]
    tick = 0.0
    while tick <= top + step / 2:
        level = y(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level:.1f}" '
            f'y2="{level:.1f}"/><text class="tick" x="{LEFT - 6}" y="{level + 4:.1f}" '
            f'text-anchor="end">{tick:,.0f}</text>'
        )
        tick += step
    for index in range(6):
        day = shift(first, round(span_days * index / 5))
        parts.append(
            f'<text class="tick" x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{day.isoformat()}</text>'
        )
    base = TOP + plot_h
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"/>')
    legend: list[LegendEntry] = []
    if reference:
        path = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in reference)
        parts.append(f'<polyline class="reference" points="{path}"/>')
        legend.append(LegendEntry(reference_label, "#888", len(reference), dashed=True))
    drawn = 0
    for index, (entry, dated) in enumerate(lines):
        color = PALETTE[index % len(PALETTE)]
        dated.sort(key=lambda item: item[0])
        path = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value, *_ in dated)
        parts.append(f'<polyline class="line" stroke="{color}" points="{path}"/>')
        for day, value, hollow, tip in dated:
            fill = "#fff" if hollow else color
            parts.append(
                f'<circle class="point" data-series="{escape(entry.id)}" data-date="{day}" '
                f'data-value="{value:g}" cx="{x(day):.1f}" cy="{y(value):.1f}" r="4.5" '
                f'fill="{fill}" stroke="{color}"><title>{escape(tip)}</title></circle>'
            )
        drawn += len(dated)
        legend.append(LegendEntry(series_label(entry), color, len(dated)))
    parts.append("</svg>")
    return Chart(svg="".join(parts), legend=legend, points=drawn)
