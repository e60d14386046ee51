"""Direct quotes and who says them.

A quote is attributed by the words right after it (``"...," she said``, ``"...,"
according to X``) or right before it (``He said: "..."``, ``X is blunt: "..."``), else it
goes on from the speaker of the claim before (a continuation, resolved later). A quote in
a sentence that ends with its attribution makes that sentence an indirect claim with the
quote nested as a ``partial`` one; a short quoted phrase named by a verb (``called it "a
massacre"``) is a partial claim of the verb's subject. Pull quotes and flattened posts,
signed by a name instead of marked, are direct claims too.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .according import according_after
from .candidate import Attribution, Candidate
from .context import DocContext, strip_chars
from .hedges import cue_modality
from .lexicon import cue_forms, cues
from .pull_quotes import find_signed_lines
from .quote_marks import QUOTE_MARKS, TERMINAL, Quote, starts_sentence
from .settings import (
    AFTER_QUOTE_MAX_SPEAKER_WORDS,
    AFTER_QUOTE_WINDOW_TOKENS,
    BEFORE_CUE_MAX_SPEAKER_TOKENS,
    BEFORE_QUOTE_MAX_TAIL_WORDS,
    FREE_QUOTE_MIN_WORDS,
    INVERTED_SPEAKER_WINDOW_TOKENS,
)
from .syntax import SUBJECTS, cue_lemma, in_compound_word, noun_phrase, subject_of

PASSIVE_QUOTE = frozenset({"be", "quote", "have"})
"""Verbs allowed between a speaker and the cue: ``he was quoted as saying``."""


def quote_candidates(ctx: DocContext, quote: Quote) -> list[Candidate]:
    """The claim of a direct quote, or the sentence it ends with its attribution.

    ``Her time "was heartbreaking," she said``: the sentence up to the quote is the
    speaker's (indirect), the quote a partial claim nested in it.
    """
    text = ctx.text
    free_start = starts_sentence(text, quote.open)
    partial = Candidate(quote.start, quote.end, None, "partial", "asserted", None, quoted=True)
    after = attribution_after(ctx, quote)
    if after is not None and not free_start:
        start = strip_chars(text, ctx.sent_at(quote.open).start_char, quote.end)[0]
        hedge = cue_modality(after.lemma)
        outer = Candidate(
            start, quote.end, after.cue, "indirect", hedge, after.speaker, quoted=True
        )
        return [outer, partial]
    attribution = after or attribution_before(ctx, quote)
    if attribution is not None:
        hedge = cue_modality(attribution.lemma)
        cue, speaker = attribution.cue, attribution.speaker
        return [Candidate(quote.start, quote.end, cue, "direct", hedge, speaker, quoted=True)]
    words = len(text[quote.start : quote.end].split())
    introduced = text[: quote.open].rstrip().endswith(":")  # 'the big reveal: "..."'
    if (free_start or introduced) and words >= FREE_QUOTE_MIN_WORDS:
        return [
            Candidate(quote.start, quote.end, None, "direct", "asserted", None, True, quoted=True)
        ]
    naming = _naming_verb(ctx, quote)
    if naming is not None:
        partial.cue = (naming.idx, naming.idx + len(naming))
        partial.speaker = subject_of(naming)
    return [partial]


def signed_candidates(ctx: DocContext) -> list[Candidate]:
    """Pull quotes and flattened posts: a line of words signed by a name (no marks)."""
    found = []
    for line in find_signed_lines(ctx.text):
        name = ctx.doc.char_span(line.name_start, line.name_end, alignment_mode="expand")
        if name is None or not _names_speaker(name):
            continue
        if any(ctx.in_quote(offset) for offset in (line.start, line.end - 1)):
            continue
        found.append(
            Candidate(
                line.start, line.end, None, "direct", "asserted", name, quoted=True, signed=True
            )
        )
    return found


def attribution_after(ctx: DocContext, quote: Quote) -> Attribution | None:
    """``"...," she said`` / ``"...," said Smith, the minister``: cue and speaker after."""
    if quote.close is None:
        return None
    first = ctx.token_from(quote.close + 1)
    if first is None:
        return None
    last_char = ctx.text[quote.start : quote.end].rstrip()[-1:]
    if last_char == "." and not first.text[:1].islower():
        return None  # "... end." Smith said. is a new sentence, not an attribution
    linked = _subject_link(ctx, first) or according_after(ctx, first)
    if linked is not None:
        return linked
    doc = ctx.doc
    tokens = list(doc[first.i : min(len(doc), first.i + AFTER_QUOTE_WINDOW_TOKENS)])
    for k, token in enumerate(tokens):
        if token.text in QUOTE_MARKS or (token.text in TERMINAL and k > 0):
            return None
        if token.is_space and "\n" in token.text:
            return None  # a cue in the next paragraph speaks its own words
        if in_compound_word(token):
            continue  # "state" of "state-run"
        lemma = cue_lemma(token) or cue_forms().get(token.lower_)
        if lemma is None:
            continue
        before = [t for t in tokens[:k] if not t.is_punct]
        speaker = _speaker_between(before) if before else _speaker_after(token)
        if speaker is None:
            return None
        return Attribution((token.idx, token.idx + len(token)), speaker, lemma)
    return None


def _speaker_between(before: list[Token]) -> SpacySpan | None:
    """The speaker in the words between a closing mark and its cue (``"...," she said``).

    Args:
        before: Those words, without punctuation (at least one).
    """
    verbs = [t for t in before if t.pos_ in ("VERB", "AUX")]
    if any(t.lemma_.lower() not in PASSIVE_QUOTE for t in verbs):
        return None
    if len(before) > AFTER_QUOTE_MAX_SPEAKER_WORDS:
        return None
    if verbs:  # "he was quoted as saying"
        before = [t for t in before if t.i < verbs[0].i]
    if not before or before[0].pos_ in ("ADP", "SCONJ", "CCONJ"):
        return None  # '"..." between May and October, says' names no speaker
    return before[0].doc[before[0].i : before[-1].i + 1]


def _subject_link(ctx: DocContext, first: Token) -> Attribution | None:
    """``"...," Name, a long apposition, said``: the name is the subject of a cue."""
    doc = ctx.doc
    while first.is_punct and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    root = first
    while root.dep_ in ("compound", "flat", "amod", "det") and root.head.i > root.i:
        root = root.head
    if root.dep_ not in SUBJECTS or root.head.i < root.i:
        return None
    lemma = cue_lemma(root.head)
    if lemma is None:
        return None
    cue = root.head
    return Attribution((cue.idx, cue.idx + len(cue)), noun_phrase(root), lemma)


def _speaker_after(cue: Token) -> SpacySpan | None:
    """The speaker right after an inverted cue: ``said Smith, the minister``."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECTS and c.i > cue.i), None)
    if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(subject)
    doc = cue.doc
    words: list[Token] = []
    for token in doc[cue.i + 1 : min(cue.i + INVERTED_SPEAKER_WINDOW_TOKENS, len(doc))]:
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or token.is_space:
            break
        words.append(token)
    if not words:
        return None
    return doc[words[0].i : words[-1].i + 1]


