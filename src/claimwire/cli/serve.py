"""``claimwire serve``: the REST API and dashboard over a store."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import click

from ..store.db import DEFAULT_DB
from ..web.limits import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET, DEFAULT_WAITING, DEFAULT_WORKERS
from .options import memory_limit_option, reference_options, reference_overlay


def register(main: click.Group) -> None:
    """Add the ``serve`` command to the ``claimwire`` command group."""
    main.add_command(serve)


def submit_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options bounding submissions: size, time budget, turns and queue."""
    options = [
        click.option("--submit-max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES,
                     show_default=True, help="Largest submitted article, in bytes (413)."),
        click.option("--submit-time-budget", type=click.FloatRange(0.1), show_default=True,
                     default=DEFAULT_TIME_BUDGET,
                     help="Seconds one submitted article may take to extract (its worker "
                          "process is stopped at most 1 s later)."),
        click.option("--submit-workers", type=click.IntRange(1, 16), default=DEFAULT_WORKERS,
                     show_default=True, help="Submissions extracting at once."),
        click.option("--submit-queue", type=click.IntRange(0, 100), default=DEFAULT_WAITING,
                     show_default=True,
                     help="Submissions waiting for a turn; one more gets 503 busy."),
        memory_limit_option("--submit-memory-limit", "--memory-limit"),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


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
              help="The token every write must carry [env: CLAIMWIRE_TOKEN]; it turns "
                   "on reviews of contradictions; without it reviews are off.")  # fmt: skip
@click.option("--allow-submit", is_flag=True,
              help="Take submitted articles (/submit, POST /api/articles); off by default. "
                   "Needs --token unless --host is loopback.")  # fmt: skip
@click.option("--write-from-anywhere", "--review-from-anywhere", "write_from_anywhere",
              is_flag=True,
              help="Take writes (submissions, reviews) from any address (default: this "
                   "machine only); needs --token.")  # fmt: skip
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer to this Host name (repeatable); by default only localhost, "
                   "127.0.0.1, [::1] and --host (DNS-rebinding guard).")  # fmt: skip
@submit_options
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
    allow_submit: bool,
    write_from_anywhere: bool,
    allowed_hosts: tuple[str, ...],
    submit_max_bytes: int,
    submit_time_budget: float,
    submit_workers: int,
    submit_queue: int,
    memory_limit: int | None,
    workers: int,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard over a store."""
    try:
        import uvicorn

        from ..web.app import CONFIG_VARIABLE, SECRET_VARIABLE, create_app
    except ImportError as error:
        raise click.UsageError(
            f"serving needs the web extra ({error.name} is missing): pip install 'claimwire[web]'"
        ) from None
    from ..errors import ClaimwireError
    from ..web.guard import is_loopback
    from ..web.submissions import SubmissionLimits

    token = token or None
    if allow_submit and token is None and not is_loopback(host):
        raise click.UsageError(
            f"--allow-submit on {host} (beyond this machine) needs a token: give --token "
            "or set $CLAIMWIRE_TOKEN, or serve on --host 127.0.0.1"
        )
    if write_from_anywhere and token is None:
        raise click.UsageError(
            "--write-from-anywhere needs a token: give --token or set $CLAIMWIRE_TOKEN"
        )
    limits = SubmissionLimits(
        max_bytes=submit_max_bytes,
        time_budget=submit_time_budget,
        workers=submit_workers,
        waiting=submit_queue,
        memory_limit=memory_limit,
    )
    form_secret = secrets.token_bytes(32)
    try:
        overlay = reference_overlay(
            reference, reference_column, reference_category, reference_side, reference_measure
        )
        app = create_app(
            db,
            read_only=read_only,
            tile_url=tile_url,
            reference=overlay,
            token=token,
            allow_submit=allow_submit,
            write_from_anywhere=write_from_anywhere,
            host=host,
            allowed_hosts=allowed_hosts,
            submit_limits=limits,
            form_secret=form_secret,
        )
    except ClaimwireError as error:
        raise click.UsageError(error.message) from None
    click.echo(f"claimwire: serving {db} on http://{host}:{port}/ (API docs: /docs)", err=True)
    where = "any address" if write_from_anywhere else "this machine only"
    if token:
        click.echo(f"claimwire: reviews of contradictions are on (token required; {where})",
                   err=True)  # fmt: skip
    if allow_submit and not read_only:
        needs = "token required" if token else "no token"
        click.echo(f"claimwire: submission is on ({needs}; {where})", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=15)
        return
    if token:
        os.environ["CLAIMWIRE_TOKEN"] = token  # the workers read it there, not in the config
    os.environ[SECRET_VARIABLE] = form_secret.hex()
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
            "allow_submit": allow_submit,
            "write_from_anywhere": write_from_anywhere,
            "host": host,
            "allowed_hosts": list(allowed_hosts),
            "submit_limits": limits.__dict__,
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
