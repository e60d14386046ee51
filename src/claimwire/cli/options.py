"""Command-line options shared by the commands that process articles (extract, ingest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .nlp.limits import DEFAULT_TIME_BUDGET


def processing_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--max-chars``, ``-j/--jobs`` and ``--time-budget`` to a command."""
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
            help="Seconds one article may take before it is skipped and reported as failed.",
        ),
    )
    for option in reversed(options):
        function = option(function)
    return function
