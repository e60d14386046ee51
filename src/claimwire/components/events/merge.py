"""Merging the mentions of one event: drafts of events and when two describe the same.

A mention merges into the latest earlier draft of the same type family and status when
their dates agree (or one is unknown) and their places agree: the same name, a country
or first-level region and a place inside it (news only; the inner place then becomes the
event's when it attaches to its trigger), a region and a place near it (coordinates from
the places component), or one of them unknown. Two placeless mentions merge only within
``MAX_MERGE_DISTANCE`` sentences; background events merge only on an equal place or
date. After merging, an armed clash whose only targets are civilians or civilian sites
and that names at most one armed side becomes violence against civilians.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...vocab import EventSubtype, Status
from . import subtypes as st
from .actors import Participant
from .context import Choice, DateMention, EventPlace, Geo
from .indexes import country_scope
from .lexicon import family, ontology
from .roles import unique_participants
from .settings import MAX_MERGE_DISTANCE, REGION_DEGREES, REGION_LONGITUDE_FACTOR
from .triggers import Mention

ARMED_TYPES = frozenset({"state_forces", "police", "militia", "rebel", "international"})
"""Actor types of an armed side."""


@dataclass
class Draft:
    """An event being built from one or more mentions (internal, mutable)."""

    mention: Mention
    subtype: EventSubtype
    actors: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    place: EventPlace | None = None
    place_attached: bool = False
    """The place attaches to a trigger in the parse ('hit a school in X')."""
    date: DateMention | None = None
    date_method: Choice | None = None
    status: Status = "new"
    negated: bool = False
    hypothetical: bool = False
    mentions: list[Mention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    paragraph: int = 0


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
            draft.place_attached and _more_precise(draft.place, target.place)
        ):
            target.place = draft.place
            target.place_attached = draft.place_attached
        if target.date is None:
            target.date, target.date_method = draft.date, draft.date_method
        if draft.mention.weight > target.mention.weight and family(draft.subtype) == family(
            target.subtype
        ):
            target.subtype = draft.subtype
    return merged


def against_civilians(drafts: list[Draft]) -> list[Draft]:
    """'Fighters stormed a displacement camp, killing 40 civilians': an armed clash needs
    two armed sides; one whose only targets are civilians or civilian sites (camps,
    schools, markets: ``civilian_sites``), and that names at most one armed actor, is
    violence against civilians. Done after merging, on all the event's participants."""
    for draft in drafts:
        targets = draft.targets
        if (
            draft.subtype == st.ARMED_CLASH
            and draft.mention.lemma not in country_scope()  # an invasion: a war of states
            and targets
            and all(map(_civilian_target, targets))
            and len({a.name for a in draft.actors if a.type in ARMED_TYPES}) < 2
        ):
            draft.subtype = st.ATTACK
    return drafts


def _civilian_target(target: Participant) -> bool:
    if target.type == "civilians":
        return True
    name = target.name.lower()
    return any(name == site or name.endswith(" " + site) for site in ontology().civilian_sites)


def _place_key(draft: Draft) -> str | None:
    if draft.place is None:
        return None
    return draft.place.name.lower()


def _compatible(a: Draft, b: Draft) -> bool:
    if family(a.subtype) != family(b.subtype) or a.status != b.status:
        return False
    if a.date is not None and b.date is not None and a.date.interval != b.date.interval:
        return False
    place_a, place_b = _place_key(a), _place_key(b)
    if place_a and place_b:
        return place_a == place_b or _nearby(a, b)
    if a.date is not None and b.date is not None:
        return True  # the same interval
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
    if a.place is None or b.place is None:
        return False
    geo_a, geo_b = a.place.geo, b.place.geo
    if a.status == "new" and (_contains(geo_a, geo_b) or _contains(geo_b, geo_a)):
        return True  # past events, often mere comparisons, merge on an equal place only
    kinds = {geo_a.feature_class, geo_b.feature_class}
    if "P" in kinds and kinds <= {"P"}:
        return False
    if geo_a.lat is None or geo_a.lon is None or geo_b.lat is None or geo_b.lon is None:
        return False
    return bool(
        abs(geo_a.lat - geo_b.lat) < REGION_DEGREES
        and abs(geo_a.lon - geo_b.lon) < REGION_DEGREES * REGION_LONGITUDE_FACTOR
    )


def _contains(outer: Geo, inner: Geo) -> bool:
    """A country and a place in it, a first-level region and a place in it."""
    if not outer.country or outer.country != inner.country:
        return False
    code = outer.feature_code or ""
    if code.startswith("PCL"):
        return True
    return code == "ADM1" and outer.admin1 is not None and outer.admin1 == inner.admin1


def _more_precise(place: EventPlace | None, than: EventPlace | None) -> bool:
    """A town inside the country or region an event had so far (taken when it attaches to
    its own trigger: a place merely near in the sentence is no better than the first)."""
    return place is not None and than is not None and _contains(than.geo, place.geo)
