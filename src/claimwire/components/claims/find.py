"""``claimwire_claims_v1``: who says what, how sure they sound, and where sources disagree.

Attribution in the forms news uses, each a :class:`ClaimHit` with character offsets:

- direct quotes, found on the characters (straight and curly marks mixed, quotes across
  line breaks, a quote that never closes and ends at its paragraph, a paragraph that opens
  a new quote mark continuing the speaker's quote), attributed by the words right after
  the quote (``"...," she said``) or right before it (``He said: "..."``), else to the
  speaker of the claim just before (form ``direct``);
- indirect speech from the parse: a cue verb with a clausal complement, its subject the
  speaker (``indirect``), or a parenthetical cue (``..., he said, ...``); quotes inside the
  content are ``partial`` claims nested in it;
- ``according to X`` and ``citing X`` (``according_to``), reporting nouns as speakers
  ("the latest figures said") or published by someone ("X issued a statement")
  (``reported``);
- sentences nobody is said to say that carry a number or an event verb: the outlet's own
  claims (``outlet``).

Speakers are resolved by :class:`Speakers`: people with their role and affiliation, one
person under two spellings, pronouns and role nouns to the latest compatible speaker,
capitals and countries to governments, groups, anonymous sources, reporting nouns to the
latest institution. Hedges come from the cue (claimed, denied, negated) and from markers
in the sentence ("reportedly") or in the next one ("If true, ..."). Claims by different
claimants about the same referent with opposite polarity are linked both ways.

Vocabulary lives in ``resources/claims_cues.json`` and ``resources/claimants.json``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .._base import doc_text, ensure_extension, store_hits
from .lexicon import (
    claimant_lexicon,
    cue_forms,
    cues,
    demonyms,
    government_aliases,
    inflections,
    word_sets,
)
from .contradictions import Contradiction, link_contradictions
from .people import People
from .pull_quotes import find_signed_lines
from .quote_marks import QUOTE_MARKS, TERMINAL, Quote, find_quotes, starts_sentence
from .speakers import (
    Claimant,
    Speakers,
    names_person,
    owner_of,
)

__all__ = [
    "EXTENSION",
    "FACTORY",
    "HEDGE_ORDER",
    "QUOTE_MARKS",
    "SPAN_KEY",
    "ClaimHit",
    "Claimant",
    "Claims",
    "Contradiction",
    "claim_for_offset",
    "claimant_lexicon",
    "cue_forms",
    "cues",
    "demonyms",
    "find",
    "find_quotes",
    "government_aliases",
    "inflections",
    "word_sets",
]

SPAN_KEY = "claimwire.claims"
EXTENSION = "claimwire_claims"
FACTORY = "claimwire_claims_v1"

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
HEDGE_ORDER = ("asserted", "reported", "claimed", "unconfirmed", "conditional", "denied", "negated")
ADVERBIAL_MARKS = frozenset(
    {"as", "while", "when", "after", "before", "because", "if", "since", "until", "though", "to"}
)
CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
CAPTION = re.compile(r"^[^\n]*\(\s*[^()\n/]{2,60}/[^()\n/]{2,60}\)[ \t]*$", re.MULTILINE)
LEFT_STOPS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "PRON", "CCONJ"})
PASSIVE_QUOTE = frozenset({"be", "quote", "have"})
STOPS = frozenset({"that", "who"})


@dataclass(frozen=True)
class ClaimHit:
    """One claim: content offsets, cue offsets, form, hedge, claimant, contradictions.

    ``start``/``end`` delimit the content (without quote marks); ``cue_start``/``cue_end``
    the cue ("said", "according to") or None; ``parent`` is the id of the claim a partial
    quote sits in; ``speaker_start``/``speaker_end`` the phrase naming the speaker here
    ("he", "Regional governor X"), None when the speaker is carried over or the outlet.
    """

    id: str
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    form: str
    hedge: str
    claimant: Claimant
    contradicts: tuple[str, ...] = ()
    reasons: tuple[Contradiction, ...] = ()
    parent: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


# --------------------------------------------------------------------------- finding


@dataclass
class _Candidate:
    """An attribution found in pass one, its speaker phrase not yet resolved."""

    start: int
    end: int
    cue: tuple[int, int] | None
    form: str
    hedge: str
    speaker: SpacySpan | None
    continuation: bool = False
    quoted: bool = False
    resolved: int | None = None
    parent: _Candidate | None = None
    reporting: bool = False
    signed: bool = False  # a pull quote or post, set apart from the flow of the text


class _Finder:
    """Finds the claims of one document (see :func:`find`)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.sents = list(doc.sents)
        self.sent_starts = [sent.start_char for sent in self.sents]
        self.token_starts = [token.idx for token in doc]
        self.quotes = find_quotes(self.text)
        self.quote_starts = [quote.start for quote in self.quotes]
        self.speakers = Speakers()
        self.lexicon = word_sets()
        self.forms = cue_forms()

    # ---- helpers

    def sent_at(self, offset: int) -> SpacySpan:
        """The sentence holding character ``offset``."""
        index = max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)
        return self.sents[index]

    def sent_index(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside the content of a direct quote."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and offset < self.quotes[index].end

    def token_from(self, offset: int) -> Token | None:
        """The first non-space token starting at or after ``offset``."""
        index = bisect.bisect_left(self.token_starts, offset)
        while index < len(self.doc) and self.doc[index].is_space:
            index += 1
        return self.doc[index] if index < len(self.doc) else None

    def cue_lemma(self, token: Token) -> str | None:
        """The reporting-verb lemma of ``token``, or None when it is not a cue verb."""
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in (
            "VBD",
            "VBZ",
            "VBP",
            "VBG",
            "VBN",
            "VB",
        ):
            return None
        if token.lemma_.lower() in cues()["verbs"]:
            return token.lemma_.lower()
        return self.forms.get(token.lower_)

    # ---- pass one

    def candidates(self) -> list[_Candidate]:
        """Every attribution of the document, speakers still as phrases."""
        found: list[_Candidate] = []
        for quote in self.quotes:
            found.extend(self.quote_candidates(quote))
        for token in self.doc:
            if self.in_quote(token.idx):
                continue
            lemma = self.cue_lemma(token)
            if lemma is not None:
                candidate = self.speech_candidate(token, lemma)
                if candidate is not None and not _overlaps_quote_claim(candidate, found):
                    found.append(candidate)
            elif token.lemma_.lower() in self.lexicon["publishing"]:
                candidate = self.published_candidate(token)
                if candidate is not None:
                    found.append(candidate)
        found.extend(c for c in self.according_candidates() if not _overlaps_quote_claim(c, found))
        found.extend(c for c in self.signed_candidates() if not _overlaps_quote_claim(c, found))
        return found

    def signed_candidates(self) -> list[_Candidate]:
        """Pull quotes and flattened posts: a line of words signed by a name (no marks)."""
        found = []
        for line in find_signed_lines(self.text):
            name = self.doc.char_span(line.name_start, line.name_end, alignment_mode="expand")
            if name is None or not _names_speaker(name):
                continue
            if any(self.in_quote(offset) for offset in (line.start, line.end - 1)):
                continue
            found.append(
                _Candidate(
                    line.start, line.end, None, "direct", "asserted", name, quoted=True, signed=True
                )
            )
        return found

    def quote_candidates(self, quote: Quote) -> list[_Candidate]:
        """The claim of a direct quote, or the sentence it ends with its attribution.

        ``Her time "was heartbreaking," she said``: the sentence up to the quote is the
        speaker's (indirect), the quote a partial claim nested in it.
        """
        free_start = starts_sentence(self.text, quote.open)
        partial = _Candidate(quote.start, quote.end, None, "partial", "asserted", None, quoted=True)
        after = self.attribution_after(quote)
        if after is not None and not free_start:
            cue, speaker, lemma = after
            start = _strip_range(self.text, self.sent_at(quote.open).start_char, quote.end)[0]
            hedge = cue_modality(lemma)
            outer = _Candidate(start, quote.end, cue, "indirect", hedge, speaker, quoted=True)
            return [outer, partial]
        attribution = after or self.attribution_before(quote)
        if attribution is not None:
            found_cue, speaker, lemma = attribution
            hedge = cue_modality(lemma)
            return [
                _Candidate(quote.start, quote.end, found_cue, "direct", hedge, speaker, quoted=True)
            ]
        words = len(self.text[quote.start : quote.end].split())
        introduced = self.text[: quote.open].rstrip().endswith(":")  # 'the big reveal: "..."'
        if (free_start or introduced) and words >= 4:
            return [
                _Candidate(
                    quote.start, quote.end, None, "direct", "asserted", None, True, quoted=True
                )
            ]
        naming = self.naming_verb(quote)
        if naming is not None:
            partial.cue = (naming.idx, naming.idx + len(naming))
            partial.speaker = self.subject_of(naming)
        return [partial]

    def naming_verb(self, quote: Quote) -> Token | None:
        """``Authorities described it as "a massacre"``: the verb naming a quoted phrase."""
        token = self.token_from(quote.start)
        if token is None:
            return None
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in self.lexicon["naming"] and ancestor.pos_ == "VERB":
                return ancestor if not self.in_quote(ancestor.idx) else None
            if ancestor.dep_ in ("ROOT", "ccomp", "relcl"):
                break
        return None

    def attribution_after(self, quote: Quote) -> tuple[tuple[int, int], SpacySpan, str] | None:
        """``"...," she said`` / ``"...," said Smith, the minister``: cue and speaker after."""
        if quote.close is None:
            return None
        first = self.token_from(quote.close + 1)
        if first is None:
            return None
        last_char = self.text[quote.start : quote.end].rstrip()[-1:]
        if last_char == "." and not first.text[:1].islower():
            return None  # "... end." Smith said. is a new sentence, not an attribution
        linked = self.subject_link(first) or self.according_after(first)
        if linked is not None:
            return linked
        tokens = [t for t in self.doc[first.i : min(len(self.doc), first.i + 12)]]
        for k, token in enumerate(tokens):
            if token.text in QUOTE_MARKS or (token.text in TERMINAL and k > 0):
                return None
            lemma = self.cue_lemma(token) or self.forms.get(token.lower_)
            if lemma is None:
                continue
            before = [t for t in tokens[:k] if not t.is_punct]
            if before:
                verbs = [t for t in before if t.pos_ in ("VERB", "AUX")]
                if any(t.lemma_.lower() not in PASSIVE_QUOTE for t in verbs) or len(before) > 8:
                    return None
                if verbs:  # "he was quoted as saying"
                    before = [t for t in before if t.i < verbs[0].i]
                if not before or before[0].pos_ in ("ADP", "SCONJ", "CCONJ"):
                    return None  # '"..." between May and October, says' names no speaker
                speaker = self.doc[before[0].i : before[-1].i + 1]
            else:
                inverted = self._speaker_after(token)
                if inverted is None:
                    return None
                speaker = inverted
            return (token.idx, token.idx + len(token)), speaker, lemma
        return None

    def subject_link(self, first: Token) -> tuple[tuple[int, int], SpacySpan, str] | None:
        """``"...," Name, a long apposition, said``: the name is the subject of a cue."""
        while first.is_punct and first.i + 1 < len(self.doc):
            first = self.doc[first.i + 1]
        root = first
        while root.dep_ in ("compound", "flat", "amod", "det") and root.head.i > root.i:
            root = root.head
        if root.dep_ not in SUBJECTS or root.head.i < root.i:
            return None
        lemma = self.cue_lemma(root.head)
        if lemma is None:
            return None
        cue = root.head
        return (cue.idx, cue.idx + len(cue)), self.phrase(root), lemma

    def according_after(self, first: Token) -> tuple[tuple[int, int], SpacySpan, str] | None:
        """``"...," according to Dr. Smith, a family doctor``: a phrase cue after the quote."""
        while first.is_punct and first.text not in QUOTE_MARKS and first.i + 1 < len(self.doc):
            first = self.doc[first.i + 1]
        for phrase in cues()["phrases"]:
            parts = phrase["text"].split()
            end = first.i + len(parts)
            if end >= len(self.doc) or [t.lower_ for t in self.doc[first.i : end]] != parts:
                continue
            words = self.according_words(end, self.doc[first.i].sent.end)
            if not words:
                return None
            cue = (first.idx, self.doc[end - 1].idx + len(self.doc[end - 1]))
            return cue, self.doc[words[0].i : words[-1].i + 1], phrase["text"]
        return None

    def according_words(self, start: int, stop: int) -> list[Token]:
        """The words naming the source after an ``according to``-like phrase."""
        words: list[Token] = []
        for token in self.doc[start:stop]:
            ends = token.is_punct or token.pos_ in ("VERB", "AUX") or token.lower_ in STOPS
            if ends and not (token.text in ("'s", "’s") or token.pos_ == "PART"):
                break
            words.append(token)
        return words

    def _speaker_after(self, cue: Token) -> SpacySpan | None:
        """The speaker right after an inverted cue: ``said Smith, the minister``."""
        subject = next((c for c in cue.children if c.dep_ in SUBJECTS and c.i > cue.i), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return self.phrase(subject)
        words: list[Token] = []
        for token in self.doc[cue.i + 1 : min(cue.i + 10, len(self.doc))]:
            if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or token.is_space:
                break
            words.append(token)
        if not words:
            return None
        return self.doc[words[0].i : words[-1].i + 1]

    def attribution_before(
        self, quote: Quote
    ) -> tuple[tuple[int, int] | None, SpacySpan, str] | None:
        """``He said: "..."``: a cue ending the text before the opening mark.

        Without a cue, a clause ending in a colon introduces its subject's words
        (``Martell, the doctor, is more blunt: "..."``); the cue is then None.
        """
        line_start = self.text.rfind("\n", 0, quote.open) + 1
        sent = self.sent_at(quote.open)
        start = max(line_start, sent.start_char) if quote.open > sent.start_char else line_start
        lead = self.text[start : quote.open]
        cue_match = None
        for word in re.finditer(r"[A-Za-z]+", lead):
            if word.group(0).lower() in self.forms:
                token = self.token_from(start + word.start())
                if token is not None and token.pos_ != "NOUN":  # "here was the big reveal:"
                    cue_match = word
        if cue_match is None:
            colon = self.colon_speaker(start, lead)
            return (None, colon, "") if colon is not None else None
        tail = lead[cue_match.end() :].strip()
        if (tail and not tail.endswith((":", ","))) or len(tail.split()) > 6:
            return None
        cue_start = start + cue_match.start()
        cue_end = start + cue_match.end()
        lemma = self.forms[cue_match.group(0).lower()]
        speaker = self._parsed_subject(cue_start, line_start) or self._speaker_before(
            start, cue_start
        )
        if speaker is None:
            speaker = self._speaker_after_char(cue_end, quote.open)
        if speaker is None:
            return None
        return (cue_start, cue_end), speaker, lemma

    def colon_speaker(self, start: int, lead: str) -> SpacySpan | None:
        """The named subject of a clause that ends in a colon before a quote."""
        if not lead.rstrip().endswith(":"):
            return None
        last = self.token_from(start + len(lead.rstrip()) - 1)
        if last is None or last.text != ":" or last.i == 0:
            return None
        verb = self.doc[last.i - 1]  # the parser may hang the colon on the quote's verb
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i < last.i and verb.head != verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.i >= last.i or self.in_quote(subject.idx):
            return None
        named = subject.ent_type_ in ("PERSON", "ORG") or subject.pos_ == "PROPN"
        if not named and subject.lower_ not in ("he", "she", "they"):
            return None
        return self.phrase(subject)

    def _parsed_subject(self, cue_start: int, line_start: int) -> SpacySpan | None:
        """The parser's subject of a cue before a quote, when it lies on the cue's line.

        ``X joked in his turn to answer the question, "..."``: the cue "answer" shares the
        subject of "joked"; ``X did not reveal details, but said "..."`` that of "reveal".
        """
        cue = self.token_from(cue_start)
        if cue is None or cue.idx != cue_start:
            return None
        subject = self.subject_of(cue)
        if subject is None or subject.start_char < line_start or subject.end_char > cue_start:
            return None
        if self.in_quote(subject.start_char) or subject.root.pos_ not in ("NOUN", "PROPN"):
            return None
        return subject

    def _speaker_before(self, start: int, cue_start: int) -> SpacySpan | None:
        span = self.doc.char_span(start, cue_start, alignment_mode="contract")
        if span is None or not len(span):
            return None
        tokens = list(span)
        cut = 0
        for k, token in enumerate(tokens):
            if token.text in (",", ";", "—", "–") or token.pos_ in ("VERB", "AUX", "SCONJ"):
                cut = k + 1
        tokens = [t for t in tokens[cut:] if not t.is_space]
        if not tokens or len(tokens) > 10:
            return None
        return self.doc[tokens[0].i : tokens[-1].i + 1]

    def _speaker_after_char(self, cue_end: int, limit: int) -> SpacySpan | None:
        span = self.doc.char_span(cue_end, limit, alignment_mode="contract")
        if span is None or not len(span):
            return None
        words = [t for t in span if not t.is_punct and not t.is_space]
        if not words or words[0].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            return None
        return self.doc[words[0].i : words[-1].i + 1]

    def speech_candidate(self, token: Token, lemma: str) -> _Candidate | None:
        """Indirect speech: a cue verb with a clause, or a parenthetical ``, he said,``."""
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        # "In the report ..., Sinclair said the board had failed": the clause after the cue
        later = [c for c in clauses if c.i > token.i and _finite(c)]
        clause = later[0] if later else clauses[0] if clauses else None
        if clause is None and lemma in ("deny", "admit", "confirm", "report", "recall"):
            clause = next(
                (c for c in token.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None
            )
        if clause is None:
            clause = self.clause_of_statement(token)
        if any(
            c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lower_ == "to") for c in token.children
        ):
            return None  # "was told he had months to live", "to expect": no speaker here
        subject = self.subject_of(token)
        if subject is None:
            return None
        hedge = cues()["verbs"][lemma]
        if any(c.dep_ == "neg" for c in token.children):
            hedge = "negated"
        cue = (token.idx, token.idx + len(token))
        sent = token.sent
        if clause is not None:
            if any(
                c.dep_ == "dobj" and c.lower_ in self.lexicon["not_objects"] for c in token.children
            ):
                return None
            start, end = self.clause_range(token, clause, sent)
        elif token.dep_ == "parataxis" and lemma not in self.lexicon["not_parenthetical"]:
            start, end = self.parenthetical_range(token, sent)
        elif (loose := self.loose_clause(token, lemma)) is not None:
            start, end = self.clause_range(token, loose, sent)
        elif (misparsed := self.object_clause(token)) is not None:
            start, end = misparsed
        else:
            return None
        if end <= start:
            return None
        end = self.through_quotes(start, end)
        head = subject.root
        reporting = head.lower_ in self.lexicon["reporting"] and not names_person(list(subject))
        form = "reported" if reporting else "indirect"
        return _Candidate(start, end, cue, form, hedge, subject, reporting=reporting)

    def through_quotes(self, start: int, end: int) -> int:
        """Extend a content end to the end of a quote opened inside the content."""
        for quote in self.quotes:
            if start <= quote.open < end < quote.end:
                end = quote.end
        return end

    def loose_clause(self, cue: Token, lemma: str) -> Token | None:
        """A clause the parser did not label ccomp: ``said having X back was a boost``."""
        if lemma in self.lexicon["not_parenthetical"] or cue.dep_ not in ("ROOT", "conj"):
            return None
        if any(c.dep_ == "dobj" and c.lower_ in self.lexicon["not_objects"] for c in cue.children):
            return None
        for child in cue.rights:
            if child.dep_ in ("xcomp", "dep", "advcl") and child.pos_ in ("VERB", "AUX"):
                marks = [
                    c
                    for c in child.children
                    if c.dep_ in ("mark", "advmod", "aux") and c.i < child.i
                ]
                if not any(m.lower_ in ADVERBIAL_MARKS for m in marks):
                    return child
        return None

    def object_clause(self, cue: Token) -> tuple[int, int] | None:
        """``X said unemployment and lost earnings have ...`` parsed as an object.

        The parser sometimes reads the subject of the reported clause as the object of
        "say" and the clause's verb as something else. "Say" takes no noun object but a
        few ("said goodbye", ``not_cue_objects``): when a tensed verb follows the object
        in the sentence, the clause runs from the object to the end of the sentence.
        """
        if cue.lemma_.lower() != "say":
            return None
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        if obj.lower_ in self.lexicon["not_objects"] or obj.left_edge.i != cue.i + 1:
            return None
        sent = cue.sent
        finite = ("VBD", "VBZ", "VBP", "MD")
        if not any(t.tag_ in finite for t in self.doc[obj.i + 1 : sent.end]):
            return None
        first, last = obj.left_edge.i, sent.end - 1
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def clause_of_statement(self, cue: Token) -> Token | None:
        """``said in a statement that ...``: the clause the parser hung on the noun."""
        for prep in cue.children:
            if prep.dep_ != "prep" or prep.i < cue.i:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lower_ not in self.lexicon["reporting"]:
                    continue
                for child in noun.children:
                    marked = any(c.lower_ == "that" for c in child.children)
                    if child.dep_ in ("ccomp", "acl", "relcl") and child.i > noun.i and marked:
                        return child
        return None

    def subject_of(self, token: Token) -> SpacySpan | None:
        """The speaker phrase of a cue verb: its subject, or the subject it shares."""
        current = token
        for _ in range(3):
            subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
            if subject is not None:
                if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                    return self.phrase(current.head)
                return self.phrase(subject)
            if current.dep_ in CLIMB and current.head != current:
                current = current.head if current.head.dep_ != "prep" else current.head.head
                continue
            return self.left_name(token) if token.dep_ == "ROOT" else None
        return None

    def left_name(self, cue: Token) -> SpacySpan | None:
        """A name right before a cue the parser gave no subject ("... Josh Doe told").

        The parser sometimes even cuts the name off into a sentence of its own.
        """
        if cue.i == 0:
            return None
        last = self.doc[cue.i - 1]
        if last.ent_type_ != "PERSON" and last.pos_ != "PROPN":
            return None
        first = cue.i - 1
        while first > 0 and cue.i - first < 10:
            before = self.doc[first - 1]
            if before.is_punct or before.is_space or before.pos_ in LEFT_STOPS:
                break
            first -= 1
        return self.doc[first : cue.i]

    def phrase(self, token: Token) -> SpacySpan:
        """The noun phrase of ``token`` without relative clauses, appositions or clauses."""
        cut = {"relcl", "acl", "appos", "punct", "advcl", "ccomp", "cc", "conj", "prep"}
        keep = {token.i}
        for child in token.children:
            if child.dep_ in cut and not (child.dep_ == "prep" and child.i < token.i):
                continue
            keep.update(t.i for t in child.subtree)
        for child in token.children:  # "figures from the ministry", "a spokesman for X"
            if (
                child.dep_ == "prep"
                and child.i > token.i
                and child.lower_ in ("of", "for", "from", "at")
            ):
                keep.update(t.i for t in child.subtree)
        left, right = min(keep), max(keep)
        while right > left and self.doc[right].is_punct:
            right -= 1
        while left < right and self.doc[left].is_punct:
            left += 1
        return self.doc[left : right + 1]

    def clause_range(self, cue: Token, clause: Token, sent: SpacySpan) -> tuple[int, int]:
        """Characters of the reported clause: its tokens on its side of the cue."""
        if clause.i > cue.i:
            tokens = [t for t in clause.subtree if t.i > cue.i]
            first = min(t.i for t in tokens)
            last = sent.end - 1 if cue.dep_ in ("ROOT", "conj") else cue.right_edge.i
            for child in cue.children:
                if (
                    child.dep_ == "conj"
                    and child.i > clause.i
                    and child.pos_ in ("VERB", "AUX")
                    and (
                        self.cue_lemma(child) is not None
                        or not any(c.dep_ in SUBJECTS for c in child.children)
                    )
                ):  # "said A and left" / "and added B", not "said A, but it is complex"
                    last = min(last, child.left_edge.i - 1)
            while last > first and (  # "... had been targeted and [said ...]"
                self.doc[last].is_punct or self.doc[last].is_space or self.doc[last].dep_ == "cc"
            ):
                if self.doc[last].text in QUOTE_MARKS and self._closes_inside(last, first):
                    break
                last -= 1
            if self.doc[first].lower_ == "that" and first < last:
                first += 1
            return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])
        subject = next((c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i), None)
        first = sent.start
        last = (subject.left_edge.i if subject is not None else cue.i) - 1
        while first < last and (self.doc[first].is_punct or self.doc[first].is_space):
            first += 1
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def _closes_inside(self, index: int, first: int) -> bool:
        offset = self.doc[index].idx
        return any(q.close == offset and q.open >= self.doc[first].idx for q in self.quotes)

    def parenthetical_range(self, cue: Token, sent: SpacySpan) -> tuple[int, int]:
        """The sentence around ``, he said,`` (the whole sentence when the cue is inside)."""
        cue_tokens = sorted(t.i for t in cue.subtree)
        first, last = sent.start, sent.end - 1
        if cue_tokens[-1] >= last - 1:
            last = cue_tokens[0] - 1
        while first < last and (self.doc[first].is_punct or self.doc[first].is_space):
            first += 1
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def published_candidate(self, verb: Token) -> _Candidate | None:
        """``X issued a statement`` / ``X delivered a list``: a reported claim of X."""
        obj = next(
            (
                c
                for c in verb.children
                if c.dep_ == "dobj" and c.lower_ in self.lexicon["reporting"]
            ),
            None,
        )
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if obj is None or subject is None:
            return None
        sent = verb.sent
        first, last = sent.start, sent.end - 1
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        modality = cues()["reporting_nouns"].get(obj.lower_, "reported")
        return _Candidate(
            self.doc[first].idx,
            self.doc[last].idx + len(self.doc[last]),
            (verb.idx, obj.idx + len(obj)),
            "reported",
            modality,
            self.phrase(subject),
        )

    def according_candidates(self) -> list[_Candidate]:
        """``..., according to X`` / ``According to X, ...`` / ``..., citing X``."""
        found = []
        words = [t.lower_ for t in self.doc]
        for phrase in cues()["phrases"]:
            parts = phrase["text"].split()
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] != parts or self.in_quote(self.doc[i].idx):
                    continue
                candidate = self.according_candidate(i, i + len(parts), phrase)
                if candidate is not None:
                    found.append(candidate)
        return found

    def according_candidate(
        self, first: int, after: int, phrase: dict[str, str]
    ) -> _Candidate | None:
        sent = self.doc[first].sent
        words = self.according_words(after, sent.end)
        if not words:
            return None
        claimant = self.doc[words[0].i : words[-1].i + 1]
        phrase_end = words[-1].i
        before, after_phrase = first - sent.start, sent.end - 1 - phrase_end
        if before > 2 and after_phrase > 2:
            lo, hi = sent.start, sent.end - 1  # "X, according to Y, did Z": the sentence
        elif before > 2:
            lo, hi = sent.start, first - 1
        else:
            lo, hi = phrase_end + 1, sent.end - 1
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi > lo and (self.doc[hi].is_punct or self.doc[hi].is_space):
            hi -= 1
        if hi <= lo:
            return None
        return _Candidate(
            self.doc[lo].idx,
            self.doc[hi].idx + len(self.doc[hi]),
            (self.doc[first].idx, self.doc[after - 1].idx + len(self.doc[after - 1])),
            phrase["form"],
            phrase["modality"],
            claimant,
        )

    # ---- pass two

    def run(self) -> list[ClaimHit]:
        """Find, resolve, hedge, number and link the claims of the document."""
        captions = caption_lines(self.text)
        found = [c for c in self.candidates() if not _inside(c.start, captions)]
        found.sort(key=lambda c: (c.start, -c.end))
        found = self.nest(found)
        self.resolve(found)
        found = [
            c
            for c in found
            if c.form != "partial" or c.parent is not None or c.resolved is not None
        ]
        found.extend(self.outlet_candidates(found))
        found.sort(key=lambda c: (c.start, -c.end))
        self.apply_hedges(found)
        return self.number(found)

    def nest(self, found: list[_Candidate]) -> list[_Candidate]:
        """Attach partial quotes to the claim they sit in; drop unattached ones later."""
        for candidate in found:
            if candidate.form != "partial":
                continue
            for outer in found:
                if outer is candidate or outer.form == "partial":
                    continue
                if outer.start <= candidate.start and candidate.end <= outer.end:
                    candidate.parent = outer
                    candidate.speaker = outer.speaker
                    candidate.cue = outer.cue
                    candidate.hedge = outer.hedge
                    break
        return found

    def resolve(self, found: list[_Candidate]) -> None:
        """Resolve speaker phrases to claimants, in the order the speakers are mentioned."""
        People(self.doc, self.speakers, self.in_quote, self.cue_lemma).register(
            caption_lines(self.text)
        )
        for k in sorted(range(len(found)), key=lambda k: _mentioned_at(found[k])):
            candidate = found[k]
            if candidate.speaker is not None and candidate.parent is None:
                if candidate.reporting:
                    candidate.resolved = self.speakers._reporting(
                        list(candidate.speaker),
                        owner_of(list(candidate.speaker), candidate.speaker.root),
                        candidate.speaker.start_char,
                    )
                else:
                    candidate.resolved = self.speakers.resolve(candidate.speaker)
        for k in sorted(range(len(found)), key=lambda k: found[k].start):
            candidate = found[k]
            if candidate.parent is not None:
                candidate.resolved = candidate.parent.resolved
            elif candidate.continuation:
                self.continue_quote(found, candidate)

    def continue_quote(self, found: list[_Candidate], candidate: _Candidate) -> None:
        """Give a quote going on the speaker of the closest earlier attributed claim.

        A quote that follows a quote in the same paragraph (``"A," said X. "B."``) belongs
        to the same attribution: it takes that attribution's cue and speaker phrase too.
        """
        best = self.previous_speaker(found, candidate)
        if best is None:
            return
        candidate.resolved = best.resolved
        if best.quoted and "\n" not in self.text[best.end : candidate.start]:
            candidate.cue = best.cue
            candidate.speaker = best.speaker
            candidate.hedge = best.hedge

    def previous_speaker(self, found: list[_Candidate], candidate: _Candidate) -> _Candidate | None:
        """The closest earlier attributed claim (whose speaker a quote going on takes)."""
        best: _Candidate | None = None
        for other in found:
            if other is candidate or other.resolved is None or other.start >= candidate.start:
                continue
            if other.signed:  # a pull quote repeats a quote out of the flow of the text
                continue
            if best is None or other.start > best.start:
                best = other
        if best is None or candidate.start - best.end > 1500:
            return None
        return best

    def outlet_candidates(self, found: list[_Candidate]) -> list[_Candidate]:
        """The outlet's own claims: unattributed sentences with a number or an event verb."""
        numbers = {s.start_char for s in self.doc.spans.get("claimwire.numbers", [])}
        covered = [(c.start, c.end) for c in found if c.resolved is not None or c.form == "direct"]
        covered += [(q.open, q.end) for q in self.quotes]
        covered += caption_lines(self.text)
        extra = []
        for sent in self.sents:
            start, end = _strip_range(self.text, sent.start_char, sent.end_char)
            if end - start < 3 or _covered(start, end, covered):
                continue
            has_number = any(start <= n < end for n in numbers) or any(
                t.like_num and t.ent_type_ in ("CARDINAL", "PERCENT", "QUANTITY", "MONEY")
                for t in sent
            )
            has_event = any(
                t.lemma_.lower() in self.lexicon["event_verbs"] and t.pos_ == "VERB" for t in sent
            )
            if has_number or has_event:
                extra.append(_Candidate(start, end, None, "outlet", "asserted", None))
        return extra

    def apply_hedges(self, found: list[_Candidate]) -> None:
        """Hedge markers: in the claim's sentence, or opening the next one ("If true")."""
        by_sentence: dict[int, list[_Candidate]] = {}
        for candidate in found:
            by_sentence.setdefault(self.sent_index(candidate.start), []).append(candidate)
        markers = {marker["text"]: marker for marker in cues()["hedges"]}
        for match in hedge_pattern().finditer(self.text.lower()):
            if self.in_quote(match.start()):
                continue
            marker = markers[match.group(0)]
            index = self.sent_index(match.start())
            sent = self.sents[index]
            at = match.start() - sent.start_char
            lower = self.text[sent.start_char : match.start()].lower()
            own = by_sentence.get(index, [])
            previous = by_sentence.get(index - 1, []) if index else []
            scope = marker["scope"]
            if scope == "previous" and at >= 0 and len(lower.split()) <= 2:
                targets = previous + [c for c in own if c.form == "outlet"]
            elif scope == "previous_or_sentence":
                attributed = [c for c in own if c.form != "outlet"]
                targets = attributed or previous or own
            elif scope == "sentence":
                targets = own
            else:
                continue
            for candidate in targets:
                candidate.hedge = _stronger(candidate.hedge, marker["modality"])

    def number(self, found: list[_Candidate]) -> list[ClaimHit]:
        """Give ids in text order, freeze claimants, link contradictions."""
        ids = {id(c): f"c{k + 1}" for k, c in enumerate(found)}
        claimants = [speaker.freeze() for speaker in self.speakers.entries]
        outlet = Claimant(_outlet_name(self.doc), "outlet")
        unknown = Claimant("unidentified", "anonymous")
        hits = []
        for candidate in found:
            if candidate.form == "outlet":
                claimant = outlet
            elif candidate.resolved is None:
                claimant = unknown
            else:
                claimant = claimants[candidate.resolved]
            parent = ids.get(id(candidate.parent)) if candidate.parent is not None else None
            cue = candidate.cue
            phrase = candidate.speaker if candidate.parent is None else None
            hits.append(
                ClaimHit(
                    ids[id(candidate)],
                    candidate.start,
                    candidate.end,
                    cue[0] if cue else None,
                    cue[1] if cue else None,
                    candidate.form,
                    candidate.hedge,
                    claimant,
                    parent=parent,
                    speaker_start=phrase.start_char if phrase is not None else None,
                    speaker_end=phrase.end_char if phrase is not None else None,
                )
            )
        return link_contradictions(self.doc, hits)


