"""``claimwire serve``: the REST API and dashboard over a store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..store.db import DEFAULT_DB
from .options import reference_options


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
@reference_options
@click.option("--token", envvar="CLAIMWIRE_TOKEN",
              help="Turn on reviews (confirm or dismiss a contradiction): requests must carry "
                   "this token [env: CLAIMWIRE_TOKEN]. Without it reviews are off.")  # fmt: skip
@click.option("--review-from-anywhere", is_flag=True,
              help="Accept reviews from any address (default: this machine only).")  # fmt: skip
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
    reference_category: str | None,
    reference_side: str | None,
    reference_measure: str | None,
    token: str | None,
    review_from_anywhere: bool,
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
    from ..store.plot import reference_from_csv

    try:
        overlay = (
            reference_from_csv(
                reference,
                column=reference_column,
                category=reference_category,
                side=reference_side,
                measure=reference_measure,
            )
            if reference
            else None
        )
        app = create_app(
            db,
            read_only=read_only,
            tile_url=tile_url,
            reference=overlay,
            token=token or None,
            review_from_anywhere=review_from_anywhere,
        )
    except ClaimwireError as error:
        raise click.UsageError(error.message) from None
    click.echo(f"claimwire: serving {db} on http://{host}:{port}/ (API docs: /docs)", err=True)
    if token:
        where = "any address" if review_from_anywhere else "this machine only"
        click.echo(f"claimwire: reviews of contradictions are on (token required; {where})",
                   err=True)  # fmt: skip
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=15)
        return
    if token:
        os.environ["CLAIMWIRE_TOKEN"] = token  # the workers read it there, not in the config
    os.environ[CONFIG_VARIABLE] = json.dumps(
        {
            "db": str(db),
            "read_only": read_only,
            "tile_url": tile_url,
            "reference": str(reference) if reference else None,
            "reference_column": reference_column,
            "reference_category": reference_category,
            "reference_side": reference_side,
            "reference_measure": reference_measure,
            "review_from_anywhere": review_from_anywhere,
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
