"""The counted phrase: what a number counts, found in its sentence, and its category.

A noun phrase after the number ("150 Sudanese civilians"), a partitive ("12 of the army's
helicopters", "30 of them are women"), the subject of a predicate nominal ("troop losses
are now 45, 200 dead") or, for an elided head ("... and 400 injured"), the counted phrase
of an earlier figure. Numbers that count nothing of interest (ages, durations,
distances, list indexes, identifiers) are told apart here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ...vocab import Category
from .._base import doc_text, sentence_of
from ..numbers import NumberValue
from ..numbers import load_lexicon as numbers_lexicon
from .categories import categorize, category_group, repaired_category, token_forms
from .hits import FigureHit
from .lexicon import load_lexicon, measure_index
from .settings import AGE_LIST_TOKENS, AGE_SUFFIX_CHARS, DESIGNATION_DISTANCE

PRENOMINAL_POS = frozenset({"ADJ", "NOUN", "PROPN", "VERB"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})

CountedKind = Literal["noun", "partitive", "pronoun", "subject", "none"]
"""How the counted phrase was found (``none``: not found)."""


@dataclass
class Counted:
    """What a number counts, as found in the sentence."""

    start: int | None = None
    end: int | None = None
    head: Token | None = None
    kind: CountedKind = "none"
    category: Category | None = None
    side_tokens: list[Token] | None = None


def noun_run(doc: Doc, i: int, limit: int) -> tuple[int, int, Token] | None:
    """The noun phrase starting at token ``i``: (start, end, head), by linear order."""
    while i < limit and (doc[i].is_space or doc[i].is_quote):
        i += 1
    j, head = i, None
    participle_nouns = load_lexicon().participle_nouns
    while j < limit:
        token = doc[j]
        if token.ent_type_ in ("DATE", "TIME") and token.pos_ == "PROPN":
            break
        if head is None and token.lower_ in participle_nouns and not _before_noun(doc, j, limit):
            break  # "4 shot", "2 injured" read as nouns in a headline: the trigger
        if token.is_space or (token.is_quote and head is None):
            pass
        elif (
            token.like_num
            and head is not None
            and head.pos_ == "PROPN"
            and head.i >= j - DESIGNATION_DISTANCE
        ):
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


def _before_noun(doc: Doc, i: int, limit: int) -> bool:
    """Whether token ``i`` modifies a noun right after it ("40 injured people")."""
    if i + 1 >= limit:
        return False
    following = doc[i + 1]
    return following.pos_ in NOMINAL_POS and following.ent_type_ not in ("DATE", "TIME")


def np_tokens(head: Token, start: int) -> list[Token]:
    """Tokens that may carry the side of a counted noun: its phrase and left modifiers."""
    found = list(head.doc[start : head.i + 1])
    for child in head.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < head.i:
            found.extend(child.subtree)
    return found


def _is_of(doc: Doc, i: int, sent: Span) -> bool:
    return i < sent.end and doc[i].lower_ == "of"


def _phrase(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``start:end``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _counted_partitive(doc: Doc, i: int, sent: Span) -> Counted:
    """ "12 of the army's helicopters", "30 of them": what follows "of" at token ``i``."""
    j = i + 1
    if j < sent.end and doc[j].lower_ in load_lexicon().partitive_pronouns:
        return Counted(start=doc[j].idx, end=doc[j].idx + len(doc[j]), kind="pronoun")
    while j < sent.end and (doc[j].dep_ in ("det", "case", "nummod", "poss") or doc[j].like_num):
        j += 1
    run = noun_run(doc, j, sent.end)
    if run is None and j < sent.end and doc[j].lower_ in load_lexicon().participle_nouns:
        head = doc[j]  # "two of the dead", "one of the wounded": people
        return Counted(*_phrase(doc, j, j + 1), head, "partitive", "people", [head])
    if run is None:
        return Counted()
    start, end, head = run
    forms = [token_forms(t) for t in doc[i + 1 : end]]
    tokens = np_tokens(head, i + 1) + list(doc[i + 1 : end])
    return Counted(*_phrase(doc, start, end), head, "partitive", categorize(forms), tokens)


def find_counted(doc: Doc, span: Span, sent: Span) -> Counted:
    """Find what the number ``span`` counts (see the module docstring)."""
    i = span.end
    if _is_of(doc, i, sent):
        return _counted_partitive(doc, i, sent)
    while i < sent.end and doc[i].is_quote:
        i += 1  # 'killing "hundreds" of fighters'
    if i < sent.end and doc[i].lower_ == "of" and i > span.end:
        return _counted_partitive(doc, i, sent)
    run = noun_run(doc, i, sent.end)
    if run is not None:
        start, end, head = run
        forms = [token_forms(t) for t in doc[start:end]]
        if head.lemma_.lower() in load_lexicon().group_nouns:
            whole = _counted_partitive(doc, end, sent) if _is_of(doc, end, sent) else None
            if whole is not None and whole.category is not None:
                whole.start = doc[start].idx
                whole.head, whole.kind = head, "noun"
                return whole  # "8 members of one family": the family says who
        tokens = list(doc[span.start : end]) + np_tokens(head, start)
        category = categorize(forms) or repaired_category([t.text for t in doc[start:end]])
        if category is None and end < sent.end and doc[end].is_lower and doc[end].is_alpha:
            category = repaired_category([doc[end - 1].text + doc[end].text])
            end += category is not None  # "gang memb ers": a noun split by a stray space
        return Counted(*_phrase(doc, start, end), head, "noun", category, tokens)
    return Counted()


def names_living(head: Token | None) -> bool:
    """Whether an unknown counted noun may name people ("congregants", "Navy SEALs"): a
    plural group name, or a plural noun ending like a noun of persons, that is no place,
    date, amount, animal or event."""
    lex = load_lexicon()
    if head is None or head.ent_type_ in lex.lifeless_entity_types:
        return False
    forms = token_forms(head)
    if forms & lex.animal_nouns or any(form in measure_index().nouns for form in forms):
        return False  # "40 goats"; "30 massacres", "two abductions" count events
    acronym = head.text.endswith("s") and head.text[:-1].isupper()
    if head.tag_ == "NNPS" or head.ent_type_ == "NORP" or acronym:
        return True  # "Navy SEALs", "Yazidis"
    singular = head.lemma_.lower()
    return head.tag_ == "NNS" and singular.endswith(lex.person_suffixes)


def tallied(head: Token | None) -> bool:
    """ "police reported 567 arrests", "it documented 12 abductions": an act done to one
    person each, counted in a tally a source reports (not "carried out 12 abductions")."""
    lex = load_lexicon()
    if head is None or head.lemma_.lower() not in lex.tallied_nouns:
        return False
    while head.dep_ in ("conj", "appos") and head.head != head:
        head = head.head  # "10 fatalities, 29 injuries, 37 arrests"
    return head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in lex.tally_verbs


def attachment(span: Span) -> Token:
    """The token of the number span whose head lies outside it (the span's syntactic root)."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head == token:
            return token
    return span.root


def _phrase_counted(child: Token, tokens: list[Token]) -> Counted:
    """The counted phrase ``tokens`` headed by ``child``, found as a clause argument."""
    forms = [token_forms(t) for t in tokens]
    return Counted(
        tokens[0].idx,
        tokens[-1].idx + len(tokens[-1]),
        child,
        "subject",
        categorize(forms, child.i - tokens[0].i),
        tokens,
    )


def subject_of_copula(span: Span) -> Counted:
    """ "losses are now 45, 200 dead": the subject of the clause the number is predicated of;
    "put the death toll at 15": the object of a verb that sets a toll."""
    token = attachment(span)
    verb = token.head
    if token.dep_ not in ("attr", "acomp", "pobj", "dobj", "npadvmod", "nummod", "appos"):
        return Counted()
    if token.dep_ == "pobj":
        verb = verb.head
        if verb.pos_ in ("ADJ", "ADV") and verb.dep_ in ("advmod", "acomp"):
            verb = verb.head  # "put the toll as high as 37"
    elif token.dep_ == "nummod" and verb.dep_ in ("attr", "acomp", "dobj", "npadvmod", "oprd"):
        verb = verb.head  # "losses had reached 32000 dead": the number counts the word after it
    lex = load_lexicon()
    roles: tuple[str, ...] = ("nsubj", "nsubjpass")
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in lex.toll_setting_preps
        and verb.lemma_.lower() in lex.toll_setting_verbs
    ):
        roles = ("dobj",)  # "put the number of dead at 15", "brought the toll to 39"
        before = token.doc[token.head.i - 1] if token.head.i > 0 else token
        if before.dep_ == "conj" and before.pos_ == "NOUN":
            return _phrase_counted(before, [before])  # "... and injuries to 91"
    elif verb.lemma_.lower() not in lex.toll_verbs:
        return Counted()
    for child in verb.children:
        if child.dep_ in roles:
            tokens = [t for t in child.subtree if t.i < span.start or t.i >= span.end]
            return _phrase_counted(child, _trim_phrase(tokens, child))
    return Counted()


