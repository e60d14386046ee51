"""The measure and modality of a figure: from its trigger, or carried over from a list.

When no trigger fits, a figure may take the measure of the subject phrase ("troop losses
are ..."), of the sentence a bare list continues ("It includes 200 tanks, 300 howitzers.
500 armoured vehicles"), of the earlier figure a pronoun refers to ("30 of them"), or of
the list item right before it ("three reporters, two farmers and a nurse").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...vocab import Category, Measure, Modality, NumberUnit
from .. import keys
from .._base import doc_text, sentence_of
from .counted import NOMINAL_POS, Counted, attachment
from .hits import FigureHit
from .lexicon import load_lexicon
from .qualifiers import hypothetical, verb_above
from .triggers import (
    Trigger,
    compatible,
    find_trigger,
    measures_for,
    scan_sentence,
    tells_of_deaths,
    trigger_of,
    verb_lemma,
)

MeasureFound = tuple[Measure | None, Modality, Trigger | None]
"""A figure's measure, its modality and its trigger (each may be missing)."""


def _is_bare_list(sent: Span) -> bool:
    """A sentence without any verb: a noun-phrase list cut off by a stray full stop.

    Asked once per number, so the answer is kept per sentence on the Doc: a sentence of
    thousands of numbers ("1, 1, 1, ...") was scanned once per number.
    """
    verbless: dict[int, bool] = sent.doc.user_data.setdefault(keys.FIGURES_VERBLESS_SENTENCES, {})
    if sent.start not in verbless:
        verbless[sent.start] = not any(t.pos_ in ("VERB", "AUX") for t in sent)
    return verbless[sent.start]


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sentence_of(sent.doc[sent.start - 1])


def _subject_measure(counted: Counted, category: Category | None) -> Measure | None:
    """ "troop losses are ...": a measure noun inside the subject phrase."""
    for token in counted.side_tokens or []:
        for measure in measures_for(token, "nouns"):
            if compatible(measure, category, "count"):
                return "killed" if measure == "destroyed" and category else measure
    return None


def _continued_measure(
    sent: Span, found: list[FigureHit], category: Category | None, unit: NumberUnit, listing: bool
) -> MeasureFound:
    """A list continues the predicate of the sentence before it."""
    previous = _previous_sentence(sent)
    if previous is None:
        return None, "actual", None
    if listing:
        trigger = scan_sentence(previous, category, unit)
        return (trigger.measure if trigger else None), "actual", trigger
    for hit in reversed(found):
        if hit.start < previous.start_char:
            break
        if hit.measure is not None:
            return hit.measure, hit.modality, trigger_of(sent.doc, hit)
    return None, "actual", None


def _list_neighbour(
    doc: Doc, span: Span, found: list[FigureHit], modality: Modality, trigger: Trigger | None
) -> MeasureFound:
    """ "the murders of three reporters, two farmers and a nurse": a list item right after
    the figure before it shares its measure."""
    if not found or found[-1].measure is None:
        return None, modality, trigger
    before = found[-1]
    gap = doc_text(doc)[(before.counted_end or before.end) : span.start_char]
    if before.start < sentence_of(span).start_char or gap.strip(" ,;\n") not in ("", "and", "or"):
        return None, modality, trigger
    return before.measure, before.modality, trigger_of(doc, before)


def _modal_anchor(span: Span, trigger: Trigger | None) -> Token | None:
    """The word whose auxiliaries give the modality: a verbal trigger, else the verb above
    the number ("the death toll could rise to 200": rise)."""
    if trigger is not None and trigger.token.pos_ not in NOMINAL_POS:
        return trigger.token
    return verb_above(attachment(span)) or (trigger.token if trigger else None)


def _described_others(counted: Counted) -> bool:
    """ "one of the dead was a fighter and the two others were civilians": the others of an
    earlier figure, only described by a copula, share its measure."""
    head = counted.head
    return (
        counted.kind == "noun"
        and head is not None
        and head.lower_ in load_lexicon().elliptic_nouns
        and head.dep_ == "nsubj"
        and head.head.lemma_ == "be"
    )


def _shot_among_dead(sent: Span, trigger: Trigger) -> bool:
    """ "N were shot" when the sentence, or the next one of its paragraph, also tells of
    deaths ("Four people were shot. One died at the scene."): some of the N may be dead."""
    token = trigger.token
    if trigger.length > 1 or verb_lemma(token) not in load_lexicon().shooting_verbs:
        return False
    if tells_of_deaths(sent, token):
        return True
    doc, k = sent.doc, sent.end
    while k < len(doc) and doc[k].is_space:
        k += 1
    last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
    if k >= len(doc) or "\n" in doc_text(doc)[last.idx : doc[k].idx]:
        return False  # the paragraph ends with the sentence
    return tells_of_deaths(sentence_of(doc[k]), token)


def resolve_measure(
    doc: Doc,
    span: Span,
    unit: NumberUnit,
    counted: Counted,
    category: Category | None,
    found: list[FigureHit],
    inherited: FigureHit | None,
) -> MeasureFound:
    """The measure of a figure, its modality, and its trigger (see the module docstring)."""
    sent = sentence_of(span)
    trigger, listing = find_trigger(doc, span, counted, category, unit)
    measure = trigger.measure if trigger is not None else None
    modality: Modality = "actual"
    if measure is None and counted.kind == "subject" and counted.head is not None:
        measure = _subject_measure(counted, category)
    if measure is None and (listing or _is_bare_list(sent)):
        measure, modality, trigger = _continued_measure(sent, found, category, unit, listing)
    if (
        measure is None
        and inherited is not None
        and (counted.kind == "pronoun" or _described_others(counted))
    ):
        measure, modality = inherited.measure, inherited.modality
    if measure is None:
        measure, modality, trigger = _list_neighbour(doc, span, found, modality, trigger)
    if measure == "injured" and trigger is not None and _shot_among_dead(sent, trigger):
        measure = "casualties"  # "four shot, one fatally": the four are killed or injured
    if measure == "requested":
        modality = "requested"
    elif hypothetical(_modal_anchor(span, trigger), sent):
        modality = "hypothetical"
    return measure, modality, trigger
