"""``claimwire plot``: plots of the store (the plot extra: matplotlib)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import ClaimwireError
from .options import db_option, fail, filter_options, make_filters, open_for_reading


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
@click.option("--title", help="Title of the plot.")
def plot_series_command(
    db: Path,
    output: Path,
    reference: Path | None,
    reference_column: str | None,
    title: str | None,
    **options: Any,
) -> None:
    """Draw claimed series per claimant over time, with an optional reference series."""
    from ..store.plot import plot_series, read_reference_csv
    from ..store.series import read_series

    connection = open_for_reading(db)
    try:
        found = read_series(connection, make_filters(options))
        overlay = read_reference_csv(reference, column=reference_column) if reference else None
        label = f"reference ({reference.name})" if reference else "reference"
        drawn = plot_series(found, output, reference=overlay, reference_label=label, title=title)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    click.echo(f"claimwire: {drawn} point(s) of {len(found)} series drawn to {output}", err=True)
