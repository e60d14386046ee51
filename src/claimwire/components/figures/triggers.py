"""Triggers: the word that says what happened to the counted, and so the figure's measure.

A measure noun counted itself ("57 deaths"); the verb the counted phrase is the subject or
object of; a trigger right after the counted phrase ("400 injured"); a clause attached to
the counted noun; the heads above it up to a reporting verb. A trigger is kept only when
its measure fits what is counted (no "captured 3 villages" as prisoners).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...vocab import Category, Measure, NumberUnit
from .._base import sentence_of
from .categories import category_group, phrase_at, token_forms
from .counted import NOMINAL_POS, Counted, attachment
from .hits import FigureHit
from .lexicon import TriggerKind, load_lexicon, measure_index
from .settings import (
    MAX_HEAD_HOPS,
    MAX_SKIPPED_BEFORE_TRIGGER,
    MAX_TRIGGER_PHRASE_TOKENS,
    WEAK_TRIGGER_LOOKAHEAD,
)

SKIPPABLE_POS = frozenset({"AUX", "ADV", "PART"})
CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr"})
THINGS = frozenset({"equipment", "property", "place"})
"""Groups of categories that count things, not people."""


@dataclass
class Trigger:
    """A trigger: its measure, its first token and its length in tokens."""

    measure: Measure
    token: Token
    length: int = 1


def measures_for(token: Token, kind: TriggerKind, lemma: str | None = None) -> list[Measure]:
    """The measures the forms of ``token`` (or ``lemma``, when given) trigger as a word of
    part of speech ``kind``."""
    index = measure_index()
    table = index.table(kind)
    found: list[Measure] = []
    for form in [lemma] if lemma else sorted(token_forms(token)):
        for measure in table.get(form, []):
            if kind == "verbs" and form in index.particles:
                particle = index.particles[form]
                if not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
                    continue
            if measure not in found:
                found.append(measure)
    return found


def _phrase_measures(doc: Doc, i: int) -> tuple[list[Measure], int]:
    """Measures of a multi-word trigger starting at token ``i`` and its token length.

    The phrase stops at the end of the sentence, found by looking at the next few tokens
    only: ``token.sent`` walks the whole sentence, once per number in a long one. Only the
    phrases starting with a form of token ``i`` are tried, in the resource's order.
    """
    index = measure_index()
    first = token_forms(doc[i])
    positions = sorted({k for form in first for k in index.phrase_starts.get(form, ())})
    if not positions:
        return [], 0
    stop = min(len(doc), i + MAX_TRIGGER_PHRASE_TOKENS)
    stop = next((j for j in range(i + 1, stop) if doc[j].is_sent_start), stop)
    forms = [first, *(token_forms(t) for t in doc[i + 1 : stop])]
    for k in positions:
        phrase, measure = index.phrases[k]
        if phrase_at(forms, 0, phrase):
            return [measure], len(phrase)
    return [], 0


def _trigger_measures(token: Token) -> tuple[list[Measure], int]:
    """Measures a token can trigger, with the trigger length in tokens."""
    found, length = _phrase_measures(token.doc, token.i)
    if found:
        return found, length
    lex = load_lexicon()
    verbal = token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG", "VBD")
    if token.pos_ in NOMINAL_POS and token.lower_ in lex.participle_nouns:
        found = measures_for(token, "verbs", lex.participle_nouns[token.lower_])
    elif verbal:
        found = measures_for(token, "verbs") or measures_for(token, "adjectives")
    elif token.pos_ == "ADJ":
        found = measures_for(token, "adjectives") or measures_for(token, "verbs")
    elif token.pos_ in NOMINAL_POS:
        found = measures_for(token, "nouns")
    if "injured" in found and any(_fatal_modifier(c) for c in token.children):
        found = ["killed", *found]  # "fatally wounded", "mortally injured"
    return found, 1


def _fatal_modifier(token: Token) -> bool:
    """ "fatally" modifying a trigger, not the count right before it: in "4 shot, 1
    fatally" the adverb tells of the one, not of the four."""
    if token.lower_ not in load_lexicon().fatal_adverbs:
        return False
    return token.i == 0 or not token.doc[token.i - 1].like_num


def verb_lemma(token: Token) -> str:
    """The lemma of a trigger word, a participle read as a noun taken as its verb."""
    lex = load_lexicon()
    if token.pos_ in NOMINAL_POS and token.lower_ in lex.participle_nouns:
        return lex.participle_nouns[token.lower_]
    return token.lemma_.lower()


