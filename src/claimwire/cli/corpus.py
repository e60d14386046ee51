"""The corpus commands of ``claimwire``: ingest, query, export, plot, reconcile.

A thin shell over :mod:`claimwire.corpus.ingest` and :mod:`claimwire.store`: each command parses
its options, calls one library function, and prints. ``register(main)`` adds them to the
``claimwire`` group.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click

from .cli_options import processing_options
from .errors import ClaimwireError, ExitCode

OUTPUT_FORMATS = ("table", "json", "csv")
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "geojson", "acled")

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
        "value",
        "total",
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


def fail(message: str, code: ExitCode) -> None:
    """Print an error to standard error and exit with ``code``."""
    click.echo(f"claimwire: error: {message}", err=True)
    sys.exit(int(code))


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--db FILE`` (default ./claimwire.db, or $CLAIMWIRE_DB)."""
    return click.option(
        "--db",
        type=click.Path(path_type=Path, dir_okay=False),
        default="claimwire.db",
        envvar="CLAIMWIRE_DB",
        show_default=True,
        help="The store (SQLite file).",
    )(function)


def filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filters shared by the query commands."""
    options = [
        click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="From this date."),
        click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Up to this date."),
        click.option("--country", help="ISO code (UA) or name (Ukraine) of the place."),
        click.option("--claimant", help="Claimant: any spelling, or part of the name."),
        click.option("--measure", help="killed, injured, destroyed, captured, ..."),
        click.option("--category", help="civilians, soldiers, tanks, ..."),
        click.option("--type", "type_", help="Event type or sub-type; contradiction kind."),
        click.option("--side", help="Whose people or equipment a figure counts (Russia)."),
        click.option("--outlet", help="Part of the outlet's name."),
        click.option("--all-versions", is_flag=True, help="Include superseded versions."),
        click.option("--with-copies", is_flag=True, help="Include wire copies."),
        click.option(
            "--limit",
            type=click.IntRange(min=0),
            default=100,
            show_default=True,
            help="Rows per page (0: all).",
        ),
        click.option("--offset", type=click.IntRange(min=0), default=0, help="Rows to skip."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``-f/--format table|json|csv``."""
    return click.option(
        "-f",
        "--format",
        "output_format",
        type=click.Choice(OUTPUT_FORMATS),
        default="table",
        show_default=True,
        help="table (readable), json (one array) or csv.",
    )(function)


def make_filters(options: dict[str, Any], **extra: Any) -> Any:
    """The :class:`~claimwire.store.queries.Filters` of the parsed options."""
    from .store.queries import Filters

    limit = options.get("limit", 100)
    return Filters(
        since=options.get("since"),
        until=options.get("until"),
        country=options.get("country"),
        claimant=options.get("claimant"),
        measure=options.get("measure"),
        category=options.get("category"),
        type=options.get("type_"),
        side=options.get("side"),
        outlet=options.get("outlet"),
        include_superseded=bool(options.get("all_versions")),
        include_duplicates=bool(options.get("with_copies")),
        limit=None if limit == 0 else limit,
        offset=options.get("offset", 0),
        **extra,
    )


def open_for_reading(db: Path) -> Any:
    """Open the store read-only, or exit with its error."""
    from .store import open_store

    try:
        return open_store(db, readonly=True)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)


def emit(rows: list[dict[str, Any]], output_format: str, table: str) -> None:
    """Print rows as a table, a JSON array, or CSV."""
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        from .store.export import write_csv

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


def register(main: click.Group) -> None:
    """Add the corpus commands to the ``claimwire`` group."""
    for command in (
        ingest,
        figures,
        claims,
        events,
        contradictions,
        series,
        export,
        plot,
        reconcile,
    ):
        main.add_command(command)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Articles per spaCy batch.",
)
@processing_options
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster (the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="dask: address of a running scheduler [default: start a local cluster for the run].",
)
@click.option(
    "--dask-workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="dask: workers of the local cluster.",
)
@click.option(
    "--results",
    type=click.Path(path_type=Path, file_okay=False),
    help="dask: folder of the Parquet results, one file per partition [default: DB.parts/].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def ingest(
    paths: tuple[str, ...],
    db: Path,
    batch_size: int,
    max_chars: int | None,
    jobs: int | None,
    time_budget: float,
    engine: str,
    scheduler: str | None,
    dask_workers: int,
    results: Path | None,
    quiet: bool,
) -> None:
    """Extract articles (files, directories, JSONL, HTML) into a store.

    Resumable: run it again after an interruption and it finishes the rest without
    duplicating anything; re-ingesting stored articles adds nothing. A progress bar
    shows articles/s and the ETA on a terminal. Exit codes: 0 ok, 1 some inputs failed,
    3 every input failed.
    """
    from .corpus.ingest import ingest as run_ingest
    from .nlp.limits import DEFAULT_MAX_CHARS

    if engine == "dask":
        _ingest_dask(paths, db, scheduler, dask_workers, results, max_chars, quiet=quiet)
        return

    options: dict[str, Any] = {
        "batch_size": batch_size,
        "max_chars": max_chars or DEFAULT_MAX_CHARS,
        "jobs": jobs,
        "time_budget": time_budget,
    }
    try:
        if not quiet and sys.stderr.isatty():
            report = _ingest_with_bar(run_ingest, paths, db, options)
        else:
            report = run_ingest(paths, db, **options)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    state = report.progress
    for source, problem in report.failures:
        click.echo(f"claimwire: error: {source}: [{problem.code}] {problem.message}", err=True)
    if not quiet:
        rate = state.done / report.seconds if report.seconds else 0.0
        click.echo(
            f"claimwire: {state.done} input(s) in {report.seconds:.1f}s ({rate:.1f}/s): "
            f"{state.new} new, {state.versions} new version(s), {state.duplicates} wire "
            f"copy(ies), {state.unchanged} unchanged, {state.failed} failed; "
            f"{state.skipped} already done",
            err=True,
        )
    if state.failed and state.failed == state.done:
        sys.exit(int(ExitCode.NO_INPUT))
    if state.failed:
        sys.exit(int(ExitCode.PARTIAL))


