"""Folding names so that spellings and transliterations of one name compare equal or close.

"Oleh Syniehubov" and "Oleg Sinegubov", "Kharkiv" and "Kharkov" fold to keys
that rapidfuzz finds close; the rules are data (``resources/corpus.json``).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from .settings import settings

_NOT_LETTERS = re.compile(r"[^a-z ]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_DOUBLED = re.compile(r"([a-z])\1+")


def plain(name: str) -> str:
    """Lower case, accents dropped, apostrophes removed, other non-letters as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    lowered = _POSSESSIVE.sub("", ascii_only.lower()).replace("'", "").replace("\u2019", "")
    return " ".join(_NOT_LETTERS.sub(" ", lowered).split())


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles ("President", "Regional governor", "the") from a name's words."""
    titles = settings().titles
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (2, 1):
            if len(words) > size and " ".join(words[:size]) in titles:
                words = words[size:]
                changed = True
                break
    return words


def fold_word(word: str) -> str:
    """One word with transliteration variants folded to one spelling."""
    for source, target in settings().folding:
        word = word.replace(source, target)
    return _DOUBLED.sub(r"\1", word)


def name_key(name: str) -> str:
    """The folded key of a name: titles dropped, letters folded, words kept in order."""
    words = strip_titles(plain(name).split())
    return " ".join(fold_word(word) for word in words)


def similar(key: str, other: str, *, kind: str) -> bool:
    """Tell whether two folded keys name the same entity.

    Args:
        key: A folded name (:func:`name_key`).
        other: Another folded name.
        kind: ``person`` (full names compared, last names must be close too, and a lone
            surname matches a full name with the same surname), ``place`` or ``other``.
    """
    if key == other:
        return True
    if not key or not other:
        return False
    limits = settings().name_similarity
    if kind != "person":
        return fuzz.ratio(key, other) >= limits["place" if kind == "place" else "other"]
    words, other_words = key.split(), other.split()
    last_close = fuzz.ratio(words[-1], other_words[-1]) >= limits["person_last_name"]
    if len(words) == 1 or len(other_words) == 1:
        return words[-1] == other_words[-1]
    return last_close and fuzz.ratio(key, other) >= limits["person"]
