"""The people of an article, for claims: who is named, and whom a pronoun points to.

Speaker resolution needs every person named outside quotes (not only the speakers), so
that "he said" can point back to them, and the gender the article gives them. The NER's
persons are registered, with the bare surnames it mislabels as places; each person's
gender is learnt from the pronouns the article uses for them. A pronoun then points to the
person just introduced, else to the latest compatible subject or person named.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...vocab import ClaimantType
from .._base import sentence_of
from .captions import inside
from .context import DocContext
from .lexicon import cues, demonyms, government_aliases
from .names import Gender, name_tokens, titled_name
from .registry import Speakers
from .settings import CREDIT_LOOKAHEAD_CHARS, PRONOUN_WINDOW_CHARS, UNLABELLED_NAME_MAX_WORDS
from .syntax import SUBJECTS, cue_lemma

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
GROUP_TYPES: tuple[ClaimantType, ...] = ("group", "government", "organization", "anonymous")
"""Claimants a plural pronoun ("they") can point to."""
INSTITUTION_TYPES: tuple[ClaimantType, ...] = ("government", "organization", "group")
"""Claimants "it" can point to."""

Named = tuple[SpacySpan, int, bool]
"""A person's mention: the entity, the person's entry, whether it is a subject."""


def register_people(ctx: DocContext, speakers: Speakers, captions: list[tuple[int, int]]) -> None:
    """Register every person named outside quotes and captions; learn their gender.

    Args:
        ctx: The document.
        speakers: The document's claimants, filled in place.
        captions: Character ranges of lines outside the story (captions, kickers).
    """
    named: list[Named] = []
    text = ctx.text
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or ctx.in_quote(ent.start_char):
            continue
        tokens = name_tokens(list(ent))
        if not tokens or ent.text.lower() in government_aliases():
            continue
        if inside(ent.start_char, captions) or _in_parentheses(text, ent.start_char):
            continue
        if text[ent.end_char : ent.end_char + CREDIT_LOOKAHEAD_CHARS].strip().startswith("/"):
            continue  # a photo credit, "Jane Roe / The Agency"
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        subject = ent.root.dep_ in SUBJECTS
        name = " ".join(t.text for t in tokens)
        honorific = tokens[0].nbor(-1).lower_.rstrip(".") if tokens[0].i > 0 else ""
        index = speakers.name_person(name, start, end, honorific=honorific, subject=subject)
        named.append((ent, index, subject))
    named.extend(_titled(ctx, speakers, captions))
    named.extend(_mislabelled(ctx, speakers, captions))
    named.sort(key=lambda item: item[0].start)
    votes = _votes_near_names(ctx, named)
    _add_votes_of_speakers(ctx, named, votes)
    speakers.learn_genders(votes)


def _titled(ctx: DocContext, speakers: Speakers, captions: list[tuple[int, int]]) -> list[Named]:
    """People named after a title ("Governor Jana Kovac"), with the title as their role.

    The small model often labels such a name an organization or a place, or leaves it
    unlabelled; the title says it is a person, and "the governor" later points back to them.
    """
    found = []
    doc = ctx.doc
    for title in doc:
        if not title.text[:1].isupper() or ctx.in_quote(title.idx) or inside(title.idx, captions):
            continue
        end = title.i + 1
        while (
            end < len(doc)
            and end - title.i <= UNLABELLED_NAME_MAX_WORDS
            and doc[end].pos_ == "PROPN"
        ):
            end += 1
        titled = titled_name(list(doc[title.i : end]))
        if titled is None or titled[1][0].i != title.i + 1:
            continue
        role, tokens = titled
        start, stop = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        subject = tokens[-1].dep_ in SUBJECTS
        name = " ".join(t.text for t in tokens)
        index = speakers.name_person(
            name, start, stop, honorific=title.lower_.rstrip("."), subject=subject
        )
        entry = speakers.entries[index]
        entry.role = entry.role or role
        found.append((doc[tokens[0].i : tokens[-1].i + 1], index, subject))
    return found


def _mislabelled(
    ctx: DocContext, speakers: Speakers, captions: list[tuple[int, int]]
) -> list[Named]:
    """Surnames of people already named that the NER labelled a place or organization.

    The small model often tags a bare surname ("Bardos looked down") GPE or ORG; when
    it is the surname of a person named elsewhere in the article, it is that person.
    """
    surnames: dict[str, int] = {}
    for index, entry in enumerate(speakers.entries):
        if entry.type == "person" and len(entry.name.split()) > 1:
            surnames.setdefault(entry.name.split()[-1].lower(), index)
    found = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ("GPE", "ORG", "NORP", "LOC") or len(ent) != 1:
            continue
        person = surnames.get(ent.text.lower())
        if person is None or ctx.in_quote(ent.start_char) or ent.text.lower() in demonyms():
            continue
        if ent.text.lower() in government_aliases() or inside(ent.start_char, captions):
            continue
        subject = ent.root.dep_ in SUBJECTS
        speakers.mention(person, ent.start_char, ent.end_char, subject=subject)
        found.append((ent, person, subject))
    return found


def _votes_near_names(ctx: DocContext, named: list[Named]) -> dict[int, Counter[Gender]]:
    """Pronouns the text uses for each person, where that person is the only one named.

    In a sentence whose one named person is its subject, the pronouns after the name
    and, when the next sentence names nobody, that sentence's subject pronoun are
    counted for the person ("Lopez said she ...", "Lopez runs the shop. She ...").
    """
    by_sentence: dict[int, list[Named]] = {}
    for mention in named:
        by_sentence.setdefault(ctx.sent_index(mention[0].start_char), []).append(mention)
    votes: dict[int, Counter[Gender]] = {}
    for k, mentions in by_sentence.items():
        people = {index for _, index, _ in mentions}
        if len(people) != 1 or not any(subject for _, _, subject in mentions):
            continue
        index = people.pop()
        after = ctx.doc[mentions[0][0].end : ctx.sents[k].end]
        pronouns = [t for t in after if t.lower_ in PRONOUN_GENDER and not ctx.in_quote(t.idx)]
        if k + 1 < len(ctx.sents) and k + 1 not in by_sentence:
            pronouns += [
                t
                for t in ctx.sents[k + 1]
                if t.lower_ in ("he", "she") and t.dep_ in SUBJECTS and not ctx.in_quote(t.idx)
            ][:1]
        if pronouns:
            counts = votes.setdefault(index, Counter())
            counts.update(PRONOUN_GENDER[t.lower_] for t in pronouns)
    return votes


def _add_votes_of_speakers(
    ctx: DocContext, named: list[Named], votes: dict[int, Counter[Gender]]
) -> None:
    """Count the subject pronoun of what a named speaker says, whoever else is named.

    ``Before he met Cerato, Bardos said he would waver``: "he" is Bardos.
    """
    for ent, index, subject in named:
        verb = ent.root.head
        if not subject or cue_lemma(verb) is None:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.i < verb.i:
                continue
            said = [c for c in clause.children if c.dep_ in SUBJECTS and c.lower_ in ("he", "she")]
            if said and not ctx.in_quote(said[0].idx):
                votes.setdefault(index, Counter())[PRONOUN_GENDER[said[0].lower_]] += 1


def _in_parentheses(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.rfind("(", line_start, offset) > text.rfind(")", line_start, offset)


# ---------------------------------------------------------------- pronouns


def resolve_pronoun(speakers: Speakers, token: Token) -> int | None:
    """The claimant a pronoun points to (and its mention added), or None."""
    kind = cues().pronouns[token.lower_]
    at = token.idx
    if kind == "person":
        gender = PRONOUN_GENDER.get(token.lower_)
        found = _local_person(speakers, token, gender)
        if found is None:
            found = latest_person(speakers, at, gender)
        if found is not None and gender and speakers.entries[found].gender is None:
            speakers.entries[found].gender = gender
    elif kind == "plural":
        found = speakers.latest(at, GROUP_TYPES)
    else:
        found = speakers.latest(at, INSTITUTION_TYPES)
    if found is None:
        return None
    return speakers.mention(found, at, at + len(token))


def latest_person(
    speakers: Speakers, before: int, gender: Gender | None, *, window_only: bool = False
) -> int | None:
    """The person a pronoun at ``before`` points to.

    The last person who was the subject of a sentence in the preceding
    :data:`~.settings.PRONOUN_WINDOW_CHARS` characters, else (unless ``window_only``) the
    last person named; people known to be of the other gender (from honorifics or earlier
    pronouns) are skipped.
    """
    subject: tuple[int, int] | None = None
    named: tuple[int, int] | None = None
    for index, entry in enumerate(speakers.entries):
        if entry.type != "person" or (gender and entry.gender and entry.gender != gender):
            continue
        for start, _ in entry.mentions:
            if start >= before:
                continue
            if named is None or start > named[0]:
                named = (start, index)
            recent = before - start <= PRONOUN_WINDOW_CHARS
            if recent and start in entry.subjects and (subject is None or start > subject[0]):
                subject = (start, index)
    chosen = subject if window_only else subject or named
    return chosen[1] if chosen else None


def _local_person(speakers: Speakers, pronoun: Token, gender: Gender | None) -> int | None:
    """The one person named in the pronoun's sentence before it or in the sentence before.

    ``... for accountant Jo Bell, 50. "I had a membership," he says``: a person just
    introduced, whatever their role in the sentence, is who the next pronoun means.
    """
    sent = sentence_of(pronoun)
    start = sent.start_char
    if sent.start > 0:
        start = sentence_of(pronoun.doc[sent.start - 1]).start_char
    found = set()
    for index, entry in enumerate(speakers.entries):
        if entry.type != "person" or entry.name == entry.role:
            continue
        if any(start <= s < pronoun.idx for s, _ in entry.mentions):
            found.add(index)
    if len(found) != 1:
        return None
    index = found.pop()
    other = speakers.entries[index].gender
    return index if not (gender and other and other != gender) else None