def _ingest_dask(
    paths: tuple[str, ...],
    db: Path,
    scheduler: str | None,
    workers: int,
    results: Path | None,
    max_chars: int | None,
    *,
    quiet: bool,
) -> None:
    """Extract on a Dask cluster into Parquet, then load the results into the store."""
    from .corpus.distributed import run_dask, store_results
    from .nlp.limits import DEFAULT_MAX_CHARS

    out = results or db.with_name(db.name + ".parts")
    show = not quiet and sys.stderr.isatty()

    def progress(summary: Any, done: int, total: int) -> None:
        if show:
            click.echo(f"\rclaimwire: {done}/{total} partitions done", err=True, nl=done == total)

    try:
        summaries = run_dask(
            paths,
            out,
            scheduler=scheduler,
            workers=workers,
            max_chars=max_chars or DEFAULT_MAX_CHARS,
            on_done=progress,
        )
        stored, failed, skipped = store_results(out, db)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    if not quiet:
        articles = sum(summary.articles for summary in summaries)
        click.echo(
            f"claimwire: {len(summaries)} partition(s), {articles} article(s) extracted "
            f"into {out}; stored {stored}, {failed} failed, {skipped} already done",
            err=True,
        )
    if failed and not stored:
        sys.exit(int(ExitCode.NO_INPUT))
    if failed:
        sys.exit(int(ExitCode.PARTIAL))


def _ingest_with_bar(
    run_ingest: Any, paths: tuple[str, ...], db: Path, options: dict[str, Any]
) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("ingest", total=None, rate=0.0)

        def update(state: Any) -> None:
            bar.update(
                task, completed=state.done, total=state.total, rate=state.articles_per_second
            )

        return run_ingest(paths, db, progress=update, count_first=True, **options)


def _query_command(name: str, help_text: str) -> click.Command:
    @click.command(name=name, help=help_text)
    @db_option
    @filter_options
    @format_option
    def command(db: Path, output_format: str, **options: Any) -> None:
        from .store import queries

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
    from .store import queries

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
    from .store import queries

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
    Monday"); `total` is the running total it implies. --limit pages over series.
    """
    from .store.series import read_series

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
        label = f"{entry.claimant} / {entry.measure} / {entry.category} / {entry.side or '-'}"
        for point in entry.points:
            rows.append({"series": label, "series_id": entry.id, **point.__dict__})
    emit(rows, output_format, "series")


@click.command()
@db_option
@filter_options
@click.option(
    "--to",
    "target",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="jsonl (results), csv / parquet (a table), geojson (events), acled.",
)
@click.option(
    "--table",
    type=click.Choice(["figures", "claims", "events", "clusters", "contradictions"]),
    default="figures",
    show_default=True,
    help="The table for csv and parquet.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of standard output (required for parquet).",
)
def export(db: Path, target: str, table: str, output: Path | None, **options: Any) -> None:
    """Export the store: JSONL, CSV, Parquet, GeoJSON of events, ACLED-style CSV.

    The filters select as in the query commands (the page options are ignored).
    """
    from .store import export as exports

    connection = open_for_reading(db)
    filters = make_filters({**options, "limit": 0, "offset": 0})
    stream: IO[str] = sys.stdout
    try:
        if target == "parquet":
            if output is None:
                fail("--to parquet needs --output FILE", ExitCode.USAGE)
                return
            count = exports.write_parquet(exports.table_rows(connection, table, filters), output)
        else:
            if output is not None:
                stream = output.open("w", encoding="utf-8", newline="")
            if target == "jsonl":
                count = exports.write_jsonl(connection, stream, filters)
            elif target == "csv":
                count = exports.write_csv(exports.table_rows(connection, table, filters), stream)
            elif target == "geojson":
                count = exports.write_geojson(connection, stream, filters)
            else:
                count = exports.write_acled(connection, stream, filters)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if output is not None:
        click.echo(f"claimwire: {count} record(s) written to {output}", err=True)


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
    from .store.plot import plot_series, read_reference_csv
    from .store.series import read_series

    connection = open_for_reading(db)
    try:
        found = read_series(connection, make_filters(options))
        overlay = read_reference_csv(reference, column=reference_column) if reference else None
        label = f"reference ({reference.name})" if reference else "reference"
        drawn = plot_series(found, output, reference=overlay, reference_label=label, title=title)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    click.echo(f"claimwire: {drawn} point(s) of {len(found)} series drawn to {output}", err=True)


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
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="From this date.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Up to this date.")
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
    from .bench import default_eval_root
    from .store import reconcile as reconciling
    from .store.queries import Filters

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