def tells_of_deaths(sent: Span, besides: Token) -> bool:
    """Whether ``sent`` says someone died, in a word other than ``besides`` ("killing",
    "fatally", "one dead", "a fatal shooting")."""
    fatal = load_lexicon().fatal_adverbs
    return any(
        token.lower_ in fatal
        or _fatal_event(token)
        or (token != besides and "killed" in _trigger_measures(token)[0])
        for token in sent
    )


def _fatal_event(token: Token) -> bool:
    """ "a fatal shooting", "the deadly attack" (not "a non-fatal shooting", "deadly force")."""
    lex = load_lexicon()
    if token.lower_ not in lex.fatal_adjectives or token.dep_ != "amod":
        return False
    if token.i >= 2 and token.doc[token.i - 1].text == "-":
        return False  # "non-fatal"
    noun = token.head.lemma_.lower()
    return noun in lex.fatal_event_nouns or noun in lex.attack_nouns


def compatible(measure: Measure, category: Category | None, unit: NumberUnit) -> bool:
    """Whether ``measure`` fits what is counted (its category, or a percentage)."""
    lex = load_lexicon()
    group = category_group(category)
    if measure == "controlled":
        return unit == "percent" or category == "territory"
    if measure in lex.measures_needing_category and category is None:
        return False
    if group == "place" and measure in lex.place_incompatible_measures:
        return False  # "captured 3 villages": control, not prisoners
    if group == "people" and measure in lex.equipment_only_measures:
        return False
    return not (group in THINGS and measure in lex.people_only_measures)


def pick(
    token: Token, category: Category | None, unit: NumberUnit, *, agent: bool = False
) -> Trigger | None:
    """The trigger at ``token`` compatible with the counted; for the agent of an active
    verb only measures whose subject is the counted ("3,000 residents fled the town")."""
    measures, length = _trigger_measures(token)
    lex = load_lexicon()
    if token.lemma_.lower() in lex.thing_only_verbs and category_group(category) not in THINGS:
        return None  # 'two runners collapsed': not a loss of anything
    for measure in measures:
        if agent and length == 1 and measure not in lex.subject_measures:
            continue
        if compatible(measure, category, unit):
            return Trigger(measure, token, length)
    return None


def _is_agent(anchor: Token, verb: Token) -> bool:
    """ "Two gunmen killed 15 villagers": the subject of an active verb with an object."""
    return (
        anchor.dep_ == "nsubj"
        and anchor.head == verb
        and any(c.dep_ in ("dobj", "obj") for c in verb.children)
    )


def _pick_strong(
    doc: Doc,
    j: int,
    limit: int,
    category: Category | None,
    unit: NumberUnit,
    *,
    agent: bool = False,
) -> Trigger | None:
    """The trigger at token ``j``; a weak one ("remain") yields to a trigger right after it."""
    found = pick(doc[j], category, unit, agent=agent)
    if found is None or doc[j].lemma_.lower() not in load_lexicon().weak_triggers:
        return found
    for k in range(j + 1, min(j + 1 + WEAK_TRIGGER_LOOKAHEAD, limit)):
        stronger = pick(doc[k], category, unit)
        if stronger is not None:
            return stronger
    return found


def injury_held(token: Token, category: Category | None, unit: NumberUnit) -> Trigger | None:
    """ "four others with serious injuries", "were found with gunshot wounds", "suffered
    minor injuries": an injury noun the counted have (with), or that their verb of
    undergoing takes; "fatal injuries" are deaths."""
    lex = load_lexicon()
    undergoes = token.lemma_.lower() in lex.undergo_verbs
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        elif undergoes and child.dep_ in ("dobj", "obj"):
            nouns = [child]
        else:
            continue
        for noun in nouns:
            if noun.lemma_.lower() not in lex.injury_nouns:
                continue
            fatal = any(
                c.dep_ == "amod" and c.lower_ in lex.fatal_adjectives for c in noun.children
            )
            measure: Measure = "killed" if fatal else "injured"
            if compatible(measure, category, unit):
                return Trigger(measure, noun)
    return None


