"""Speaker resolution: the phrase naming a speaker -> a claimant of the document.

People with their role and affiliation, one person under two spellings, pronouns and role
nouns to the latest compatible speaker, capitals and countries to governments, groups,
anonymous sources, reporting nouns to their author or the latest institution. The rules
are tried in three passes: by the phrase's form (a pronoun, a government's alias, a person
already named), by its head noun (a role, a report, an owned office, a name), by the kind
of thing it names (a group, an anonymous source, an organization).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...vocab import ClaimantType
from .._base import entities_of
from .descriptions import describes_named, forces_before, named_before, source_before
from .lexicon import claimants, cues, demonyms, government_aliases
from .names import (
    POSSESSIVE,
    apposition_role,
    appositive_name,
    author_of,
    clean_name,
    describes_person,
    head_of,
    is_definite,
    name_gender,
    names_person,
    owner_of,
    person_tokens,
    side_of,
    titled_name,
    unlabelled_name,
)
from .people import latest_person, resolve_pronoun
from .quote_marks import QUOTE_MARKS
from .registry import Speaker, Speakers
from .settings import KNOWN_NAME_MAX_WORDS, ROLE_PHRASE_MAX_TOKENS
from .syntax import SUBJECTS, noun_phrase


class _Pass(Enum):
    NEXT = "next"


NEXT = _Pass.NEXT
UNATTRIBUTED = "unattributed"
"""The claimant of what unnamed reports say ("Reports suggest ...")."""
SEAT_PREPOSITIONS = frozenset({"of", "in"})
"""Prepositions of the place an office belongs to ("the ministry of X", "... in Y")."""
"""A pass's answer when its rules do not apply: the next pass decides."""
Outcome = int | None | Literal[_Pass.NEXT]


@dataclass(frozen=True)
class _Phrase:
    """A speaker phrase read once: its words, offsets, head and owner."""

    span: SpacySpan
    tokens: list[Token]
    start: int
    end: int
    text: str
    words: list[Token]
    """The tokens without determiners and possessive marks."""
    head: Token
    owner: list[Token] | None

    @classmethod
    def of(cls, span: SpacySpan) -> _Phrase | None:
        """``span`` without punctuation and a leading article or preposition; None if empty."""
        tokens = [t for t in span if not (t.is_punct or t.is_space) and t.lower_ not in QUOTE_MARKS]
        while tokens and tokens[0].dep_ in ("det", "cc", "prep") and tokens[0].lower_ != "no":
            tokens = tokens[1:]
        if not tokens:
            return None
        head = head_of(tokens)
        return cls(
            span=span,
            tokens=tokens,
            start=tokens[0].idx,
            end=tokens[-1].idx + len(tokens[-1]),
            text=span.doc[tokens[0].i : tokens[-1].i + 1].text,
            words=[t for t in tokens if t.dep_ != "det" and t.lower_ not in POSSESSIVE],
            head=head,
            owner=owner_of(tokens, head),
        )


def resolve_speaker(speakers: Speakers, span: SpacySpan) -> int | None:
    """The claimant named by ``span`` (a subject, an object of "according to").

    Args:
        speakers: The document's claimants; the claimant is added or its mention recorded.
        span: The phrase naming the speaker.

    Returns:
        The claimant's index in ``speakers``, or None when the span names nothing (then
        the caller decides).
    """
    phrase = _Phrase.of(span)
    if phrase is None:
        return None
    for rules in (_by_form, _by_head, _by_kind):
        outcome = rules(speakers, phrase)
        if outcome is not NEXT:
            return outcome
    return None


def _by_form(speakers: Speakers, phrase: _Phrase) -> Outcome:
    """A pronoun, a government's alias, or the name of a person already met."""
    tokens, start, end = phrase.tokens, phrase.start, phrase.end
    if len(tokens) == 1 and tokens[0].lower_ in cues().pronouns:
        shared = shared_subject(tokens[0])
        if shared is not None:
            return resolve_speaker(speakers, noun_phrase(shared))
        return resolve_pronoun(speakers, tokens[0])
    lower = phrase.text.lower()
    aliases = government_aliases()
    if lower in aliases or lower.removeprefix("the ") in aliases:
        name, country = aliases[lower.removeprefix("the ")]
        return speakers.add(Speaker(name, "government", side=country), start, end)
    words = phrase.words
    capitalized = all(t.pos_ == "PROPN" or t.text.istitle() for t in words)
    if words and capitalized and len(words) <= KNOWN_NAME_MAX_WORDS:
        known = speakers.person(" ".join(t.text for t in words))
        if known is not None:
            return speakers.mention(known, start, end)
    return NEXT