def _trim_phrase(tokens: list[Token], head: Token) -> list[Token]:
    """The phrase ``tokens`` of ``head`` up to the first word after the head that is no
    noun, adjective or "of" phrase ("the death toll as high as 37, including ..." ->
    "the death toll"; "the number of dead" stays whole)."""
    end = len(tokens)
    for k, token in enumerate(tokens):
        if token.i <= head.i:
            continue
        if token.pos_ in ("ADV", "PUNCT", "CCONJ", "VERB", "NUM") or (
            token.pos_ == "ADP" and token.lower_ not in ("of", "from", "in")
        ):
            end = k
            break
    return tokens[:end] or [head]


def _predicate_nominal(span: Span) -> Token | None:
    """ "30 of them are women": the attribute noun of the copula the number is subject of."""
    token = attachment(span)
    if token.dep_ not in ("nsubj",) or token.head.lemma_ != "be":
        return None
    for child in token.head.children:
        if child.dep_ == "attr" and child.pos_ in NOMINAL_POS:
            return child
    return None


def antecedent(found: list[FigureHit], sent: Span, *, same_sentence: bool) -> FigureHit | None:
    """The last earlier figure with a counted phrase (in ``sent`` only if ``same_sentence``)."""
    for hit in reversed(found):
        if same_sentence and hit.start < sent.start_char:
            return None
        if hit.counted_start is not None:
            return hit
    return None


