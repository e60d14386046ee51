"""The spaCy component ``claimwire_claims_v1`` and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import keys
from .._base import HitsComponent
from .find import find
from .hits import ClaimHit


class Claims(HitsComponent[ClaimHit]):
    """Finds claims and stores them in ``doc._.claimwire_claims`` and ``doc.spans``.

    Each claim's span in ``doc.spans["claimwire.claims"]`` is labelled by its form.
    """

    extension = keys.CLAIMS_EXTENSION
    span_key = keys.CLAIMS_SPANS

    def find(self, doc: Doc) -> list[ClaimHit]:
        """The claims of ``doc`` (see :func:`.find.find`)."""
        return find(doc)

    def label(self, hit: ClaimHit) -> str:
        """A claim's span label: its form."""
        return hit.form


@Language.factory(
    keys.CLAIMS_FACTORY,
    assigns=[f"doc._.{keys.CLAIMS_EXTENSION}", "doc.spans"],
    # token.pos is read too, but the English pipelines set it in their attribute_ruler,
    # which declares nothing: requiring it would report a problem on every pipeline.
    requires=[
        "token.tag",
        "token.dep",
        "token.lemma",
        "token.ent_type",
        "doc.sents",
        "doc.ents",
        f"span._.{keys.NUMBER_SPAN_EXTENSION}",
    ],
)
def make_claims(nlp: Language, name: str) -> Claims:
    """Create the claims component (spaCy factory ``claimwire_claims_v1``)."""
    return Claims(name)
