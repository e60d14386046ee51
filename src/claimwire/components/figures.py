"""``claimwire_figures_v1``: what each number counts, what happened to it, whose it is, when.

For every number of ``claimwire_numbers_v1`` that counts something, a :class:`FigureHit`
ties it to:

- the counted noun phrase ("150 Sudanese civilians"), a partitive ("12 of the army's
  helicopters", "30 of them are women"), the subject of a predicate nominal ("troop
  losses are now 45, 200 dead") or, for an elided head ("... and 400 injured"), the
  counted phrase of the figure before it in the sentence;
- a category of ``resources/figures.json`` (aligned with the General Staff loss series);
- a measure (killed, injured, destroyed, requested, controlled ...) from a trigger right
  after the counted phrase, attached to it, or up the dependency tree; a sentence that is
  a bare list, or a list introduced by "It includes", continues the predicate of the
  sentence before it;
- negation, modality (actual, hypothetical, requested), the side of the counted, running
  total or increment, the time phrase, and new vs background.

Numbers that count nothing of interest (years, ages, durations, distances, list indexes,
money) give no figure. The dependency parse is used when it helps and linear order when the
parse of news copy is unreliable. Vocabulary lives in ``resources/figures.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..resource import load_resource
from ._base import doc_text
from .numbers import lexicon as numbers_lexicon

SPAN_KEY = "claimwire.figures"
NUMBERS_KEY = "claimwire.numbers"
EXTENSION = "claimwire_figures"
PRENOMINAL_POS = frozenset({"ADJ", "NOUN", "PROPN", "VERB"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
SKIPPABLE_POS = frozenset({"AUX", "ADV", "PART"})
CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr"})
HOPS = 7


@dataclass(frozen=True)
class FigureHit:
    """A number tied to what it counts. Offsets index ``doc.text``.

    ``time_relation`` tells how the time phrase bounds the figure: "since", "as_of" or
    "on" (convert resolves the phrase, or reads the dates component).
    """

    id: str
    start: int
    end: int
    value: float | None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: str = "count"
    counted_start: int | None = None
    counted_end: int | None = None
    category: str | None = None
    measure: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    negated: bool = False
    modality: str = "actual"
    side: str | None = None
    cumulative: bool | None = None
    time_start: int | None = None
    time_end: int | None = None
    time_relation: str | None = None
    status: str = "new"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The vocabulary of ``resources/figures.json``, loaded once."""
    return load_resource("figures.json")


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def _category_index() -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Head nouns -> category (first listed wins), and multi-word forms longest first."""
    nouns: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for name, entry in lexicon()["categories"].items():
        for noun in entry["nouns"]:
            words = _split(noun)
            if len(words) == 1:
                nouns.setdefault(words[0], name)
            else:
                phrases.append((words, name))
        phrases.extend((_split(phrase), name) for phrase in entry["phrases"])
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    return nouns, phrases


@lru_cache(maxsize=1)
def _measure_index() -> dict[str, Any]:
    """Trigger words -> candidate measures in resource order, and phrases longest first."""
    verbs: dict[str, list[str]] = {}
    adjectives: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    particles: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for name, entry in lexicon()["measures"].items():
        for verb in entry["verbs"]:
            verbs.setdefault(verb, []).append(name)
        for adjective in entry["adjectives"]:
            adjectives.setdefault(adjective, []).append(name)
        for noun in entry["nouns"]:
            nouns.setdefault(noun, []).append(name)
        particles.update(entry.get("particle", {}))
        phrases.extend((_split(phrase), name) for phrase in entry["phrases"])
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    return {
        "verbs": verbs,
        "adjectives": adjectives,
        "nouns": nouns,
        "particles": particles,
        "phrases": phrases,
    }


def word_forms(word: str, lemma: str | None = None) -> frozenset[str]:
    """The forms a vocabulary entry may match: lower case, lemma, without a plural s."""
    lower = word.lower()
    forms = {lower}
    if lemma:
        forms.add(lemma.lower())
    if lower.endswith("ies") and len(lower) > 4:
        forms.add(lower[:-3] + "y")
    if lower.endswith("es") and len(lower) > 3:
        forms.add(lower[:-2])
    if lower.endswith("s") and len(lower) > 2:
        forms.add(lower[:-1])
    return frozenset(forms)


def _token_forms(token: Token) -> frozenset[str]:
    return word_forms(token.text, token.lemma_)


def _phrase_at(forms: list[frozenset[str]], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(forms):
        return False
    return all(word in forms[i + k] for k, word in enumerate(phrase))


def categorize(forms: list[frozenset[str]], head: int | None = None) -> str | None:
    """The category of a noun phrase given the forms of its words.

    Multi-word forms anywhere in the phrase win, then the head noun, then modifiers from
    right to left ("troop losses" -> soldiers).

    Args:
        forms: :func:`word_forms` of each word of the phrase.
        head: Index of the head word (default: the last word).

    Returns:
        The category name, or None.
    """
    nouns, phrases = _category_index()
    for phrase, name in phrases:
        if any(_phrase_at(forms, i, phrase) for i in range(len(forms))):
            return name
    head = len(forms) - 1 if head is None else head
    order = [head, *range(head - 1, -1, -1)]
    for index in order:
        for form in sorted(forms[index]):
            if form in nouns:
                return nouns[form]
    return None


def categorize_text(text: str) -> str | None:
    """The category of a phrase given as plain text ("armoured personnel vehicles")."""
    words = [word.strip("(),.;:'\"") for word in _split(text)]
    return categorize([word_forms(word) for word in words if word]) if words else None


def category_group(category: str | None) -> str | None:
    """The group of a category: people, equipment, property or place."""
    if category is None:
        return None
    return lexicon()["categories"][category]["group"]


def general_staff_column(category: str | None) -> str | None:
    """The column of the Ukrainian General Staff loss series a category compares with
    ("tanks" -> "tank", "soldiers" -> "personnel"), or None."""
    if category is None:
        return None
    return lexicon()["categories"][category]["general_staff"]


def _side_of(tokens: list[Token]) -> str | None:
    sides = lexicon()["sides"]
    for token in tokens:
        if token.lower_ in sides:
            return sides[token.lower_]
    return None


@dataclass
class _Counted:
    """What a number counts, as found in the sentence."""

    start: int | None = None
    end: int | None = None
    head: Token | None = None
    kind: str = "none"  # noun | partitive | pronoun | subject | none
    category: str | None = None
    side_tokens: list[Token] | None = None


def _noun_run(doc: Doc, i: int, limit: int) -> tuple[int, int, Token] | None:
    """The noun phrase starting at token ``i``: (start, end, head), by linear order."""
    while i < limit and (doc[i].is_space or doc[i].is_quote):
        i += 1
    j, head = i, None
    while j < limit:
        token = doc[j]
        if token.ent_type_ in ("DATE", "TIME") and token.pos_ == "PROPN":
            break
        if token.is_space or (token.is_quote and head is None):
            pass
        elif token.like_num and head is not None and head.pos_ == "PROPN" and head.i >= j - 2:
            pass  # "Leopard 2 tanks", "F-16 jets": a model designation inside the phrase
        elif token.text == "-" and head is not None and j + 1 < limit:
            if doc[j + 1].pos_ not in PRENOMINAL_POS and not doc[j + 1].like_num:
                break
        elif (
            head is not None
            and head.pos_ == "PROPN"
            and token.pos_ in ("ADJ", "VERB")
            and j + 1 < limit
            and doc[j + 1].pos_ in NOMINAL_POS
        ):
            pass  # "90 Stryker armoured vehicles"
        elif token.tag_ == "POS" and head is not None:
            head = None  # "the army's helicopters": the possessor is not the head
        elif token.pos_ in NOMINAL_POS and not token.like_num:
            head = token
        elif head is None and token.pos_ == "NUM" and any(c.isalpha() for c in token.text):
            pass  # "60 F-16 jets"
        elif head is None and (token.pos_ in PRENOMINAL_POS or token.text == "-"):
            if token.pos_ == "VERB" and token.tag_ not in ("VBN", "VBG"):
                break
        else:
            break
        j += 1
    if head is None:
        return None
    return i, head.i + 1, head


def _np_tokens(head: Token, start: int) -> list[Token]:
    """Tokens that may carry the side of a counted noun: its phrase and left modifiers."""
    found = list(head.doc[start : head.i + 1])
    for child in head.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < head.i:
            found.extend(child.subtree)
    return found


def _is_of(doc: Doc, i: int, sent: Span) -> bool:
    return i < sent.end and doc[i].lower_ == "of"


def _counted_partitive(doc: Doc, i: int, sent: Span) -> _Counted:
    """ "12 of the army's helicopters", "30 of them": what follows "of" at token ``i``."""
    j = i + 1
    if j < sent.end and doc[j].lower_ in lexicon()["partitive_pronouns"]:
        return _Counted(start=doc[j].idx, end=doc[j].idx + len(doc[j]), kind="pronoun")
    while j < sent.end and (doc[j].dep_ in ("det", "case", "nummod", "poss") or doc[j].like_num):
        j += 1
    run = _noun_run(doc, j, sent.end)
    if run is None:
        return _Counted()
    start, end, head = run
    forms = [_token_forms(t) for t in doc[i + 1 : end]]
    tokens = _np_tokens(head, i + 1) + list(doc[i + 1 : end])
    return _Counted(
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1]),
        head,
        "partitive",
        categorize(forms),
        tokens,
    )


def _counted(doc: Doc, span: Span, sent: Span) -> _Counted:
    """Find what the number ``span`` counts (see the module docstring)."""
    i = span.end
    if _is_of(doc, i, sent):
        return _counted_partitive(doc, i, sent)
    while i < sent.end and doc[i].is_quote:
        i += 1  # 'killing "hundreds" of fighters'
    if i < sent.end and doc[i].lower_ == "of" and i > span.end:
        return _counted_partitive(doc, i, sent)
    run = _noun_run(doc, i, sent.end)
    if run is not None:
        start, end, head = run
        forms = [_token_forms(t) for t in doc[start:end]]
        if head.lemma_.lower() in lexicon()["group_nouns"]:
            whole = _counted_partitive(doc, end, sent) if _is_of(doc, end, sent) else None
            if whole is not None and whole.category is not None:
                whole.start = doc[start].idx
                whole.head, whole.kind = head, "noun"
                return whole  # "8 members of one family": the family says who
        tokens = list(doc[span.start : end]) + _np_tokens(head, start)
        return _Counted(
            doc[start].idx,
            doc[end - 1].idx + len(doc[end - 1]),
            head,
            "noun",
            categorize(forms),
            tokens,
        )
    return _Counted()


def _attachment(span: Span) -> Token:
    """The token of the number span whose head lies outside it (the span's syntactic root)."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head == token:
            return token
    return span.root


def _subject_of_copula(span: Span) -> _Counted:
    """ "losses are now 45, 200 dead": the subject of the clause the number is predicated of."""
    token = _attachment(span)
    verb = token.head
    if token.dep_ not in ("attr", "acomp", "pobj", "dobj", "npadvmod", "nummod", "appos"):
        return _Counted()
    if token.dep_ == "pobj":
        verb = verb.head
    elif token.dep_ == "nummod" and verb.dep_ in ("attr", "acomp", "dobj", "npadvmod", "oprd"):
        verb = verb.head  # "losses had reached 32000 dead": the number counts the word after it
    if verb.lemma_.lower() not in lexicon()["toll_verbs"]:
        return _Counted()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            tokens = list(child.subtree)
            forms = [_token_forms(t) for t in tokens]
            head_index = child.i - tokens[0].i
            return _Counted(
                tokens[0].idx,
                tokens[-1].idx + len(tokens[-1]),
                child,
                "subject",
                categorize(forms, head_index),
                tokens,
            )
    return _Counted()


def _predicate_nominal(span: Span) -> Token | None:
    """ "30 of them are women": the attribute noun of the copula the number is subject of."""
    token = _attachment(span)
    if token.dep_ not in ("nsubj",) or token.head.lemma_ != "be":
        return None
    for child in token.head.children:
        if child.dep_ == "attr" and child.pos_ in NOMINAL_POS:
            return child
    return None


def _measures_for(token: Token, kind: str) -> list[str]:
    index = _measure_index()
    forms = _token_forms(token)
    table = index[kind]
    found: list[str] = []
    for form in sorted(forms):
        for measure in table.get(form, []):
            if kind == "verbs" and form in index["particles"]:
                particle = index["particles"][form]
                if not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
                    continue
            if measure not in found:
                found.append(measure)
    return found


def _phrase_measures(sent: Span, i: int) -> tuple[list[str], int]:
    """Measures of a multi-word trigger starting at token ``i`` and its token length."""
    forms = [_token_forms(t) for t in sent.doc[i : min(sent.end, i + 6)]]
    for phrase, measure in _measure_index()["phrases"]:
        if _phrase_at(forms, 0, phrase):
            return [measure], len(phrase)
    return [], 0


def _trigger_measures(token: Token) -> tuple[list[str], int]:
    """Measures a token can trigger, with the trigger length in tokens."""
    found, length = _phrase_measures(token.sent, token.i)
    if found:
        return found, length
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBG", "VBD"):
        found = _measures_for(token, "verbs") or _measures_for(token, "adjectives")
    elif token.pos_ == "ADJ":
        found = _measures_for(token, "adjectives") or _measures_for(token, "verbs")
    elif token.pos_ in NOMINAL_POS:
        found = _measures_for(token, "nouns")
    return found, 1


def _compatible(measure: str, category: str | None, unit: str) -> bool:
    group = category_group(category)
    if measure == "controlled":
        return unit == "percent" or category == "territory"
    if measure in lexicon()["measures_needing_category"] and category is None:
        return False
    if group == "place" and measure in lexicon()["place_incompatible_measures"]:
        return False  # "captured 3 villages": control, not prisoners
    if group == "people" and measure in lexicon()["equipment_only_measures"]:
        return False
    return not (
        group in ("equipment", "property", "place") and measure in lexicon()["people_only_measures"]
    )


@dataclass
class _Trigger:
    measure: str
    token: Token
    length: int = 1


def _pick(token: Token, category: str | None, unit: str, *, agent: bool = False) -> _Trigger | None:
    """The trigger at ``token`` compatible with the counted; for the agent of an active
    verb only measures whose subject is the counted ("3,000 residents fled the town")."""
    measures, length = _trigger_measures(token)
    for measure in measures:
        if agent and length == 1 and measure not in lexicon()["subject_measures"]:
            continue
        if _compatible(measure, category, unit):
            return _Trigger(measure, token, length)
    return None


def _is_agent(anchor: Token, verb: Token) -> bool:
    """ "Two gunmen killed 15 villagers": the subject of an active verb with an object."""
    return (
        anchor.dep_ == "nsubj"
        and anchor.head == verb
        and any(c.dep_ in ("dobj", "obj") for c in verb.children)
    )


def _pick_strong(
    doc: Doc, j: int, limit: int, category: str | None, unit: str, *, agent: bool = False
) -> _Trigger | None:
    """The trigger at token ``j``; a weak one ("remain") yields to a trigger right after it."""
    found = _pick(doc[j], category, unit, agent=agent)
    if found is None or doc[j].lemma_.lower() not in lexicon()["weak_triggers"]:
        return found
    for k in range(j + 1, min(j + 3, limit)):
        stronger = _pick(doc[k], category, unit)
        if stronger is not None:
            return stronger
    return found


def _complement_trigger(verb: Token, category: str | None, unit: str) -> _Trigger | None:
    """ "are believed to have died", "are listed as missing": a trigger in the complement of
    the verb the counted are the subject of."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "acomp", "oprd") and child.i > verb.i:
            found = _pick(child, category, unit) or _complement_trigger(child, category, unit)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("as", "under", "in"):
            for grandchild in child.children:
                found = _pick(grandchild, category, unit)
                if found is not None:
                    return found
    return None


def _is_partitive_whole(doc: Doc, span: Span) -> bool:
    """ "37 of 45 drones", "seven of the nine soldiers": ``span`` is the whole, not the part."""
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].like_num


def _find_trigger(
    doc: Doc, span: Span, counted: _Counted, category: str | None, unit: str
) -> tuple[_Trigger | None, bool]:
    """The trigger of the figure's measure, and whether the search stopped at a list verb.

    In order: a measure noun counted itself ("57 deaths"); the verb the counted phrase is
    the subject or object of; a trigger right after the counted phrase ("400 injured");
    a clause attached to the counted noun; the heads above it; the counted noun again for
    nouns that imply a measure ("10 hostages").
    """
    sent = span.sent
    head = counted.head if counted.kind in ("noun", "partitive") else None
    anchor = head if counted.kind == "noun" and head is not None else _attachment(span)
    noun_trigger = None
    if head is not None and counted.kind == "noun" and head.pos_ in NOMINAL_POS:
        noun_trigger = _pick(head, category, unit)
        if noun_trigger is not None and category in (None, "people"):
            return noun_trigger, False
    if counted.kind == "partitive" and head is not None and anchor.dep_ in ("quantmod", "nummod"):
        anchor = head  # "shot down 37 of 45 drones", parsed as one quantity
    whole = _is_partitive_whole(doc, span)
    governor = anchor.head
    if anchor.dep_ == "pobj" and governor.lower_ == "of" and governor.head.pos_ in NOMINAL_POS:
        found = _pick(governor.head, category, unit)  # "the death of four students"
        if found is not None:
            return found, False
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and not whole:
        agent = _is_agent(anchor, governor)
        found = _pick_strong(doc, governor.i, sent.end, category, unit, agent=agent)
        if found is None and anchor.dep_ in ("nsubj", "nsubjpass"):
            found = _complement_trigger(governor, category, unit)
        if found is not None:
            return found, False
    after = (head.i + 1) if head is not None and head.i >= span.end else span.end
    j, skipped = after, 0
    while j < sent.end and skipped <= 4:
        token = doc[j]
        agent = _is_agent(anchor, token)
        found = _pick_strong(doc, j, sent.end, category, unit, agent=agent)
        if found is not None:
            return found, False
        if agent:
            break
        if token.is_space:
            j += 1
            continue
        if token.pos_ in SKIPPABLE_POS or token.lower_ in ("have", "been", "being"):
            j, skipped = j + 1, skipped + 1
            continue
        break
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.i > anchor.i:
            found = _pick(child, category, unit)
            if found is not None:
                return found, False
    found, listing = _walk_up(anchor, category, unit)
    return (found or noun_trigger), listing


def _list_subject(verb: Token, category: str | None, unit: str) -> tuple[_Trigger | None, bool]:
    """ "It includes ...": the list continues the sentence before (True); "The package
    includes ...": the subject says what the list is ("package" -> delivered)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ == "PRON":
        return None, True
    for token in subjects[0].subtree:
        found = _pick(token, category, unit)
        if found is not None:
            return found, False
    return None, False


def _walk_up(anchor: Token, category: str | None, unit: str) -> tuple[_Trigger | None, bool]:
    """The nearest trigger among the heads of ``anchor``, up to a reporting verb."""
    token, reporting, listing = anchor, lexicon()["reporting_verbs"], lexicon()["list_verbs"]
    for _ in range(HOPS):
        if token.head == token:
            break
        agent = _is_agent(token, token.head)
        dep = token.dep_
        if dep == "agent" or token.lower_ == "by":
            break  # "shot by two men", "attacks by 150 rebels": the counted are perpetrators
        if dep == "conj" and token.pos_ in ("VERB", "AUX"):
            break  # "arrested 45 and fired at the crowd of 2,000": another predicate
        if token.like_num and token is not anchor:
            break  # "37 of 45 drones": the whole of a partitive is not its part
        token = token.head
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and lemma in listing and token.dep_ == "ROOT":
            return _list_subject(token, category, unit)
        if token.pos_ in NOMINAL_POS and dep != "prep":
            continue  # a noun counts only over "of": "the death of six guerrillas"
        found = _pick(token, category, unit, agent=agent)
        if found is None and dep in ("nsubj", "nsubjpass") and token.pos_ in ("VERB", "AUX"):
            found = _complement_trigger(token, category, unit)
        if found is not None:
            return found, False
        if agent or (token.pos_ in ("VERB", "AUX") and dep in CORE_ARGUMENTS):
            break  # the counted take part in this verb's event, not in one above it
        if lemma in reporting:
            break
    return None, False


def _scan_sentence(sent: Span, category: str | None, unit: str) -> _Trigger | None:
    """The strongest trigger anywhere in ``sent``, by the resource's priority order."""
    found: dict[str, _Trigger] = {}
    for token in sent:
        trigger = _pick(token, category, unit)
        if trigger is not None:
            found.setdefault(trigger.measure, trigger)
    for measure in lexicon()["sentence_scan_priority"]:
        if measure in found:
            return found[measure]
    return None


def _is_bare_list(sent: Span) -> bool:
    """A sentence without any verb: a noun-phrase list cut off by a stray full stop."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent.doc[sent.start - 1].sent


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first token at or after ``i`` that is not white space."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _not_a_count(doc: Doc, span: Span, counted: _Counted) -> bool:
    """Years are gone already; drop ages, durations, distances, list indexes, "one of"."""
    lex = lexicon()
    before = doc[span.start - 1] if span.start > 0 else None
    after = _next_word(doc, span.end)
    if before is not None and before.lower_ in lex["age_words"]:
        return True
    if before is not None and before.lower_ in lex["identifier_words"]:
        return True  # "detachment no. 6", "Channel 7"
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and before.i > span.sent.start
        and len(span) == 1
        and span[0].is_digit
        and before.whitespace_ != ""
        and before.lower_ not in lex["sides"]
    ):
        return True  # "Leopard 2 tanks", "Brigade 47": part of a name
    if after is not None and after.lemma_.lower() in lex["non_count_units"]:
        return True  # "50 km west", "3 days"
    if after is not None and after.lower_.rstrip(".") in numbers_lexicon()["months"]:
        return True  # "on 16\nNovember": a day of the month across a line break
    if after is not None and after.text == "-" and span.end + 1 < len(doc):
        following = doc[span.end + 1]
        if following.lemma_.lower() in lex["non_count_units"] or following.lower_ == "year":
            return True
    if after is not None and after.lower_ in ("year-old", "years-old"):
        return True
    tail = doc_text(doc)[span.end_char : span.end_char + 12].lower()
    if tail.startswith(("-year-old", " year-old", " years old", "-years-old")):
        return True
    if (
        span.start == span.sent.start
        and after is not None
        and after.text in lex["list_index_punct"]
    ):
        return True
    if (
        counted.kind == "none"
        and before is not None
        and before.text == ","
        and after is not None
        and after.text in (",", ".", ")", ";")
        and span.start > 1
        and doc[span.start - 2].pos_ in NOMINAL_POS
    ):
        return True  # "Rodriguez Porth, 65, was killed": an age in apposition
    if counted.kind == "noun" and counted.head is not None:
        forms = _token_forms(counted.head)
        units = set(lex["non_count_units"])
        if forms & units and counted.category is None:
            return True
    return False


def _negated(trigger: _Trigger | None, counted: _Counted) -> bool:
    words = set(lexicon()["negation_words"])
    if trigger is not None and any(
        c.dep_ == "neg" or c.lower_ in words for c in trigger.token.children
    ):
        return True
    head = counted.head
    return head is not None and any(c.dep_ == "det" and c.lower_ in ("no",) for c in head.children)


def _hypothetical(token: Token | None, sent: Span) -> bool:
    """ "could kill up to 100", "threatened to kill 10", "If the dam breaks, ..."."""
    lex = lexicon()
    if token is None:
        return False
    modals, verbs = set(lex["hypothetical_auxiliaries"]), set(lex["hypothetical_verbs"])
    current: Token = token
    while True:
        auxes = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
        if auxes & modals and "have" not in auxes:
            return True
        if current is not token and current.lemma_.lower() in verbs:
            return True
        if current.dep_ not in ("xcomp", "acl") or current.head is current:
            break
        current = current.head  # "threatened to kill", "the threat to kill", "forced to flee"
    markers = set(lex["hypothetical_markers"])
    return any(c.dep_ == "mark" and c.lower_ in markers for c in token.children) or (
        sent[0].lower_ in markers
    )


def _contains(text: str, phrase: str) -> bool:
    padded = f" {text} "
    return f" {phrase} " in padded


def _words_of(sent: Span) -> str:
    return " ".join(t.lower_ for t in sent if not t.is_punct)


def _cumulative(sent: Span) -> bool | None:
    lex, words = lexicon(), _words_of(sent)
    if any(_contains(words, cue) for cue in lex["cumulative_cues"]):
        return True
    if any(_contains(words, cue) for cue in lex["incremental_cues"]):
        return False
    return None


def _verb_above(token: Token) -> Token | None:
    """The nearest verb among ``token``'s heads ("could rise to 200" -> rise)."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _is_time_phrase(ent: Span) -> bool:
    """A date entity with a word or a year in it, not bare numbers ("aged 7 and 9")."""
    return any(t.is_alpha and t.lower_ not in ("and", "to") for t in ent) or any(
        len(t.text) == 4 and t.is_digit for t in ent
    )


def _in_since_clause(ent: Span) -> bool:
    """ "killed since fighting erupted on March 3": the date sits in a clause opened by since."""
    since_words = lexicon()["since_words"]
    token = ent.root
    for _ in range(3):
        if token.dep_ not in ("pobj", "prep", "npadvmod", "nmod", "compound"):
            break
        token = token.head
    if token.dep_ != "advcl":
        return False
    return any(child.dep_ == "mark" and child.lower_ in since_words for child in token.children)


def _time_phrase(span: Span) -> tuple[int, int, str] | None:
    """The date expression of the sentence nearest to the number, and how it bounds it."""
    lex = lexicon()
    dates = [
        ent
        for ent in span.sent.ents
        if ent.label_ in ("DATE", "TIME")
        and (ent.end <= span.start or ent.start >= span.end)
        and _is_time_phrase(ent)
    ]
    if not dates:
        return None
    ent = min(dates, key=lambda e: abs(e.start - span.start))
    before = span.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in lex["since_words"]:
        relation = "since"
    elif before in lex["as_of_words"]:
        relation = "as_of"
    elif ent.root.head.lemma_.lower() in lex["since_nouns"] or _in_since_clause(ent):
        relation = "since"
    else:
        relation = "on"
    return ent.start_char, ent.end_char, relation


def _background(sent: Span) -> bool:
    lex, words = lexicon(), _words_of(sent)
    cue = any(_contains(words, c) for c in lex["background_cues"])
    return cue and any(_contains(words, c) for c in lex["past_time_cues"])


def _number_spans(doc: Doc) -> list[Span]:
    if NUMBERS_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[NUMBERS_KEY] if s._.claimwire_number is not None]


