"""Plotting claimed series over time (matplotlib, the ``plot`` extra)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import InputNotFoundError, InvalidOptionError, MissingExtraError
from ..vocab import Category, values
from .charts import Panel, Reference, chart_groups
from .series import Series


def read_reference_csv(path: Path, *, column: str | None = None) -> list[tuple[dt.date, float]]:
    """A reference series from a CSV with a ``date`` column and a value column.

    Args:
        path: The CSV file.
        column: The value column; default the first column after ``date`` with numbers.

    Raises:
        InputNotFoundError: The file does not exist.
        InvalidOptionError: No ``date`` column, or no such value column.
    """
    if not path.is_file():
        raise InputNotFoundError(f"no reference CSV at {path}")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    if not rows or "date" not in rows[0]:
        raise InvalidOptionError(f"{path}: the reference CSV needs a 'date' column")
    names = [name for name in rows[0] if name != "date"]
    if column is None:
        column = next((name for name in names if _number(rows[0][name]) is not None), None)
    if column is None or column not in rows[0]:
        raise InvalidOptionError(f"{path}: no value column {column or ''!r} ({', '.join(names)})")
    points = []
    for row in rows:
        value = _number(row[column])
        if value is not None and row["date"]:
            points.append((dt.date.fromisoformat(row["date"][:10]), value))
    return sorted(points)


def reference_from_csv(
    path: Path,
    *,
    column: str | None = None,
    category: str | None = None,
    side: str | None = None,
    measure: str | None = None,
) -> Reference:
    """A reference series from a CSV (:func:`read_reference_csv`) and what it counts.

    Without ``category``, a value column named after a category ("tanks", "tank") gives
    it; otherwise the reference is drawn on no chart (it cannot be told what it counts).

    Raises:
        InputNotFoundError: The file does not exist.
        InvalidOptionError: No ``date`` column, no such value column, or an unknown category.
    """
    points = read_reference_csv(path, column=column)
    categories = values(Category)
    if category is not None and category not in categories:
        raise InvalidOptionError(
            f"unknown reference category {category!r}: one of {', '.join(categories)}"
        )
    if category is None:
        name = (column or _value_column(path) or "").strip().lower().replace(" ", "_")
        category = next((c for c in (name, name + "s") if c in categories), None)
    return Reference(
        label=f"reference ({path.name})",
        points=tuple(points),
        category=category,
        side=side or None,
        measure=measure or None,
    )


def _value_column(path: Path) -> str | None:
    with path.open(encoding="utf-8", newline="") as stream:
        first = next(csv.DictReader(stream), None)
    if first is None:
        return None
    return next((k for k in first if k != "date" and _number(first[k]) is not None), None)


def plot_series(
    series: list[Series],
    output: Path,
    *,
    reference: Reference | None = None,
    title: str | None = None,
) -> int:
    """Draw the series to a PNG or SVG: the charts of :func:`claimwire.store.charts.chart_groups`
    (one per measure, category, side and conflict; totals and increments in their own
    panels; computed totals dashed; periods as bars), as the dashboard draws them.

    Every point sits at the date it holds for (its evidence's as-of date, else the
    article's publication date); points whose date is the publication date are hollow.

    Returns:
        The number of points drawn (the reference not counted).

    Raises:
        MissingExtraError: matplotlib is not installed.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
        import matplotlib.ticker as ticker
    except ImportError:
        raise MissingExtraError(
            "plots need matplotlib: pip install 'claimwire[plot]' (or matplotlib)"
        ) from None
    charts = chart_groups(series, reference)
    panels = [(group, panel) for group in charts.groups for panel in group.panels]
    rows = max(len(panels), 1)
    figure, axes_list = plt.subplots(rows, 1, figsize=(10, 3.6 * rows + 0.8), dpi=110,
                                     squeeze=False)  # fmt: skip
    drawn = 0
    for (group, panel), (axes,) in zip(panels, axes_list, strict=False):
        drawn += _draw_panel(axes, panel)
        axes.set_title(f"{group.title}: {panel.title.lower()}", fontsize=10)
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize=7, loc="best")
    if not panels:
        axes_list[0][0].text(0.5, 0.5, "no series with two dated points", ha="center")
    figure.suptitle(title or "Claimed figures over time (hollow: dated by publication)")
    figure.tight_layout()
    figure.savefig(output)
    plt.close(figure)
    return drawn


def _draw_panel(axes: Any, panel: Panel) -> int:
    drawn = 0
    for line in panel.lines:
        xs = [point.day for point in line.points]
        ys = [point.value for point in line.points]
        if line.kind == "reference":
            axes.plot(xs, ys, "--", color="grey", linewidth=1, label=line.label)
            continue
        drawn += len(line.points)
        if line.kind == "increments":
            (marker,) = axes.plot(xs, ys, "s", markersize=5, label=line.label)
            for point in line.points:
                if point.since is not None and point.since < point.day:
                    axes.hlines(point.value, point.since, point.day, color=marker.get_color())
            continue
        style = "--D" if line.kind == "computed" else "-o"
        (drawn_line,) = axes.plot(xs, ys, style, linewidth=1.2, markersize=5, label=line.label)
        hollow = [(p.day, p.value) for p in line.points if p.hollow or line.kind == "computed"]
        if hollow:
            axes.plot(*zip(*hollow, strict=True), "D" if line.kind == "computed" else "o",
                      color=drawn_line.get_color(), markerfacecolor="white",
                      markersize=5)  # fmt: skip
    return drawn


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
