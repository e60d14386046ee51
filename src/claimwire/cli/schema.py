"""``claimwire schema``: the JSON Schema of ``claimwire extract --format json`` output."""

from __future__ import annotations

from pathlib import Path

import click


def register(main: click.Group) -> None:
    """Add ``schema`` to the ``claimwire`` group."""
    main.add_command(schema)


@click.command()
@click.option(
    "--write",
    "write_path",
    type=click.Path(path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(write_path: Path | None) -> None:
    """Print the JSON Schema of `claimwire extract --format json` output."""
    from ..schema import schema_text

    if write_path is None:
        click.echo(schema_text(), nl=False)
    else:
        write_path.write_text(schema_text(), encoding="utf-8")