def attribution_before(ctx: DocContext, quote: Quote) -> Attribution | None:
    """``He said: "..."``: a cue ending the text before the opening mark.

    Without a cue, a clause ending in a colon introduces its subject's words
    (``Martell, the doctor, is more blunt: "..."``); the cue is then None.
    """
    text = ctx.text
    line_start = text.rfind("\n", 0, quote.open) + 1
    sent = ctx.sent_at(quote.open)
    start = max(line_start, sent.start_char) if quote.open > sent.start_char else line_start
    cue_match = _last_cue(ctx, start, quote.open)
    if cue_match is None:
        colon = _colon_speaker(ctx, start, text[start : quote.open])
        return Attribution(None, colon, "") if colon is not None else None
    cue_start, cue_end = cue_match
    tail = text[cue_end : quote.open].strip()
    if (tail and not tail.endswith((":", ","))) or len(tail.split()) > BEFORE_QUOTE_MAX_TAIL_WORDS:
        return None
    lemma = cue_forms()[text[cue_start:cue_end].lower()]
    speaker = _parsed_subject(ctx, cue_start, line_start) or _speaker_before(ctx, start, cue_start)
    if speaker is None:
        speaker = _speaker_after_chars(ctx, cue_end, quote.open)
    if speaker is None:
        return None
    return Attribution((cue_start, cue_end), speaker, lemma)


WORD = re.compile(r"[A-Za-z]+")


