"""The events component's records: :class:`EventHit`, and the typed accessor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc

from ...vocab import EventSubtype, EventType, Status
from .. import _base, keys
from .actors import Participant
from .context import Choice


@dataclass(frozen=True)
class EventHit:
    """An event found in a document (character offsets index ``doc.text``).

    Attributes:
        id: "e1", "e2"... in document order.
        start: Offset of the first trigger.
        end: Offset after the first trigger.
        evidence_start: Offset of the sentence of the first trigger.
        evidence_end: Offset after that sentence.
        type: ACLED event type (or "Other developments").
        subtype: Sub-type key of ``event_types.json`` ("air_drone_strike").
        plover: PLOVER event type ("ASSAULT").
        actors: Who did it.
        targets: Who or what it was done to.
        place_start: Offset of the place mention, or None.
        place_end: Offset after it, or None.
        place_name: Canonical name of the place.
        place_index: Index into ``doc._.claimwire_places``, or None for a country that
            no mention names.
        date_start: Offset of the date mention, or None.
        date_end: Offset after it, or None.
        date_index: Index into ``doc._.claimwire_dates``.
        date_method: How the date was chosen: "attached", "sentence", "paragraph" or None.
        figures: Offsets (start, end) of linked figures (from the figures component).
        figure_indices: Their indices into ``doc._.claimwire_figures``.
        claim_id: Id of the claim that reports it (claims component), or None.
        status: "new" or "background".
        negated: The event is said not to have happened.
        hypothetical: Threatened, planned, conditional or modal.
        mentions: Offsets of every trigger merged into this event.
    """

    id: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    type: EventType
    subtype: EventSubtype
    plover: str
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    place_start: int | None = None
    place_end: int | None = None
    place_name: str | None = None
    place_index: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_index: int | None = None
    date_method: Choice | None = None
    figures: tuple[tuple[int, int], ...] = ()
    figure_indices: tuple[int, ...] = ()
    claim_id: str | None = None
    status: Status = "new"
    negated: bool = False
    hypothetical: bool = False
    mentions: tuple[tuple[int, int], ...] = ()


def hits_of(doc: Doc) -> list[EventHit]:
    """The events ``claimwire_events_v1`` found in ``doc``, in document order.

    Raises:
        MissingComponentError: The events component did not process ``doc``.
    """
    return cast(list[EventHit], _base.hits_of(doc, keys.EVENTS_EXTENSION, keys.EVENTS_FACTORY))
