"""The spaCy component ``claimwire_relevance_v1`` and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import keys
from .._base import ensure_extension
from .features import extract_features
from .hits import RelevanceHit
from .model import decide

REQUIRES = [
    "token.lemma",
    f"doc._.{keys.FIGURES_EXTENSION}",
    f"doc._.{keys.EVENTS_EXTENSION}",
]
"""What the component reads: lemmas, and the figures and events before it."""


class Relevance:
    """Scores how likely a document is about armed conflict, political violence or protest.

    The decision goes in ``doc._.claimwire_relevance`` (a :class:`RelevanceHit`) and its
    evidence, one span per counted mention labelled with its feature, in
    ``doc.spans["claimwire.relevance"]``. The events stay on the Doc: dropping the events
    of an off-topic article is the converter's job, so spaCy users see both.
    """

    def __init__(self, name: str = keys.RELEVANCE_FACTORY) -> None:
        self.name = name
        ensure_extension(keys.RELEVANCE_EXTENSION)

    def __call__(self, doc: Doc) -> Doc:
        """Score ``doc`` and store the decision."""
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> RelevanceHit:
        """The relevance of ``doc``, without changing it."""
        return decide(extract_features(doc))

    def set_annotations(self, doc: Doc, hit: RelevanceHit) -> None:
        """Store ``hit`` on ``doc``: the component's only mutation."""
        doc._.set(keys.RELEVANCE_EXTENSION, hit)
        spans = []
        for evidence in hit.evidence:
            for start, end in evidence.spans:
                span = doc.char_span(start, end, label=evidence.feature, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[keys.RELEVANCE_SPANS] = spans


@Language.factory(
    keys.RELEVANCE_FACTORY,
    assigns=[f"doc._.{keys.RELEVANCE_EXTENSION}", "doc.spans"],
    requires=REQUIRES,
)
def make_relevance(nlp: Language, name: str) -> Relevance:
    """Create the relevance component (spaCy factory ``claimwire_relevance_v1``).

    Args:
        nlp: The pipeline.
        name: The component's name in the pipeline.
    """
    return Relevance(name)
