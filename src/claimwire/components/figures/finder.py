"""Finding the figures of a document: each number of the numbers component, read in turn.

For every number that counts something, :func:`find_figures` ties it to what it counts
(:mod:`.counted`), what happened to it (:mod:`.triggers`, :mod:`.measure`), and its
qualifiers (:mod:`.qualifiers`); earlier figures of the text lend their counted phrase,
measure and side to elided ones. "no civilians were killed" adds a figure of 0.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ...vocab import FigureUnit
from .._base import check_deadline, sentence_of
from ..numbers import NumberValue, numbers_of
from .categories import categorize, category_group, token_forms
from .counted import (
    Counted,
    exceeds,
    find_counted,
    inside_counted,
    names_living,
    not_a_count,
    np_tokens,
    resolve_counted,
    tallied,
)
from .hits import FigureHit
from .lexicon import load_lexicon
from .measure import resolve_measure
from .qualifiers import cumulative, figure_side, negated, status, time_phrase
from .sides import side_of
from .triggers import find_trigger, trigger_end


def _figure(doc: Doc, span: Span, number: NumberValue, found: list[FigureHit]) -> FigureHit | None:
    """The figure of one number span, or None when it counts nothing of interest."""
    if number.ordinal or number.unit == "money":
        return None
    unit: FigureUnit = "percent" if number.unit == "percent" else "count"
    sent = sentence_of(span)
    if found and inside_counted(found[-1], span.start_char):
        return None  # "8 members of one family": part of the phrase counted before
    counted = find_counted(doc, span, sent)
    if not_a_count(doc, span, counted):
        return None
    counted, category, inherited = resolve_counted(doc, span, number, counted, found)
    if (
        span.text.lower() == "one"
        and counted.kind == "partitive"
        and category_group(category) not in ("people", "equipment")
    ):
        return None  # "one of our demands": one of a set of things, no count of losses
    whole = inherited
    if whole is not None and counted.kind == "pronoun" and exceeds(number, whole):
        whole = None  # "one died ... all four of them": no part of the one, nor its measure
    measure, modality, trigger = resolve_measure(doc, span, unit, counted, category, found, whole)
    if measure is None:
        return None
    if measure == "controlled" and category is None:
        category = "territory"
    lex = load_lexicon()
    if (
        counted.kind in ("noun", "partitive")
        and category is None
        and measure in lex.people_only_measures
    ):
        if not tallied(counted.head) and (
            measure not in lex.living_measures or not names_living(counted.head)
        ):
            return None  # "14 departments", "Channel 7 television": not people
        category = "people"  # "nine congregants were killed": only the living are killed
    if category is None and counted.kind in ("none", "subject") and measure in lex.living_measures:
        category = "people"  # "Five killed, 20 wounded in strike": no noun, but people
    time = time_phrase(span)
    running = cumulative(sent)
    if time is not None and running and time[2] == "on":
        time = (time[0], time[1], "as_of")  # "Last night ... total losses are now ..."
    return FigureHit(
        id=f"f{len(found) + 1}",
        start=span.start_char,
        end=span.end_char,
        value=number.value,
        lower=number.lower,
        upper=number.upper,
        approx=number.approx,
        qualifier=number.qualifier,
        unit=unit,
        counted_start=counted.start,
        counted_end=counted.end,
        category=category,
        measure=measure,
        trigger_start=trigger.token.idx if trigger else None,
        trigger_end=trigger_end(trigger),
        negated=negated(trigger, counted),
        modality=modality,
        side=figure_side(counted, category, trigger, measure, found, span, inherited),
        cumulative=running,
        time_start=time[0] if time else None,
        time_end=time[1] if time else None,
        time_relation=time[2] if time else None,
        status=status(sent),
    )


def _negative_figures(doc: Doc, found: list[FigureHit]) -> list[FigureHit]:
    """ "no civilians were killed": a figure of 0, negated, where the determiner is "no"."""
    extra: list[FigureHit] = []
    taken = {hit.start for hit in found}
    for token in doc:
        if token.lower_ != "no" or token.dep_ != "det" or token.idx in taken:
            continue
        head = token.head
        category = categorize([token_forms(head)])
        if category_group(category) not in ("people", "equipment"):
            continue
        counted = Counted(
            doc[token.i + 1].idx, head.idx + len(head), head, "noun", category, [head]
        )
        span = doc[token.i : token.i + 1]
        trigger, _ = find_trigger(doc, span, counted, category, "count")
        if trigger is None:
            continue
        extra.append(
            FigureHit(
                id="",
                start=token.idx,
                end=token.idx + len(token),
                value=0.0,
                counted_start=counted.start,
                counted_end=counted.end,
                category=category,
                measure=trigger.measure,
                trigger_start=trigger.token.idx,
                trigger_end=trigger_end(trigger),
                negated=True,
                side=side_of(np_tokens(head, token.i + 1)),
                cumulative=cumulative(sentence_of(token)),
            )
        )
    return extra


def find_figures(doc: Doc) -> list[FigureHit]:
    """Every figure of ``doc``, in text order, with ids ``f1``, ``f2`` ...

    Args:
        doc: A parsed document the numbers component processed.

    Returns:
        The figures found.

    Raises:
        MissingComponentError: The numbers component did not process ``doc``.
    """
    found: list[FigureHit] = []
    for span, number in numbers_of(doc):
        check_deadline(doc)
        hit = _figure(doc, span, number, found)
        if hit is not None:
            found.append(hit)
    found.extend(_negative_figures(doc, found))
    found.sort(key=lambda hit: hit.start)
    return [replace(hit, id=f"f{i}") for i, hit in enumerate(found, 1)]
