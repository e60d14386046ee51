"""Keyword search: a user's words as a SQLite FTS5 query over article text and evidence.

The store indexes article titles and texts (``documents_fts``) and the evidence and context
line of every figure, claim and event (``evidence_fts``), with the Porter stemmer
("tanks" finds "tank"). A keyword is taken as plain words, never as FTS5 syntax, so no
input can make the query fail: every word must appear, ``"two words"`` is a phrase and a
trailing ``*`` a prefix (``shell*``).
"""

from __future__ import annotations

import re

from ..errors import InvalidOptionError

_PARTS = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(keyword: str) -> str:
    """The FTS5 query of a keyword: each word or quoted phrase quoted, all required.

    Raises:
        InvalidOptionError: The keyword has no word in it.
    """
    terms: list[str] = []
    for phrase, word in _PARTS.findall(keyword):
        words = _WORD.findall(phrase if phrase else word)
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        if not phrase and word.endswith("*") and len(words) == 1:
            quoted += "*"
        terms.append(quoted)
    if not terms:
        raise InvalidOptionError(f"keyword {keyword!r} has no word to search for")
    return " ".join(terms)
