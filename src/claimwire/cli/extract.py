"""The ``claimwire`` command: a thin shell over the library (only this module prints)."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from .cli_corpus import register as register_corpus
from .cli_options import processing_options
from .errors import ClaimwireError, ExitCode, InvalidOptionError
from .web.cli import register as register_web

if TYPE_CHECKING:  # imported lazily at run time: `claimwire --help` must start fast
    from .input.sources import InputFailure
    from .models import Result
    from .nlp.extract import Failure

    Outcome = Result | Failure

FORMATS = ("json", "table", "html")


def fail(message: str, code: ExitCode) -> None:
    """Print an error to standard error and exit with ``code``."""
    click.echo(f"claimwire: error: {message}", err=True)
    sys.exit(int(code))


def validate_published(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """Reject an unparseable --published before anything is read."""
    from .input.documents import parse_published

    if value is not None:
        try:
            parse_published(value)
        except InvalidOptionError as error:
            raise click.BadParameter(error.message) from None
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimwire")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """claimwire: figures, claims and events from news reports about armed conflict,
    each with who claims it, how sure they sound, and the exact evidence span."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, metavar="FILE|DIR|-")
@click.option(
    "--published",
    callback=validate_published,
    metavar="YYYY-MM-DD",
    help="Publication date; relative dates ('on Monday') resolve against it.",
)
@click.option("--url", help="URL of the article.")
@click.option("--outlet", help="Outlet that published the article.")
@click.option("--title", help="Title of the article.")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json (JSONL for several articles), table, or html.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of standard output (a directory for html of several).",
)
@processing_options
def extract(
    paths: tuple[str, ...],
    published: str | None,
    url: str | None,
    outlet: str | None,
    title: str | None,
    output_format: str,
    output: Path | None,
    max_chars: int | None,
    jobs: int | None,
    time_budget: float,
) -> None:
    """Extract figures, claims, places, dates and events from articles.

    Reads a text or HTML file, standard input (-), a JSONL file with one article per
    line ({"text" or "html", "url", "outlet", "published", "title", "id"}), or a
    directory of such files. One article gives one JSON document; several give JSONL,
    one result per line. Exit codes: 0 ok, 1 some articles failed, 2 usage error,
    3 nothing could be processed, 4 no spaCy model installed.
    """
    from .input.sources import ArticleInput, read_sources
    from .nlp.extract import extract_many
    from .nlp.limits import DEFAULT_MAX_CHARS
    from .nlp.parallel import extract_parallel

    limit = max_chars or DEFAULT_MAX_CHARS
    names = list(paths) or ["-"]
    if names == ["-"] and sys.stdin.isatty():
        fail(
            "no input: give a FILE, a DIR, or pipe text into `claimwire extract -`", ExitCode.USAGE
        )
    several = len(names) > 1 or any(
        name != "-" and (Path(name).is_dir() or Path(name).suffix.lower() in (".jsonl", ".ndjson"))
        for name in names
    )
    if several and output_format == "html" and (output is None or output.is_file()):
        fail("--format html with several articles needs --output DIR", ExitCode.USAGE)
    overrides = {"published": published, "url": url, "outlet": outlet, "title": title}
    given: dict[str, Any] = {key: value for key, value in overrides.items() if value}

    def articles() -> Iterator[ArticleInput | InputFailure]:
        for item in read_sources(names, stdin=sys.stdin.buffer, max_bytes=4 * limit):
            if isinstance(item, ArticleInput):
                item = dataclasses.replace(item, **given)
            yield item

    try:
        if several:
            outcomes = extract_parallel(
                articles(), jobs=jobs, max_chars=limit, time_budget=time_budget
            )
        else:
            outcomes = extract_many(articles(), max_chars=limit)
        good, bad = write_results(
            with_progress(outcomes, show=several), output_format, output, several=several
        )
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    if bad and not good:
        fail(f"nothing could be processed ({bad} input(s) failed)", ExitCode.NO_INPUT)
    if bad:
        click.echo(f"claimwire: {good} article(s) processed, {bad} failed", err=True)
        sys.exit(int(ExitCode.PARTIAL))


def with_progress(outcomes: Iterator[Outcome], *, show: bool) -> Iterator[Outcome]:
    """Pass ``outcomes`` through, with a live count and rate on a terminal's standard error."""
    if not show or not sys.stderr.isatty():
        yield from outcomes
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extract", total=None, rate="")
        started = time.monotonic()
        for count, outcome in enumerate(outcomes, start=1):
            rate = count / max(time.monotonic() - started, 1e-9)
            progress.update(task, completed=count, rate=f"{rate:.1f} articles/s")
            yield outcome


