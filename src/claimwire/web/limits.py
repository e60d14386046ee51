"""The defaults of the submission limits: plain constants with no heavy import, so that
``claimwire serve --help`` shows them without loading the web stack."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 1_000_000
"""Largest submitted article, in bytes (as UTF-8 for pasted text)."""

DEFAULT_TIME_BUDGET = 30.0
"""Seconds one submitted article may take to extract."""

DEFAULT_WORKERS = 1
"""Submissions extracting at once."""

DEFAULT_WAITING = 2
"""Submissions waiting for a turn; one more is answered ``503 busy``."""