def _sibling_side(found: list[FigureHit], sent: Span, trigger: _Trigger | None) -> str | None:
    """Side of an earlier figure of the sentence with the same trigger ("along with")."""
    for hit in reversed(found):
        if hit.start < sent.start_char:
            break
        if trigger is not None and hit.trigger_start == trigger.token.idx and hit.side:
            return hit.side
    return None


def _antecedent(found: list[FigureHit], sent: Span, *, same_sentence: bool) -> FigureHit | None:
    for hit in reversed(found):
        if same_sentence and hit.start < sent.start_char:
            return None
        if hit.counted_start is not None:
            return hit
    return None


def _inside_counted(hit: FigureHit, offset: int) -> bool:
    if hit.counted_start is None or hit.counted_end is None:
        return False
    return hit.start < hit.counted_start <= offset < hit.counted_end


def _resolve_counted(
    doc: Doc, span: Span, counted: _Counted, found: list[FigureHit]
) -> tuple[_Counted, str | None, FigureHit | None]:
    """Complete what a number counts: pronoun partitives, predicate nominals, elided heads.

    Returns:
        The counted phrase, its category and the earlier figure it borrows from, if any.
    """
    sent, inherited = span.sent, None
    if counted.kind == "pronoun":
        inherited = _antecedent(found, sent, same_sentence=False)
        nominal = _predicate_nominal(span)
        if nominal is not None:
            start, end, _ = _noun_run(doc, nominal.left_edge.i, sent.end) or (
                nominal.i,
                nominal.i + 1,
                nominal,
            )
            forms = [_token_forms(t) for t in doc[start:end]]
            counted = _Counted(
                doc[start].idx,
                nominal.idx + len(nominal),
                None,
                "pronoun",
                categorize(forms),
                list(doc[start:end]),
            )
    elif counted.kind == "none":
        subject = _subject_of_copula(span)
        if subject.kind == "subject":
            counted = subject
        elif _attachment(span).dep_ != "pobj":  # not "a crowd of 2,000"
            inherited = _antecedent(found, sent, same_sentence=True)
    category = counted.category
    head = counted.head
    place = head is not None and head.ent_type_ in ("GPE", "LOC", "FAC")
    if span._.claimwire_number.unit == "percent" and counted.kind == "partitive" and place:
        category = "territory"  # "70% of Kherson"
    if category is None and head is not None and head.lower_ in lexicon()["sides"]:
        category = "people"  # "31 Palestinians", "two Salvadorans"
    if category is None and inherited is not None and counted.kind in ("none", "pronoun"):
        category = inherited.category
        if counted.start is None or counted.kind == "none":
            counted.start, counted.end = inherited.counted_start, inherited.counted_end
    return counted, category, inherited


