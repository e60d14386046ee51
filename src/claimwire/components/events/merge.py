"""Merging the mentions of one event: drafts of events and when two describe the same.

A mention merges into the latest earlier draft of the same type family and status when
their dates agree (or one is unknown) and their places agree: the same name, a country
or first-level region and a place inside it (news only; the inner place then becomes the
event's when it attaches to its trigger), a region and a place near it (coordinates from
the places component), or one of them unknown (a place borrowed from an earlier sentence
of the paragraph counts as unknown, and an own place replaces it). Two placeless mentions
merge only within ``MAX_MERGE_DISTANCE`` sentences; background events merge only on an
equal place or date. After merging, an armed clash whose only targets are civilians or
civilian sites and that names at most one armed side becomes violence against civilians.

Across type families (:mod:`.coreference` says which mentions are one incident): mentions
of one sentence linked in the parse fold first (:func:`fold_linked`), re-mentions ('the
attack') join their antecedent (:func:`fold_anaphora`) and the headline's event joins the
lead's (:func:`fold_headline`); the type kept is the one of :func:`precedes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import islice

from ...geo import contains
from ...vocab import EventSubtype, Status
from . import subtypes as st
from .actors import Participant
from .context import Choice, DateMention, EventPlace
from .indexes import country_scope
from .lexicon import family, ontology
from .roles import unique_participants
from .settings import (
    FOLD_CANDIDATES,
    LINK_MENTIONS,
    MAX_MERGE_DISTANCE,
    REGION_DEGREES,
    REGION_LONGITUDE_FACTOR,
)
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
    place_method: Choice | None = None
    """How the place was chosen (:data:`.context.Choice`)."""
    date: DateMention | None = None
    date_method: Choice | None = None
    status: Status = "new"
    negated: bool = False
    hypothetical: bool = False
    mentions: list[Mention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    paragraph: int = 0
    anaphoric: bool = False
    """The first mention re-mentions an incident told before ('the attack')."""


def merge(drafts: list[Draft]) -> list[Draft]:
    """Fold mentions that describe an event already found into it (see the module doc)."""
    merged: list[Draft] = []
    for draft in drafts:
        target = next((e for e in reversed(merged) if _compatible(e, draft)), None)
        if target is None:
            merged.append(draft)
        else:
            absorb(target, draft)
    return merged


def absorb(target: Draft, draft: Draft) -> None:
    """Add ``draft``'s mentions, participants, place and date to ``target``; the type is the
    heavier trigger's within one family, else the one of :func:`precedes`."""
    target.mentions.extend(draft.mentions)
    target.sentences |= draft.sentences
    target.actors = unique_participants([*target.actors, *draft.actors])
    target.targets = unique_participants([*target.targets, *draft.targets])
    if (
        target.place is None
        or (draft.place_attached and _more_precise(draft.place, target.place))
        or (_borrowed(target) and draft.place is not None and not _borrowed(draft))
    ):
        target.place = draft.place
        target.place_attached = draft.place_attached
        target.place_method = draft.place_method
    elif draft.place_attached and _place_key(draft) == _place_key(target):
        target.place_attached = True  # the place attaches to one of the event's triggers
    if target.date is None:
        target.date, target.date_method = draft.date, draft.date_method
    if family(draft.subtype) == family(target.subtype):
        if draft.mention.weight > target.mention.weight:
            target.subtype = draft.subtype
    elif precedes(draft, target):
        target.subtype = draft.subtype


def precedes(a: Draft, b: Draft) -> bool:
    """Whether ``a``'s type wins over ``b``'s when both report one incident: a specific
    trigger over a generic one ('attack', 'kill': unless a remote weapon typed it), then
    ``coreference.type_precedence`` (a strike or shelling is Explosions/Remote violence; a
    fight a battle; then violence against civilians, riots, protests, and a strategic
    development last). Between two generic triggers of equal standing the first stays."""
    specific_a, specific_b = _specific(a), _specific(b)
    if specific_a != specific_b:
        return specific_a
    if not specific_a:
        return False
    order = ontology().coreference.type_precedence
    return order.index(family(a.subtype)) < order.index(family(b.subtype))


def _two_kinds(a: Draft, b: Draft) -> bool:
    """Two incidents though linked: a protest and a violent event ('protests against the
    shelling'), or two kinds of political violence neither of which is a mere blow or
    casualty ('troops stormed the town, shelling its centre'; 'attacked a base and
    kidnapped two workers'; but 'a strike hit the village', 'killed and kidnapped')."""
    fam_a, fam_b = family(a.subtype), family(b.subtype)
    if fam_a == fam_b:
        return False
    kinds = {*st.VIOLENT_TYPES, st.STRATEGIC}
    if fam_a not in kinds or fam_b not in kinds:
        return True
    return violent(a.subtype) and violent(b.subtype) and not (_light(a) or _light(b))


def _light(draft: Draft) -> bool:
    """A trigger that only says a blow landed or people died ('hit', 'killed')."""
    light = {*ontology().casualty_lemmas, *ontology().coreference.light_lemmas}
    return all(m.lemma in light for m in draft.mentions)


def _specific(draft: Draft) -> bool:
    return not draft.mention.generic or family(draft.subtype) == st.EXPLOSIONS