def cue_modality(cue: str) -> str:
    """The modality of a cue verb lemma or cue phrase ("claim" -> claimed)."""
    verbs: dict[str, str] = cues()["verbs"]
    if cue in verbs:
        return verbs[cue]
    phrases = {phrase["text"]: phrase["modality"] for phrase in cues()["phrases"]}
    return str(phrases.get(cue, "asserted"))


def _finite(clause: Token) -> bool:
    """A clause with a tensed verb ("the board had failed"), not "eyes welling up"."""
    finite = ("VBD", "VBZ", "VBP", "MD")
    return clause.tag_ in finite or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in finite for c in clause.children
    )


def _names_speaker(name: SpacySpan) -> bool:
    """Whether a signature names someone: a person or organization, no verb, no credit."""
    if any(t.pos_ in ("VERB", "AUX") for t in name) or name.text.endswith("."):
        return False
    if name.text.lower() in word_sets()["credits"] or (
        len(name) == 1 and name[0].ent_type_ != "PERSON"
    ):
        return False
    labels = {t.ent_type_ for t in name}
    return bool(labels & {"PERSON", "ORG"}) or all(t.pos_ == "PROPN" for t in name)


def _mentioned_at(candidate: _Candidate) -> int:
    """Where a candidate's speaker is named (its content start when not named)."""
    return candidate.speaker.start_char if candidate.speaker is not None else candidate.start