def _resolve_measure(
    doc: Doc,
    span: Span,
    counted: _Counted,
    category: str | None,
    found: list[FigureHit],
    inherited: FigureHit | None,
) -> tuple[str | None, str, _Trigger | None]:
    """The measure of a figure, its modality, and its trigger (see :func:`_find_trigger`)."""
    sent, unit = span.sent, span._.claimwire_number.unit
    trigger, listing = _find_trigger(doc, span, counted, category, unit)
    measure = trigger.measure if trigger is not None else None
    modality = "actual"
    if measure is None and counted.kind == "subject" and counted.head is not None:
        measure = _subject_measure(counted, category)
    if measure is None and (listing or _is_bare_list(sent)):
        measure, modality, trigger = _continued_measure(sent, found, category, unit, listing)
    if measure is None and inherited is not None and counted.kind == "pronoun":
        measure, modality = inherited.measure, inherited.modality
    if measure is None:
        measure, modality, trigger = _list_neighbour(doc, span, found, modality, trigger)
    if measure == "requested":
        modality = "requested"
    elif _hypothetical(trigger.token if trigger else _verb_above(_attachment(span)), sent):
        modality = "hypothetical"
    return measure, modality, trigger


def _figure(doc: Doc, span: Span, found: list[FigureHit]) -> FigureHit | None:
    """The figure of one number span, or None when it counts nothing of interest."""
    number = span._.claimwire_number
    if number.ordinal or number.unit == "money":
        return None
    sent = span.sent
    if found and _inside_counted(found[-1], span.start_char):
        return None  # "8 members of one family": part of the phrase counted before
    counted = _counted(doc, span, sent)
    if _not_a_count(doc, span, counted):
        return None
    counted, category, inherited = _resolve_counted(doc, span, counted, found)
    measure, modality, trigger = _resolve_measure(doc, span, counted, category, found, inherited)
    if measure is None:
        return None
    if measure == "controlled" and category is None:
        category = "territory"
    if (
        counted.kind in ("noun", "partitive")
        and category is None
        and measure in lexicon()["people_only_measures"]
    ):
        return None  # "14 departments", "Channel 7 television": not people
    time = _time_phrase(span)
    cumulative = _cumulative(sent)
    if time is not None and cumulative and time[2] == "on":
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
        unit=number.unit,
        counted_start=counted.start,
        counted_end=counted.end,
        category=category,
        measure=measure,
        trigger_start=trigger.token.idx if trigger else None,
        trigger_end=_trigger_end(trigger),
        negated=_negated(trigger, counted),
        modality=modality,
        side=_figure_side(counted, trigger, measure, found, sent, inherited),
        cumulative=cumulative,
        time_start=time[0] if time else None,
        time_end=time[1] if time else None,
        time_relation=time[2] if time else None,
        status="background" if _background(sent) else "new",
    )


