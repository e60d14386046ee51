"""The spaCy component ``claimwire_events_v1`` and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import keys
from .._base import HitsComponent
from .assemble import find
from .hits import EventHit

REQUIRES = [
    "token.dep",
    "token.lemma",
    "token.tag",
    "doc.ents",
    "doc.sents",
    f"doc._.{keys.FIGURES_EXTENSION}",
    f"doc._.{keys.PLACES_EXTENSION}",
    f"doc._.{keys.DATES_EXTENSION}",
    f"doc._.{keys.CLAIMS_EXTENSION}",
]
"""What the component reads: the parse and entities, and the figures, places, dates and
claims of the claimwire components before it (:mod:`.inputs`)."""


class Events(HitsComponent[EventHit]):
    """Finds events and stores them in ``doc._.claimwire_events`` and ``doc.spans``."""

    extension = keys.EVENTS_EXTENSION
    span_key = keys.EVENTS_SPANS

    def __init__(self, name: str = keys.EVENTS_FACTORY, *, keep_irrealis: bool = False) -> None:
        super().__init__(name)
        self.keep_irrealis = keep_irrealis

    def find(self, doc: Doc) -> list[EventHit]:
        """The events of ``doc`` (see :func:`claimwire.components.events.find`)."""
        return find(doc, keep_irrealis=self.keep_irrealis)

    def label(self, hit: EventHit) -> str:
        """A trigger's span is labelled with the event's sub-type."""
        return hit.subtype


@Language.factory(
    keys.EVENTS_FACTORY,
    assigns=[f"doc._.{keys.EVENTS_EXTENSION}", "doc.spans"],
    requires=REQUIRES,
    default_config={"keep_irrealis": False},
)
def make_events(nlp: Language, name: str, keep_irrealis: bool) -> Events:
    """Create the events component (spaCy factory ``claimwire_events_v1``).

    Args:
        nlp: The pipeline.
        name: The component's name in the pipeline.
        keep_irrealis: Keep threatened, planned, conditional and negated events (flagged).
    """
    return Events(name, keep_irrealis=keep_irrealis)
