"""``claimwire plot``: plots of the store (the plot extra: matplotlib)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import ClaimwireError
from .options import (
    db_option,
    fail,
    filter_options,
    make_filters,
    open_for_reading,
    reference_options,
    reference_overlay,
)


def register(main: click.Group) -> None:
    """Add the ``plot`` group to the ``claimwire`` group."""
    main.add_command(plot)


@click.group()
def plot() -> None:
    """Plots of the store (matplotlib)."""


@plot.command(name="series")
@db_option
@filter_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Image file (.png or .svg).",
)
@click.option(
    "--reference",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV with a date column and a value column to draw as a reference.",
)
@click.option("--reference-column", help="The value column of the reference CSV.")
@reference_options
@click.option("--title", help="Title of the plot.")
def plot_series_command(
    db: Path,
    output: Path,
    reference: Path | None,
    reference_column: str | None,
    reference_category: str | None,
    reference_side: str | None,
    reference_measure: str | None,
    title: str | None,
    **options: Any,
) -> None:
    """Draw claimed series over time: one chart per measure, category, side and conflict
    (the dashboard's charts), with an optional reference series on the charts it matches."""
    from ..store.plot import plot_series
    from ..store.series import read_series

    connection = open_for_reading(db)
    try:
        found = read_series(connection, make_filters(options))
        overlay = reference_overlay(
            reference, reference_column, reference_category, reference_side, reference_measure
        )
        drawn = plot_series(found, output, reference=overlay, title=title)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    click.echo(f"claimwire: {drawn} point(s) of {len(found)} series drawn to {output}", err=True)
    if overlay is not None and overlay.category is None:
        click.echo(
            "claimwire: the reference is drawn on no chart: say what it counts with "
            "--reference-category (and --reference-side)",
            err=True,
        )
