"""From a processed spaCy ``Doc`` to claimwire's typed records.

The only module that knows both worlds: extractors write spans and extension attributes
on the Doc; this module reads them and builds the records of :mod:`claimwire.models`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..components._base import doc_text, publication_date, sentence_of
from ..components.claims import ClaimHit, FigureFacts, claim_lookup, claims_of_repeats
from ..components.claims import hits_of as claims_of
from ..components.claims.tolls import toll_contradictions
from ..components.dates import hits_of as dates_of
from ..components.events import hits_of as events_of
from ..components.figures import FigureHit
from ..components.figures import hits_of as figures_of
from ..components.numbers import numbers_of
from ..components.places import hits_of as places_of
from ..components.relevance import relevance_of
from ..models import (
    Actor,
    Claim,
    Claimant,
    Contradiction,
    DateMention,
    Event,
    Figure,
    NumberMention,
    Place,
    Relevance,
    RelevanceEvidence,
    Span,
    TimeRef,
)


def make_span(doc: Doc, start: int, end: int) -> Span:
    """The evidence span for character offsets ``start:end`` of ``doc``."""
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def from_spacy_span(span: SpacySpan) -> Span:
    """The evidence span of a spaCy span."""
    return make_span(span.doc, span.start_char, span.end_char)


def numbers(doc: Doc) -> list[NumberMention]:
    """The number mentions the ``claimwire_numbers_v1`` component left on ``doc``."""
    found = []
    for _, value in numbers_of(doc):
        found.append(
            NumberMention(
                span=make_span(doc, value.start, value.end),
                value=value.value,
                lower=value.lower,
                upper=value.upper,
                approx=value.approx,
                qualifier=value.qualifier,
                unit=value.unit,
                ordinal=value.ordinal,
                vague=value.vague,
            )
        )
    return found


def _span_or_none(doc: Doc, start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else make_span(doc, start, end)


def places(doc: Doc) -> list[Place]:
    """The places of ``claimwire_places_v1``, with ids ``p1``, ``p2``... in text order."""
    return [
        Place(
            id=f"p{number}",
            span=make_span(doc, hit.start, hit.end),
            name=hit.name,
            resolved=hit.resolved,
            gazetteer_id=hit.gazetteer_id,
            lat=hit.lat,
            lon=hit.lon,
            feature_class=hit.feature_class,
            feature_code=hit.feature_code,
            population=hit.population,
            place_kind=hit.kind,
            match=hit.match,
            admin1=hit.admin1,
            admin2=hit.admin2,
            country=hit.country,
            role=hit.role,
            score=hit.score,
        )
        for number, hit in enumerate(places_of(doc), start=1)
    ]


def dates(doc: Doc) -> list[DateMention]:
    """The dates of ``claimwire_dates_v1``, with ids ``d1``, ``d2``... in text order."""
    return [
        DateMention(
            id=f"d{number}",
            span=make_span(doc, hit.start, hit.end),
            start=hit.start_date,
            end=hit.end_date,
            granularity=hit.granularity,
            method=hit.method,
            role=hit.role,
            anchor=hit.anchor,
            cue=_span_or_none(doc, hit.cue_start, hit.cue_end),
        )
        for number, hit in enumerate(dates_of(doc), start=1)
    ]


def claims(doc: Doc) -> tuple[list[Claim], list[Contradiction]]:
    """The claims of ``claimwire_claims_v1`` and the contradictions between them."""
    found, contradictions, seen = [], [], set()
    # one record per claimant, shared by its claims: each lists every mention of the
    # claimant, so records of their own grew with claims times mentions (gigabytes for a
    # long article)
    claimants: dict[object, Claimant] = {}
    for hit in claims_of(doc):
        who = hit.claimant
        key = (who.name, who.type, who.role, who.affiliation, who.side, tuple(who.mentions))
        if key not in claimants:
            claimants[key] = Claimant(
                name=who.name,
                type=who.type,
                role=who.role,
                affiliation=who.affiliation,
                side=who.side,
                mentions=[make_span(doc, start, end) for start, end in who.mentions],
            )
        found.append(
            Claim(
                id=hit.id,
                claimant=claimants[key],
                cue=_span_or_none(doc, hit.cue_start, hit.cue_end),
                speaker=_span_or_none(doc, hit.speaker_start, hit.speaker_end),
                content=make_span(doc, hit.start, hit.end),
                form=hit.form,
                hedge=hit.hedge,
                contradicts=list(hit.contradicts),
                parent=hit.parent,
            )
        )
        for reason in hit.reasons:
            pair = tuple(sorted((hit.id, reason.other), key=_id_order))
            if pair not in seen:
                seen.add(pair)
                contradictions.append(
                    Contradiction(
                        claim_ids=list(pair), referent=reason.referent, reason=reason.reason
                    )
                )
    return found, contradictions


def with_tolls(
    claims: list[Claim],
    contradictions: list[Contradiction],
    figures: list[Figure],
    dates: list[DateMention],
    places: list[Place] | None = None,
) -> tuple[list[Claim], list[Contradiction]]:
    """The claims and contradictions with the contradicting tolls added (both ways).

    Args:
        claims: The claims of :func:`claims`.
        contradictions: The contradictions between them.
        figures: The article's figures, their claims set.
        dates: Its dates.
        places: Its places (tolls of different places do not contradict).

    Returns:
        The claims, each ``contradicts`` extended by the claims giving another toll of the
        same thing, and the contradictions with one record per new pair.
    """
    seen = {frozenset(found.claim_ids) for found in contradictions}
    added = [
        found
        for found in toll_contradictions(figures, claims, dates, places)
        if frozenset(found.claim_ids) not in seen
    ]
    if not added:
        return claims, contradictions
    others: dict[str, list[str]] = {}
    for found in added:
        first, second = found.claim_ids
        others.setdefault(first, []).append(second)
        others.setdefault(second, []).append(first)
    linked = [
        claim.model_copy(update={"contradicts": [*claim.contradicts, *others[claim.id]]})
        if claim.id in others
        else claim
        for claim in claims
    ]
    return linked, sorted([*contradictions, *added], key=lambda x: _id_order(x.claim_ids[0]))


def _id_order(record_id: str) -> tuple[str, int]:
    prefix = record_id.rstrip("0123456789")
    return prefix, int(record_id[len(prefix) :] or 0)


def _claim_id(claim_at: Callable[[int], ClaimHit | None], offset: int) -> str | None:
    hit = claim_at(offset)
    return None if hit is None else hit.id


def _date_at(found: list[DateMention], start: int, end: int) -> DateMention | None:
    return next((d for d in found if d.span.start < end and start < d.span.end), None)


def _time(doc: Doc, hit: FigureHit, found_dates: list[DateMention]) -> TimeRef | None:
    """When a figure holds, from its time phrase and the resolved dates."""
    if hit.time_start is None and hit.cumulative is None:
        return None
    evidence = _span_or_none(doc, hit.time_start, hit.time_end)
    date = None if evidence is None else _date_at(found_dates, evidence.start, evidence.end)
    relation = hit.time_relation
    since = as_of = None
    if date is not None and relation == "since":
        since = date.start
    elif date is not None and relation in ("as_of", "on"):
        as_of = date.end or date.start
    if as_of is None and (relation == "since" or (hit.cumulative and evidence is None)):
        # A running total with no time phrase, or one counted since a date, holds as of
        # the report.
        as_of = publication_date(doc)
    return TimeRef(
        since=since,
        as_of=as_of,
        cumulative=hit.cumulative,
        relation=relation,
        date_id=None if date is None else date.id,
        evidence=[] if evidence is None else [evidence],
    )


def _facts(hit: FigureHit) -> FigureFacts:
    """What a figure's title or lead repeat is matched on (value, measure, category, bound)."""
    bound = "lower" if hit.lower is not None else "upper" if hit.upper is not None else None
    if bound is None and hit.approx:
        bound = "approx"
    return FigureFacts(hit.start, hit.value, hit.measure, hit.category, bound)


