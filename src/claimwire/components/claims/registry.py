"""The claimants met in one document: who they are, where they are mentioned, lookups.

:class:`Speakers` is per document (built by :func:`.find.find`); the resolution of a
speaker phrase (:mod:`.speakers`) and the people and their pronouns (:mod:`.people`) add
to it and look up in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ...vocab import ClaimantType
from .hits import Claimant
from .names import Gender, first_names_agree, name_gender
from .settings import (
    GENDER_MAJORITY,
    GENDER_OVERRIDE_MIN_PRONOUNS,
    INSTITUTION_WINDOW_CHARS,
    SURNAME_SIMILARITY,
)

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "m",
    "ms": "f",
    "mrs": "f",
    "miss": "f",
    "sir": "m",
    "madam": "f",
}
GOVERNMENT_NOUNS = frozenset(
    {"government", "cabinet", "presidency", "parliament", "court", "staff", "media"}
    | {"spokesman", "spokeswoman", "spokesperson", "command", "headquarters"}
)
"""Bare nouns that keep their own resolution instead of pointing to a recent organization."""
KEY_SKIPPED_WORDS = frozenset({"the", "of", "in"})
"""Words that do not tell one claimant's name from another spelling of it."""


@dataclass
class Speaker:
    """A claimant met in the document, with its mentions so far."""

    name: str
    type: ClaimantType
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    subjects: set[int] = field(default_factory=set)
    """Starts of the mentions that are the subject of their sentence."""
    gender: Gender | None = None
    titled: bool = False
    """The gender comes from an honorific ("Ms. Smith")."""

    def freeze(self) -> Claimant:
        """The public record of this speaker."""
        return Claimant(
            self.name,
            self.type,
            self.role,
            self.affiliation,
            self.side,
            tuple(sorted(set(self.mentions))),
        )


@lru_cache(maxsize=4096)
def name_key(name: str) -> tuple[str, ...]:
    """What two spellings of one claimant's name share: its words, lower-cased, in any
    order, without articles, possessives and the "of" or "in" of a seat ("the General
    Staff of X" = "X's General Staff", "the Health Ministry in Y" = "Y's health ministry").
    """
    words = name.lower().replace("’s", " ").replace("'s", " ").split()
    return tuple(sorted(word for word in words if word not in KEY_SKIPPED_WORDS))