def _overlaps_quote_claim(candidate: _Candidate, found: list[_Candidate]) -> bool:
    """A parse claim repeating an attributed direct quote (same content) is dropped."""
    for other in found:
        if not other.quoted or other.form == "partial":
            continue
        overlap = min(other.end, candidate.end) - max(other.start, candidate.start)
        if overlap > 0.5 * min(other.end - other.start, candidate.end - candidate.start):
            return True
    return False


def caption_lines(text: str) -> list[tuple[int, int]]:
    """Lines outside the story: photo captions and kicker lines.

    A caption ends with a credit, "(Name/Agency)", and repeats the story; a kicker line,
    "READ MORE: ...", "WATCH: ...", links to another story.
    """
    found = [match.span() for match in CAPTION.finditer(text)]
    found += [match.span() for match in kicker_pattern().finditer(text)]
    return sorted(found)


@lru_cache(maxsize=1)
def kicker_pattern() -> re.Pattern[str]:
    """A line opened by a kicker label of the lexicon and a colon."""
    labels = sorted(cues()["kicker_labels"], key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"^[ \t]*(?:{alternatives})[ \t]*:[^\n]*$", re.IGNORECASE | re.MULTILINE)


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _covered(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether a third or more of ``start:end`` lies in claims already found."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in ranges)
    return inside >= (end - start) / 3


@lru_cache(maxsize=1)
def hedge_pattern() -> re.Pattern[str]:
    """One pattern matching every hedge marker of the lexicon, longest first."""
    texts = sorted((marker["text"] for marker in cues()["hedges"]), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in texts) + r")(?!\w)")


