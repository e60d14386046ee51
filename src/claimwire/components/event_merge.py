"""Merging the mentions of one event: drafts of events and when two describe the same.

A mention merges into the latest earlier draft of the same type family and status when
their dates agree (or one is unknown) and their places agree (see
:func:`claimwire.components.events` step 6). Used by :mod:`.events` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .event_context import Located
from .event_lexicon import ontology
from .event_roles import Participant, unique_participants

if TYPE_CHECKING:
    from .events import Mention

MAX_MERGE_DISTANCE = 3
"""Sentences between two placeless mentions that may still describe one event."""
REGION_DEGREES = 2.0
"""Latitude span within which a region-level place and another place are one theatre."""


@dataclass
class Draft:
    """An event being built from one or more mentions (internal, mutable)."""

    mention: Mention
    subtype: str
    actors: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    place: tuple[int, int, str, int | None] | None = None
    place_info: Any = None
    place_attached: bool = False
    """The place attaches to a trigger in the parse ('hit a school in X')."""
    date: tuple[int, int, int | None, str] | None = None
    date_value: Any = None
    status: str = "new"
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    mentions: list[Mention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    paragraph: int = 0


def family(subtype: str) -> str:
    """The ACLED event type of a sub-type ("Battles" for "armed_clash")."""
    return str(ontology()["subtypes"][subtype]["type"])


def _place_key(draft: Draft) -> str | None:
    if draft.place is None:
        return None
    return draft.place[2].lower()


def _compatible(a: Draft, b: Draft) -> bool:
    if family(a.subtype) != family(b.subtype) or a.status != b.status:
        return False
    if a.date_value is not None and b.date_value is not None and a.date_value != b.date_value:
        return False
    place_a, place_b = _place_key(a), _place_key(b)
    if place_a and place_b:
        return place_a == place_b or _nearby(a, b)
    if isinstance(a.date_value, tuple) and a.date_value == b.date_value:
        return True
    if a.status == "background":
        return False  # past events merge on an equal place or date only
    if place_a or place_b:
        return True
    distance = min(abs(s - t) for s in a.sentences for t in b.sentences)
    return distance <= MAX_MERGE_DISTANCE


def _nearby(a: Draft, b: Draft) -> bool:
    """One place contains the other, or a region and a town near it (by coordinates).

    Containment comes from the places component: a country contains every place of its
    country code, a first-level region every place of its country with the same admin1.
    It merges news only: background events are often distinct comparisons ('the invasion
    of Ukraine', 'the Mariupol assault').
    """
    if a.place_info is None or b.place_info is None:
        return False
    if a.status == "new" and (
        _contains(a.place_info, b.place_info) or _contains(b.place_info, a.place_info)
    ):
        return True  # past events, often mere comparisons, merge on an equal place only
    kinds = {a.place_info.feature_class, b.place_info.feature_class}
    if "P" in kinds and kinds <= {"P"}:
        return False
    points = [(p.lat, p.lon) for p in (a.place_info, b.place_info)]
    if any(lat is None or lon is None for lat, lon in points):
        return False
    (lat1, lon1), (lat2, lon2) = points
    return bool(abs(lat1 - lat2) < REGION_DEGREES and abs(lon1 - lon2) < REGION_DEGREES * 1.5)


def _contains(outer: Located, inner: Located) -> bool:
    """A country and a place in it, a first-level region and a place in it."""
    if not outer.country or outer.country != inner.country:
        return False
    code = outer.feature_code or ""
    if code.startswith("PCL"):
        return True
    return code == "ADM1" and outer.admin1 is not None and outer.admin1 == inner.admin1


def _more_precise(place: Located | None, than: Located | None) -> bool:
    """A town inside the country or region an event had so far (taken when it attaches to
    its own trigger: a place merely near in the sentence is no better than the first)."""
    return place is not None and than is not None and _contains(than, place)


def merge(drafts: list[Draft]) -> list[Draft]:
    """Fold mentions that describe an event already found into it (see the module doc)."""
    merged: list[Draft] = []
    for draft in drafts:
        target = next((e for e in reversed(merged) if _compatible(e, draft)), None)
        if target is None:
            merged.append(draft)
            continue
        target.mentions.extend(draft.mentions)
        target.sentences |= draft.sentences
        target.actors = unique_participants([*target.actors, *draft.actors])
        target.targets = unique_participants([*target.targets, *draft.targets])
        if target.place is None or (
            draft.place_attached and _more_precise(draft.place_info, target.place_info)
        ):
            target.place, target.place_info = draft.place, draft.place_info
            target.place_attached = draft.place_attached
        if target.date is None:
            target.date, target.date_value = draft.date, draft.date_value
        if draft.mention.weight > target.mention.weight and family(draft.subtype) == family(
            target.subtype
        ):
            target.subtype = draft.subtype
    return merged
