"""Indirect speech from the parse: a cue verb, its subject the speaker, its clause the claim.

``The minister said the bridge was destroyed`` (a ``ccomp``), the clauses the parser
misses or mislabels (``said having X back was a boost``, ``said unemployment and lost
earnings have ...``, ``said in a statement that ...``), and the parenthetical cue
(``The bridge, he said, was destroyed``). A speaker phrase headed by a reporting noun
("the latest figures said") makes the claim ``reported``.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...vocab import ClaimForm
from .._base import governs, sentence_of
from .candidate import Candidate
from .context import DocContext
from .lexicon import cues
from .names import names_person
from .postposed import claim_before, speaker_apart
from .quote_marks import QUOTE_MARKS
from .settings import REPORTED_CLAUSE_MAX_CHARS
from .syntax import (
    FINITE_TAGS,
    SUBJECTS,
    cue_lemma,
    is_finite,
    noun_phrase,
    shows_only,
    subject_of,
)

ADVERBIAL_MARKS = frozenset(
    {"as", "while", "when", "after", "before", "because", "if", "since", "until", "though", "to"}
)
"""Words that open an adverbial clause, not a reported one."""
NOBODY = frozenset({"no", "nobody", "none", "neither"})
"""First words of a subject that says nothing ("No group has claimed ...")."""
CLAUSES = frozenset({"acl", "ccomp"})
"""Labels of a clause inside a noun object ("claims that it fired"); a relative clause
("a policy that failed") describes the object, it says nothing happened."""
RELATIVE_OBJECTS = frozenset({"which", "that"})
"""Relative pronouns that stand for the claimed noun as a speech act's object."""
GERUND_CUES = frozenset({"deny", "admit", "confirm", "report", "recall"})
"""Cues whose claim can be a gerund (``denied having fired``)."""


def speech_candidate(ctx: DocContext, token: Token, lemma: str) -> Candidate | None:
    """Indirect speech: a cue verb with a clause, or a parenthetical ``, he said,``."""
    lexicon = cues()
    relative = _relative_speech(ctx, token, lemma)
    if relative is not None:
        return relative
    clause = _reported_clause(token, lemma)
    if any(c.dep_ == "auxpass" for c in token.children):
        return _passive_candidate(ctx, token, lemma)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None  # "to expect": no speaker here
    subject = subject_of(token)
    own = any(c.dep_ in SUBJECTS for c in token.children)
    after = (clause is not None and clause.i > token.i) or _claimed_object(token, lemma)
    if subject is None:
        subject = speaker_apart(token, inverted=True)
    elif not after and (not own or _set_off(subject, token)):
        # "..., army sources told AFP" hung off the claim's verb, or given its subject
        subject = speaker_apart(token, inverted=not own) or subject
    if subject is None or subject[0].lower_ in NOBODY:
        return None
    hedge = lexicon.verbs[lemma]
    if any(c.dep_ == "neg" for c in token.children):
        hedge = "negated"
    found = _content(ctx, token, lemma, clause)
    if found is None:
        found = claim_before(ctx, token, subject)
    if found is not None and found[0] > token.idx and _ends_line(ctx, token):
        found = _line_before(ctx, subject)
    if found is None:
        return None
    start, end = found
    if end <= start:
        return None
    end = _through_quotes(ctx, start, end)
    if end - start > REPORTED_CLAUSE_MAX_CHARS:
        return None
    reporting = subject.root.lower_ in lexicon.reporting_nouns and not names_person(list(subject))
    form: ClaimForm = "reported" if reporting else "indirect"
    cue = (token.idx, token.idx + len(token))
    return Candidate(start, end, cue, form, hedge, subject, reporting=reporting)