def _stronger(current: str, marker: str) -> str:
    return max(current, marker, key=HEDGE_ORDER.index)


def _outlet_name(doc: Doc) -> str:
    outlet = doc.user_data.get("claimwire.outlet")
    return str(outlet) if outlet else "outlet"


# --------------------------------------------------------------------------- public API


def find(doc: Doc) -> list[ClaimHit]:
    """Every claim of ``doc``, in text order, ids ``c1``..``cN``.

    Args:
        doc: A parsed document (tagger, parser and NER have run).

    Returns:
        The claims, with character offsets into ``doc.text``.
    """
    return _Finder(doc).run()


def claim_for_offset(hits: list[ClaimHit], offset: int) -> ClaimHit | None:
    """The innermost claim whose content covers character ``offset``, or None.

    Args:
        hits: Claims of one document (``doc._.claimwire_claims``).
        offset: A character offset into the document text (a figure, an event trigger).

    Returns:
        The covering claim with the shortest content, or None.
    """
    covering = [hit for hit in hits if hit.start <= offset < hit.end]
    return min(covering, key=lambda hit: hit.end - hit.start, default=None)


class Claims:
    """Finds claims and stores them in ``doc._.claimwire_claims`` and ``doc.spans``."""

    def __init__(self, name: str = FACTORY) -> None:
        self.name = name
        ensure_extension(EXTENSION)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[ClaimHit]) -> None:
        """Store the claims as the Doc extension and as spans labelled by form."""
        store_hits(doc, found, extension=EXTENSION, span_key=SPAN_KEY, label=lambda hit: hit.form)


@Language.factory(
    FACTORY,
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
)
def make_claims(nlp: Language, name: str) -> Claims:
    """Create the claims component (spaCy factory ``claimwire_claims_v1``)."""
    return Claims(name)
