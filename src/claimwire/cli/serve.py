"""``claimwire serve``: the REST API and dashboard over a store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..store.db import DEFAULT_DB


def register(main: click.Group) -> None:
    """Add the ``serve`` command to the ``claimwire`` command group."""
    main.add_command(serve)


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="The store to serve.")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind (loopback by default; 0.0.0.0 exposes it).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Open the store read-only; disable submission.")
@click.option("--tile-url", help="Map tile URL template ({z}/{x}/{y}) for online use.")
@click.option("--reference", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV (date + value column) drawn over the series chart.")  # fmt: skip
@click.option("--reference-column", help="The value column of the reference CSV.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (more use more cores; each opens the store).")  # fmt: skip
def serve(
    db: Path,
    host: str,
    port: int,
    read_only: bool,
    tile_url: str | None,
    reference: Path | None,
    reference_column: str | None,
    workers: int,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard over a store."""
    try:
        import uvicorn

        from ..web.app import CONFIG_VARIABLE, create_app
    except ImportError as error:
        raise click.UsageError(
            f"serving needs the web extra ({error.name} is missing): pip install 'claimwire[web]'"
        ) from None
    from ..errors import ClaimwireError
    from ..store.plot import read_reference_csv

    try:
        overlay = read_reference_csv(reference, column=reference_column) if reference else None
        app = create_app(
            db,
            read_only=read_only,
            tile_url=tile_url,
            reference=overlay,
            reference_label=f"reference ({reference.name})" if reference else "reference",
        )
    except ClaimwireError as error:
        raise click.UsageError(error.message) from None
    click.echo(f"claimwire: serving {db} on http://{host}:{port}/ (API docs: /docs)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=15)
        return
    os.environ[CONFIG_VARIABLE] = json.dumps(
        {
            "db": str(db),
            "read_only": read_only,
            "tile_url": tile_url,
            "reference": str(reference) if reference else None,
            "reference_column": reference_column,
        }
    )
    uvicorn.run(
        "claimwire.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_keep_alive=15,
    )