def _is_cue(ctx: DocContext, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is a form of a reporting verb, not used as a noun."""
    if ctx.text[start:end].lower() not in cue_forms():
        return False
    token = ctx.token_from(start)
    return token is not None and token.pos_ != "NOUN"  # "here was the big reveal:"


def _last_cue(ctx: DocContext, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of the last word of ``text[start:end]`` (a run of letters) that is a
    cue (:func:`_is_cue`), or None.

    The document's words and cues are found once, so that each quote of a sentence of
    thousands of words does not read all the words before it; a word cut by ``start`` or
    ``end`` is judged on its part inside, as a search of the slice would.
    """
    starts, ends, cue_starts, cue_ends = ctx.memo(_CUE_WORDS, lambda: _cue_words(ctx))
    first = bisect.bisect_right(ends, start)  # the first word that ends after ``start``
    last = bisect.bisect_left(starts, end) - 1  # the last word that starts before ``end``
    if first > last:
        return None
    inside_first, inside_last = first, last
    if starts[last] < start or ends[last] > end:  # the last word is cut
        piece = max(starts[last], start), min(ends[last], end)
        if _is_cue(ctx, *piece):
            return piece
        inside_last -= 1
    if starts[first] < start:
        inside_first += 1
    if inside_first <= inside_last:
        k = bisect.bisect_right(cue_starts, starts[inside_last]) - 1
        if k >= 0 and cue_starts[k] >= starts[inside_first]:
            return cue_starts[k], cue_ends[k]
    if first < last and starts[first] < start and _is_cue(ctx, start, ends[first]):
        return start, ends[first]  # the first word, cut
    return None


_CUE_WORDS = "cue_words"


def _cue_words(ctx: DocContext) -> tuple[list[int], list[int], list[int], list[int]]:
    """The start and end of every word of the text, and of every one that is a cue."""
    starts, ends, cue_starts, cue_ends = [], [], [], []
    for word in WORD.finditer(ctx.text):
        starts.append(word.start())
        ends.append(word.end())
        if _is_cue(ctx, word.start(), word.end()):
            cue_starts.append(word.start())
            cue_ends.append(word.end())
    return starts, ends, cue_starts, cue_ends


def _colon_speaker(ctx: DocContext, start: int, lead: str) -> SpacySpan | None:
    """The named subject of a clause that ends in a colon before a quote."""
    if not lead.rstrip().endswith(":"):
        return None
    last = ctx.token_from(start + len(lead.rstrip()) - 1)
    if last is None or last.text != ":" or last.i == 0:
        return None
    verb = ctx.doc[last.i - 1]  # the parser may hang the colon on the quote's verb
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i < last.i and verb.head != verb:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.i >= last.i or ctx.in_quote(subject.idx):
        return None
    named = subject.ent_type_ in ("PERSON", "ORG") or subject.pos_ == "PROPN"
    if not named and subject.lower_ not in ("he", "she", "they"):
        return None
    return noun_phrase(subject)


def _parsed_subject(ctx: DocContext, cue_start: int, line_start: int) -> SpacySpan | None:
    """The parser's subject of a cue before a quote, when it lies on the cue's line.

    ``X joked in his turn to answer the question, "..."``: the cue "answer" shares the
    subject of "joked"; ``X did not reveal details, but said "..."`` that of "reveal".
    """
    cue = ctx.token_from(cue_start)
    if cue is None or cue.idx != cue_start:
        return None
    subject = subject_of(cue)
    if subject is None or subject.start_char < line_start or subject.end_char > cue_start:
        return None
    if ctx.in_quote(subject.start_char) or subject.root.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject


def _speaker_before(ctx: DocContext, start: int, cue_start: int) -> SpacySpan | None:
    """The words before a cue, after the last comma, dash or verb (``Smith said: "..."``)."""
    doc = ctx.doc
    span = doc.char_span(start, cue_start, alignment_mode="contract")
    if span is None or not len(span):
        return None
    tokens = list(span)
    cut = 0
    for k, token in enumerate(tokens):
        if token.text in (",", ";", "—", "–") or token.pos_ in ("VERB", "AUX", "SCONJ"):
            cut = k + 1
    tokens = [t for t in tokens[cut:] if not t.is_space]
    if not tokens or len(tokens) > BEFORE_CUE_MAX_SPEAKER_TOKENS:
        return None
    return doc[tokens[0].i : tokens[-1].i + 1]


def _speaker_after_chars(ctx: DocContext, cue_end: int, limit: int) -> SpacySpan | None:
    """The words between a cue and the opening mark (``said Smith: "..."``)."""
    doc = ctx.doc
    span = doc.char_span(cue_end, limit, alignment_mode="contract")
    if span is None or not len(span):
        return None
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or words[0].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        return None
    return doc[words[0].i : words[-1].i + 1]


def _naming_verb(ctx: DocContext, quote: Quote) -> Token | None:
    """``Authorities described it as "a massacre"``: the verb naming a quoted phrase."""
    token = ctx.token_from(quote.start)
    if token is None:
        return None
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in cues().naming_verbs and ancestor.pos_ == "VERB":
            return ancestor if not ctx.in_quote(ancestor.idx) else None
        if ancestor.dep_ in ("ROOT", "ccomp", "relcl"):
            break
    return None


def _names_speaker(name: SpacySpan) -> bool:
    """Whether a signature names someone: a person or organization, no verb, no credit."""
    if any(t.pos_ in ("VERB", "AUX") for t in name) or name.text.endswith("."):
        return False
    if name.text.lower() in cues().credit_names or (
        len(name) == 1 and name[0].ent_type_ != "PERSON"
    ):
        return False
    labels = {t.ent_type_ for t in name}
    return bool(labels & {"PERSON", "ORG"}) or all(t.pos_ == "PROPN" for t in name)
