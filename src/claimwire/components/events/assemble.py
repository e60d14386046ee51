"""Assembling the events of a document: typed mentions -> drafts -> merged events.

Per mention: its roles (:mod:`.roles`), its place and date (:mod:`.context`), its status
and irrealis (:mod:`.status`); tolls and tallies are set aside (:mod:`.tolls`). The
drafts are merged (:mod:`.merge`) and finished into :class:`.hits.EventHit` records,
linked to the figures of their sentences and the claim that reports them.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice

from spacy.tokens import Doc, Span

from ...vocab import Status
from .._base import publication_date
from . import inputs
from .actors import ActorIndex, find_actor_spans
from .campaigns import no_event
from .context import (
    STANDING_ORDER,
    Candidates,
    Choice,
    DateMention,
    EventPlace,
    PlaceMention,
    choose,
    country_place,
    date_mentions,
    nested_place,
    owner_of,
    paragraphs,
    place_mentions,
    sentence_lookup,
)
from .coreference import anaphoric, headline_sentences, linked
from .hits import EventHit
from .indexes import country_scope
from .learned import retype
from .lexicon import ontology
from .merge import (
    Draft,
    against_civilians,
    fold_anaphora,
    fold_generic,
    fold_headline,
    fold_linked,
    merge,
)
from .roles import roles
from .settings import ANCESTOR_HOPS, STATEMENT_DATE_HOPS
from .specific import keep_specific
from .status import background_cue, historical, irrealis, is_past
from .subtyping import territory, typed_mentions
from .tolls import (
    Toll,
    absorb_caused,
    absorb_tolls,
    bare_casualty,
    running_total,
    tally,
    toll_roles,
)
from .triggers import Mention, is_territory


def find(
    doc: Doc, *, keep_irrealis: bool = False, learned: bool = True, specific: bool = True
) -> list[EventHit]:
    """The events of a parsed document.

    Args:
        doc: A document processed by the English pipeline and the figures, places,
            dates and claims components.
        keep_irrealis: Keep threatened, planned, conditional and negated events (flagged).
        learned: Let the learned event-type model re-type each event among its triggers'
            sub-types (:mod:`.learned`); False keeps the rules' types.
        specific: Let the learned filter drop events it finds generic, unrealised or told
            again (:mod:`.specific`); False keeps every event of the rules.

    Returns:
        Events in document order, with ids "e1", "e2"...

    Raises:
        MissingComponentError: One of the components events reads did not process ``doc``.
    """
    sents = list(doc.sents)
    typed = typed_mentions(doc, sents)
    relevant = [m for m in typed if ontology().subtypes[m.subtype].acled]
    typed, caused = absorb_caused(doc, relevant)
    heads = headline_sentences(sents)
    typed = [
        m
        for m in typed
        if m.eventive
        and not tally(doc, m)
        and not running_total(doc, m)
        and not no_event(doc, m, headline=m.sentence in heads)
    ]
    drafts = _drafts(doc, typed, sents, keep_irrealis=keep_irrealis, caused=caused)
    drafts = fold_linked(drafts, partial(linked, doc))
    drafts = fold_headline(fold_anaphora(merge(drafts)), heads)
    drafts = fold_generic(drafts, partial(_plural, doc))
    drafts = against_civilians(drafts)
    if learned:
        retype(doc, drafts, sents)
    hits = _finish(doc, drafts, sents)
    return inherit_places(keep_specific(doc, hits) if specific else hits)


def inherit_places(hits: list[EventHit]) -> list[EventHit]:
    """A new event whose sentence and paragraph name no place happened where the article's
    news before it happened: it takes the place of the latest earlier new event that has
    one ("Fighting shook X on Monday. ... Later, gunmen executed six prisoners."). Done after
    the learned filter, which reads whether the rules found a place."""
    found: list[EventHit] = []
    latest: EventHit | None = None
    for hit in hits:
        if hit.status == "new" and hit.place_name is None and latest is not None:
            hit = dataclasses.replace(
                hit,
                place_start=latest.place_start,
                place_end=latest.place_end,
                place_name=latest.place_name,
                place_index=latest.place_index,
            )
        elif hit.status == "new" and hit.place_name is not None:
            latest = hit
        found.append(hit)
    return found


def _plural(doc: Doc, mention: Mention) -> bool:
    """A plural nominal trigger ('attacks'): several incidents."""
    return doc[mention.root].tag_ in {"NNS", "NNPS"}


@dataclass(frozen=True)
class _Document:
    """What every mention of a document is drafted against."""

    doc: Doc
    actors: ActorIndex
    places: Candidates[PlaceMention]
    dates: Candidates[DateMention]
    anchors: dict[int, int]
    """Token index of each mention's anchor and root -> index of the mention."""
    paragraph_of: list[int]
    published: dt.date | None
    statement_days: frozenset[int]
    """Offsets of the dates that say when a statement was made (:func:`_statement_days`)."""


