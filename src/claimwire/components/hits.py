"""Storing a component's hits on the Doc: the one mutation every extractor makes; and the
document's text, read once.

Each component keeps its typed hits (frozen dataclasses with character offsets) in a Doc
extension, and puts one labelled span per hit in ``doc.spans`` for display and for spaCy
users; ``doc.ents`` is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.tokens import Doc

TEXT_KEY = "claimwire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token on each access of ``doc.text``."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def ensure_extension(extension: str) -> None:
    """Register the Doc extension ``extension`` (default None) if it is not yet."""
    if not Doc.has_extension(extension):
        Doc.set_extension(extension, default=None)


def store_hits(
    doc: Doc,
    found: Sequence[Any],
    *,
    extension: str,
    span_key: str,
    label: Callable[[Any], str],
    expand: bool = True,
) -> None:
    """Store ``found`` in ``doc._.<extension>`` and as spans in ``doc.spans[span_key]``.

    Args:
        doc: The document.
        found: Hits with ``start`` and ``end`` character offsets.
        extension: Name of the Doc extension that holds the list.
        span_key: Span group of the hits.
        label: The label of a hit's span.
        expand: Widen offsets inside a token to the whole token (else such hits get no span).
    """
    doc._.set(extension, list(found))
    mode = "expand" if expand else "strict"
    spans = []
    for hit in found:
        span = doc.char_span(hit.start, hit.end, label=label(hit), alignment_mode=mode)
        if span is not None:
            spans.append(span)
    doc.spans[span_key] = spans
