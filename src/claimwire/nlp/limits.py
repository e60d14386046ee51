"""How much one article may take (its length and its time), and how many go in a batch.

Plain constants with no heavy import, so that the command line can show them as option
defaults without loading spaCy.
"""

from __future__ import annotations

DEFAULT_MAX_CHARS = 1_000_000
"""Longest article (in characters) processed unless the caller raises the limit."""

DEFAULT_TIME_BUDGET = 120.0
"""Seconds one article may take before it is given up (the CLI's default)."""

BATCH_SIZE = 32
"""Articles per nlp.pipe batch: large enough to amortize, small enough to bound memory."""

BATCH_CHARS = 200_000
"""A batch also closes at this many characters of text, so that long articles go in small
batches and a batch's memory does not grow with its articles' length."""

CHUNK_CHARS = 20_000
"""An article longer than this goes through the spaCy model in pieces of at most this many
characters, cut at paragraph breaks (claimwire's components still see the whole article):
the model's memory grows with the text it is given (about 370 MB more for a piece of
100,000 characters)."""

DEFAULT_MEMORY_LIMIT = 2 * 2**30
"""Bytes of memory one article may add to its process (its resident set) before it is given
up: refused before the pipeline when :data:`BYTES_PER_CHAR` times its length is more, and
stopped between components when the measured growth is more (docs/reliability.md)."""

BYTES_PER_CHAR = 600
"""Memory one character of a long article takes through the pipeline and its result, for
the estimate before processing: a generated 1,000,000-character news article grew the
process by about 420 bytes a character (docs/scale.md#memory-per-article)."""

KILL_GRACE = 1.0
"""Seconds an article (or a batch: the sum of its articles' budgets) may run past its time
budget in a worker process before the worker is killed (:mod:`claimwire.nlp.worker`): the
pipeline's own, cooperative check usually gives it up sooner; this is the hard bound."""

SIZE_UNITS = {"": 1, "B": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
"""Multipliers of a human size's unit (binary: 1K is 1,024 bytes)."""


def parse_size(text: str) -> int | None:
    """Bytes of a human size: ``1.5G``, ``800M``, ``64K``, ``2000000`` (bytes), or ``none``
    (no limit: None). Units are binary and case-insensitive; ``MB``, ``GiB`` work too.

    Raises:
        ValueError: ``text`` is not such a size, or it is not positive.
    """
    cleaned = text.strip().upper().replace(",", "").replace("_", "")
    if cleaned == "NONE":
        return None
    for suffix in ("IB", "B"):
        if cleaned.endswith(suffix) and len(cleaned) > len(suffix) and cleaned != "B":
            cleaned = cleaned[: -len(suffix)]
            break
    unit = cleaned[-1:] if cleaned[-1:].isalpha() else ""
    number = cleaned[: len(cleaned) - len(unit)]
    if unit not in SIZE_UNITS or not number:
        raise ValueError(f"{text!r} is not a size: use a number of bytes, or 1.5G, 800M, none")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a size: use a number of bytes, or 1.5G, 800M, none"
        ) from None
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{text!r} is not a positive size (use none for no limit)")
    return int(value * SIZE_UNITS[unit])


def format_size(size: int | None) -> str:
    """A size in bytes as a human size (``2G``, ``800M``), or ``none``."""
    if size is None:
        return "none"
    for unit in ("T", "G", "M", "K"):
        value = size / SIZE_UNITS[unit]
        if value >= 1 and (value * 10).is_integer():
            return f"{value:g}{unit}"
    return str(size)
