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