class Speakers:
    """The claimants of one document, each an entry referred to by its index."""

    def __init__(self) -> None:
        self.entries: list[Speaker] = []

    def add(self, speaker: Speaker, start: int, end: int) -> int:
        """Register a mention of ``speaker`` (merged with an equal one) and return its index."""
        key = name_key(speaker.name)
        for index, entry in enumerate(self.entries):
            if entry.type == speaker.type and name_key(entry.name) == key:
                entry.role = entry.role or speaker.role
                entry.affiliation = entry.affiliation or speaker.affiliation
                entry.side = entry.side or speaker.side
                return self.mention(index, start, end)
        self.entries.append(speaker)
        return self.mention(len(self.entries) - 1, start, end)

    def mention(self, index: int, start: int, end: int, *, subject: bool = True) -> int:
        """Add a mention of entry ``index`` at ``start:end`` (a subject unless told not)."""
        entry = self.entries[index]
        entry.mentions.append((start, end))
        if subject:
            entry.subjects.add(start)
        return index

    def latest(
        self, before: int, types: tuple[ClaimantType, ...], role: str | None = None
    ) -> int | None:
        """The speaker of one of ``types`` mentioned last before offset ``before``."""
        best, best_at = None, -1
        for index, entry in enumerate(self.entries):
            if entry.type not in types:
                continue
            if role is not None and not (entry.role and role in entry.role.lower()):
                continue
            at = max((s for s, _ in entry.mentions if s < before), default=-1)
            if at > best_at:
                best, best_at = index, at
        return best

    def recent_institution(self, before: int, noun: str) -> int | None:
        """The named organization a bare "the agency", "the company" points back to.

        The organization that spoke last within :data:`~.settings.INSTITUTION_WINDOW_CHARS`
        characters, when its name is a proper name (not itself a bare noun); "the
        government" and the like keep their own resolution.
        """
        if noun in GOVERNMENT_NOUNS:
            return None
        found = self.latest(before, ("organization",))
        if found is None:
            return None
        entry = self.entries[found]
        recent = max((s for s, _ in entry.mentions if s < before), default=-1)
        if before - recent > INSTITUTION_WINDOW_CHARS or not entry.name[:1].isupper():
            return None
        return found

    def holding(self, role: str) -> int | None:
        """The one named person of the document whose role holds the word ``role``.

        "The governor said", with the governor named anywhere in the article (also later:
        "Governor Jana Kovac told reporters"); None when no person or two people hold it.
        """
        found = [
            index
            for index, entry in enumerate(self.entries)
            if entry.type == "person"
            and entry.role
            and entry.name != entry.role
            and entry.name[:1].isupper()
            and role in entry.role.lower().split()
        ]
        return found[0] if len(found) == 1 else None

    def person(self, name: str) -> int | None:
        """An earlier person with the same name, or the same surname spelled alike.

        When two people share the surname, a bare surname is the first one named: the
        article's protagonist more often than the relative or namesake named later.
        """
        surname = name.split()[-1].lower()
        for index, entry in enumerate(self.entries):
            if entry.type != "person" or entry.name == entry.role:
                continue
            if entry.name.lower() == name.lower():
                return index
            other = entry.name.split()[-1].lower()
            if fuzz.ratio(surname, other) >= SURNAME_SIMILARITY and first_names_agree(
                name, entry.name
            ):
                return index
        return self._by_given_name(name)

    def _by_given_name(self, name: str) -> int | None:
        """The one earlier person whose given name is ``name`` ("Jordan" for Jordan Stewart).

        Features and family stories call people by their given name once introduced;
        a name shared by two people of the document points to neither.
        """
        if len(name.split()) != 1:
            return None
        found = [
            index
            for index, entry in enumerate(self.entries)
            if entry.type == "person"
            and len(entry.name.split()) > 1
            and entry.name.split()[0].lower() == name.lower()
        ]
        return found[0] if len(found) == 1 else None

    def name_person(self, name: str, start: int, end: int, *, honorific: str, subject: bool) -> int:
        """Register a person named in the text (not necessarily a speaker).

        Args:
            name: The person's name as written.
            start: Start of the mention.
            end: End of the mention.
            honorific: The lower-cased word before the name, without its dot ("ms").
            subject: Whether the mention is the subject of its sentence.
        """
        found = self.person(name)
        if found is None:
            self.entries.append(Speaker(name, "person"))
            found = len(self.entries) - 1
        entry = self.entries[found]
        if len(name.split()) > len(entry.name.split()):
            entry.name = name
        if honorific in HONORIFIC_GENDER and not entry.titled:
            entry.gender, entry.titled = HONORIFIC_GENDER[honorific], True
        entry.gender = entry.gender or name_gender(name)
        return self.mention(found, start, end, subject=subject)

    def learn_genders(self, votes: dict[int, Counter[Gender]]) -> None:
        """Set genders from the pronouns the document uses for each person.

        ``votes`` counts, per entry, the pronouns that follow the person where nobody else
        is named. A clear majority overrides the given-name list; an honorific ("Ms.") is
        never overridden.
        """
        for index, counts in votes.items():
            entry = self.entries[index]
            if entry.titled or not counts:
                continue
            (winner, most), *rest = counts.most_common()
            other = rest[0][1] if rest else 0
            if most >= GENDER_MAJORITY * other and (
                most >= GENDER_OVERRIDE_MIN_PRONOUNS or entry.gender is None
            ):
                entry.gender = winner