def _relative_speech(ctx: DocContext, cue: Token, lemma: str) -> Candidate | None:
    """``the raid, which the rebels claimed``, ``a charge that Ruritania denies``: a speech
    act in a relative clause whose object is the relative pronoun claims the noun it
    describes, and its own subject says it (not the speaker of the sentence around it)."""
    if cue.dep_ != "relcl" or "dobj" not in cues().object_cues.get(lemma, frozenset()):
        return None
    relative = next((c for c in cue.children if c.dep_ == "dobj" and c.i < cue.i), None)
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if relative is None or relative.lower_ not in RELATIVE_OBJECTS or subject is None:
        return None
    if subject.pos_ == "PRON" and subject.lower_ in RELATIVE_OBJECTS:
        return None
    noun = cue.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > cue.i:
        return None
    hedge = cues().verbs[lemma]
    # "the budget, which the mayor announced" says nothing happened, and "a man and his
    # daughter, which X denies" hangs on the wrong noun; an event ("the attack, which the
    # army confirmed"), an allegation or a report does
    lexicon = cues()
    words = lexicon.event_verbs | lexicon.claim_object_words | set(lexicon.reporting_nouns)
    if not (noun.lower_ in words or noun.lemma_.lower() in words):
        return None
    phrase = noun_phrase(noun)
    start, end = ctx.strip(phrase.start, min(phrase.end, relative.i) - 1)
    if end < start:
        return None
    if any(c.dep_ == "neg" for c in cue.children):
        hedge = "negated"
    cue_chars = (cue.idx, cue.idx + len(cue))
    return Candidate(*ctx.chars(start, end), cue_chars, "indirect", hedge, noun_phrase(subject))


def _set_off(subject: SpacySpan, cue: Token) -> bool:
    """Whether a comma stands between a cue and the subject the parser gave it before it."""
    return subject.end < cue.i and any(t.text == "," for t in cue.doc[subject.end : cue.i])


def _passive_candidate(ctx: DocContext, cue: Token, lemma: str) -> Candidate | None:
    """``The deaths were confirmed by hospital staff``: the agent claims the sentence.

    A passive cue without an agent ("was told he had months to live") names no speaker;
    a speech act of ``object_cues`` with one does, and its claim is the whole sentence.
    """
    if lemma not in cues().object_cues:
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    source = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None or shows_only(source):
        return None
    sent = sentence_of(cue)
    start, end = ctx.chars(*ctx.strip(sent.start, sent.end - 1))
    cue_chars = (cue.idx, cue.idx + len(cue))
    return Candidate(start, end, cue_chars, "indirect", cues().verbs[lemma], noun_phrase(source))


