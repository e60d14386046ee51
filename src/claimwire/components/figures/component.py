"""The spaCy component ``claimwire_figures_v1`` and the typed accessor of its hits."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import _base, keys
from .finder import find_figures
from .hits import FigureHit


def hits_of(doc: Doc) -> list[FigureHit]:
    """The figures ``claimwire_figures_v1`` found in ``doc``, in text order.

    Raises:
        MissingComponentError: The figures component did not process ``doc``.
    """
    return _base.hits_of(doc, keys.FIGURES_EXTENSION, keys.FIGURES_FACTORY)


class Figures(_base.HitsComponent[FigureHit]):
    """Finds figures; stores them in ``doc._.claimwire_figures`` and, one span per figure
    labelled with its measure, in ``doc.spans["claimwire.figures"]`` (each span's hit in
    ``span._.claimwire_figure``)."""

    extension = keys.FIGURES_EXTENSION
    span_key = keys.FIGURES_SPANS
    expand = False

    def __init__(self, name: str = keys.FIGURES_FACTORY) -> None:
        super().__init__(name)
        if not Span.has_extension(keys.FIGURE_SPAN_EXTENSION):
            Span.set_extension(keys.FIGURE_SPAN_EXTENSION, default=None)

    def find(self, doc: Doc) -> list[FigureHit]:
        """The figures of ``doc`` (see :func:`find_figures`)."""
        return find_figures(doc)

    def label(self, hit: FigureHit) -> str:
        """A figure's span is labelled with its measure."""
        return hit.measure or "figure"

    def set_annotations(self, doc: Doc, found: Sequence[FigureHit]) -> None:
        """Store the hits and their spans, and each span's hit on the span."""
        super().set_annotations(doc, found)
        by_offsets = {(hit.start, hit.end): hit for hit in found}
        for span in doc.spans[self.span_key]:
            span._.set(keys.FIGURE_SPAN_EXTENSION, by_offsets[span.start_char, span.end_char])


@Language.factory(
    keys.FIGURES_FACTORY,
    assigns=[
        "doc.spans",
        f"doc._.{keys.FIGURES_EXTENSION}",
        f"span._.{keys.FIGURE_SPAN_EXTENSION}",
    ],
    requires=["token.dep", "token.lemma", f"span._.{keys.NUMBER_SPAN_EXTENSION}"],
)
def make_figures(nlp: Language, name: str) -> Figures:
    """Create the figures component (spaCy factory ``claimwire_figures_v1``)."""
    return Figures(name)
