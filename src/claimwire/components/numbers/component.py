"""The spaCy component ``claimwire_numbers_v1`` and the typed accessor of its numbers."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import MissingComponentError
from .. import keys
from .context import find_numbers
from .grammar import NumberValue


def numbers_of(doc: Doc) -> list[tuple[Span, NumberValue]]:
    """The numbers ``claimwire_numbers_v1`` found in ``doc``: each span and its value.

    Args:
        doc: A processed document.

    Returns:
        ``(span, number)`` pairs in text order (``number`` is ``span._.claimwire_number``).

    Raises:
        MissingComponentError: The numbers component did not process ``doc``.
    """
    if keys.NUMBERS_SPANS not in doc.spans:
        raise MissingComponentError(
            f"doc.spans[{keys.NUMBERS_SPANS!r}] is not set: add the component "
            f"{keys.NUMBERS_FACTORY!r} to the pipeline before the components that read it"
        )
    return [
        (span, span._.get(keys.NUMBER_SPAN_EXTENSION)) for span in doc.spans[keys.NUMBERS_SPANS]
    ]


class Numbers:
    """Finds numbers and stores them as ``doc.spans["claimwire.numbers"]``, each span's
    parsed value in ``span._.claimwire_number``."""

    def __init__(self, name: str = keys.NUMBERS_FACTORY) -> None:
        self.name = name
        if not Span.has_extension(keys.NUMBER_SPAN_EXTENSION):
            Span.set_extension(keys.NUMBER_SPAN_EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Find the numbers of ``doc`` and store them."""
        self.set_annotations(doc, find_numbers(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[NumberValue]) -> None:
        """Write the numbers as spans with their parsed value in ``span._.claimwire_number``."""
        spans = []
        for number in found:
            span = doc.char_span(number.start, number.end, label="NUMBER")
            if span is None:
                continue
            span._.set(keys.NUMBER_SPAN_EXTENSION, number)
            spans.append(span)
        doc.spans[keys.NUMBERS_SPANS] = spans


@Language.factory(
    keys.NUMBERS_FACTORY,
    assigns=["doc.spans", f"span._.{keys.NUMBER_SPAN_EXTENSION}"],
)
def make_numbers(nlp: Language, name: str) -> Numbers:
    """Create the numbers component (spaCy factory ``claimwire_numbers_v1``)."""
    return Numbers(name)