def _reported_clause(cue: Token, lemma: str) -> Token | None:
    """The head of the clause a cue reports, as the parser labelled it."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    # "In the report ..., Sinclair said the board had failed": the clause after the cue
    later = [c for c in clauses if c.i > cue.i and is_finite(c)]
    clause = later[0] if later else clauses[0] if clauses else None
    if clauses and clauses[0].i < cue.i and cue.i > 0 and cue.doc[cue.i - 1].text == ",":
        clause = clauses[0]  # "..., said a witness, ... reported the paper": the clause before
    if clause is None and lemma in GERUND_CUES:
        clause = next((c for c in cue.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    if clause is None:
        clause = _clause_of_statement(cue)
    return clause


def _content(
    ctx: DocContext, cue: Token, lemma: str, clause: Token | None
) -> tuple[int, int] | None:
    """Character offsets of what a cue reports, or None when it reports nothing here."""
    lexicon = cues()
    sent = sentence_of(cue)
    if clause is not None:
        if any(c.dep_ == "dobj" and c.lower_ in lexicon.not_cue_objects for c in cue.children):
            return None
        return _clause_range(ctx, cue, clause, sent)
    if cue.dep_ == "parataxis" and lemma not in lexicon.not_parenthetical:
        return _parenthetical_range(ctx, cue, sent)
    loose = _loose_clause(cue, lemma)
    if loose is not None:
        return _clause_range(ctx, cue, loose, sent)
    said = _object_clause(ctx, cue)
    if said is not None:
        return said
    claimed = _claimed_object(cue, lemma)
    return None if claimed is None else _clause_after(ctx, cue, claimed, sent)


def _ends_line(ctx: DocContext, cue: Token) -> bool:
    """Whether a cue closes its line (``Floods cut off 3 towns, officials say``)."""
    for token in ctx.doc[cue.i + 1 :]:
        if "\n" in token.text:
            return True
        if token.text == ":" or not (token.is_punct or token.is_space):
            return False  # "She said:" opens what the next line says
    return True


def _line_before(ctx: DocContext, subject: SpacySpan) -> tuple[int, int] | None:
    """Characters of a line before the speaker who closes it, or None when nothing is."""
    line_start = ctx.text.rfind("\n", 0, subject.start_char) + 1
    first = ctx.token_from(line_start)
    if first is None or first.i >= subject.start:
        return None
    lo, hi = ctx.strip(first.i, subject.start - 1)
    return ctx.chars(lo, hi) if hi > lo else None


def _through_quotes(ctx: DocContext, start: int, end: int) -> int:
    """Extend a content end to the end of a quote opened inside the content."""
    opens = ctx.memo("quote_opens", lambda: [quote.open for quote in ctx.quotes])
    k = bisect.bisect_left(opens, start)  # the quotes are in order: only those from start
    while k < len(opens) and opens[k] < end:
        end = max(end, ctx.quotes[k].end)
        k += 1
    return end


def _loose_clause(cue: Token, lemma: str) -> Token | None:
    """A clause the parser did not label ccomp: ``said having X back was a boost``."""
    lexicon = cues()
    if lemma in lexicon.not_parenthetical or cue.dep_ not in ("ROOT", "conj"):
        return None
    if any(c.dep_ == "dobj" and c.lower_ in lexicon.not_cue_objects for c in cue.children):
        return None
    if _claimed_object(cue, lemma) is not None:
        return None  # "reported the deaths of 31 men, citing ...": the object is the claim
    for child in cue.rights:
        if child.dep_ in ("xcomp", "dep", "advcl") and child.pos_ in ("VERB", "AUX"):
            marks = [
                c for c in child.children if c.dep_ in ("mark", "advmod", "aux") and c.i < child.i
            ]
            if not any(m.lower_ in ADVERBIAL_MARKS for m in marks):
                return child
    return None


def _object_clause(ctx: DocContext, cue: Token) -> tuple[int, int] | None:
    """``X said unemployment and lost earnings have ...`` parsed as an object.

    The parser sometimes reads the subject of the reported clause as the object of
    "say" and the clause's verb as something else. "Say" takes no noun object but a
    few ("said goodbye", ``not_cue_objects``): when a tensed verb follows the object
    in the sentence, the clause runs from the object to the end of the sentence.
    """
    if cue.lemma_.lower() != "say":
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if obj.lower_ in cues().not_cue_objects or obj.left_edge.i != cue.i + 1:
        return None
    sent = sentence_of(cue)
    told = any(t.tag_ in FINITE_TAGS for t in ctx.doc[obj.i + 1 : sent.end])
    if not (told or _headline_predicate(obj)):
        return None
    first = obj.left_edge.i
    return ctx.chars(first, ctx.strip_end(first, sent.end - 1))


def _headline_predicate(obj: Token) -> bool:
    """``says nine killed``, ``say 12 dead``: a title's clause without its verb "be"."""
    return any(
        c.i > obj.i and ((c.dep_ == "acl" and c.tag_ == "VBN") or c.dep_ == "amod")
        for c in obj.children
    )


def _claimed_object(cue: Token, lemma: str) -> Token | None:
    """What a speech act claims as a noun: ``confirmed the attack``, ``warned of a crisis``.

    Only cues of the lexicon's ``object_cues``, with the object they take there (``dobj``
    or a preposition); an object of ``not_claim_objects`` ("claimed the lives of") and a
    habit told in a relative clause ("a group that documents abuses") claim nothing.
    """
    lexicon = cues()
    takes = lexicon.object_cues.get(lemma)
    if takes is None or (cue.dep_ == "relcl" and cue.tag_ in ("VBZ", "VBP")):
        return None
    for child in cue.rights:
        if child.dep_ == "dobj" and "dobj" in takes:
            if child.lower_ in lexicon.not_claim_objects:
                return None
            return child if _worth_claiming(cue, child) else None
        if (
            child.dep_ == "prep"
            and child.lower_ in takes
            and any(c.dep_ in ("pobj", "pcomp") for c in child.children)
        ):
            return child if _worth_claiming(cue, child) else None
    return None