def exceeds(number: NumberValue, whole: FigureHit) -> bool:
    """Whether ``number`` is larger than the figure ``whole`` it would be a part of."""
    values = [v for v in (whole.value, whole.upper) if v is not None]
    least = number.value if number.value is not None else number.lower
    return bool(values) and least is not None and least > max(values)


def inside_counted(hit: FigureHit, offset: int) -> bool:
    """Whether ``offset`` lies in the counted phrase of ``hit``, after its number."""
    if hit.counted_start is None or hit.counted_end is None:
        return False
    return hit.start < hit.counted_start <= offset < hit.counted_end


def resolve_counted(
    doc: Doc, span: Span, number: NumberValue, counted: Counted, found: list[FigureHit]
) -> tuple[Counted, Category | None, FigureHit | None]:
    """Complete what a number counts: pronoun partitives, predicate nominals, elided heads.

    Returns:
        The counted phrase, its category and the earlier figure it borrows from, if any.
    """
    sent, inherited = sentence_of(span), None
    if counted.kind == "pronoun":
        inherited = antecedent(found, sent, same_sentence=False)
        nominal = _predicate_nominal(span)
        if nominal is not None:
            start, end, _ = noun_run(doc, nominal.left_edge.i, sent.end) or (
                nominal.i,
                nominal.i + 1,
                nominal,
            )
            forms = [token_forms(t) for t in doc[start:end]]
            counted = Counted(
                doc[start].idx,
                nominal.idx + len(nominal),
                None,
                "pronoun",
                categorize(forms),
                list(doc[start:end]),
            )
    elif counted.kind == "none":
        subject = subject_of_copula(span)
        if subject.kind == "subject":
            counted = subject
        elif attachment(span).dep_ != "pobj":  # not "a crowd of 2,000"
            inherited = antecedent(found, sent, same_sentence=True)
    category = counted.category
    head = counted.head
    if counted.kind == "noun" and head is not None and head.lower_ in load_lexicon().elliptic_nouns:
        earlier = antecedent(found, sent, same_sentence=True)
        if earlier is not None and category_group(earlier.category) == "people":
            inherited, category = earlier, earlier.category  # "13 civilians ... 19 others"
    place = head is not None and head.ent_type_ in ("GPE", "LOC", "FAC")
    if number.unit == "percent" and counted.kind == "partitive" and place:
        category = "territory"  # "70% of Kherson"
    if category is None and head is not None and head.lower_ in load_lexicon().sides:
        category = "people"  # "31 Palestinians", "two Salvadorans"
    if category is None and inherited is not None and counted.kind in ("none", "pronoun"):
        category = inherited.category
        if counted.start is None or counted.kind == "none":
            counted.start, counted.end = inherited.counted_start, inherited.counted_end
    return counted, category, inherited


