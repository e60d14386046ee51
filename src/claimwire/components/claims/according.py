"""Claims attributed by a phrase or a publication, not a verb of saying.

- ``..., according to X`` / ``According to X, ...`` / ``..., citing X`` (form
  ``according_to``), and the same phrase right after a quote;
- ``X issued a statement`` / ``X delivered a list``: a reporting noun published by someone
  (form ``reported``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .._base import sentence_of
from .._view import token_lowers
from .candidate import Attribution, Candidate
from .context import DocContext
from .lexicon import CuePhrase, claimants, cues
from .quote_marks import QUOTE_MARKS
from .settings import ACCORDING_SIDE_MIN_TOKENS
from .syntax import SUBJECTS, antecedent, noun_phrase, shows_only

SOURCE_STOPS = frozenset({"that", "who"})
"""Words that end the source named after ``according to``."""


def according_candidates(ctx: DocContext) -> list[Candidate]:
    """``..., according to X`` / ``According to X, ...`` / ``..., citing X``."""
    doc = ctx.doc
    found = []
    words = token_lowers(doc)
    for phrase in cues().phrases:
        parts = phrase.text.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] != parts or ctx.in_quote(doc[i].idx):
                continue
            candidate = _according_candidate(ctx, i, i + len(parts), phrase)
            if candidate is not None:
                found.append(candidate)
    return found


def _according_candidate(
    ctx: DocContext, first: int, after: int, phrase: CuePhrase
) -> Candidate | None:
    """The claim of the phrase at tokens ``first:after``: the side of the sentence it leaves."""
    doc = ctx.doc
    sent = sentence_of(doc[first])
    words = source_words(ctx, after, sent.end)
    if not words or (phrase.text == "citing" and not _names_a_source(words)):
        return None
    if shows_only(_last_noun(words)):
        return None  # "according to satellite images": grounds, not a source
    claimant = doc[words[0].i : words[-1].i + 1]
    phrase_end = words[-1].i
    before, after_phrase = first - sent.start, sent.end - 1 - phrase_end
    if before >= ACCORDING_SIDE_MIN_TOKENS and after_phrase >= ACCORDING_SIDE_MIN_TOKENS:
        lo, hi = sent.start, sent.end - 1  # "X, according to Y, did Z": the sentence
    elif before >= ACCORDING_SIDE_MIN_TOKENS:
        lo, hi = sent.start, first - 1
    else:
        lo, hi = phrase_end + 1, sent.end - 1
    lo, hi = ctx.strip(lo, hi)
    if hi <= lo:
        return None
    start, end = ctx.chars(lo, hi)
    cue = ctx.chars(first, after - 1)
    return Candidate(start, end, cue, phrase.form, phrase.modality, claimant)


def _last_noun(words: list[Token]) -> Token:
    """The head of a source phrase: its last noun (the phrase's last word if none)."""
    return next((t for t in reversed(words) if t.pos_ in ("NOUN", "PROPN")), words[-1])


def _names_a_source(words: list[Token]) -> bool:
    """Whether what follows "citing" names a source ("citing local officials", "citing
    Reuters"), not the grounds of a claim ("citing executions and looting")."""
    lexicon, names = cues(), claimants()
    known = (
        lexicon.anonymous_sources
        | lexicon.role_nouns
        | frozenset(lexicon.reporting_nouns)
        | names.organization_nouns
        | names.group_nouns
        | lexicon.group_descriptions
    )
    return any(
        t.pos_ == "PROPN"
        or t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
        or t.lower_ in known
        or t.lemma_.lower() in known
        for t in words
    )


def source_words(ctx: DocContext, start: int, stop: int) -> list[Token]:
    """The words naming the source after an ``according to``-like phrase."""
    words: list[Token] = []
    for token in ctx.doc[start:stop]:
        ends = token.is_punct or token.pos_ in ("VERB", "AUX") or token.lower_ in SOURCE_STOPS
        if ends and not (token.text in ("'s", "’s") or token.pos_ == "PART"):
            break
        words.append(token)
    return words


def according_after(ctx: DocContext, first: Token) -> Attribution | None:
    """``"...," according to Dr. Smith, a family doctor``: a phrase cue after the quote."""
    doc = ctx.doc
    while first.is_punct and first.text not in QUOTE_MARKS and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    for phrase in cues().phrases:
        parts = phrase.text.split()
        end = first.i + len(parts)
        if end >= len(doc) or [t.lower_ for t in doc[first.i : end]] != parts:
            continue
        words = source_words(ctx, end, sentence_of(doc[first.i]).end)
        if not words:
            return None
        cue = ctx.chars(first.i, end - 1)
        return Attribution(cue, doc[words[0].i : words[-1].i + 1], phrase.text)
    return None


def published_candidate(ctx: DocContext, verb: Token) -> Candidate | None:
    """``X issued a statement`` / ``X delivered a list``: a reported claim of X."""
    reporting = cues().reporting_nouns
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in reporting), None)
    if obj is None:
        obj = _estimate_object(verb)
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if obj is None or subject is None:
        return None
    sent = sentence_of(verb)
    first = sent.start
    last = ctx.strip_end(first, sent.end - 1)
    start, end = ctx.chars(first, last)
    modality = reporting.get(obj.lower_, "reported")  # "put the number at": reported
    speaker = noun_phrase(subject)
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        speaker = noun_phrase(antecedent(verb))  # "an official, ..., who gave a toll of 15"
    return Candidate(start, end, (verb.idx, obj.idx + len(obj)), "reported", modality, speaker)


def _estimate_object(verb: Token) -> Token | None:
    """``put the number of dead at 15``: the object a source sets at a number."""
    if verb.lemma_.lower() != "put" or not any(
        c.dep_ == "prep" and c.lower_ == "at" for c in verb.children
    ):
        return None
    objects = cues().estimate_objects
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in objects), None)
