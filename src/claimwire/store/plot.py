"""Plotting claimed series over time (matplotlib, the ``plot`` extra)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from ..errors import InputNotFoundError, InvalidOptionError, MissingExtraError
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


def plot_series(
    series: list[Series],
    output: Path,
    *,
    reference: list[tuple[dt.date, float]] | None = None,
    reference_label: str = "reference",
    title: str | None = None,
) -> int:
    """Draw each series (its running totals, else its values) by date to a PNG or SVG.

    Every point sits at the date it holds for (its evidence's as-of date, else the
    article's publication date); points whose date is the publication date are hollow.

    Returns:
        The number of points drawn.

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
    figure, axes = plt.subplots(figsize=(10, 5.5), dpi=110)
    drawn = 0
    for entry in series:
        dated = [p for p in entry.points if p.date is not None]
        if not dated:
            continue
        xs = [dt.date.fromisoformat(p.date) for p in dated]  # type: ignore[arg-type]
        ys = [p.total if p.total is not None else (p.value or p.lower or 0.0) for p in dated]
        side = f" ({entry.side})" if entry.side else ""
        label = f"{entry.claimant}: {entry.measure} {entry.category}{side}".replace("_", " ")
        (line,) = axes.plot(xs, ys, "-o", linewidth=1.2, markersize=6, label=label)  # type: ignore[arg-type]
        hollow = [
            (x, y) for x, y, p in zip(xs, ys, dated, strict=True) if p.date_basis == "published"
        ]
        if hollow:
            axes.plot(
                *zip(*hollow, strict=True),
                "o",
                color=line.get_color(),
                markerfacecolor="white",
                markersize=6,
            )
        drawn += len(dated)
    if reference:
        axes.plot(*zip(*reference, strict=True), "--", color="grey", linewidth=1,
                  label=reference_label)  # fmt: skip
    axes.set_title(title or "Claimed figures over time")
    axes.set_xlabel("date the figure holds for (hollow: publication date)")
    axes.set_ylabel("value (running total where known)")
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
    axes.grid(True, alpha=0.3)
    if drawn or reference:
        axes.legend(fontsize=8, loc="best")
    figure.tight_layout()
    figure.savefig(output)
    plt.close(figure)
    return drawn


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
