"""Reading articles from files, standard input, JSONL and directories.

Each input becomes an :class:`ArticleInput` (raw text or HTML plus metadata), or an
:class:`InputFailure` naming what is wrong with it; a broken input never hides the good
ones next to it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from ..errors import InputNotFoundError
from ..models import Problem
from .text import decode, looks_binary, wide_encoding

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
METADATA_FIELDS = ("url", "outlet", "published", "title", "id", "language")


@dataclass(frozen=True)
class ArticleInput:
    """One article as read, before normalization.

    Exactly one of ``text`` and ``html`` is set. ``source`` says where it was read
    ("path/to/file.jsonl:12", "stdin").
    """

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    id: str | None = None
    language: str | None = None
    """The language given with the input (an ISO code or name); detected when None."""
    problems: tuple[Problem, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class InputFailure:
    """An input that yields no article: a broken JSONL line, a binary or unreadable file."""

    source: str
    problem: Problem


def looks_like_html(text: str) -> bool:
    """Tell whether a text is an HTML page rather than plain text."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text[:20000].lower() or "<p>" in head)
    )


def read_path(path: Path, *, max_bytes: int) -> Iterator[ArticleInput | InputFailure]:
    """Read the articles of one file or directory.

    Args:
        path: A text, HTML or JSONL file, or a directory holding such files (recursively).
        max_bytes: Files larger than this are refused without being read.

    Yields:
        Articles and failures, in file order.

    Raises:
        InputNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise InputNotFoundError(f"no such file or directory: {path}")
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
        if not files:
            logger.warning("no article files (%s) in %s", ", ".join(sorted(ARTICLE_SUFFIXES)), path)
        for file in files:
            yield from read_file(file, max_bytes=max_bytes)
    else:
        yield from read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int) -> Iterator[ArticleInput | InputFailure]:
    """Read one file: JSONL by its suffix, else one article (text or HTML by content).

    A file that cannot be read (no permission, vanished, an I/O error) becomes one
    ``unreadable_input`` failure; the files next to it are read as usual.
    """
    source = path_name(path)
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() not in JSONL_SUFFIXES:
            yield InputFailure(source, too_large(size, max_bytes, source=source))
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, source=source, max_bytes=max_bytes)
            return
        data = path.read_bytes()
    except OSError as error:
        yield InputFailure(source, unreadable(source, error))
        return
    yield from read_bytes(data, source=source)


def path_name(path: Path) -> str:
    r"""``path`` as printable text: a byte of the name that is not UTF-8 shows as ``\xff``
    (a file system may hold such names; the store and JSON cannot)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unreadable(source: str, error: OSError) -> Problem:
    """A Problem for a file the operating system would not let us read."""
    reason = error.strerror or type(error).__name__
    return Problem(
        code="unreadable_input",
        message=f"cannot read the file: {reason}; it is skipped",
        severity="error",
        source=source,
    )


def _binary_message(data: bytes) -> str:
    nul = data.find(b"\x00")
    where = f"a NUL byte at byte {nul}" if nul >= 0 else "mostly control bytes"
    return f"input looks like a binary file ({where}), not text or HTML; it is skipped"


def read_bytes(data: bytes, *, source: str) -> Iterator[ArticleInput | InputFailure]:
    """Make one article of raw bytes (a file's content or standard input)."""
    if wide_encoding(data) is None and looks_binary(data):
        yield InputFailure(
            source,
            Problem(
                code="binary_input",
                message=_binary_message(data),
                severity="error",
                source=source,
            ),
        )
        return
    text, problems = decode(data, source=source)
    if looks_like_html(text):
        yield ArticleInput(source=source, html=text, problems=tuple(problems))
    else:
        yield ArticleInput(source=source, text=text, problems=tuple(problems))


