"""``claimwire extract``: the figures, claims, places, dates and events of articles.

Written as JSON (JSONL for several articles), a table, or HTML evidence pages.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ..errors import ClaimwireError, ExitCode, InvalidOptionError
from .options import fail, processing_options

if TYPE_CHECKING:  # imported lazily at run time: `claimwire --help` must start fast
    from ..input.sources import InputFailure
    from ..models import Result
    from ..nlp.extract import Failure

    Outcome = Result | Failure

FORMATS = ("json", "table", "html")


def register(main: click.Group) -> None:
    """Add ``extract`` to the ``claimwire`` group."""
    main.add_command(extract)


def validate_published(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """Reject an unparseable --published before anything is read."""
    from ..input.documents import parse_published

    if value is not None:
        try:
            parse_published(value)
        except InvalidOptionError as error:
            raise click.BadParameter(error.message) from None
    return value


@click.command()
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
    "--language",
    metavar="CODE",
    help="Language of the articles (ISO 639 code, e.g. en); detected when not given.",
)
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
@click.option(
    "--full",
    is_flag=True,
    help="Run the whole pipeline on every article, also those the relevance gate finds "
    "off-topic (which otherwise get a light result: document and relevance, no facts).",
)
@processing_options
def extract(
    paths: tuple[str, ...],
    published: str | None,
    url: str | None,
    outlet: str | None,
    title: str | None,
    language: str | None,
    output_format: str,
    output: Path | None,
    full: bool,
    max_chars: int | None,
    jobs: int | None,
    time_budget: float,
    memory_limit: int | None,
) -> None:
    """Extract figures, claims, places, dates and events from articles.

    Reads a text or HTML file, standard input (-), a JSONL file with one article per
    line ({"text" or "html", "url", "outlet", "published", "title", "id", "language"}),
    or a directory of such files. One article gives one JSON document; several give JSONL,
    one result per line. An article that is not in English gets an unsupported_language
    problem and no facts; one the relevance gate finds off-topic gets its relevance and no
    facts (--full runs the whole pipeline on it). Exit codes: 0 ok, 1 some articles failed,
    2 usage error, 3 nothing could be processed, 4 no spaCy model installed.
    """
    from ..input.sources import ArticleInput, read_sources
    from ..nlp.limits import DEFAULT_MAX_CHARS
    from ..nlp.parallel import extract_parallel

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
    overrides = {
        "published": published,
        "url": url,
        "outlet": outlet,
        "title": title,
        "language": language,
    }
    given: dict[str, Any] = {key: value for key, value in overrides.items() if value}

    def articles() -> Iterator[ArticleInput | InputFailure]:
        for item in read_sources(names, stdin=sys.stdin.buffer, max_bytes=4 * limit):
            if isinstance(item, ArticleInput):
                item = dataclasses.replace(item, **given)
            yield item

    try:
        outcomes = extract_parallel(  # one article: in one worker process that can be stopped
            articles(),
            jobs=jobs if several else 1,
            max_chars=limit,
            time_budget=time_budget,
            full=full,
            memory_limit=memory_limit,
        )
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
    from ..nlp.extract import Failure
    from ..render.html import render_html
    from ..render.table import render_table

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