def next_word(doc: Doc, i: int) -> Token | None:
    """The first token at or after ``i`` that is not white space."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _is_part_of_name(before: Token | None, span: Span) -> bool:
    """ "Leopard 2 tanks", "Brigade 47": a lone digit after a capitalized proper noun."""
    return (
        before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and before.i > sentence_of(span).start
        and len(span) == 1
        and span[0].is_digit
        and before.whitespace_ != ""
        and before.lower_ not in load_lexicon().sides
    )


def _is_unit_or_age(doc: Doc, span: Span, after: Token | None) -> bool:
    r"""Whether the number is a measure or an age ("50 km west", "3 days", "on 16\nNovember",
    "a 7-year-old"), not a count."""
    units = load_lexicon().non_count_units
    if after is not None and after.lemma_.lower() in units:
        return True  # "50 km west", "3 days"
    if after is not None and after.lower_.rstrip(".") in numbers_lexicon().months:
        return True  # "on 16\nNovember": a day of the month across a line break
    if after is not None and after.text == "-" and span.end + 1 < len(doc):
        following = doc[span.end + 1]
        if following.lemma_.lower() in units or following.lower_ == "year":
            return True
    if after is not None and after.lower_ in ("year-old", "years-old"):
        return True
    tail = doc_text(doc)[span.end_char : span.end_char + AGE_SUFFIX_CHARS].lower()
    return tail.startswith(("-year-old", " year-old", " years old", "-years-old"))


def _in_list_of_ages(doc: Doc, span: Span, after: Token | None) -> bool:
    """ "ages 25, 26 and 33", "between the ages of 11 and 25": a number in a list that an
    age word opens, with no noun of its own after it ("aged 20 and 5 children" counts)."""
    if after is not None and after.pos_ in NOMINAL_POS:
        return False
    words = load_lexicon().age_words
    index, steps = span.start - 1, 0
    while index >= 0 and steps < AGE_LIST_TOKENS:
        token = doc[index]
        if not (token.like_num or token.is_space or token.lower_ in (",", "and", "or", "-", "–")):
            break
        index, steps = index - 1, steps + 1
    if index < 0:
        return False
    opener = doc[index]
    if opener.lower_ in words:
        return steps > 0
    return opener.lower_ == "of" and index > 0 and doc[index - 1].lower_ in words


def _is_counter(doc: Doc, span: Span, before: Token | None, after: Token | None) -> bool:
    """ "1 / 3", "Image 2 of / 5": a gallery or page counter, not a count."""
    if after is not None and after.text == "/" and after.i + 1 < len(doc):
        return doc[after.i + 1].like_num
    if before is not None and before.text == "/" and before.i > 0:
        return doc[before.i - 1].like_num or doc[before.i - 1].lower_ == "of"
    return False


APPOSITION_CLOSERS = frozenset({",", ".", ")", ";", "—", "–", "--"})
"""Punctuation that closes an apposition ("Porth, 65, was ...")."""


def _age_in_apposition(doc: Doc, span: Span, after: Token | None) -> bool:
    """ "Rodriguez Porth, 65, was killed", "another man, also 30, was shot", a headline's
    "Identified As Ana Ruiz, 16" at the end of its line: a bare number set off by commas
    after a noun or a name is an age."""
    k = span.start - 1
    if k >= 0 and (doc[k].pos_ == "ADV" or doc[k].lower_ == "both"):
        k -= 1  # "also 30", "both 19"
    if k < 1 or doc[k].text != ",":
        return False
    if not (doc[k - 1].pos_ in NOMINAL_POS or doc[k - 1].is_title):
        return False
    if after is None:
        return True
    if after.text in APPOSITION_CLOSERS:
        return True
    return "\n" in doc_text(doc)[span.end_char : after.idx]  # the line ends with the age


def _rate_of(head: Token) -> bool:
    """Whether a rate word and a number follow the counted noun ("deaths per 100,000")."""
    doc = head.doc
    return (
        head.i + 2 < len(doc)
        and doc[head.i + 1].lower_ in load_lexicon().rate_words
        and doc[head.i + 2].like_num
    )


def not_a_count(doc: Doc, span: Span, counted: Counted) -> bool:
    """Years are gone already; drop ages, durations, distances, list indexes, "one of"."""
    lex = load_lexicon()
    before = doc[span.start - 1] if span.start > 0 else None
    after = next_word(doc, span.end)
    if before is not None and before.lower_ in lex.age_words:
        return True
    if _in_list_of_ages(doc, span, after):
        return True
    if before is not None and before.lower_ in lex.identifier_words:
        return True  # "detachment no. 6", "Channel 7"
    if (
        before is not None
        and before.lower_ == "of"
        and span.start >= 3
        and doc[span.start - 2].like_num
        and doc[span.start - 3].lower_ in lex.identifier_words
    ):
        return True  # "Image 3 of 12": a photo counter
    if _is_part_of_name(before, span) or _is_unit_or_age(doc, span, after):
        return True
    if _is_counter(doc, span, before, after):
        return True
    if (
        span.start == sentence_of(span).start
        and after is not None
        and after.text in lex.list_index_punct
    ):
        return True
    if counted.kind == "none" and _age_in_apposition(doc, span, after):
        return True  # "Rodriguez Porth, 65, was killed": an age in apposition
    if before is not None and before.lower_ in lex.rate_words:
        return True  # "12 deaths per 100,000 residents": the base of a rate
    if counted.head is not None and _rate_of(counted.head):
        return True  # "12 deaths per 100,000 residents": a rate, no count of deaths
    if counted.kind == "noun" and counted.head is not None:
        forms = token_forms(counted.head)
        if forms & lex.non_count_units and counted.category is None:
            return True
    return False
