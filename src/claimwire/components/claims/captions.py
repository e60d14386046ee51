"""Lines outside the story: photo captions and kicker lines hold no claim of the article."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import cues

CAPTION = re.compile(r"^[^\n]*\(\s*[^()\n/]{2,60}/[^()\n/]{2,60}\)[ \t]*$", re.MULTILINE)
"""A line ending with a photo credit, "(Name/Agency)"."""


def caption_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines outside the story: photo captions and kicker lines.

    A caption ends with a credit, "(Name/Agency)", and repeats the story; a kicker line,
    "READ MORE: ...", "WATCH: ...", links to another story.
    """
    found = [match.span() for match in CAPTION.finditer(text)]
    found += [match.span() for match in kicker_pattern().finditer(text)]
    return sorted(found)


@lru_cache(maxsize=1)
def kicker_pattern() -> re.Pattern[str]:
    """A line opened by a kicker label of the lexicon and a colon."""
    labels = sorted(cues().kicker_labels, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"^[ \t]*(?:{alternatives})[ \t]*:[^\n]*$", re.IGNORECASE | re.MULTILINE)


def inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` lies in one of ``ranges``."""
    return any(start <= offset < end for start, end in ranges)
