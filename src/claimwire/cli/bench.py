"""``claimwire bench``: accuracy (precision / recall / F1) on a gold set, or speed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from ..errors import ClaimwireError, ExitCode
from .options import fail

if TYPE_CHECKING:
    from ..bench.split import Half


def register(main: click.Group) -> None:
    """Add ``bench`` to the ``claimwire`` group."""
    main.add_command(bench)


@click.command()
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
    help="speed only: configurations to time (bare, single, full, jobs2, dask2), "
    "comma-separated (full: claimwire without the relevance gate).",
)
@click.option(
    "--mix",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="speed only: time a stream of conflict articles with this share of off-topic "
    "ones (ggt_quotes, polnear, conflict_news negatives) instead; 0 for conflict news only.",
)
@click.option(
    "--profile/--no-profile",
    default=True,
    show_default=True,
    help="speed only: also time each pipeline component.",
)
@click.option(
    "--half",
    type=click.Choice(["a", "b"]),
    default=None,
    help="Score only half a or b of the set, split by document id (tune on one, check the other).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bench(
    task: str,
    data: Path | None,
    limit: int | None,
    modes: str,
    profile: bool,
    mix: float | None,
    half: str | None,
    as_json: bool,
) -> None:
    """Measure accuracy (precision / recall / F1) on a gold set, or speed.

    TASK is `speed` or one of the accuracy tasks; `claimwire bench list` lists them.
    """
    from .. import bench as benchmarks

    if task == "list":
        click.echo("speed".ljust(15) + "articles/s, words/s and peak memory vs bare spaCy")
        for name, entry in benchmarks.TASKS.items():
            where = entry.default_set or "../shared/seed"
            click.echo(f"{name:<15}{entry.description} [{where}]")
        return
    if task == "speed":
        from ..bench.speed import MODES, format_report, measure_speed

        chosen = tuple(mode.strip() for mode in modes.split(",") if mode.strip())
        unknown = [mode for mode in chosen if mode not in MODES]
        if unknown or not chosen:
            fail(
                f"unknown speed mode(s) {unknown}; choose among {', '.join(MODES)}", ExitCode.USAGE
            )
        try:
            speed = measure_speed(data, limit=limit or 500, modes=chosen, profile=profile, mix=mix)
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
        report = benchmarks.run_task(
            benchmarks.get_task(task), data, limit=limit, half=cast("Half | None", half)
        )
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format())
    below = report.extra.get("below_floors")
    if below:
        fail("below the committed floors: " + "; ".join(below), ExitCode.PARTIAL)