def figures(doc: Doc, found_dates: list[DateMention]) -> list[Figure]:
    """The figures of ``claimwire_figures_v1``, linked to their claim and dates."""
    claim_hits = claims_of(doc)
    found = figures_of(doc)
    repeats = claims_of_repeats(claim_hits, [_facts(hit) for hit in found], doc_text(doc))
    claim_at = claim_lookup(claim_hits)
    return [
        Figure(
            id=hit.id,
            span=make_span(doc, hit.start, hit.end),
            value=hit.value,
            lower=hit.lower,
            upper=hit.upper,
            approx=hit.approx,
            qualifier=hit.qualifier,
            unit=hit.unit,
            counted=_span_or_none(doc, hit.counted_start, hit.counted_end),
            category=hit.category,
            measure=hit.measure,
            trigger=_span_or_none(doc, hit.trigger_start, hit.trigger_end),
            negated=hit.negated,
            modality=hit.modality,
            side=hit.side,
            time=_time(doc, hit, found_dates),
            claim_id=repeats.get(hit.start) or _claim_id(claim_at, hit.start),
            status=hit.status,
        )
        for hit in found
    ]


def _actor(doc: Doc, participant: Any) -> Actor:
    return Actor(
        name=participant.name,
        side=participant.side,
        type=participant.type,
        actor_id=participant.actor_id,
        mentions=[make_span(doc, participant.start, participant.end)],
    )


