"""What qualifies a figure: negation, modality, side, time phrase and status.

- negation: "no civilians were killed", "were not killed";
- modality: "could kill up to 100", "threatened to kill 10", "If the dam breaks ...";
- side: whose people or equipment are counted ("Russian tanks", "its soldiers"; the
  counted's own words, predicate nominals, attacks and quotes in :mod:`.sides`; civilians
  in :mod:`.victims`);
- time: the date expression nearest the number and how it bounds it (since, as of, on),
  and whether the figure is a running total or an increment;
- status: new, or background (an earlier event recalled: "echoing last year's ...").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from ...vocab import Category, Measure, Status, TimeRelation
from .._base import entities_of, per_sentence, sentence_of
from .categories import category_group
from .counted import Counted, attachment
from .hits import FigureHit
from .lexicon import load_lexicon
from .settings import SINCE_CLAUSE_HOPS
from .sides import accompanying_side, own_side, predicate_side, side_of, speaker_side, target_side
from .triggers import Trigger
from .victims import CIVILIAN, civilian_losses, civilian_victims, subset_side

TimePhrase = tuple[int, int, TimeRelation]
"""Character offsets of a time phrase and how it bounds the figure."""


# ---------------------------------------------------------------- negation and modality


def negated(trigger: Trigger | None, counted: Counted) -> bool:
    """Whether the trigger or the counted noun is negated ("not killed", "no civilians")."""
    words = load_lexicon().negation_words
    if trigger is not None and any(
        c.dep_ == "neg" or c.lower_ in words for c in trigger.token.children
    ):
        return True
    head = counted.head
    return head is not None and any(c.dep_ == "det" and c.lower_ in ("no",) for c in head.children)


def hypothetical(token: Token | None, sent: Span) -> bool:
    """ "could kill up to 100", "threatened to kill 10", "If the dam breaks, ..."."""
    lex = load_lexicon()
    if token is None:
        return False
    current: Token = token
    while True:
        auxes = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.hypothetical_auxiliaries and "have" not in auxes:
            return True
        if current is not token and current.lemma_.lower() in lex.hypothetical_verbs:
            return True
        if current.dep_ not in ("xcomp", "acl") or current.head is current:
            break
        current = current.head  # "threatened to kill", "the threat to kill", "forced to flee"
    markers = lex.hypothetical_markers
    return any(c.dep_ == "mark" and c.lower_ in markers for c in token.children) or (
        sent[0].lower_ in markers
    )


def verb_above(token: Token) -> Token | None:
    """The nearest verb among ``token``'s heads ("could rise to 200" -> rise)."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


# ---------------------------------------------------------------- side


def _loser_side(counted: Counted) -> str | None:
    """ "the army lost 10 tanks", "the other side suffered three casualties": the subject
    of a verb of loss whose object is the counted."""
    head = counted.head
    if head is None or head.dep_ != "dobj":
        return None
    verb = head.head
    if verb.lemma_.lower() not in load_lexicon().loss_verbs:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return side_of(list(child.subtree))
    return None


def _demonym_after(span: Span) -> str | None:
    """ "Two Armenian and two Georgian soldiers": a side word right after the number whose
    noun is elided."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return None
    word, after = doc[span.end], doc[span.end + 1]
    if after.lower_ not in ("and", "or", ","):
        return None
    return load_lexicon().sides.get(word.lower_)


def _possessor_side(counted: Counted) -> str | None:
    """ "Moscow says 1,351 of its soldiers died": "its" is the subject of a verb above."""
    pronouns = {t for t in counted.side_tokens or [] if t.lower_ in ("its", "their")}
    if not pronouns or counted.head is None:
        return None
    for ancestor in counted.head.ancestors:
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.i < counted.head.i:
                side = side_of(list(child.subtree))
                if side is not None:
                    return side
    return None


def _sibling_side(
    found: list[FigureHit], sent: Span, trigger: Trigger | None, category: Category | None
) -> str | None:
    """Side of an earlier figure of the sentence with the same trigger ("along with")."""
    for hit in reversed(found):
        if hit.start < sent.start_char:
            break
        if trigger is not None and hit.trigger_start == trigger.token.idx and hit.side:
            return None if _other_people(hit.category, category) else hit.side
    return None


def _other_people(earlier: Category | None, category: Category | None) -> bool:
    """ "8 members of the security forces and 3 of allied militias": two counts of people
    of different kinds need not be of one side."""
    return (
        category is not None
        and category != earlier
        and category_group(category) == category_group(earlier) == "people"
    )


def _nearer_antecedent(counted: Counted, inherited: FigureHit, span: Span) -> bool:
    """ "Militants attacked Kurdish fighters, killing four of them": a pronoun whose figure
    lies in an earlier sentence, after a group this sentence names first (a plural noun, an
    organisation or a people), refers to that group, not to the earlier figure's."""
    sent = sentence_of(span)
    if counted.kind != "pronoun" or inherited.start >= sent.start_char:
        return False
    return any(
        token.tag_ in ("NNS", "NNPS") or token.ent_type_ in ("NORP", "ORG")
        for token in span.doc[sent.start : span.start]
    )


def _object_antecedent(span: Span) -> str | None:
    """ "an attack on Kurdish fighters, killing four of them": the side of the nearest object
    before the pronoun in its sentence (not a subject: "Kyiv said 30 of them ...")."""
    sent = sentence_of(span)
    for token in reversed(span.doc[sent.start : span.start]):
        if token.dep_ not in ("pobj", "dobj") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC"):
            continue  # "on Sunday", "in the north": no antecedent of "them"
        side = side_of([t for t in token.subtree if t.i < span.start])
        if side is not None:
            return side
    return None