def _trigger_end(trigger: _Trigger | None) -> int | None:
    if trigger is None:
        return None
    last = trigger.token.doc[trigger.token.i + trigger.length - 1]
    return last.idx + len(last)


def _subject_measure(counted: _Counted, category: str | None) -> str | None:
    """ "troop losses are ...": a measure noun inside the subject phrase."""
    for token in counted.side_tokens or []:
        measures = _measures_for(token, "nouns")
        for measure in measures:
            if _compatible(measure, category, "count"):
                return "killed" if measure == "destroyed" and category else measure
    return None


def _continued_measure(
    sent: Span, found: list[FigureHit], category: str | None, unit: str, listing: bool
) -> tuple[str | None, str, _Trigger | None]:
    """A list continues the predicate of the sentence before it: (measure, modality, trigger)."""
    previous = _previous_sentence(sent)
    if previous is None:
        return None, "actual", None
    if listing:
        trigger = _scan_sentence(previous, category, unit)
        return (trigger.measure if trigger else None), "actual", trigger
    for hit in reversed(found):
        if hit.start < previous.start_char:
            break
        if hit.measure is not None:
            return hit.measure, hit.modality, _trigger_of(sent.doc, hit)
    return None, "actual", None


def _list_neighbour(
    doc: Doc, span: Span, found: list[FigureHit], modality: str, trigger: _Trigger | None
) -> tuple[str | None, str, _Trigger | None]:
    """ "the murders of three reporters, two farmers and a nurse": a list item right after
    the figure before it shares its measure."""
    if not found or found[-1].measure is None:
        return None, modality, trigger
    before = found[-1]
    gap = doc_text(doc)[(before.counted_end or before.end) : span.start_char]
    if before.start < span.sent.start_char or gap.strip(" ,;\n") not in ("", "and", "or"):
        return None, modality, trigger
    return before.measure, before.modality, _trigger_of(doc, before)