def read_jsonl(
    stream: IO[bytes], *, source: str, max_bytes: int, first_line: int = 1
) -> Iterator[ArticleInput | InputFailure]:
    """Read a JSONL stream: one article object per line.

    Each object has ``text`` or ``html`` and optionally ``url``, ``outlet``, ``published``,
    ``title``, ``id`` and ``language``. Blank lines are skipped; a broken line is a failure
    with its line number, and the lines after it are still read. ``first_line`` is the line
    number of the stream's first line (for a stream cut out of a larger file).
    """
    for number, raw in enumerate(stream, start=first_line):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield InputFailure(where, too_large(len(raw), max_bytes, source=source, line=number))
            continue
        line, problems = decode(raw, source=where)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputFailure(where, broken_line(f"invalid JSON ({error.msg})", source, number))
            continue
        if not isinstance(record, dict):
            yield InputFailure(where, broken_line("a line must be a JSON object", source, number))
            continue
        yield from article_from_record(record, source=where, line=number, problems=problems)


def article_from_record(
    record: dict[str, object], *, source: str, line: int | None, problems: list[Problem]
) -> Iterator[ArticleInput | InputFailure]:
    """Make an article of one JSON object, or a failure naming the bad field."""
    body = {key: record.get(key) for key in ("text", "html")}
    if all(value is None for value in body.values()):
        yield InputFailure(source, broken_line("no 'text' or 'html' field", source, line))
        return
    for key, value in body.items():  # {"text": 5} is a mistake, not the article "5"
        if value is not None and not isinstance(value, str):
            message = f"field '{key}' must be a string, not {type(value).__name__}"
            yield InputFailure(source, broken_line(message, source, line))
            return
    for key, value in ((k, record.get(k)) for k in METADATA_FIELDS):
        if value is not None and not isinstance(value, str | int):
            message = f"field '{key}' must be a string, not {type(value).__name__}"
            yield InputFailure(source, broken_line(message, source, line))
            return
    meta = {key: str(record[key]) for key in METADATA_FIELDS if record.get(key) is not None}
    yield ArticleInput(
        source=source,
        text=str(body["text"]) if body["text"] is not None else None,
        html=str(body["html"]) if body["text"] is None else None,
        problems=tuple(problems),
        **meta,
    )


def read_stdin(stream: IO[bytes], *, max_bytes: int) -> Iterator[ArticleInput | InputFailure]:
    """Read one article from standard input (text or HTML), refusing more than ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputFailure("stdin", too_large(len(data), max_bytes, source="stdin", at_least=True))
        return
    yield from read_bytes(data, source="stdin")


def with_metadata(
    item: ArticleInput | InputFailure, metadata: Mapping[str, str | None] | None
) -> ArticleInput | InputFailure:
    """``item`` with the fields of ``metadata`` (``published``, ``outlet``, ``url``,
    ``title``) it does not give itself: a user's defaults for plain-text files."""
    if not metadata or isinstance(item, InputFailure):
        return item
    missing: dict[str, Any] = {
        name: value
        for name, value in metadata.items()
        if value is not None and getattr(item, name) is None
    }
    return replace(item, **missing) if missing else item


def read_sources(
    paths: Iterable[str], *, stdin: IO[bytes] | None = None, max_bytes: int
) -> Iterator[ArticleInput | InputFailure]:
    """Read every article of the given paths; ``-`` means standard input.

    Raises:
        InputNotFoundError: A path does not exist (checked before anything is read).
    """
    paths = list(paths)
    for name in paths:
        if name != "-" and not Path(name).exists():
            raise InputNotFoundError(f"no such file or directory: {name}")
    for name in paths:
        if name == "-":
            if stdin is None:
                raise InputNotFoundError("'-' was given but there is no standard input")
            yield from read_stdin(stdin, max_bytes=max_bytes)
        else:
            yield from read_path(Path(name), max_bytes=max_bytes)


def broken_line(message: str, source: str, line: int | None) -> Problem:
    """A Problem for a JSONL line that yields no article."""
    where = f"line {line}: " if line is not None else ""
    return Problem(
        code="broken_record", message=where + message, severity="error", source=source, line=line
    )


def too_large(
    size: int, limit: int, *, source: str, line: int | None = None, at_least: bool = False
) -> Problem:
    """A Problem for an input over the size limit, naming the option that raises it."""
    more = "more than " if at_least else ""
    return Problem(
        code="too_large",
        message=(
            f"input is {more}{size:,} bytes, over the limit of {limit:,}; raise it with "
            "--max-chars (CLI) or max_chars= (Python)"
        ),
        severity="error",
        source=source,
        line=line,
    )