def figure_side(
    counted: Counted,
    category: Category | None,
    trigger: Trigger | None,
    measure: Measure | None,
    found: list[FigureHit],
    span: Span,
    inherited: FigureHit | None,
) -> str | None:
    """Whose people or equipment a figure counts; for control, who holds the territory."""
    sent = sentence_of(span)
    if measure == "controlled" and trigger is not None:
        token = trigger.token
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return side_of(list(child.subtree))
        return side_of([c for c in token.children if c.dep_ in ("amod", "poss", "compound")])
    side = side_of(counted.side_tokens or [])
    if side is None and counted.head is not None:
        side = _possessor_side(counted) or _loser_side(counted)
    if side is None:
        side = own_side(counted) or speaker_side(counted, span)
    if side is None:
        side = predicate_side(counted, category, span) or target_side(category, trigger, measure)
    if side is None and counted.kind == "none":
        side = _demonym_after(span)
    if side is None:
        side = subset_side(counted.head or attachment(span), found, sent)
    if side is None and counted.kind == "pronoun":
        side = _object_antecedent(span)
    if side is None and inherited is not None and not _nearer_antecedent(counted, inherited, span):
        side = inherited.side
    if side is None:
        side = _sibling_side(found, sent, trigger, category)
    if side is None:
        side = accompanying_side(counted, measure, found, sent)
    if side is None and (
        civilian_victims(counted, category, trigger, measure)
        or civilian_losses(counted, category, measure)
    ):
        side = CIVILIAN
    return side


# ---------------------------------------------------------------- time and status


def _contains(text: str, phrase: str) -> bool:
    padded = f" {text} "
    return f" {phrase} " in padded


def _words_of(sent: Span) -> str:
    return " ".join(t.lower_ for t in sent if not t.is_punct)


def cumulative(sent: Span) -> bool | None:
    """True for a running total ("so far"), False for an increment ("on Monday"), else None
    (once per sentence: each number of a long sentence asks)."""
    return per_sentence("figures.cumulative", sent, _cumulative)


def _cumulative(sent: Span) -> bool | None:
    lex, words = load_lexicon(), _words_of(sent)
    if any(_contains(words, cue) for cue in lex.cumulative_cues):
        return True
    if any(_contains(words, cue) for cue in lex.incremental_cues):
        return False
    return None


def _is_time_phrase(ent: Span) -> bool:
    """A date entity with a word or a year in it, not bare numbers ("aged 7 and 9")."""
    return any(t.is_alpha and t.lower_ not in ("and", "to") for t in ent) or any(
        len(t.text) == 4 and t.is_digit for t in ent
    )


def _in_since_clause(ent: Span) -> bool:
    """ "killed since fighting erupted on March 3": the date sits in a clause opened by since."""
    since_words = load_lexicon().since_words
    token = ent.root
    for _ in range(SINCE_CLAUSE_HOPS):
        if token.dep_ not in ("pobj", "prep", "npadvmod", "nmod", "compound"):
            break
        token = token.head
    if token.dep_ != "advcl":
        return False
    return any(child.dep_ == "mark" and child.lower_ in since_words for child in token.children)


def time_phrase(span: Span) -> TimePhrase | None:
    """The date expression of the sentence nearest to the number, and how it bounds it."""
    lex = load_lexicon()
    starts, ends = per_sentence("figures.time_phrases", sentence_of(span), _time_phrases)
    nearest = _nearest_outside(starts, ends, span.start, span.end)
    if nearest is None:
        return None
    ent = span.doc[starts[nearest] : ends[nearest]]
    before = span.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    relation: TimeRelation
    if before in lex.since_words:
        relation = "since"
    elif before in lex.as_of_words:
        relation = "as_of"
    elif ent.root.head.lemma_.lower() in lex.since_nouns or _in_since_clause(ent):
        relation = "since"
    else:
        relation = "on"
    return ent.start_char, ent.end_char, relation


def _time_phrases(sent: Span) -> list[list[int]]:
    """The token starts and ends of the sentence's date expressions, in order (once per
    sentence: asked by every number of it)."""
    dates = [
        ent for ent in entities_of(sent) if ent.label_ in ("DATE", "TIME") and _is_time_phrase(ent)
    ]
    return [[ent.start for ent in dates], [ent.end for ent in dates]]


def _nearest_outside(starts: list[int], ends: list[int], start: int, end: int) -> int | None:
    """The index of the phrase (disjoint, in order) that does not overlap tokens
    ``start:end`` and starts nearest to ``start`` (the earlier one of a tie), found by
    bisection: a sentence of thousands of tokens has as many dates as numbers."""
    k = bisect.bisect_right(starts, start)
    left = next((i for i in range(k - 1, -1, -1) if ends[i] <= start), None)
    right = next((i for i in range(k, len(starts)) if starts[i] >= end), None)
    if left is None or right is None:
        return left if right is None else right
    return left if start - starts[left] <= starts[right] - start else right


def status(sent: Span) -> Status:
    """ "background" when the sentence recalls a past event, else "new" (once per sentence)."""
    return per_sentence("figures.status", sent, _status)


def _status(sent: Span) -> Status:
    lex, words = load_lexicon(), _words_of(sent)
    cue = any(_contains(words, c) for c in lex.background_cues)
    past = cue and any(_contains(words, c) for c in lex.past_time_cues)
    return "background" if past else "new"
