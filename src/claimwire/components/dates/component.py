"""The spaCy component ``claimwire_dates_v1`` and the typed accessor of its hits."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import _base, keys
from .finder import find_dates
from .hits import DateHit


def hits_of(doc: Doc) -> list[DateHit]:
    """The dates ``claimwire_dates_v1`` found in ``doc``, in text order.

    Raises:
        MissingComponentError: The dates component did not process ``doc``.
    """
    return _base.hits_of(doc, keys.DATES_EXTENSION, keys.DATES_FACTORY)


class DateResolver(_base.HitsComponent[DateHit]):
    """Finds dates; stores them in ``doc._.claimwire_dates`` and, one span per date
    labelled with its role, in ``doc.spans["claimwire.dates"]``."""

    extension = keys.DATES_EXTENSION
    span_key = keys.DATES_SPANS

    def __init__(self, name: str = keys.DATES_FACTORY) -> None:
        super().__init__(name)

    def find(self, doc: Doc) -> list[DateHit]:
        """The dates of ``doc`` (see :func:`find_dates`)."""
        return find_dates(doc)

    def label(self, hit: DateHit) -> str:
        """A date's span is labelled with its role."""
        return hit.role


@Language.factory(
    keys.DATES_FACTORY,
    assigns=["doc.spans", f"doc._.{keys.DATES_EXTENSION}"],
    requires=["doc.ents", "token.dep"],
)
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """Create the date component (spaCy factory ``claimwire_dates_v1``)."""
    return DateResolver(name)
