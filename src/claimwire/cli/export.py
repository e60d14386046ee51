"""``claimwire export``: the store as JSONL, CSV, Parquet, GeoJSON or ACLED-style CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from ..errors import ClaimwireError, ExitCode
from .options import db_option, fail, filter_options, make_filters, open_for_reading

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "geojson", "acled", "ucdp")


def register(main: click.Group) -> None:
    """Add ``export`` to the ``claimwire`` group."""
    main.add_command(export)


@click.command()
@db_option
@filter_options
@click.option(
    "--to",
    "target",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="jsonl (results), csv / parquet (a table), geojson (events), acled, ucdp (GED).",
)
@click.option(
    "--table",
    type=click.Choice(["figures", "claims", "events", "clusters", "contradictions"]),
    default=None,
    help="The table for csv and parquet [default: figures]; with jsonl, its rows as JSON "
    "lines instead of whole results.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of standard output (required for parquet).",
)
@click.option(
    "--bom",
    is_flag=True,
    help="csv, acled, ucdp: start with a UTF-8 byte order mark (for spreadsheet programs).",
)
@click.option(
    "--bbox",
    metavar="WEST,SOUTH,EAST,NORTH",
    help="Only events, clusters and figures placed inside this box (degrees; the map's view).",
)
@click.option(
    "--all-statuses",
    is_flag=True,
    help="acled, ucdp: also write events that articles only recall (background), not just news.",
)
def export(
    db: Path,
    target: str,
    table: str | None,
    output: Path | None,
    bom: bool,
    all_statuses: bool,
    bbox: str | None,
    **options: Any,
) -> None:
    """Export the store: JSONL, CSV, Parquet, GeoJSON of events, ACLED- or UCDP GED-style CSV.

    The filters select as in the query commands (the page options are ignored). The
    dashboard's export buttons give the same bytes for the same filters.
    """
    from ..store import export as exports
    from ..store.box import Box

    box = None
    if bbox is not None:
        try:
            box = Box.parse(bbox)
        except ClaimwireError as error:
            fail(f"--{error.message}", ExitCode.USAGE)
    connection = open_for_reading(db)
    filters = make_filters({**options, "limit": 0, "offset": 0}, bbox=box)
    stream: IO[str] = sys.stdout
    try:
        if target == "parquet":
            if output is None:
                fail("--to parquet needs --output FILE", ExitCode.USAGE)
                return
            chosen = table or "figures"
            count = exports.write_parquet(
                chosen, exports.table_rows(connection, chosen, filters), output
            )
        else:
            if bom and target not in ("csv", "acled", "ucdp"):
                fail(f"--bom is for CSV exports, not --to {target}", ExitCode.USAGE)
                return
            chunks = exports.export_chunks(
                connection,
                target,  # type: ignore[arg-type]  # one of EXPORT_FORMATS
                filters,
                table=table,
                all_statuses=all_statuses,
            )
            if output is not None:
                stream = output.open("w", encoding="utf-8", newline="")
            if bom:
                stream.write("\ufeff")
            count = exports.write_chunks(chunks, stream)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if output is not None:
        click.echo(f"claimwire: {count} record(s) written to {output}", err=True)