def _complement_trigger(verb: Token, category: Category | None, unit: NumberUnit) -> Trigger | None:
    """ "are believed to have died", "are listed as missing", "were among the dead", "were
    found with gunshot wounds": a trigger in the complement of the verb the counted are the
    subject of."""
    held = injury_held(verb, category, unit)
    if held is not None:
        return held
    for child in verb.children:
        if child.dep_ in ("xcomp", "acomp", "oprd") and child.i > verb.i:
            found = pick(child, category, unit) or _complement_trigger(child, category, unit)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in load_lexicon().complement_preps:
            for grandchild in child.children:
                found = pick(grandchild, category, unit)
                if found is not None:
                    return found
    return None


def lives_taken(noun: Token) -> Trigger | None:
    """ "the war has claimed 6,000 lives", "claimed the lives of 26 people": lives taken by
    a verb of the lexicon are deaths."""
    verb = noun.head
    if noun.lemma_.lower() != "life" or noun.dep_ not in ("dobj", "obj"):
        return None
    if verb.lemma_.lower() not in load_lexicon().life_taking_verbs:
        return None
    return Trigger("killed", verb)


def _is_partitive_whole(doc: Doc, span: Span) -> bool:
    """ "37 of 45 drones", "seven of the nine soldiers": ``span`` is the whole, not the part."""
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].like_num


def _governor_trigger(
    doc: Doc, span: Span, anchor: Token, category: Category | None, unit: NumberUnit
) -> Trigger | None:
    """The noun over "of" ("the death of four students"), or the verb the counted phrase is
    the subject or object of (or its complement)."""
    governor = anchor.head
    if anchor.dep_ == "pobj" and governor.lower_ == "of" and governor.head.pos_ in NOMINAL_POS:
        found = pick(governor.head, category, unit) or lives_taken(governor.head)
        if found is not None:
            return found
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and not _is_partitive_whole(doc, span):
        agent = _is_agent(anchor, governor)
        found = _pick_strong(doc, governor.i, sentence_of(span).end, category, unit, agent=agent)
        if found is None and (
            anchor.dep_ in ("nsubj", "nsubjpass")
            or governor.lemma_.lower() in load_lexicon().resultative_verbs
        ):
            found = _complement_trigger(governor, category, unit)  # "left 8 soldiers dead"
        return found
    return None


def _trigger_after(
    doc: Doc, start: int, anchor: Token, category: Category | None, unit: NumberUnit, end: int
) -> Trigger | None:
    """A trigger right after the counted phrase ("400 injured", "have been killed")."""
    j, skipped = start, 0
    while j < end and skipped <= MAX_SKIPPED_BEFORE_TRIGGER:
        token = doc[j]
        agent = _is_agent(anchor, token)
        found = _pick_strong(doc, j, end, category, unit, agent=agent)
        if found is not None:
            return found
        if token.lower_ in load_lexicon().fatal_adverbs and compatible("killed", category, unit):
            return Trigger("killed", token)  # "four shot, one fatally"
        if agent:
            break
        if token.is_space:
            j += 1
            continue
        if token.pos_ in SKIPPABLE_POS or token.lower_ in ("have", "been", "being"):
            j, skipped = j + 1, skipped + 1
            continue
        break
    return None


def find_trigger(
    doc: Doc, span: Span, counted: Counted, category: Category | None, unit: NumberUnit
) -> tuple[Trigger | None, bool]:
    """The trigger of the figure's measure, and whether the search stopped at a list verb.

    In order: a measure noun counted itself ("57 deaths"); the verb the counted phrase is
    the subject or object of; a trigger right after the counted phrase ("400 injured");
    a clause attached to the counted noun; the heads above it; the counted noun again for
    nouns that imply a measure ("10 hostages").
    """
    head = counted.head if counted.kind in ("noun", "partitive") else None
    anchor = head if counted.kind == "noun" and head is not None else attachment(span)
    noun_trigger = None
    if head is not None and counted.kind == "noun" and head.pos_ in NOMINAL_POS:
        taken = lives_taken(head)
        if taken is not None:
            return taken, False
        noun_trigger = pick(head, category, unit)
        if noun_trigger is not None and category in (None, "people"):
            if noun_trigger.measure not in load_lexicon().vague_noun_measures:
                return noun_trigger, False
            found = _governor_trigger(doc, span, anchor, category, unit)
            if found is not None and found.measure in load_lexicon().specific_measures:
                return found, False  # "two victims died": killed; "rescued 9 victims": rescued
            return noun_trigger, False
    found = _early_trigger(doc, span, counted, category, unit)
    if found is not None:
        return found, False
    if counted.kind == "partitive" and head is not None and anchor.dep_ in ("quantmod", "nummod"):
        anchor = head  # "shot down 37 of 45 drones", parsed as one quantity
    found = _governor_trigger(doc, span, anchor, category, unit)
    if found is not None:
        return found, False
    after = (head.i + 1) if head is not None and head.i >= span.end else span.end
    found = _trigger_after(doc, after, anchor, category, unit, sentence_of(span).end)
    if found is not None:
        return found, False
    found = _clause_trigger(anchor, counted, category, unit)
    if found is not None:
        return found, False
    if counted.kind == "noun":
        for child in anchor.lefts:
            if child.dep_ == "amod" and child.i >= span.end:
                found = pick(child, category, unit)
                if found is not None:
                    return found, False  # "25 injured passengers", "one dead militant"
    found, listing = _walk_up(anchor, category, unit)
    if found is None and counted.kind == "partitive" and head is not None:
        found = pick(head, category, unit)  # "40 of the victims were fighters"
    return (found or noun_trigger), listing