def _drafts(
    doc: Doc,
    mentions: list[Mention],
    sents: list[Span],
    *,
    keep_irrealis: bool,
    caused: Sequence[Mention] = (),
) -> list[Draft]:
    actors = ActorIndex(find_actor_spans(doc))
    paragraph_of = paragraphs(doc, sents)
    sentence_of = sentence_lookup(sents)
    anchors = {m.anchor: k for k, m in enumerate(mentions)}
    anchors.update({m.root: k for k, m in enumerate(mentions)})
    places = [
        (p, owner_of(doc, p.start, anchors), sentence_of(p.start)) for p in place_mentions(doc)
    ]
    dates = [(d, owner_of(doc, d.start, anchors), sentence_of(d.start)) for d in date_mentions(doc)]
    published = publication_date(doc)
    document = _Document(
        doc,
        actors,
        Candidates(places, paragraph_of),
        Candidates(dates, paragraph_of),
        anchors,
        paragraph_of,
        published,
        _statement_days(doc, [d for d, _owner, _s in dates]),
    )
    tolls: list[Toll] = [(m, *toll_roles(doc, m, actors)) for m in caused]
    drafts: list[Draft] = []
    for k, mention in enumerate(mentions):
        draft = _draft(document, k, mention, keep_irrealis=keep_irrealis, tolls=tolls)
        if draft is not None:
            drafts.append(draft)
    absorb_tolls(drafts, tolls, paragraph_of)
    return drafts


def _draft(
    document: _Document, k: int, mention: Mention, *, keep_irrealis: bool, tolls: list[Toll]
) -> Draft | None:
    """The draft event of the ``k``-th mention, or None: a comparison with the distant
    past, an irrealis event not kept, or a bare toll (added to ``tolls``)."""
    doc, anchors = document.doc, document.anchors
    above = islice(doc[mention.anchor].ancestors, ANCESTOR_HOPS)
    ancestors = {anchors[t.i] for t in above if t.i in anchors}
    found_actors, targets, is_historical = roles(doc, mention.root, mention.anchor, document.actors)
    cued = background_cue(doc, mention)
    where = (k, mention.start, mention.sentence)
    place = choose(
        *where,
        document.places,
        ancestors,
        lambda p: p.standing == "participant",
        lambda p: STANDING_ORDER[p.standing],
    )
    if place is not None:
        place = _nested(document, place)
    date = choose(*where, document.dates, ancestors, lambda d: d.start in document.statement_days)
    if cued and date is not None and date[1] != "attached" and doc[mention.root].pos_ == "NOUN":
        date = _attached_in_clause(doc, mention, document.dates, date)
    if is_historical or historical(doc, mention, date[0] if date else None):
        return None
    negated, hypothetical = irrealis(doc, mention)
    if (negated or hypothetical) and not keep_irrealis:
        return None
    if bare_casualty(mention, found_actors, place):
        tolls.append((mention, targets, []))
        return None
    chosen: tuple[EventPlace, Choice] | None = None
    if mention.lemma in country_scope():
        chosen = country_place(place, [p for p, _owner, _s in document.places.items])
    elif place is not None:
        chosen = EventPlace.of(place[0]), place[1]
    subtype = mention.subtype
    if is_territory(mention):
        subtype = territory(mention, found_actors)
    status: Status = "new"
    if cued or (date and is_past(date[0], document.published)):
        status = "background"
    return Draft(
        mention=mention,
        subtype=subtype,
        actors=found_actors,
        targets=targets,
        place=chosen[0] if chosen else None,
        place_attached=chosen is not None and chosen[1] == "attached",
        place_method=chosen[1] if chosen else None,
        date=date[0] if date else None,
        date_method=date[1] if date else None,
        status=status,
        negated=negated,
        hypothetical=hypothetical,
        mentions=[mention],
        sentences={mention.sentence},
        paragraph=document.paragraph_of[mention.sentence],
        anaphoric=anaphoric(doc, mention),
    )