def shared_subject(pronoun: Token) -> Token | None:
    """The institution an "it" names when its clause joins one about it: "the army has
    not commented, but it announced ..." (the first clause's subject, a noun)."""
    if pronoun.lower_ != "it" or pronoun.dep_ not in SUBJECTS:
        return None
    verb = pronoun.head
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None:
            continue
        if subject.pos_ not in ("NOUN", "PROPN") or subject.tag_ in ("NNS", "NNPS"):
            return None
        lexicon = cues()
        institution = subject.lemma_.lower() in lexicon.state_words | lexicon.group_descriptions
        return subject if institution or subject.ent_type_ in ("ORG", "NORP") else None
    return None


def _by_head(speakers: Speakers, phrase: _Phrase) -> Outcome:
    """A named person with a role, a report, an owned office, an institution met before."""
    tokens, head, owner, start, end = (
        phrase.tokens,
        phrase.head,
        phrase.owner,
        phrase.start,
        phrase.end,
    )
    lexicon, organizations = cues(), claimants().organization_nouns
    named = appositive_name(head)
    if (
        named
        and head.pos_ == "NOUN"
        and (  # "Wise's dad, Darrin", "her agent, Jo Fritz"
            named[0].ent_type_ == "PERSON" or owner or head.lower_ in lexicon.role_nouns
        )
    ):
        return _named_person(speakers, tokens, named, start, end)
    again = source_before(speakers, phrase.span, start, end)
    if again is None:
        again = forces_before(speakers, phrase.span, start, end)
    if again is not None:
        return again
    if describes_named(phrase.span, phrase.words, head):
        found = named_before(speakers, phrase.span, start, end)
        if found is not None:
            return found
    if head.lower_ in lexicon.reporting_nouns and not names_person(tokens):
        return resolve_reporting(speakers, tokens, owner, start)
    if owner is not None and head.lower_ in organizations:
        return _owned(speakers, tokens, owner, head, start, end)
    seat = _seat(head) if head.lower_ in organizations else None
    if seat is not None:  # "the Health Ministry in X" is "X's Health Ministry"
        return _owned(speakers, tokens, seat, head, start, end)
    definite = is_definite(phrase.span)
    if definite and len(phrase.words) == 1 and head.lower_ in organizations:
        found = speakers.recent_institution(start, head.lower_)
        if found is not None:  # "The agency told ...", after TransLink spoke
            return speakers.mention(found, start, end)
    if head.pos_ == "PROPN" and _apposed_group(head):
        # "The Dalby Healers, a network of doctors, said": a name the text says is a group
        return speakers.add(Speaker(clean_name(tokens), "organization"), start, end)
    titled = titled_name(tokens)
    person = titled[1] if titled else person_tokens(tokens) or unlabelled_name(tokens)
    if person:
        return _named_person(speakers, tokens, person, start, end)
    return _by_role(speakers, phrase)


def _by_role(speakers: Speakers, phrase: _Phrase) -> Outcome:
    """A role ("the governor") or an epithet ("the new professor") of a person met before."""
    tokens, head, start, end = phrase.tokens, phrase.head, phrase.start, phrase.end
    definite = is_definite(phrase.span)
    if head.lower_ in cues().role_nouns and len(tokens) <= ROLE_PHRASE_MAX_TOKENS:
        role = " ".join(t.lower_ for t in tokens if t.dep_ != "det")
        found = speakers.holding(head.lower_) if definite or len(tokens) == 1 else None
        if found is None:
            found = speakers.latest(start, ("person",), role=head.lower_)
        if found is None and definite:
            found = latest_person(speakers, start, None, window_only=True)
        if found is not None:
            return speakers.mention(found, start, end)
        return speakers.add(Speaker(phrase.text, "person", role=role), start, end)
    if definite and head.tag_ == "NN" and describes_person(head):
        found = latest_person(speakers, start, None, window_only=True)
        if found is not None:
            return speakers.mention(found, start, end)
    return NEXT


def _by_kind(speakers: Speakers, phrase: _Phrase) -> Outcome:
    """A group, an anonymous source, a government or organization named by the NER."""
    tokens, head, start, end = phrase.tokens, phrase.head, phrase.start, phrase.end
    lexicon = cues()
    side = side_of(tokens)
    if head.lower_ in claimants().group_nouns or any(t.lower_.startswith("pro-") for t in tokens):
        return speakers.add(Speaker(clean_name(tokens), "group", side=side), start, end)
    anonymous = lexicon.anonymous_sources
    if head.lower_ in anonymous or head.lemma_.lower() in anonymous:
        return speakers.add(
            Speaker(clean_name(tokens), "anonymous", affiliation=side, side=side), start, end
        )
    ents = [
        e for e in entities_of(phrase.span) if e.start >= tokens[0].i and e.end <= tokens[-1].i + 1
    ]
    for ent in ents:
        alias = government_aliases().get(ent.text.lower().removeprefix("the "))
        if alias is not None and ent.root == head:
            return speakers.add(Speaker(alias[0], "government", side=alias[1]), start, end)
    if any(e.label_ in ("ORG", "NORP", "GPE") for e in ents) or head.pos_ == "PROPN":
        return speakers.add(Speaker(clean_name(tokens), "organization", side=side), start, end)
    if any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in tokens):  # "one of the players"
        return speakers.add(Speaker(clean_name(tokens), "anonymous", side=side), start, end)
    return None