def _clause_trigger(
    anchor: Token, counted: Counted, category: Category | None, unit: NumberUnit
) -> Trigger | None:
    """A clause attached to the counted noun ("19 people it said were killed"), or an
    injury they have ("three others with serious injuries")."""
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.i > anchor.i:
            found = pick(child, category, unit) or _reported_trigger(child, category, unit)
            if found is not None:
                return found
    return injury_held(anchor, category, unit) if counted.kind == "noun" else None


def _reported_trigger(clause: Token, category: Category | None, unit: NumberUnit) -> Trigger | None:
    """ "19 people it said were killed": the trigger of what a relative reporting verb says."""
    if clause.lemma_.lower() not in load_lexicon().reporting_verbs:
        return None
    for child in clause.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > clause.i:
            found = pick(child, category, unit)
            if found is not None:
                return found
    return None


def _early_trigger(
    doc: Doc, span: Span, counted: Counted, category: Category | None, unit: NumberUnit
) -> Trigger | None:
    """A trigger the counted phrase carries itself ("brought the toll to 39 and injuries to
    91": injuries) or a word right after a bare number ("Four injured in shooting")."""
    if counted.kind == "subject" and counted.head is not None and counted.head.pos_ == "NOUN":
        return pick(counted.head, category, unit)
    if counted.kind == "none" and span.end < sentence_of(span).end:
        return _adjacent_trigger(doc[span.end], category, unit)
    return None


def _adjacent_trigger(token: Token, category: Category | None, unit: NumberUnit) -> Trigger | None:
    """A participle or adjective right after a bare number ("Four injured", "3 dead"),
    whatever the parse of a headline makes of it."""
    participle = token.tag_ == "VBN" or token.lower_ in load_lexicon().participle_nouns
    if not (participle or token.pos_ == "ADJ"):
        return None
    if any(c.dep_ in ("dobj", "obj") for c in token.children):
        return None  # "3 gunmen killed 12": the number counts the agents
    return pick(token, category, unit)


def _has_noun_subject(verb: Token) -> bool:
    """Whether ``verb`` has a subject that is a noun (not "it", "they")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in NOMINAL_POS for c in verb.children)


def _list_subject(
    verb: Token, category: Category | None, unit: NumberUnit
) -> tuple[Trigger | None, bool]:
    """ "It includes ...": the list continues the sentence before (True); "The package
    includes ...": the subject says what the list is ("package" -> delivered)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ == "PRON":
        return None, True
    for token in subjects[0].subtree:
        found = pick(token, category, unit)
        if found is not None:
            return found, False
    return None, False


def _reaches_toll(prep: Token) -> bool:
    """Whether a preposition gives a toll's value or part ("rose to 60", "put at 15",
    "including 14 children"), not a circumstance ("with reductions ranging ...")."""
    lex = load_lexicon()
    return prep.lower_ in lex.toll_setting_preps or prep.lemma_.lower() in lex.list_verbs


