"""``claimwire watch`` and ``claimwire sources``: follow feeds, sitemaps and folders.

A thin shell over :mod:`claimwire.watch`: it parses the options, sets up the logs
(``--log-format json`` for one JSON object per line), turns SIGTERM and SIGINT into a
graceful stop, and prints the sources and their health.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from ..errors import ClaimwireError, ExitCode
from .options import db_option, fail, memory_limit_option

DEFAULT_SOURCES = "sources.toml"

sources_option = click.option(
    "--sources",
    "sources_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_SOURCES,
    envvar="CLAIMWIRE_SOURCES",
    show_default=True,
    help="The sources file (TOML).",
)


def register(main: click.Group) -> None:
    """Add ``watch`` and ``sources`` to the ``claimwire`` group."""
    main.add_command(watch)
    main.add_command(sources)


@click.command()
@db_option
@sources_option
@click.option("--once", is_flag=True, help="Poll every source once, ingest what is new, exit.")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object per event on standard error.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=None,
    help="Longest article accepted, in characters [default: 1,000,000].",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds an article may take before it is recorded as failed (its worker process "
    "is stopped at most 1 s later) [default: 120].",
)
@memory_limit_option()
def watch(
    db: Path,
    sources_path: Path,
    once: bool,
    log_format: str,
    max_chars: int | None,
    time_budget: float | None,
    memory_limit: int | None,
) -> None:
    """Follow the feeds, sitemaps and folders of the sources file into the store.

    Runs until SIGTERM or Ctrl-C (the batch being stored is finished first), or, with
    --once, until every source was polled once and what it listed is stored.
    """
    from ..nlp.limits import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET
    from ..watch.logs import JsonFormatter

    try:
        import feedparser  # noqa: F401
        import httpx  # noqa: F401

        from ..watch.loop import watch as run_watch
    except ImportError as error:
        fail(
            f"claimwire watch needs {error.name}: pip install 'claimwire[watch]'",
            ExitCode.SETUP,
        )

    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    watch_logger = logging.getLogger("claimwire.watch")
    watch_logger.addHandler(handler)
    watch_logger.setLevel(logging.INFO)
    watch_logger.propagate = False
    stop = threading.Event()

    def on_signal(number: int, _frame: object) -> None:
        watch_logger.info("stopping (%s)", signal.Signals(number).name, extra={"event": "signal"})
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        run_watch(
            db,
            sources_path,
            once=once,
            stop=stop,
            max_chars=max_chars or DEFAULT_MAX_CHARS,
            time_budget=time_budget or DEFAULT_TIME_BUDGET,
            memory_limit=memory_limit,
        )
    except ClaimwireError as error:
        fail(str(error), error.exit_code)


@click.group()
def sources() -> None:
    """List, add and remove the sources `claimwire watch` follows, and show their health."""


@sources.command("add")
@click.argument("name")
@click.argument("location")
@sources_option
@click.option(
    "--kind",
    type=click.Choice(["feed", "sitemap", "folder"]),
    default=None,
    help="feed (RSS or Atom), sitemap or folder [default: folder for a path, else feed].",
)
@click.option("--outlet", help="The outlet's name, for articles that do not give one.")
@click.option("--language", help="The articles' language (ISO code), when the feed knows it.")
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    default=900,
    show_default=True,
    help="Seconds between two polls.",
)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
def add(
    name: str,
    location: str,
    sources_path: Path,
    kind: str | None,
    outlet: str | None,
    language: str | None,
    interval: float,
    tags: tuple[str, ...],
) -> None:
    """Add the source NAME at LOCATION (a feed's or sitemap's URL, or a folder)."""
    from ..watch.config import add_source, load_sources, make_source, save_sources

    is_url = location.startswith(("http://", "https://"))
    kind = kind or ("feed" if is_url else "folder")
    try:
        source = make_source(
            name=name,
            kind=kind,
            url=location if kind != "folder" else None,
            path=str(Path(location).resolve()) if kind == "folder" else None,
            outlet=outlet,
            language=language,
            interval=interval,
            tags=tags,
        )
        save_sources(sources_path, add_source(load_sources(sources_path), source))
    except ClaimwireError as error:
        fail(str(error), error.exit_code)
    click.echo(f"added {kind} source {name!r} to {sources_path}")


@sources.command("remove")
@click.argument("name")
@sources_option
def remove(name: str, sources_path: Path) -> None:
    """Remove the source NAME (what it brought stays in the store)."""
    from ..watch.config import load_sources, remove_source, save_sources

    try:
        save_sources(sources_path, remove_source(load_sources(sources_path), name))
    except ClaimwireError as error:
        fail(str(error), error.exit_code)
    click.echo(f"removed source {name!r} from {sources_path}")


@sources.command("list")
@sources_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def list_sources(sources_path: Path, as_json: bool) -> None:
    """List the sources of the sources file."""
    from dataclasses import asdict

    from ..watch.config import load_sources

    try:
        found = load_sources(sources_path).sources
    except ClaimwireError as error:
        fail(str(error), error.exit_code)
    if as_json:
        click.echo(json.dumps([asdict(source) for source in found], indent=2))
        return
    if not found:
        click.echo(f"no sources in {sources_path}")
        return
    _table(
        ["name", "kind", "location", "outlet", "interval", "tags"],
        [
            [s.name, s.kind, s.location, s.outlet or "", f"{s.interval:g}", ",".join(s.tags)]
            for s in found
        ],
    )


@sources.command("status")
@db_option
@sources_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def status(db: Path, sources_path: Path, as_json: bool) -> None:
    """Show every source's health: last success, failures, items (all, last 24 h), the
    last error. Exits 1 when a source's last poll failed."""
    from ..watch.config import load_sources
    from ..watch.state import source_health
    from .options import open_for_reading

    try:
        configured = [source.name for source in load_sources(sources_path).sources]
        connection = open_for_reading(db)
    except ClaimwireError as error:
        fail(str(error), error.exit_code)
    try:
        health = {row["name"]: row for row in source_health(connection)}
    finally:
        connection.close()
    rows: list[dict[str, Any]] = [
        health.get(name, {"name": name, "healthy": None, "last_poll": None}) for name in configured
    ]
    rows += [row for name, row in health.items() if name not in configured]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        _table(
            ["name", "health", "last success", "errors", "failures", "items", "24h", "last error"],
            [_status_cells(row, configured) for row in rows],
        )
    if any(row.get("healthy") is False for row in rows):
        sys.exit(int(ExitCode.PARTIAL))


def _status_cells(row: dict[str, Any], configured: list[str]) -> list[str]:
    if row.get("last_poll") is None:
        health = "not polled yet"
    else:
        health = "ok" if row["healthy"] else "failing"
    if row["name"] not in configured:
        health += " (not in the sources file)"
    return [
        row["name"],
        health,
        row.get("last_success") or "-",
        str(row.get("errors", 0)),
        str(row.get("failures", 0)),
        str(row.get("items", 0)),
        str(row.get("items_24h", 0)),
        (row.get("last_error") or "")[:60],
    ]


def _table(header: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*header)
    for row in rows:
        table.add_row(*row)
    Console(width=160).print(table)
