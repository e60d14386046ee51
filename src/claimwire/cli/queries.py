"""The query commands of ``claimwire``: figures, claims, events, contradictions, series and
reconcile, each printed as a table, a JSON array or CSV.

A thin shell over :mod:`claimwire.store.queries`, :mod:`claimwire.store.series` and
:mod:`claimwire.store.reconcile`: each command parses its options, calls one library
function, and prints.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ClaimwireError
from .options import (
    db_option,
    fail,
    filter_options,
    format_option,
    make_filters,
    open_for_reading,
    parse_date,
)

TABLE_COLUMNS = {
    "figures": (
        "date",
        "claimant",
        "hedge",
        "measure",
        "category",
        "side",
        "value",
        "cumulative",
        "place",
        "outlet",
        "evidence",
    ),
    "claims": ("date", "claimant", "form", "hedge", "cue", "content", "outlet"),
    "events": (
        "date",
        "type",
        "subtype",
        "actor1",
        "actor2",
        "place",
        "fatalities",
        "claimant",
        "hedge",
        "outlet",
        "cluster_id",
    ),
    "clusters": (
        "date_start",
        "date_end",
        "type",
        "subtype",
        "place",
        "country",
        "reports",
        "outlets",
        "id",
    ),
    "contradictions": (
        "date",
        "kind",
        "a_claimant",
        "a_value",
        "b_claimant",
        "b_value",
        "reason",
        "settled_side",
    ),
    "series": (
        "series",
        "date",
        "kind",
        "claimed",
        "total",
        "computed",
        "claimant",
        "hedge",
        "outlet",
        "evidence",
    ),
    "reconcile": (
        "date",
        "category",
        "value",
        "reference",
        "status",
        "lag_days",
        "difference",
        "outlet",
        "evidence",
    ),
}
"""Columns shown by ``--format table`` (json and csv show every column)."""


def register(main: click.Group) -> None:
    """Add the query commands to the ``claimwire`` group."""
    for command in (figures, claims, events, contradictions, series, reconcile):
        main.add_command(command)


def emit(rows: list[dict[str, Any]], output_format: str, table: str) -> None:
    """Print rows as a table, a JSON array, or CSV."""
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        from ..store.export import TABLES, write_csv, write_table_csv

        if table in TABLES:  # typed, every column even with no row
            write_table_csv(table, rows, sys.stdout)
        else:
            write_csv(rows, sys.stdout)
    else:
        _print_table(rows, TABLE_COLUMNS[table])


def _print_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=200)
    if not rows:
        console.print("(nothing matches)")
        return
    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold", max_width=60)
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def _query_command(name: str, help_text: str) -> click.Command:
    @click.command(name=name, help=help_text)
    @db_option
    @filter_options
    @format_option
    def command(db: Path, output_format: str, **options: Any) -> None:
        from ..store import queries

        connection = open_for_reading(db)
        try:
            rows = getattr(queries, name)(connection, make_filters(options))
        except ClaimwireError as error:
            fail(error.message, error.exit_code)
        emit(rows, output_format, name)

    return command


figures = _query_command(
    "figures", "List figures (value, what is counted, measure, claimant, hedge, evidence)."
)
claims = _query_command("claims", "List attributed claims (claimant, cue, hedge, content).")


@click.command()
@db_option
@filter_options
@format_option
@click.option(
    "--clusters",
    "as_clusters",
    is_flag=True,
    help="One row per event (cluster of reports) instead of per report.",
)
def events(db: Path, output_format: str, as_clusters: bool, **options: Any) -> None:
    """List event reports, each with the cluster (event) it belongs to."""
    from ..store import queries

    connection = open_for_reading(db)
    query = queries.clusters if as_clusters else queries.events
    try:
        rows = query(connection, make_filters(options))
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    emit(rows, output_format, "clusters" if as_clusters else "events")


@click.command()
@db_option
@filter_options
@format_option
@click.option("--open", "open_only", is_flag=True, help="Only the ones no report settled.")
def contradictions(db: Path, output_format: str, open_only: bool, **options: Any) -> None:
    """List contradictions across sources, with both sides, claimants and evidence.

    --type figures|statements selects the kind.
    """
    from ..store import queries

    connection = open_for_reading(db)
    try:
        rows = queries.contradictions(connection, make_filters(options, open_only=open_only))
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    emit(rows, output_format, "contradictions")


@click.command()
@db_option
@filter_options
@format_option
def series(db: Path, output_format: str, **options: Any) -> None:
    """Claimed series per (claimant, measure, category, side), point by point.

    A point is a running total ("losses are now 32,000") or an increment ("killed on
    Monday"), with the value it claims; `total` is a claimed running total, or a computed
    one (`computed`: the last claimed total plus the separate counts since). Series are
    split by conflict (country). --limit pages over series.
    """
    from ..store.series import read_series

    connection = open_for_reading(db)
    try:
        found = read_series(connection, make_filters(options))
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    if output_format == "json":
        click.echo(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2))
        return
    rows = []
    for entry in found:
        label = (
            f"{entry.label} / {entry.measure} / {entry.category} / {entry.side or '-'} / "
            f"{entry.conflict or '-'}"
        )
        for point in entry.points:
            rows.append({"series": label, "series_id": entry.id, **point.__dict__})
    emit(rows, output_format, "series")


@click.command()
@db_option
@click.option(
    "--reference",
    type=click.Path(path_type=Path, file_okay=False),
    help="Reference folder [default: ../shared/eval/ua_losses_general_staff].",
)
@click.option(
    "--claimant",
    default="Ukraine",
    show_default=True,
    help="Whose figures to compare (part of the name, or their side).",
)
@click.option("--side", default="Russia", show_default=True, help="Whose losses are counted.")
@click.option("--since", callback=parse_date, metavar="YYYY-MM-DD", help="From this date.")
@click.option("--until", callback=parse_date, metavar="YYYY-MM-DD", help="Up to this date.")
@click.option("--category", help="Only this category (soldiers, tanks, ...).")
@format_option
def reconcile(
    db: Path,
    reference: Path | None,
    claimant: str,
    side: str,
    since: dt.date | None,
    until: dt.date | None,
    category: str | None,
    output_format: str,
) -> None:
    """Compare extracted loss figures with a reference table, date by date.

    Each figure agrees, lags (quotes an earlier day's total), is ahead, differs, or has
    no reference; a summary of the counts goes to standard error.
    """
    from ..bench import default_eval_root
    from ..store import reconcile as reconciling
    from ..store.queries import Filters

    folder = reference or default_eval_root() / "ua_losses_general_staff"
    connection = open_for_reading(db)
    filters = Filters(claimant=claimant, since=since, until=until, category=category, limit=None)
    try:
        table = reconciling.load_reference(folder)
        found = reconciling.reconcile(connection, table, filters, side=side)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    emit([item.to_dict() for item in found], output_format, "reconcile")
    summary = ", ".join(
        f"{count} {status}" for status, count in reconciling.summarize(found).items()
    )
    click.echo(f"claimwire: {len(found)} figure(s) compared: {summary or 'none'}", err=True)
