"""``claimwire ingest``: extract articles into a store, on this machine or a Dask cluster.

A thin shell over :func:`claimwire.corpus.ingest.ingest` and
:mod:`claimwire.corpus.distributed`: it parses the options, draws the progress bar and
prints the summary.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ClaimwireError, ExitCode
from .options import db_option, fail, parse_date, processing_options


def register(main: click.Group) -> None:
    """Add ``ingest`` to the ``claimwire`` group."""
    main.add_command(ingest)


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
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    callback=parse_date,
    help="Publication date of the articles that do not give one (plain-text files).",
)
@click.option("--outlet", help="Outlet of the articles that do not name one.")
@click.option("--url", help="URL of the article, when it does not give one (one file).")
@click.option(
    "--wait/--no-wait",
    default=True,
    show_default=True,
    help="When another ingest is writing to DB: wait for it, or stop at once (exit 2).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def ingest(
    paths: tuple[str, ...],
    db: Path,
    batch_size: int,
    max_chars: int | None,
    jobs: int | None,
    time_budget: float,
    memory_limit: int | None,
    engine: str,
    scheduler: str | None,
    dask_workers: int,
    results: Path | None,
    published: dt.date | None,
    outlet: str | None,
    url: str | None,
    wait: bool,
    quiet: bool,
) -> None:
    """Extract articles (files, directories, JSONL, HTML) into a store.

    Resumable: run it again after an interruption and it finishes the rest without
    duplicating anything; re-ingesting stored articles adds nothing. A progress bar
    shows articles/s and the ETA on a terminal. Exit codes: 0 ok, 1 some inputs failed,
    3 every input failed.
    """
    from ..corpus.ingest import ingest as run_ingest
    from ..nlp.limits import DEFAULT_MAX_CHARS

    metadata = {
        "published": published.isoformat() if published else None,
        "outlet": outlet,
        "url": url,
    }
    if engine == "dask":
        if any(metadata.values()):
            fail("--published, --outlet and --url work with --engine local only", ExitCode.USAGE)
        _ingest_dask(paths, db, scheduler, dask_workers, results, max_chars, quiet=quiet)
        return

    options: dict[str, Any] = {
        "batch_size": batch_size,
        "max_chars": max_chars or DEFAULT_MAX_CHARS,
        "jobs": jobs,
        "time_budget": time_budget,
        "memory_limit": memory_limit,
        "metadata": metadata,
        "wait": wait,
        "on_wait": lambda message: click.echo(f"claimwire: {message}", err=True),
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
    if report.unlisted_failures:
        click.echo(
            f"claimwire: error: {report.unlisted_failures} more failed input(s) not listed "
            "(each is recorded with its problem in the store's inputs table)",
            err=True,
        )
    if report.unlisted_failures:
        click.echo(
            f"claimwire: error: {report.unlisted_failures} more failed input(s) not listed "
            "(each is recorded with its problem in the store's inputs table)",
            err=True,
        )
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
    from ..corpus.distributed import run_dask, store_results
    from ..nlp.limits import DEFAULT_MAX_CHARS

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