def _toll_subject_trigger(
    verb: Token, category: Category | None, unit: NumberUnit
) -> Trigger | None:
    """ "the death toll has risen to 212 people", "... to 60, including 14 children", "raised
    the toll to 52, including 9 children": the measure noun of the subject of a toll verb (of
    the object of a verb setting a toll) the number is reached over a preposition."""
    lex = load_lexicon()
    lemma = verb.lemma_.lower()
    if lemma in lex.toll_verbs:
        roles: tuple[str, ...] = ("nsubj", "nsubjpass")
    elif lemma in lex.toll_setting_verbs:
        roles = ("dobj",)
    else:
        return None
    for child in verb.children:
        if child.dep_ in roles:
            for token in child.subtree:
                if token.pos_ in NOMINAL_POS and measures_for(token, "nouns"):
                    found = pick(token, category, unit)
                    if found is not None:
                        return found
    return None


def _walk_up(
    anchor: Token, category: Category | None, unit: NumberUnit
) -> tuple[Trigger | None, bool]:
    """The nearest trigger among the heads of ``anchor``, up to a reporting verb."""
    lex = load_lexicon()
    token = anchor
    for _ in range(MAX_HEAD_HOPS):
        if token.head == token:
            break
        agent = _is_agent(token, token.head)
        dep = token.dep_
        if dep == "agent" or token.lower_ == "by":
            break  # "shot by two men", "attacks by 150 rebels": the counted are perpetrators
        if token.lower_ == "at" and verb_lemma(token.head) in lex.shooting_verbs:
            break  # "shot at three buses": fired at, not hit
        if dep == "conj" and token.pos_ in ("VERB", "AUX"):
            break  # "arrested 45 and fired at the crowd of 2,000": another predicate
        if token.like_num and token is not anchor:
            break  # "37 of 45 drones": the whole of a partitive is not its part
        if _whole_of_part(token):
            break  # "some of the 40 guests were hurt": neither are the 40 of "some"
        previous, token = token, token.head
        lemma = token.lemma_.lower()
        if (
            token.pos_ in ("VERB", "AUX")
            and lemma in lex.list_verbs
            and (token.dep_ == "ROOT" or _has_noun_subject(token))
        ):
            return _list_subject(token, category, unit)  # "the casualties included ..."
        if token.pos_ in NOMINAL_POS and dep != "prep":
            continue  # a noun counts only over "of": "the death of six guerrillas"
        found = pick(token, category, unit, agent=agent)
        if found is None and dep in ("nsubj", "nsubjpass") and token.pos_ in ("VERB", "AUX"):
            found = _complement_trigger(token, category, unit)
        if found is None and dep == "prep" and _reaches_toll(previous):
            found = _toll_subject_trigger(token, category, unit)
        if found is not None:
            return found, False
        if agent or (token.pos_ in ("VERB", "AUX") and dep in CORE_ARGUMENTS):
            break  # the counted take part in this verb's event, not in one above it
        if lemma in lex.reporting_verbs or token.lower_ in lex.reporting_verbs:
            break  # "said", and "according to the two women": a source, not the counted
    return None, False


def _whole_of_part(token: Token) -> bool:
    """Whether ``token`` is the object of "of" after a word naming an unknown part of it
    ("some of the 40 guests", "most of the 12 workers")."""
    of = token.head
    return (
        token.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.lower_ in load_lexicon().part_quantifiers
    )


def scan_sentence(sent: Span, category: Category | None, unit: NumberUnit) -> Trigger | None:
    """The strongest trigger anywhere in ``sent``, by the resource's priority order."""
    found: dict[Measure, Trigger] = {}
    for token in sent:
        trigger = pick(token, category, unit)
        if trigger is not None:
            found.setdefault(trigger.measure, trigger)
    for measure in load_lexicon().sentence_scan_priority:
        if measure in found:
            return found[measure]
    return None


def trigger_end(trigger: Trigger | None) -> int | None:
    """The character offset after the last token of ``trigger``."""
    if trigger is None:
        return None
    last = trigger.token.doc[trigger.token.i + trigger.length - 1]
    return last.idx + len(last)


def trigger_of(doc: Doc, hit: FigureHit) -> Trigger | None:
    """The trigger of an earlier figure, rebuilt from its offsets."""
    if hit.measure is None or hit.trigger_start is None or hit.trigger_end is None:
        return None
    span = doc.char_span(hit.trigger_start, hit.trigger_end, alignment_mode="expand")
    return Trigger(hit.measure, span[0], len(span)) if span is not None and len(span) else None