def _statement_days(doc: Doc, dates: Sequence[DateMention]) -> frozenset[int]:
    """The dates that modify the cue of a claim ('reported on Monday that ...'): the day of
    the statement, not of what it reports (offsets of the date mentions)."""
    cues = [(c.cue_start, c.cue_end) for c in inputs.claims_of(doc) if c.cue_start is not None]
    if not cues:
        return frozenset()
    found = set()
    for date in dates:
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        for _ in range(STATEMENT_DATE_HOPS):
            if token.head is token:
                break
            token = token.head
            if any(start <= token.idx < end for start, end in cues if end is not None):
                found.add(date.start)
                break
            if token.pos_ in {"VERB", "AUX"}:
                break
    return frozenset(found)


def _nested(document: _Document, place: tuple[PlaceMention, Choice]) -> tuple[PlaceMention, Choice]:
    """The town inside the chosen country or region that its own phrase names
    (:func:`.context.nested_place`)."""
    chosen, how = place
    return nested_place(document.doc, chosen, document.places.near(chosen)), how


def _attached_in_clause(
    doc: Doc,
    mention: Mention,
    dates: Candidates[DateMention],
    chosen: tuple[DateMention, Choice],
) -> tuple[DateMention, Choice] | None:
    """For a nominal in a comparison ('echoed the fall of X last month'), only a date of the
    comparing clause counts: the sentence's other dates belong to the news of the day."""
    head = doc[mention.anchor].head
    inside = {t.idx for t in head.subtree}
    own = [d for d, _owner, _s in dates.items if d.start in inside]
    if chosen[0] in own:
        return chosen
    return None


def _finish(doc: Doc, drafts: list[Draft], sents: list[Span]) -> list[EventHit]:
    """The event records of the merged drafts, linked to their figures and claim."""
    figures = inputs.figures_of(doc)
    measures = set(ontology().figure_measures)
    claims = inputs.claims_of(doc)
    claim_at = inputs.claim_lookup(claims)
    # each figure of an event's measures by the sentence it starts in (found by bisection:
    # every event read every figure of the document)
    starts = [sent.start_char for sent in sents]
    by_sentence: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        k = bisect.bisect_right(starts, f.start) - 1
        if f.measure in measures and k >= 0 and f.start < sents[k].end_char:
            by_sentence.setdefault(k, []).append(i)
    hits: list[EventHit] = []
    for number, draft in enumerate(drafts, start=1):
        first = draft.mention
        sent = sents[first.sentence]
        indices = sorted(i for k in set(draft.sentences) for i in by_sentence.get(k, ()))
        linked = [(i, figures[i]) for i in indices]
        claim = claim_at(first.start) if claims else None
        subtype = ontology().subtypes[draft.subtype]
        place, date = draft.place, draft.date
        mention = place.mention if place is not None else None
        hits.append(
            EventHit(
                id=f"e{number}",
                start=first.start,
                end=first.end,
                evidence_start=sent.start_char,
                evidence_end=sent.end_char,
                type=subtype.type,
                subtype=draft.subtype,
                plover=subtype.plover,
                actors=tuple(draft.actors),
                targets=tuple(draft.targets),
                place_start=mention.start if mention else None,
                place_end=mention.end if mention else None,
                place_name=place.name if place else None,
                place_index=mention.index if mention else None,
                date_start=date.start if date else None,
                date_end=date.end if date else None,
                date_index=date.index if date else None,
                date_method=draft.date_method,
                figures=tuple((f.start, f.end) for _, f in linked),
                figure_indices=tuple(i for i, _ in linked),
                claim_id=claim.id if claim is not None else None,
                status=draft.status,
                negated=draft.negated,
                hypothetical=draft.hypothetical,
                mentions=tuple((m.start, m.end) for m in draft.mentions),
            )
        )
    return hits
