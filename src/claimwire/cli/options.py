"""Options and helpers shared by the ``claimwire`` commands.

Only light imports at module level (click and claimwire's constants): ``claimwire --help``
must not load spaCy, the store or pydantic.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..errors import ClaimwireError, ExitCode
from ..nlp.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_BUDGET, format_size, parse_size
from ..store.db import DEFAULT_DB
from ..vocab import Hedge, values

if TYPE_CHECKING:
    from ..store.charts import Reference
    from ..store.queries import Filters

Command = TypeVar("Command", bound=Callable[..., Any])
"""A function an option decorates."""

OUTPUT_FORMATS = ("table", "json", "csv")
HEDGES = values(Hedge)


def fail(message: str, code: ExitCode) -> NoReturn:
    """Print an error to standard error and exit with ``code``."""
    click.echo(f"claimwire: error: {message}", err=True)
    sys.exit(int(code))


def _choose_model(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        os.environ["CLAIMWIRE_MODEL"] = value  # read by nlp.pipeline, inherited by workers


def parse_memory_limit(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """Click callback: a human size (``1.5G``, ``800M``, bytes) or ``none`` as bytes (None
    for no limit)."""
    if value is None:
        return DEFAULT_MEMORY_LIMIT
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx=ctx, param=param) from None


def memory_limit_option(*names: str) -> Callable[[Command], Command]:
    """``--memory-limit SIZE`` (or ``names``): memory one article may add to its process."""
    return click.option(
        *(names or ("--memory-limit",)),
        "memory_limit",
        metavar="SIZE",
        callback=parse_memory_limit,
        default=None,
        help="Memory one article may add to its process before it is skipped and reported "
        f"as failed: 1.5G, 800M, bytes, or none [default: {format_size(DEFAULT_MEMORY_LIMIT)}].",
    )


def processing_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--max-chars``, ``-j/--jobs``, ``--time-budget``, ``--memory-limit`` and
    ``--model`` to a command."""
    options = (
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            default=None,
            help="Longest article accepted, in characters [default: 1,000,000].",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Extraction worker processes for many articles [default: every core].",
        ),
        click.option(
            "--time-budget",
            type=click.FloatRange(min=0, min_open=True),
            default=DEFAULT_TIME_BUDGET,
            show_default=True,
            help="Seconds one article may take before it is skipped and reported as failed "
            "(its worker process is stopped at most 1 s later).",
        ),
        memory_limit_option(),
        click.option(
            "--model",
            envvar="CLAIMWIRE_MODEL",
            default=None,
            expose_value=False,
            is_eager=True,
            callback=_choose_model,
            help="Installed spaCy English pipeline to use, e.g. en_core_web_md "
            "[default: en_core_web_sm; env CLAIMWIRE_MODEL].",
        ),
    )
    for option in reversed(options):
        function = option(function)
    return function


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: a ``YYYY-MM-DD`` option as a date (None when not given)."""
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
        default=DEFAULT_DB,
        envvar="CLAIMWIRE_DB",
        show_default=True,
        help="The store (SQLite file).",
    )(function)


def filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filters shared by the query commands."""
    options = [
        click.option("--since", callback=parse_date, metavar="YYYY-MM-DD", help="From this date."),
        click.option("--until", callback=parse_date, metavar="YYYY-MM-DD", help="Up to this date."),
        click.option("--country", help="ISO code (UA) or name (Ukraine) of the place."),
        click.option("--claimant", help="Claimant: any spelling, or part of the name."),
        click.option("--measure", help="killed, injured, destroyed, captured, ..."),
        click.option("--category", help="civilians, soldiers, tanks, ..."),
        click.option("--type", "type_", help="Event type or sub-type; contradiction kind."),
        click.option("--side", help="Whose people or equipment a figure counts (Russia)."),
        click.option("--outlet", help="Part of the outlet's name."),
        click.option(
            "--hedge",
            type=click.Choice(HEDGES),
            help="How sure the claimant sounds (figures, claims, events, clusters).",
        ),
        click.option("--place", help="A place, by any spelling it was written with (Kharkiv)."),
        click.option("--admin1", help="A first-level region by its gazetteer name."),
        click.option("--actor", help="Part of the name of an event's actor or target."),
        click.option("--subtype", help="Event sub-type (air_drone_strike, armed_clash, ...)."),
        click.option(
            "--keyword",
            help='Words the article text or the evidence contains ("a phrase", prefix*).',
        ),
        click.option("--all-versions", is_flag=True, help="Include superseded versions."),
        click.option("--with-copies", is_flag=True, help="Include wire copies."),
        click.option(
            "--all-topics",
            is_flag=True,
            help="Include articles the relevance model found off-topic.",
        ),
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


def reference_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """What a reference series counts: it is drawn only on the charts that count the same."""
    options = [
        click.option(
            "--reference-category",
            help="What the reference counts (tanks, soldiers, ...); default: its column's name.",
        ),
        click.option("--reference-side", help="Whose losses the reference counts (Russia)."),
        click.option("--reference-measure", help="The reference's measure (destroyed, killed)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def reference_overlay(
    path: Path | None,
    column: str | None,
    category: str | None,
    side: str | None,
    measure: str | None,
) -> Reference | None:
    """The reference series of ``--reference`` and :func:`reference_options`, or None."""
    if path is None:
        return None
    from ..store.plot import reference_from_csv

    return reference_from_csv(path, column=column, category=category, side=side, measure=measure)


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


def make_filters(options: dict[str, Any], **extra: Any) -> Filters:
    """The :class:`~claimwire.store.queries.Filters` of the parsed filter options."""
    from ..store.queries import Filters

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
        place=options.get("place"),
        admin1=options.get("admin1"),
        actor=options.get("actor"),
        subtype=options.get("subtype"),
        keyword=options.get("keyword"),
        hedge=options.get("hedge"),
        include_superseded=bool(options.get("all_versions")),
        include_duplicates=bool(options.get("with_copies")),
        include_offtopic=bool(options.get("all_topics")),
        limit=None if limit == 0 else limit,
        offset=options.get("offset", 0),
        **extra,
    )


def open_for_reading(db: Path) -> sqlite3.Connection:
    """Open the store read-only, or exit with its error."""
    from ..store import open_store

    try:
        return open_store(db, readonly=True)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
