"""Direct quotes on the characters: pairing quote marks into quotes.

Straight and curly marks mixed, quotes across line breaks, a quote that never closes and
ends at its paragraph, a paragraph that opens a new quote mark continuing the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .settings import SENTENCE_LOOKBACK_CHARS

QUOTE_MARKS = frozenset('"“”„«»‟')
"""Characters that open or close a direct quote."""
CLOSING_MARKS = frozenset("”»")
DOUBLED_SINGLE = re.compile("[‘’'][‘’']")  # ‘’It’s over,’’ typed with two single marks
TERMINAL = frozenset(".!?…")
"""Characters that end a sentence."""
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Quote:
    """A direct quote on the characters: marks and content offsets."""

    open: int
    close: int | None  # offset of the closing mark, None when it never closes
    start: int
    end: int


def find_quotes(text: str) -> list[Quote]:
    """Pair the quote marks of ``text`` into quotes.

    A quote closes at the next mark unless a blank line comes first, or the next mark
    opens a line (a quote continued in a new paragraph): then it never closed and ends at
    the end of its paragraph. Marks right after a digit (inches) are not quote marks; two
    single marks typed for a double one (``‘’...’’``) are one mark.
    """
    marks = [i for i, char in enumerate(text) if char in QUOTE_MARKS and _is_mark(text, i)]
    doubled = [
        m.start()
        for m in DOUBLED_SINGLE.finditer(text)
        if not (m.start() and text[m.start() - 1].isdigit())
    ]
    if doubled:
        marks = sorted(marks + doubled)
    found: list[Quote] = []
    k = 0
    while k < len(marks):
        opening = marks[k]
        if text[opening] in CLOSING_MARKS:
            k += 1
            continue
        nxt = marks[k + 1] if k + 1 < len(marks) else None
        stop = _paragraph_end(text, opening + 1, nxt)
        if nxt is not None and stop is None:
            found.append(_quote(text, opening, nxt, nxt))
            k += 2
            continue
        end = stop if stop is not None else _unclosed_end(text, opening + 1)
        found.append(_quote(text, opening, None, end))
        k += 1
    return [quote for quote in found if quote.end > quote.start]


def starts_sentence(text: str, offset: int) -> bool:
    """Whether a quote mark at ``offset`` opens a sentence (nothing of its sentence before)."""
    before = text[max(0, offset - SENTENCE_LOOKBACK_CHARS) : offset].rstrip(" \t-–—")
    return not before or before[-1] in TERMINAL or before[-1] in QUOTE_MARKS or before[-1] == "\n"


def _is_mark(text: str, i: int) -> bool:
    return not (text[i] == '"' and i > 0 and text[i - 1].isdigit())


def _paragraph_end(text: str, start: int, nxt: int | None) -> int | None:
    """Where an open quote must stop before ``nxt`` (a blank line, a new quoted line)."""
    limit = nxt if nxt is not None else len(text)
    blank = BLANK_LINE.search(text, start, limit)
    if blank:
        return blank.start()
    if nxt is not None:
        line_start = text.rfind("\n", start, nxt)
        if line_start >= 0 and not text[line_start + 1 : nxt].strip():
            return line_start
    return None


def _unclosed_end(text: str, start: int) -> int:
    """End of a quote that never closes: its paragraph (a line ending a sentence)."""
    for match in re.finditer(r"\n", text[start:]):
        before = text[start : start + match.start()].rstrip()
        if before and (before[-1] in TERMINAL or before[-1] in QUOTE_MARKS):
            return start + match.start()
    return len(text)


def _quote(text: str, opening: int, close: int | None, end: int) -> Quote:
    start = opening + (2 if DOUBLED_SINGLE.match(text, opening) else 1)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(opening, close, start, end)
