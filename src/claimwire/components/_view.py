"""Token attributes of a whole Doc as plain lists, computed once and shared.

A walk over ``doc`` creates a Python ``Token`` per token and decodes its strings again, and
claimwire's components walked each document's tokens dozens of times. A pass that only
looks for a few words reads these lists instead, and builds a ``Token`` only where one
matches. The lists are kept in ``doc.user_data`` (plain lists of strings, so the Doc still
serializes) and rebuilt if the Doc's length changed; callers must not change them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from . import keys


def _cached(doc: Doc, key: str, value: Callable[[Token], str]) -> list[str]:
    found: list[str] | None = doc.user_data.get(key)
    if found is None or len(found) != len(doc):
        found = doc.user_data[key] = [value(token) for token in doc]
    return found


def token_texts(doc: Doc) -> list[str]:
    """``token.text`` of every token of ``doc``, in order (not to be changed)."""
    return _cached(doc, keys.TOKEN_TEXTS, lambda token: token.text)


def token_lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token of ``doc``, in order (not to be changed)."""
    return _cached(doc, keys.TOKEN_LOWERS, lambda token: token.lower_)


def token_lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token of ``doc``, in order (not to be changed)."""
    return _cached(doc, keys.TOKEN_LEMMAS, lambda token: token.lemma_.lower())