def events(
    doc: Doc, found_places: list[Place], found_dates: list[DateMention], found: list[Figure]
) -> list[Event]:
    """The events of ``claimwire_events_v1``, linked by id to places, dates and figures."""
    by_offset = {(figure.span.start, figure.span.end): figure.id for figure in found}
    place_at, date_at = _ids_by_offsets(found_places), _ids_by_offsets(found_dates)
    return [
        Event(
            id=hit.id,
            type=hit.type,
            subtype=hit.subtype,
            plover=hit.plover,
            trigger=make_span(doc, hit.start, hit.end),
            evidence=make_span(doc, hit.evidence_start, hit.evidence_end),
            mentions=[make_span(doc, start, end) for start, end in hit.mentions],
            actors=[_actor(doc, actor) for actor in hit.actors],
            targets=[_actor(doc, target) for target in hit.targets],
            place_id=place_at.get((hit.place_start, hit.place_end)),
            place_name=hit.place_name,
            date_id=date_at.get((hit.date_start, hit.date_end)),
            figure_ids=[by_offset[span] for span in hit.figures if span in by_offset],
            claim_id=hit.claim_id,
            status=hit.status,
            negated=hit.negated,
            hypothetical=hit.hypothetical,
        )
        for hit in events_of(doc)
    ]


def relevance(doc: Doc) -> Relevance:
    """The relevance ``claimwire_relevance_v1`` gave ``doc``, with its evidence spans."""
    hit = relevance_of(doc)
    return Relevance(
        score=hit.score,
        relevant=hit.relevant,
        label=hit.label,
        evidence=[
            RelevanceEvidence(
                feature=evidence.feature,
                contribution=evidence.contribution,
                spans=[make_span(doc, start, end) for start, end in evidence.spans],
            )
            for evidence in hit.evidence
        ],
    )


def _ids_by_offsets(records: list[Any]) -> dict[tuple[int | None, int | None], str]:
    """(start, end) of each record's span -> the id of the first record there (a scan of
    every record per event was quadratic)."""
    ids: dict[tuple[int | None, int | None], str] = {}
    for record in records:
        ids.setdefault((record.span.start, record.span.end), record.id)
    return ids


NEAR_AFTER_CHARS = 40
"""How far after a figure (in characters) a place may start and still be its place."""


def place_figures(
    doc: Doc, found: list[Figure], found_places: list[Place], found_events: list[Event]
) -> list[Figure]:
    """Give each figure its place: its event's, else the nearest location of its sentence.

    In the sentence, a location before the number is preferred ("in Mariupol, 300 ..."),
    then one just after it ("70% of Mariupol"); a place further on is more often a
    comparison ("... just like Mariupol") than the figure's own.
    """
    by_event = {
        figure_id: event.place_id
        for event in found_events
        if event.place_id
        for figure_id in event.figure_ids
    }
    locations = _Locations(found_places)
    located = []
    for figure in found:
        place_id = by_event.get(figure.id) or _nearest_location(doc, figure, locations)
        located.append(figure.model_copy(update={"place_ids": [place_id]}) if place_id else figure)
    return located


class _Locations:
    """The resolved locations of a document, found by where they start: a scan of every
    place for each figure was quadratic in a text of thousands of figures and places."""

    def __init__(self, found_places: list[Place]) -> None:
        self.places = [p for p in found_places if p.role == "location" and p.resolved]
        self.starts = [place.span.start for place in self.places]
        self.ordered = self.starts == sorted(self.starts)

    def starting_in(self, start: int, end: int) -> list[Place]:
        """The locations that start at a character in ``start:end``, in the document's order."""
        if not self.ordered:
            return [place for place in self.places if start <= place.span.start < end]
        low, high = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.places[low:high]


def _nearest_location(doc: Doc, figure: Figure, locations: _Locations) -> str | None:
    sentence = doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand")
    if sentence is None:
        return None
    # the sentences of its first and last token, as ``span.sent`` (which walks them) reads
    start, end = sentence_of(sentence[0]).start_char, sentence_of(sentence[-1]).end_char
    candidates = locations.starting_in(start, end)
    before = [place for place in candidates if place.span.end <= figure.span.start]
    if before:
        return before[-1].id
    after = [
        place for place in candidates if 0 <= place.span.start - figure.span.end <= NEAR_AFTER_CHARS
    ]
    return after[0].id if after else None