def fold_linked(drafts: list[Draft], linked: Callable[[Mention, Mention], bool]) -> list[Draft]:
    """Drafts of one sentence whose triggers the parse joins ('a strike hit the village,
    killing four'; 'killed twelve and kidnapped five') are one incident, whatever their
    types, when their status, dates and places agree; but two specific kinds of violence
    stay two ('troops stormed the town, shelling its centre': an assault and a
    shelling)."""
    folded: list[Draft] = []
    for draft in drafts:
        target = next(
            (
                e
                for e in islice(reversed(folded), FOLD_CANDIDATES)
                if draft.mention.sentence in e.sentences
                and e.status == draft.status
                and _agree(e, draft)
                and not _two_kinds(e, draft)
                and any(linked(m, draft.mention) for m in e.mentions[-LINK_MENTIONS:])
            ),
            None,
        )
        if target is None:
            folded.append(draft)
        else:
            absorb(target, draft)
    return folded


def fold_anaphora(drafts: list[Draft]) -> list[Draft]:
    """A re-mention ('the attack', "Sunday's raid") joins the incident it refers to: the
    latest earlier event of political violence (or of the re-mention's own type) of the same
    status whose date and place agree with the ones the re-mention's own words give."""
    folded: list[Draft] = []
    for draft in drafts:
        target = _antecedent(folded, draft) if draft.anaphoric else None
        if target is None:
            folded.append(draft)
        else:
            absorb(target, _own_context(draft))
    return folded


def _own_context(draft: Draft) -> Draft:
    """The re-mention with only the place and date its own words give ("Sunday's raid in
    X"): the others of its sentence are often those of the statement that recalls it."""
    attached = draft.date_method == "attached"
    return replace(
        draft,
        place=draft.place if draft.place_attached else None,
        date=draft.date if attached else None,
        date_method=draft.date_method if attached else None,
    )


def _antecedent(earlier: list[Draft], draft: Draft) -> Draft | None:
    own = _own_context(draft)
    return next(
        (
            e
            for e in reversed(earlier)
            if _agree(e, own)
            and (family(e.subtype) == family(draft.subtype) or violent(e.subtype))
            and e.status == draft.status
        ),
        None,
    )


def fold_headline(drafts: list[Draft], headline: set[int]) -> list[Draft]:
    """The headline's event is the lead's: the headline's drafts of political violence
    (``headline``: the indices of its sentences) and the body's first one are one event,
    whatever their types, when their status, dates and places agree."""
    heads = [d for d in drafts if d.mention.sentence in headline and violent(d.subtype)]
    body = next(
        (d for d in drafts if d.mention.sentence not in headline and violent(d.subtype)), None
    )
    if not heads or body is None:
        return drafts
    joined = [d for d in heads if d.status == body.status and _agree(d, body)]
    if not joined:
        return drafts
    first, *others = joined
    for other in [*others, body]:
        absorb(first, other)
    gone = {id(d) for d in [*others, body]}
    return [d for d in drafts if id(d) not in gone]


def violent(subtype: EventSubtype) -> bool:
    """A sub-type of political violence (battles, explosions, violence against civilians)."""
    return family(subtype) in st.VIOLENT_TYPES


def _agree(a: Draft, b: Draft) -> bool:
    """Dates and places that may be one incident's: equal or unknown dates; equal, nested
    or nearby places, or one unknown (or only borrowed from an earlier sentence)."""
    if a.date is not None and b.date is not None and a.date.interval != b.date.interval:
        return False
    place_a, place_b = _own_place_key(a), _own_place_key(b)
    return not (place_a and place_b) or place_a == place_b or _nearby(a, b)


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


def _borrowed(draft: Draft) -> bool:
    """The place was borrowed from an earlier sentence of the paragraph: the mention's own
    sentence names none, so it does not tell the incident apart."""
    return draft.place_method == "paragraph"


def _own_place_key(draft: Draft) -> str | None:
    """The place key of what the mention's own sentence says (None when borrowed)."""
    return None if _borrowed(draft) else _place_key(draft)


def _compatible(a: Draft, b: Draft) -> bool:
    if family(a.subtype) != family(b.subtype) or a.status != b.status:
        return False
    if a.date is not None and b.date is not None and a.date.interval != b.date.interval:
        return False
    place_a, place_b = _own_place_key(a), _own_place_key(b)
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
    if a.status == "new" and (contains(geo_a, geo_b) or contains(geo_b, geo_a)):
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


def _more_precise(place: EventPlace | None, than: EventPlace | None) -> bool:
    """A town inside the country or region an event had so far (taken when it attaches to
    its own trigger: a place merely near in the sentence is no better than the first)."""
    return place is not None and than is not None and contains(than.geo, place.geo)


def fold_generic(drafts: list[Draft], plural: Callable[[Mention], bool]) -> list[Draft]:
    """A later new event told only by generic words ('the militants attacked the base',
    'civilians were targeted') is the incident already told, when an earlier new event of
    political violence agrees with it in place and date; one told only by a casualty word
    ('a sergeant was shot dead in X') joins one of the same named place. A plural ('launched
    attacks on several posts': ``plural`` says which) tells several incidents and stays
    apart."""
    casualty = set(ontology().casualty_lemmas)
    folded: list[Draft] = []
    for draft in drafts:
        target = None
        if draft.status == "new" and violent(draft.subtype):
            told = [e for e in folded if e.status == "new" and violent(e.subtype)]
            if all(_remention(m) and not plural(m) for m in draft.mentions):
                target = next((e for e in told if _agree(e, draft)), None)
            elif all(m.lemma in casualty and not plural(m) for m in draft.mentions):
                target = next((e for e in told if _same_place(e, draft)), None)
        if target is None:
            folded.append(draft)
        else:
            absorb(target, draft)
    return folded


def _remention(mention: Mention) -> bool:
    return mention.lemma in ontology().coreference.remention_lemmas


def _same_place(a: Draft, b: Draft) -> bool:
    key = _place_key(b)
    return key is not None and key == _place_key(a) and _agree(a, b)
