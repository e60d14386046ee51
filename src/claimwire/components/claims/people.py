"""The people of an article, for claims: who is named, and which pronouns they take.

Speaker resolution needs every person named outside quotes (not only the speakers), so
that "he said" can point back to them, and the gender the article gives them. The NER's
persons are registered, with the bare surnames it mislabels as places; each person's
gender is learnt from the pronouns the article uses for them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .._base import doc_text
from .lexicon import demonyms, government_aliases
from .speakers import PRONOUN_GENDER, Speakers, name_tokens

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


class People:
    """Registers the people of ``doc`` in ``speakers``.

    Args:
        doc: The parsed document.
        speakers: The document's claimants, filled in place.
        in_quote: Whether a character offset lies inside a direct quote.
        cue_lemma: The reporting-verb lemma of a token, or None.
    """

    def __init__(
        self,
        doc: Doc,
        speakers: Speakers,
        in_quote: Callable[[int], bool],
        cue_lemma: Callable[[Token], str | None],
    ) -> None:
        self.doc = doc
        self.speakers = speakers
        self.in_quote = in_quote
        self.cue_lemma = cue_lemma
        self.sents = list(doc.sents)
        self.sent_starts = [sent.start_char for sent in self.sents]

    def sent_index(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def register(self, captions: list[tuple[int, int]]) -> None:
        """Register every person named outside quotes and captions; learn their gender.

        Args:
            captions: Character ranges of lines outside the story (captions, kickers).
        """
        named: list[tuple[SpacySpan, int, bool]] = []
        text = doc_text(self.doc)
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or self.in_quote(ent.start_char):
                continue
            tokens = name_tokens(list(ent))
            if not tokens or ent.text.lower() in government_aliases():
                continue
            if _inside(ent.start_char, captions) or _in_parentheses(text, ent.start_char):
                continue
            if text[ent.end_char : ent.end_char + 3].strip().startswith("/"):
                continue  # a photo credit, "Jane Roe / The Agency"
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            subject = ent.root.dep_ in SUBJECTS
            index = self.speakers.name_person(tokens, start, end, subject=subject)
            named.append((ent, index, subject))
        named.extend(self.mislabelled(captions))
        named.sort(key=lambda item: item[0].start)
        self.speakers.learn_genders(self.gender_votes(named))

    def mislabelled(self, captions: list[tuple[int, int]]) -> list[tuple[SpacySpan, int, bool]]:
        """Surnames of people already named that the NER labelled a place or organization.

        The small model often tags a bare surname ("Bardos looked down") GPE or ORG; when
        it is the surname of a person named elsewhere in the article, it is that person.
        """
        surnames: dict[str, int] = {}
        for index, entry in enumerate(self.speakers.entries):
            if entry.type == "person" and len(entry.name.split()) > 1:
                surnames.setdefault(entry.name.split()[-1].lower(), index)
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "ORG", "NORP", "LOC") or len(ent) != 1:
                continue
            person = surnames.get(ent.text.lower())
            if person is None or self.in_quote(ent.start_char) or ent.text.lower() in demonyms():
                continue
            if ent.text.lower() in government_aliases() or _inside(ent.start_char, captions):
                continue
            subject = ent.root.dep_ in SUBJECTS
            self.speakers.mention(person, ent.start_char, ent.end_char, subject=subject)
            found.append((ent, person, subject))
        return found

    def gender_votes(self, named: list[tuple[SpacySpan, int, bool]]) -> dict[int, Counter[str]]:
        """Pronouns the text uses for each person, where that person is the only one named.

        In a sentence whose one named person is its subject, the pronouns after the name
        and, when the next sentence names nobody, that sentence's subject pronoun are
        counted for the person ("Lopez said she ...", "Lopez runs the shop. She ...");
        so is the subject pronoun of what a named speaker says, whoever else is named
        ("Before he met Cerato, Bardos said he ...").
        """
        by_sentence: dict[int, list[tuple[SpacySpan, int, bool]]] = {}
        for ent, index, subject in named:
            by_sentence.setdefault(self.sent_index(ent.start_char), []).append(
                (ent, index, subject)
            )
        votes: dict[int, Counter[str]] = {}
        for k, mentions in by_sentence.items():
            people = {index for _, index, _ in mentions}
            if len(people) != 1 or not any(subject for _, _, subject in mentions):
                continue
            index = people.pop()
            after = self.doc[mentions[0][0].end : self.sents[k].end]
            pronouns = [t for t in after if t.lower_ in PRONOUN_GENDER and not self.in_quote(t.idx)]
            if k + 1 < len(self.sents) and k + 1 not in by_sentence:
                pronouns += [
                    t
                    for t in self.sents[k + 1]
                    if t.lower_ in ("he", "she") and t.dep_ in SUBJECTS and not self.in_quote(t.idx)
                ][:1]
            if pronouns:
                counts = votes.setdefault(index, Counter())
                counts.update(PRONOUN_GENDER[t.lower_] for t in pronouns)
        for ent, index, subject in named:  # "Bardos said he would waver", others named or not
            verb = ent.root.head
            if not subject or self.cue_lemma(verb) is None:
                continue
            for clause in verb.children:
                if clause.dep_ != "ccomp" or clause.i < verb.i:
                    continue
                said = [
                    c for c in clause.children if c.dep_ in SUBJECTS and c.lower_ in ("he", "she")
                ]
                if said and not self.in_quote(said[0].idx):
                    votes.setdefault(index, Counter())[PRONOUN_GENDER[said[0].lower_]] += 1
        return votes


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _in_parentheses(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.rfind("(", line_start, offset) > text.rfind(")", line_start, offset)