def write_results(
    outcomes: Iterator[Outcome], output_format: str, output: Path | None, *, several: bool
) -> tuple[int, int]:
    """Write each result in the chosen format; report failures on stderr. Returns counts."""
    from .nlp.extract import Failure
    from .render.html import render_html
    from .render.table import render_table

    good = bad = 0
    stream: IO[str] = sys.stdout
    if output is not None and not (several and output_format == "html"):
        stream = output.open("w", encoding="utf-8")
    elif output is not None:
        output.mkdir(parents=True, exist_ok=True)
    try:
        for outcome in outcomes:
            if isinstance(outcome, Failure):
                bad += 1
                where = f" (line {outcome.problem.line})" if outcome.problem.line else ""
                click.echo(
                    f"claimwire: error: {outcome.source}{where}: [{outcome.problem.code}] "
                    f"{outcome.problem.message}",
                    err=True,
                )
                continue
            good += 1
            if output_format == "json":
                data = outcome.model_dump(mode="json")
                stream.write(json.dumps(data, ensure_ascii=False, indent=None if several else 2))
                stream.write("\n")
            elif output_format == "table":
                stream.write(render_table(outcome) + "\n")
            elif several and output is not None:
                (output / f"{outcome.document.id}.html").write_text(
                    render_html(outcome), encoding="utf-8"
                )
            else:
                stream.write(render_html(outcome))
            stream.flush()
    finally:
        if stream is not sys.stdout:
            stream.close()
    return good, bad


@main.command()
@click.option(
    "--write",
    "write_path",
    type=click.Path(path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(write_path: Path | None) -> None:
    """Print the JSON Schema of `claimwire extract --format json` output."""
    from .schema import schema_text

    if write_path is None:
        click.echo(schema_text(), nl=False)
    else:
        write_path.write_text(schema_text(), encoding="utf-8")


@main.command()
@click.argument("task", metavar="TASK")
@click.option(
    "--data",
    "--corpus",
    "data",
    type=click.Path(path_type=Path, file_okay=False),
    help="Set folder [default: ../shared/eval/<set> for the task; ../shared/seed for seed].",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Score only the first N documents (speed: time N articles, default 500).",
)
@click.option(
    "--modes",
    default="bare,single,jobs2,dask2",
    show_default=True,
    help="speed only: configurations to time (bare, single, jobs2, dask2), comma-separated.",
)
@click.option(
    "--profile/--no-profile",
    default=True,
    show_default=True,
    help="speed only: also time each pipeline component.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench(
    task: str, data: Path | None, limit: int | None, modes: str, profile: bool, as_json: bool
) -> None:
    """Measure accuracy (precision / recall / F1) on a gold set, or speed.

    TASK is `speed` or one of the accuracy tasks; `claimwire bench list` lists them.
    """
    from . import bench as benchmarks

    if task == "list":
        click.echo("speed".ljust(12) + "articles/s, words/s and peak memory vs bare spaCy")
        for name, entry in benchmarks.TASKS.items():
            where = entry.default_set or "../shared/seed"
            click.echo(f"{name:<12}{entry.description} [{where}]")
        return
    if task == "speed":
        from .bench.speed import MODES, format_report, measure_speed

        chosen = tuple(mode.strip() for mode in modes.split(",") if mode.strip())
        unknown = [mode for mode in chosen if mode not in MODES]
        if unknown or not chosen:
            fail(
                f"unknown speed mode(s) {unknown}; choose among {', '.join(MODES)}", ExitCode.USAGE
            )
        try:
            speed = measure_speed(data, limit=limit or 500, modes=chosen, profile=profile)
        except ClaimwireError as error:
            fail(error.message, error.exit_code)
        click.echo(json.dumps(speed.to_dict(), indent=2) if as_json else format_report(speed))
        return
    if task not in benchmarks.TASKS:
        choices = ", ".join(["speed", *benchmarks.TASKS])
        fail(f"unknown bench task {task!r}; choose one of: {choices}", ExitCode.USAGE)
    if data is not None and not data.is_dir():
        fail(f"no such set folder: {data}", ExitCode.NO_INPUT)
    try:
        report = benchmarks.run_task(benchmarks.get_task(task), data, limit=limit)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format())
    below = report.extra.get("below_floors")
    if below:
        fail("below the committed floors: " + "; ".join(below), ExitCode.PARTIAL)


register_corpus(main)
register_web(main)

if __name__ == "__main__":
    main()