def resolve_reporting(
    speakers: Speakers, tokens: list[Token], owner: list[Token] | None, start: int
) -> int | None:
    """A reporting noun: its owner or author ("a study by X"), else the latest institution.

    Args:
        speakers: The document's claimants.
        tokens: The phrase headed by the reporting noun ("the ministry's figures").
        owner: The phrase's possessor, if any.
        start: Where the phrase starts.
    """
    if owner:
        span = owner[0].doc[owner[0].i : owner[-1].i + 1]
        return resolve_speaker(speakers, span)
    head = head_of(tokens)
    author = author_of(head)
    if author is not None:
        found = resolve_speaker(speakers, author)
        if found is not None:
            return found
    end = tokens[-1].idx + len(tokens[-1])
    unnamed = head.lower_ in cues().unnamed_reports
    if unnamed and not any(t.dep_ in ("det", "poss") for t in tokens):
        # "Reports suggest ...", "media reports say ...": nobody's in particular, never
        # the organisation named last
        bare = all(t.pos_ == "ADJ" for t in tokens if t is not head)
        name = UNATTRIBUTED if bare else clean_name(tokens)
        return speakers.add(Speaker(name, "anonymous"), start, end)
    definite = any(t.lower_ in ("the", "that", "this") for t in tokens if t.dep_ == "det")
    # "the statement added": the statement already met, whoever made it (an army, a
    # ministry); "a report said": the latest institution
    kinds: tuple[ClaimantType, ...] = ("government", "organization")
    found = speakers.latest(start, (*kinds, "group") if definite else kinds)
    if found is None:
        return speakers.add(Speaker(clean_name(tokens), "anonymous"), start, end)
    return speakers.mention(found, start, end)


def _owned(
    speakers: Speakers,
    tokens: list[Token],
    owner: list[Token],
    head: Token,
    start: int,
    end: int,
) -> int:
    """An office of its owner: "Ukraine's defence ministry", "Smith's office"."""
    owner_index = resolve_speaker(speakers, head.doc[owner[0].i : owner[-1].i + 1])
    if owner_index is None:
        return speakers.add(Speaker(clean_name(tokens), "organization"), start, end)
    boss = speakers.entries[owner_index]
    after = owner[-1].i if owner[0].i < head.i else -1  # the owner stands after: "in X"
    rest = [
        t for t in tokens if t.i > after and t.dep_ != "det" and t.lower_ not in (*POSSESSIVE, "'")
    ]
    noun = " ".join(t.lower_ for t in rest) or head.lower_
    name = f"{boss.name}'s {noun}" if boss.type == "person" else f"{boss.name} {noun}"
    return speakers.add(
        Speaker(name, "organization", affiliation=boss.name, side=boss.side), start, end
    )


def _apposed_group(head: Token) -> bool:
    """Whether an apposition says the named ``head`` is a group ("X, a rights group")."""
    for child in head.children:
        if child.dep_ != "appos" or child.pos_ != "NOUN":
            continue
        lemma = child.lemma_.lower()
        if (
            lemma in claimants().organization_nouns
            or lemma in claimants().group_nouns
            or lemma in cues().group_descriptions
        ):
            return True
    return False


def _seat(head: Token) -> list[Token] | None:
    """The place an office is of or in ("the Health Ministry in X", "the army of Y"): the
    object of its "of" or "in" when that is a place entity or a government's alias."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in SEAT_PREPOSITIONS or prep.i < head.i:
            continue
        for place in prep.children:
            words = list(place.subtree)
            if place.dep_ == "pobj" and (
                all(t.ent_type_ == "GPE" for t in words)
                or " ".join(t.lower_ for t in words) in government_aliases()
            ):
                return words
    return None


def _named_person(
    speakers: Speakers, tokens: list[Token], person: list[Token], start: int, end: int
) -> int:
    """A person named in the phrase, with the role and side the other words give."""
    name = " ".join(t.text for t in person)
    before = [t for t in tokens if t.i < person[0].i and t.dep_ != "det"]
    role_words = [t.lower_ for t in before if t.lower_ not in demonyms() and not t.is_punct]
    role = " ".join(role_words) or apposition_role(person[-1])
    side = side_of(tokens)
    affiliation = side
    found = speakers.person(name)
    if found is not None:
        entry = speakers.entries[found]
        if len(name.split()) > len(entry.name.split()):
            entry.name = name
        entry.role = entry.role or role
        entry.side = entry.side or side
        entry.affiliation = entry.affiliation or affiliation
        return speakers.mention(found, start, end)
    speaker = Speaker(name, "person", role=role, affiliation=affiliation, side=side)
    speaker.gender = name_gender(name)
    return speakers.add(speaker, start, end)
