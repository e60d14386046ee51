"""From a processed spaCy ``Doc`` to claimwire's typed records.

The only module that knows both worlds: extractors write spans and extension attributes
on the Doc; this module reads them and builds the records of :mod:`claimwire.models`.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .models import NumberMention, Span


def make_span(doc: Doc, start: int, end: int) -> Span:
    """The evidence span for character offsets ``start:end`` of ``doc``."""
    return Span(start=start, end=end, text=doc.text[start:end])


def from_spacy_span(span: SpacySpan) -> Span:
    """The evidence span of a spaCy span."""
    return make_span(span.doc, span.start_char, span.end_char)


def numbers(doc: Doc) -> list[NumberMention]:
    """The number mentions the ``claimwire_numbers_v1`` component left on ``doc``."""
    if "claimwire.numbers" not in doc.spans:
        return []
    found = []
    for span in doc.spans["claimwire.numbers"]:
        value = span._.claimwire_number
        found.append(
            NumberMention(
                span=make_span(doc, value.start, value.end),
                value=value.value,
                lower=value.lower,
                upper=value.upper,
                approx=value.approx,
                qualifier=value.qualifier,
                unit=value.unit,
                ordinal=value.ordinal,
                vague=value.vague,
            )
        )
    return found
