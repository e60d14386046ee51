"""A recognized place name before and during resolution."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ...geo import Entry
from ...vocab import PlaceMatch


@dataclass
class Mention:
    """A recognized name: its token span, its candidate entries, how it was matched.

    Attributes:
        span: The tokens of the name.
        candidates: The gazetteer entries it may stand for (empty: unresolved).
        match: How the name was matched.
        label: The model's entity label, when the name is (in) one of its entities.
        demonym: The ISO 3166-1 code of a country demonym ('Ukrainian' -> 'UA').
        embedded: The name stands inside an organization's name ('Ohio Supreme Court').
        cued: The words around the name say it is a place ('in Laconia').
        scores: Each candidate's score by entry id, filled by resolution.
    """

    span: Span
    candidates: tuple[Entry, ...]
    match: PlaceMatch
    label: str | None = None
    demonym: str | None = None
    embedded: bool = False
    cued: bool = False
    scores: dict[str, float] = field(default_factory=dict)
