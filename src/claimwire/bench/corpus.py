"""Real article texts from the evaluation sets, for speed measurements.

Discovers files by pattern, never by name, so any folder laid out like the sets of
``../shared/eval`` works: plain-text articles in ``text/`` or ``rawtext/`` folders, and
JSON-lines files whose records carry the article in ``text`` or ``doc_text``. Articles
are taken round-robin across the files found, so a sample mixes outlets and sets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice, zip_longest
from pathlib import Path
from typing import Any

from ..errors import InputNotFoundError

TEXT_PATTERNS = ("text/*.txt", "rawtext/*.txt", "*/text/*.txt", "*/rawtext/*.txt")
JSONL_PATTERNS = ("*.jsonl", "*/*.jsonl")
TEXT_FIELDS = ("text", "doc_text")
MIN_CHARS = 200
"""Shorter texts (headlines, sentence files) are not articles."""


def _text_files(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        yield path.read_text(encoding="utf-8", errors="replace")


def _jsonl_records(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict):
                continue
            for field in TEXT_FIELDS:
                if isinstance(record.get(field), str):
                    yield record[field]
                    break


def _find(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    folders = [root, *(p for p in root.iterdir() if p.is_dir())]
    return sorted(
        {path for folder in folders for pattern in patterns for path in folder.glob(pattern)}
    )


def _sources(root: Path) -> list[Iterator[str]]:
    """One stream of texts per folder of text files and per JSON-lines file."""
    by_folder: dict[Path, list[Path]] = {}
    for path in _find(root, TEXT_PATTERNS):
        by_folder.setdefault(path.parent, []).append(path)
    sources: list[Iterator[str]] = [_text_files(paths) for paths in by_folder.values()]
    sources.extend(_jsonl_records(path) for path in _find(root, JSONL_PATTERNS))
    return sources


def load_articles(root: Path, *, limit: int) -> list[str]:
    """Up to ``limit`` article texts found under ``root``, mixed across its sets.

    Args:
        root: An evaluation set folder, or a folder of such sets.
        limit: How many articles to return.

    Returns:
        The article texts (each at least :data:`MIN_CHARS` characters).

    Raises:
        InputNotFoundError: ``root`` does not exist or holds no article texts.
    """
    if not root.is_dir():
        raise InputNotFoundError(f"no such corpus folder: {root}")
    mixed = (
        text
        for group in zip_longest(*_sources(root))
        for text in group
        if text is not None and len(text.strip()) >= MIN_CHARS
    )
    articles = list(islice(mixed, limit))
    if not articles:
        raise InputNotFoundError(
            f"no article texts under {root} (looked for {', '.join(TEXT_PATTERNS)} and "
            f"JSON lines with a {' or '.join(TEXT_FIELDS)} field)"
        )
    return articles


def gold_records(folder: Path) -> Iterator[dict[str, Any]]:
    """Every record with a ``text`` and a ``gold`` of every ``*.jsonl`` file in ``folder``.

    Raises:
        InputNotFoundError: The folder does not exist.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such set folder: {folder}")
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    if isinstance(record, dict) and "text" in record and "gold" in record:
                        yield record