def _trigger_of(doc: Doc, hit: FigureHit) -> _Trigger | None:
    """The trigger of an earlier figure, rebuilt from its offsets."""
    if hit.measure is None or hit.trigger_start is None or hit.trigger_end is None:
        return None
    span = doc.char_span(hit.trigger_start, hit.trigger_end, alignment_mode="expand")
    return _Trigger(hit.measure, span[0], len(span)) if span is not None and len(span) else None


def _possessor_side(counted: _Counted) -> str | None:
    """ "Moscow says 1,351 of its soldiers died": "its" is the subject of a verb above."""
    pronouns = {t for t in counted.side_tokens or [] if t.lower_ in ("its", "their")}
    if not pronouns or counted.head is None:
        return None
    for ancestor in counted.head.ancestors:
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.i < counted.head.i:
                side = _side_of(list(child.subtree))
                if side is not None:
                    return side
    return None


def _figure_side(
    counted: _Counted,
    trigger: _Trigger | None,
    measure: str | None,
    found: list[FigureHit],
    sent: Span,
    inherited: FigureHit | None,
) -> str | None:
    if measure == "controlled" and trigger is not None:
        token = trigger.token
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _side_of(list(child.subtree))
        return _side_of([c for c in token.children if c.dep_ in ("amod", "poss", "compound")])
    side = _side_of(counted.side_tokens or [])
    if side is None and counted.head is not None:
        side = _possessor_side(counted)
    if side is None and inherited is not None:
        side = inherited.side
    if side is None:
        side = _sibling_side(found, sent, trigger)
    return side


