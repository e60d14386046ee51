"""The spaCy component ``claimwire_events_v1`` and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import keys
from .._base import HitsComponent
from .assemble import find
from .hits import EventHit
from .lexicon import event_realis_model, event_type_model
from .settings import LEARNED_TYPES, SPECIFIC_EVENTS

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

    def __init__(
        self,
        name: str = keys.EVENTS_FACTORY,
        *,
        keep_irrealis: bool = False,
        learned_types: bool = LEARNED_TYPES,
        specific_events: bool = SPECIFIC_EVENTS,
    ) -> None:
        super().__init__(name)
        self.keep_irrealis = keep_irrealis
        self.learned_types = learned_types
        self.specific_events = specific_events
        if learned_types:
            event_type_model()  # a broken weights file fails here, not on the first article
        if specific_events:
            event_realis_model()

    def find(self, doc: Doc) -> list[EventHit]:
        """The events of ``doc`` (see :func:`claimwire.components.events.find`)."""
        return find(
            doc,
            keep_irrealis=self.keep_irrealis,
            learned=self.learned_types,
            specific=self.specific_events,
        )

    def label(self, hit: EventHit) -> str:
        """A trigger's span is labelled with the event's sub-type."""
        return hit.subtype


@Language.factory(
    keys.EVENTS_FACTORY,
    assigns=[f"doc._.{keys.EVENTS_EXTENSION}", "doc.spans"],
    requires=REQUIRES,
    default_config={
        "keep_irrealis": False,
        "learned_types": LEARNED_TYPES,
        "specific_events": SPECIFIC_EVENTS,
    },
)
def make_events(
    nlp: Language, name: str, keep_irrealis: bool, learned_types: bool, specific_events: bool
) -> Events:
    """Create the events component (spaCy factory ``claimwire_events_v1``).

    Args:
        nlp: The pipeline.
        name: The component's name in the pipeline.
        keep_irrealis: Keep threatened, planned, conditional and negated events (flagged).
        learned_types: Let the learned event-type model (``resources/event_type_model.json``)
            re-type events; False keeps the rules' types.
        specific_events: Let the learned filter (``resources/event_realis_model.json``)
            drop generic, unrealised and repeated events; False keeps them all.

    Raises:
        ResourceError: ``learned_types`` or ``specific_events`` is on and its model file
            is missing or broken.
    """
    return Events(
        name,
        keep_irrealis=keep_irrealis,
        learned_types=learned_types,
        specific_events=specific_events,
    )
