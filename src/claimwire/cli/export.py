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
@click.option(
    "--bom",
    is_flag=True,
    help="csv, acled, ucdp: start with a UTF-8 byte order mark (for spreadsheet programs).",
)
@click.option(
    "--all-statuses",
    is_flag=True,
    help="acled, ucdp: also write events that articles only recall (background), not just news.",
)
def export(
    db: Path,
    target: str,
    table: str,
    output: Path | None,
    bom: bool,
    all_statuses: bool,
    **options: Any,
) -> None:
    """Export the store: JSONL, CSV, Parquet, GeoJSON of events, ACLED- or UCDP GED-style CSV.

    The filters select as in the query commands (the page options are ignored).
    """
    from ..store import export as exports

    connection = open_for_reading(db)
    filters = make_filters({**options, "limit": 0, "offset": 0})
    stream: IO[str] = sys.stdout
    try:
        if target == "parquet":
            if output is None:
                fail("--to parquet needs --output FILE", ExitCode.USAGE)
                return
            count = exports.write_parquet(
                table, exports.table_rows(connection, table, filters), output
            )
        else:
            if bom and target not in ("csv", "acled", "ucdp"):
                fail(f"--bom is for CSV exports, not --to {target}", ExitCode.USAGE)
                return
            if output is not None:
                stream = output.open("w", encoding="utf-8", newline="")
            if bom:
                stream.write("\ufeff")
            if target == "jsonl":
                count = exports.write_jsonl(connection, stream, filters)
            elif target == "csv":
                count = exports.write_table_csv(
                    table, exports.table_rows(connection, table, filters), stream
                )
            elif target == "geojson":
                count = exports.write_geojson(connection, stream, filters)
            elif target == "acled":
                count = exports.write_acled(connection, stream, filters, all_statuses=all_statuses)
            else:
                count = exports.write_ucdp(connection, stream, filters, all_statuses=all_statuses)
    except ClaimwireError as error:
        fail(error.message, error.exit_code)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if output is not None:
        click.echo(f"claimwire: {count} record(s) written to {output}", err=True)
