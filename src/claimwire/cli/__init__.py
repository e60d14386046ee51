"""The ``claimwire`` command: a thin shell over the library (only this package prints).

One module per command group, each with a ``register(main)`` that adds its commands:
:mod:`~claimwire.cli.extract`, :mod:`~claimwire.cli.ingest`, :mod:`~claimwire.cli.queries`
(figures, claims, events, contradictions, series, reconcile), :mod:`~claimwire.cli.export`,
:mod:`~claimwire.cli.plot`, :mod:`~claimwire.cli.serve`, :mod:`~claimwire.cli.bench`,
:mod:`~claimwire.cli.schema` and :mod:`~claimwire.cli.watch` (watch, sources);
:mod:`~claimwire.cli.options` holds what they share.
Every module imports the library inside its commands, so that ``claimwire --help`` and
``claimwire schema`` start without loading spaCy (a test holds this).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from typing import Any

import click

from . import bench, export, extract, ingest, plot, queries, schema, serve, watch


class _Shell(click.Group):
    """The command group; a reader that closes the pipe early (``| head``) is no error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Python's advice: point stdout at devnull so the final flush cannot fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except sqlite3.DatabaseError as error:  # a damaged store met mid-query: no traceback
            from ..store.errors import database_failure

            failure = database_failure(error, _db_argument([*ctx.protected_args, *ctx.args]))
            click.echo(f"claimwire: error: {failure.message}", err=True)
            ctx.exit(int(failure.exit_code))


def _db_argument(args: list[str]) -> str:
    """The ``--db`` a command was given (for the message), else the default store."""
    for index, arg in enumerate(args):
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
        if arg == "--db" and index + 1 < len(args):
            return args[index + 1]
    return "claimwire.db"


@click.group(cls=_Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimwire")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """claimwire: figures, claims and events from news reports about armed conflict,
    each with who claims it, how sure they sound, and the exact evidence span."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _group in (extract, ingest, queries, export, plot, serve, bench, schema, watch):
    _group.register(main)

__all__ = ["main"]
