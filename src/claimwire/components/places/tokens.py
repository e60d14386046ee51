"""The shape of the tokens a place name is made of: capitals, name characters, edges."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Span, Token

NAME_CHARS: Final = frozenset("-'’.&")
"""Characters besides letters a name token may hold ('Ivano-Frankivsk', 'T&T')."""
DASHES: Final = frozenset({"-", "–", "—"})
"""Hyphen and dashes."""


def is_capitalized(token: Token) -> bool:
    """Tell whether ``token`` starts with a capital and holds a letter."""
    return token.text[:1].isupper() and any(char.isalpha() for char in token.text)


def name_token(token: Token) -> bool:
    """Tell whether ``token`` may be a word of a name (letters and :data:`NAME_CHARS`)."""
    return token.is_alpha or all(char.isalpha() or char in NAME_CHARS for char in token.text)


def proper(token: Token | None) -> bool:
    """Tell whether ``token`` is a capitalized proper noun made of name characters."""
    if token is None:
        return False
    return is_capitalized(token) and name_token(token) and token.tag_ in {"NNP", "NNPS"}


def in_name_run(span: Span) -> bool:
    """Tell whether capitalized words touch the span: it is part of a longer name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    joined_before = (
        before is not None and not span[0].is_sent_start and "\n" not in before.text_with_ws
    )
    joined_after = "\n" not in span[-1].text_with_ws
    return (joined_before and proper(before)) or (joined_after and proper(after))


def clean_entity(ent: Span) -> Span | None:
    """The entity without a leading 'the' and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "pro", "-"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def with_final_dot(span: Span) -> Span:
    """'W.Va' + '.': an abbreviation keeps the period the tokenizer split off."""
    doc = span.doc
    split_dot = span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_
    if split_dot and "." in span[-1].text:
        return doc[span.start : span.end + 1]
    return span


def trimmed(span: Span) -> Span:
    r"""``span`` without space or dash tokens at its edges ("Russian\n" of a line-broken
    sentence, "Egyptian-" of "Egyptian-American")."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (doc[end - 1].is_space or doc[end - 1].text in DASHES):
        end -= 1
    while end - start > 1 and (doc[start].is_space or doc[start].text in DASHES):
        start += 1
    return span.doc[start:end]