def _negative_figures(doc: Doc, found: list[FigureHit]) -> list[FigureHit]:
    """ "no civilians were killed": a figure of 0, negated, where the determiner is "no"."""
    extra: list[FigureHit] = []
    taken = {hit.start for hit in found}
    for token in doc:
        if token.lower_ != "no" or token.dep_ != "det" or token.idx in taken:
            continue
        head = token.head
        category = categorize([_token_forms(head)])
        if category_group(category) not in ("people", "equipment"):
            continue
        counted = _Counted(token.i + 1, head.i + 1, head, "noun", category, [head])
        counted.start, counted.end = doc[token.i + 1].idx, head.idx + len(head)
        span = doc[token.i : token.i + 1]
        trigger, _ = _find_trigger(doc, span, counted, category, "count")
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
                trigger_end=_trigger_end(trigger),
                negated=True,
                side=_side_of(_np_tokens(head, token.i + 1)),
                cumulative=_cumulative(token.sent),
            )
        )
    return extra


def find_figures(doc: Doc) -> list[FigureHit]:
    """Every figure of ``doc``, in text order, with ids ``f1``, ``f2`` ...

    Args:
        doc: A parsed document with ``doc.spans["claimwire.numbers"]`` (the numbers
            component must have run; without it there is nothing to count).

    Returns:
        The figures found.
    """
    found: list[FigureHit] = []
    for span in _number_spans(doc):
        hit = _figure(doc, span, found)
        if hit is not None:
            found.append(hit)
    found.extend(_negative_figures(doc, found))
    found.sort(key=lambda hit: hit.start)
    return [replace(hit, id=f"f{i}") for i, hit in enumerate(found, 1)]


class Figures:
    """Finds figures and stores them in ``doc._.claimwire_figures`` and span group."""

    def __init__(self, name: str = "claimwire_figures_v1") -> None:
        self.name = name
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)
        if not Span.has_extension("claimwire_figure"):
            Span.set_extension("claimwire_figure", default=None)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find_figures(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[FigureHit]) -> None:
        """Store the hits, and one span per figure labelled with its measure."""
        doc._.claimwire_figures = found
        spans = []
        for hit in found:
            span = doc.char_span(hit.start, hit.end, label=hit.measure or "figure")
            if span is None:
                continue
            span._.claimwire_figure = hit
            spans.append(span)
        doc.spans[SPAN_KEY] = spans


@Language.factory(
    "claimwire_figures_v1",
    assigns=["doc.spans", "doc._.claimwire_figures", "span._.claimwire_figure"],
    requires=["token.dep", "token.lemma"],
)
def make_figures(nlp: Language, name: str) -> Figures:
    """Create the figures component (spaCy factory ``claimwire_figures_v1``)."""
    return Figures(name)
