"""What the place component stores on a Doc: :class:`PlaceHit`, read through :func:`hits_of`."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...vocab import PlaceMatch, PlaceRole
from .. import _base, keys


@dataclass(frozen=True)
class PlaceHit:
    """A place mention: evidence offsets, the chosen gazetteer entry and the mention's role.

    ``gazetteer_id`` is ``geonames:<id>``, ``iso3166-2:<code>`` or ``ne:<country>-<name>`` (a
    first-level region) or ``curated:<id>``; all entry fields are None when ``resolved`` is False.
    """

    start: int
    end: int
    text: str
    name: str | None
    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    feature_code: str | None
    admin1: str | None
    country: str | None
    role: PlaceRole
    score: float
    resolved: bool
    population: int | None
    kind: str | None = None
    match: PlaceMatch = "exact"
    admin2: str | None = None


def hits_of(doc: Doc) -> list[PlaceHit]:
    """The place hits of ``doc``, in text order.

    Args:
        doc: A document the place component processed.

    Returns:
        A new list of its place hits.

    Raises:
        MissingComponentError: The place component did not process ``doc``.
    """
    found: list[PlaceHit] = _base.hits_of(doc, keys.PLACES_EXTENSION, keys.PLACES_FACTORY)
    return found