def _worth_claiming(cue: Token, obj: Token) -> bool:
    """Whether a speech act's object says what happened: an event word or a clause.

    "confirmed the attack", "reported 40 arrests" (a word of ``event_verbs`` or
    ``claim_object_words``); "accused X of arming Y", "urged X to leave", "denied claims
    that it fired" (a clause); not "cited an idea" or "announced the move".
    """
    lexicon = cues()
    words = lexicon.event_verbs | lexicon.claim_object_words
    if any(t.lower_ in words or t.lemma_.lower() in words for t in obj.subtree):
        return True
    return any(
        (t.dep_ == "pcomp" and t.tag_ == "VBG")
        or (t.dep_ == "xcomp" and t.pos_ in ("VERB", "AUX"))
        or (t.dep_ in CLAUSES and t.tag_ in FINITE_TAGS)
        for t in cue.subtree
        if t.i > cue.i
    )


def _clause_of_statement(cue: Token) -> Token | None:
    """``said in a statement that ...``: the clause the parser hung on the noun."""
    reporting = cues().reporting_nouns
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lower_ not in reporting:
                continue
            for child in noun.children:
                marked = any(c.lower_ == "that" for c in child.children)
                if child.dep_ in ("ccomp", "acl", "relcl") and child.i > noun.i and marked:
                    return child
    return None


def _clause_range(ctx: DocContext, cue: Token, clause: Token, sent: SpacySpan) -> tuple[int, int]:
    """Characters of the reported clause: its tokens on its side of the cue."""
    if clause.i > cue.i:
        return _clause_after(ctx, cue, clause, sent)
    subject = next((c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i), None)
    last = (subject.left_edge.i if subject is not None else cue.i) - 1
    return ctx.chars(*ctx.strip(sent.start, last))


def _clause_after(ctx: DocContext, cue: Token, clause: Token, sent: SpacySpan) -> tuple[int, int]:
    """Characters of a clause after its cue, up to a second cue or the sentence's end."""
    doc = ctx.doc
    first = _first_after(cue, clause)
    last = sent.end - 1 if cue.dep_ in ("ROOT", "conj") else cue.right_edge.i
    for child in cue.children:
        if (
            child.dep_ == "conj"
            and child.i > clause.i
            and child.pos_ in ("VERB", "AUX")
            and (
                cue_lemma(child) is not None or not any(c.dep_ in SUBJECTS for c in child.children)
            )
        ):  # "said A and left" / "and added B", not "said A, but it is complex"
            last = min(last, child.left_edge.i - 1)
    while last > first and (  # "... had been targeted and [said ...]"
        doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"
    ):
        if doc[last].text in QUOTE_MARKS and _closes_inside(ctx, last, first):
            break
        last -= 1
    if doc[first].lower_ == "that" and first < last:
        first += 1
    return ctx.chars(first, last)


def _first_after(cue: Token, clause: Token) -> int:
    """The first token of ``clause``'s subtree after ``cue`` (``clause`` follows ``cue``).

    The subtree's left edge when it lies after the cue (always, in a projective parse):
    walking the subtree costs its length, and "He said He said ..." nests every clause in
    the one before, so a walk per cue was quadratic.
    """
    if clause.left_edge.i > cue.i:
        return clause.left_edge.i
    return next(t.i for t in clause.doc[cue.i + 1 :] if t == clause or governs(clause, t))


def _closes_inside(ctx: DocContext, index: int, first: int) -> bool:
    """Whether token ``index`` closes a quote opened at or after token ``first``."""
    opened = ctx.memo("opened_by_close", lambda: _opened_by_close(ctx))
    opening = opened.get(ctx.doc[index].idx)
    return opening is not None and opening >= ctx.doc[first].idx


def _opened_by_close(ctx: DocContext) -> dict[int, int]:
    """Offset of each closing mark -> the latest opening mark it closes."""
    opened: dict[int, int] = {}
    for quote in ctx.quotes:
        if quote.close is not None:
            opened[quote.close] = max(quote.open, opened.get(quote.close, quote.open))
    return opened


def _parenthetical_range(ctx: DocContext, cue: Token, sent: SpacySpan) -> tuple[int, int]:
    """The sentence around ``, he said,`` (the whole sentence when the cue is inside)."""
    cue_tokens = sorted(t.i for t in cue.subtree)
    first, last = sent.start, sent.end - 1
    if cue_tokens[-1] >= last - 1:
        last = cue_tokens[0] - 1
    return ctx.chars(*ctx.strip(first, last))
