"""Place names as the gazetteer indexes them: lookup keys and transliteration skeletons."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .resources import variants

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'", "′": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—./]+")
_LATIN = re.compile(r"^[a-z' ]+$")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def name_key(name: str) -> str:
    """Normalize a place name for lookup: no diacritics or apostrophes, lower case.

    Hyphens, dots and slashes become spaces: ``"Ivano-Frankivs'k"`` -> ``"ivano frankivsk"``.
    """
    plain = name.translate(_QUOTES)
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain))
    plain = plain.lower().replace("'", "")
    return _SEPARATORS.sub(" ", plain).strip()


@lru_cache(maxsize=1)
def _variant_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rule.pattern), rule.replace) for rule in variants().skeleton_rules)


def skeleton(name: str) -> str:
    """Reduce a name to its transliteration skeleton (see ``places_variants.json``)."""
    key = name_key(name)
    for pattern, replace in _variant_rules():
        key = pattern.sub(replace, key)
    return key


def latin_key(name: str) -> str | None:
    """The lookup key of ``name`` when it is written in Latin script, else None."""
    key = name_key(name)
    if len(key) < 2 or not _LATIN.match(key):
        return None
    return key
