"""Speaker resolution for claims: the phrase naming a speaker -> a claimant of the document.

People with their role and affiliation, one person under two spellings, pronouns and role
nouns to the latest compatible speaker, capitals and countries to governments, groups,
anonymous sources, reporting nouns to the latest institution.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import claimant_lexicon, cues, demonyms, government_aliases, word_sets
from .quote_marks import QUOTE_MARKS

PRONOUN_WINDOW = 600
GOVERNMENT_NOUNS = frozenset(
    {"government", "cabinet", "presidency", "parliament", "court", "staff", "media"}
    | {"spokesman", "spokeswoman", "spokesperson", "command", "headquarters"}
)
PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
HONORIFIC_GENDER = {"mr": "m", "ms": "f", "mrs": "f", "miss": "f", "sir": "m", "madam": "f"}
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee")


@dataclass(frozen=True)
class Claimant:
    """Who makes a claim: canonical name, kind, role, affiliation, side and mentions."""

    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass
class Speaker:
    """A claimant met in the document, with its mentions so far."""

    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    subjects: set[int] = field(default_factory=set)
    gender: str | None = None
    titled: bool = False  # the gender comes from an honorific ("Ms. Smith")

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


class Speakers:
    """Resolves the phrase naming a speaker to a claimant of the document."""

    def __init__(self) -> None:
        self.entries: list[Speaker] = []

    def add(self, speaker: Speaker, start: int, end: int) -> int:
        """Register a mention of ``speaker`` (merged with an equal one) and return its index."""
        for index, entry in enumerate(self.entries):
            if entry.name.lower() == speaker.name.lower() and entry.type == speaker.type:
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

    def latest_person(
        self, before: int, gender: str | None, *, window_only: bool = False
    ) -> int | None:
        """The person a pronoun at ``before`` points to.

        The last person who was the subject of a sentence in the preceding
        :data:`PRONOUN_WINDOW` characters, else the last person named; people known to be
        of the other gender (from honorifics or earlier pronouns) are skipped.
        """
        subject: tuple[int, int] | None = None
        named: tuple[int, int] | None = None
        for index, entry in enumerate(self.entries):
            if entry.type != "person" or (gender and entry.gender and entry.gender != gender):
                continue
            for start, _ in entry.mentions:
                if start >= before:
                    continue
                if named is None or start > named[0]:
                    named = (start, index)
                recent = before - start <= PRONOUN_WINDOW
                if recent and start in entry.subjects and (subject is None or start > subject[0]):
                    subject = (start, index)
        chosen = subject if window_only else subject or named
        return chosen[1] if chosen else None

    def local_person(self, pronoun: Token, gender: str | None) -> int | None:
        """The one person named in the pronoun's sentence before it or in the sentence before.

        ``... for accountant Jo Bell, 50. "I had a membership," he says``: a person just
        introduced, whatever their role in the sentence, is who the next pronoun means.
        """
        sent = pronoun.sent
        start = sent.start_char
        if sent.start > 0:
            start = pronoun.doc[sent.start - 1].sent.start_char
        found = set()
        for index, entry in enumerate(self.entries):
            if entry.type != "person" or entry.name == entry.role:
                continue
            if any(start <= s < pronoun.idx for s, _ in entry.mentions):
                found.add(index)
        if len(found) != 1:
            return None
        index = found.pop()
        other = self.entries[index].gender
        return index if not (gender and other and other != gender) else None

    def recent_institution(self, before: int, noun: str) -> int | None:
        """The named organization a bare "the agency", "the company" points back to.

        The organization that spoke last within :data:`PRONOUN_WINDOW` characters twice
        over, when its name is a proper name (not itself a bare noun); "the government"
        and the like keep their own resolution.
        """
        if noun in GOVERNMENT_NOUNS:
            return None
        found = self.latest(before, ("organization",))
        if found is None:
            return None
        entry = self.entries[found]
        recent = max((s for s, _ in entry.mentions if s < before), default=-1)
        if before - recent > 2 * PRONOUN_WINDOW or not entry.name[:1].isupper():
            return None
        return found

    def latest(self, before: int, types: tuple[str, ...], role: str | None = None) -> int | None:
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
            if fuzz.ratio(surname, other) >= 85 and _first_names_agree(name, entry.name):
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

    def resolve(self, span: SpacySpan) -> int | None:
        """The claimant named by ``span`` (a subject, an object of "according to").

        Returns None when the span names nothing (then the caller decides).
        """
        tokens = [t for t in span if not (t.is_punct or t.is_space) and t.lower_ not in QUOTE_MARKS]
        while tokens and tokens[0].dep_ in ("det", "cc", "prep") and tokens[0].lower_ != "no":
            tokens = tokens[1:]
        if not tokens:
            return None
        doc = span.doc
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        lower = text.lower()
        lexicon = word_sets()
        if len(tokens) == 1 and tokens[0].lower_ in cues()["pronouns"]:
            return self._pronoun(tokens[0])
        if lower in government_aliases() or lower.removeprefix("the ") in government_aliases():
            name, country = government_aliases()[lower.removeprefix("the ")]
            return self.add(Speaker(name, "government", side=country), start, end)
        words = [t for t in tokens if t.dep_ != "det" and t.lower_ not in ("'s", "’s")]
        if words and all(t.pos_ == "PROPN" or t.text.istitle() for t in words) and len(words) <= 3:
            known = self.person(" ".join(t.text for t in words))
            if known is not None:
                return self.mention(known, start, end)
        head = _head(tokens)
        owner = owner_of(tokens, head)
        named = _appositive_name(head)
        if (
            named
            and head.pos_ == "NOUN"
            and (  # "Wise's dad, Darrin", "her agent, Jo Fritz"
                named[0].ent_type_ == "PERSON" or owner or head.lower_ in lexicon["roles"]
            )
        ):
            return self._named_person(tokens, named, start, end)
        if head.lower_ in lexicon["reporting"] and not names_person(tokens):
            return self._reporting(tokens, owner, start)
        if owner is not None and head.lower_ in lexicon["organizations"]:
            return self._owned(tokens, owner, head, start, end)
        if _definite(span) and len(words) == 1 and head.lower_ in lexicon["organizations"]:
            found = self.recent_institution(start, head.lower_)
            if found is not None:  # "The agency told ...", after TransLink spoke
                return self.mention(found, start, end)
        person = _person_tokens(tokens) or _unlabelled_name(tokens)
        if person:
            return self._named_person(tokens, person, start, end)
        if head.lower_ in lexicon["roles"] and len(tokens) <= 3:
            role = " ".join(t.lower_ for t in tokens if t.dep_ != "det")
            found = self.latest(start, ("person",), role=head.lower_)
            if found is None and _definite(span):
                found = self.latest_person(start, None, window_only=True)
            if found is not None:
                return self.mention(found, start, end)
            return self.add(Speaker(text, "person", role=role), start, end)
        if _definite(span) and head.tag_ == "NN" and _describes_person(head):
            found = self.latest_person(start, None, window_only=True)
            if found is not None:
                return self.mention(found, start, end)
        side = _side(tokens)
        if head.lower_ in lexicon["groups"] or any(t.lower_.startswith("pro-") for t in tokens):
            return self.add(Speaker(_clean_name(tokens), "group", side=side), start, end)
        if head.lower_ in lexicon["anonymous"] or head.lemma_.lower() in lexicon["anonymous"]:
            affiliation = side
            return self.add(
                Speaker(_clean_name(tokens), "anonymous", affiliation=affiliation, side=side),
                start,
                end,
            )
        ents = [e for e in span.ents if e.start >= tokens[0].i and e.end <= tokens[-1].i + 1]
        for ent in ents:
            alias = government_aliases().get(ent.text.lower().removeprefix("the "))
            if alias is not None and ent.root == head:
                return self.add(Speaker(alias[0], "government", side=alias[1]), start, end)
        if any(e.label_ in ("ORG", "NORP", "GPE") for e in ents) or head.pos_ == "PROPN":
            return self.add(Speaker(_clean_name(tokens), "organization", side=side), start, end)
        if any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in tokens):  # "one of the players"
            return self.add(Speaker(_clean_name(tokens), "anonymous", side=side), start, end)
        return None

    def _pronoun(self, token: Token) -> int | None:
        kind = cues()["pronouns"][token.lower_]
        at = token.idx
        if kind == "person":
            gender = PRONOUN_GENDER.get(token.lower_)
            found = self.local_person(token, gender)
            if found is None:
                found = self.latest_person(at, gender)
            if found is not None and gender and self.entries[found].gender is None:
                self.entries[found].gender = gender
        elif kind == "plural":
            found = self.latest(at, ("group", "government", "organization", "anonymous"))
        else:
            found = self.latest(at, ("government", "organization", "group"))
        if found is None:
            return None
        return self.mention(found, at, at + len(token))

    def _reporting(self, tokens: list[Token], owner: list[Token] | None, start: int) -> int | None:
        """A reporting noun: its owner or author ("a study by X"), else the latest institution."""
        if owner:
            span = owner[0].doc[owner[0].i : owner[-1].i + 1]
            return self.resolve(span)
        author = _author(_head(tokens))
        if author is not None:
            found = self.resolve(author)
            if found is not None:
                return found
        found = self.latest(start, ("government", "organization"))
        if found is None:
            end = tokens[-1].idx + len(tokens[-1])
            return self.add(Speaker(_clean_name(tokens), "anonymous"), start, end)
        return self.mention(found, start, tokens[-1].idx + len(tokens[-1]))

    def _owned(
        self, tokens: list[Token], owner: list[Token], head: Token, start: int, end: int
    ) -> int | None:
        doc = head.doc
        owner_index = self.resolve(doc[owner[0].i : owner[-1].i + 1])
        if owner_index is None:
            return self.add(Speaker(_clean_name(tokens), "organization"), start, end)
        boss = self.entries[owner_index]
        rest = [t for t in tokens if t.i > owner[-1].i and t.lower_ not in ("'s", "’s", "'")]
        noun = " ".join(t.lower_ for t in rest) or head.lower_
        name = f"{boss.name}'s {noun}" if boss.type == "person" else f"{boss.name} {noun}"
        return self.add(
            Speaker(name, "organization", affiliation=boss.name, side=boss.side), start, end
        )

    def name_person(self, person: list[Token], start: int, end: int, *, subject: bool) -> int:
        """Register a person named in the text (not necessarily a speaker)."""
        name = " ".join(t.text for t in person)
        found = self.person(name)
        if found is None:
            self.entries.append(Speaker(name, "person"))
            found = len(self.entries) - 1
        entry = self.entries[found]
        if len(name.split()) > len(entry.name.split()):
            entry.name = name
        previous = person[0].nbor(-1).lower_.rstrip(".") if person[0].i > 0 else ""
        if previous in HONORIFIC_GENDER and not entry.titled:
            entry.gender, entry.titled = HONORIFIC_GENDER[previous], True
        entry.gender = entry.gender or name_gender(name)
        return self.mention(found, start, end, subject=subject)

    def learn_genders(self, votes: dict[int, Counter[str]]) -> None:
        """Set genders from the pronouns the document uses for each person.

        ``votes`` counts, per entry, the pronouns that follow the person where nobody else
        is named. A clear majority (twice the other gender) overrides the given-name list;
        an honorific ("Ms.") is never overridden.
        """
        for index, counts in votes.items():
            entry = self.entries[index]
            if entry.titled or not counts:
                continue
            (winner, most), *rest = counts.most_common()
            other = rest[0][1] if rest else 0
            if most >= 2 * other and (most >= 2 or entry.gender is None):
                entry.gender = winner

    def _named_person(
        self, tokens: list[Token], person: list[Token], start: int, end: int
    ) -> int | None:
        name = " ".join(t.text for t in person)
        before = [t for t in tokens if t.i < person[0].i and t.dep_ != "det"]
        role_words = [t.lower_ for t in before if t.lower_ not in demonyms() and not t.is_punct]
        role = " ".join(role_words) or _apposition_role(person[-1])
        side = _side(tokens)
        affiliation = side
        found = self.person(name)
        if found is not None:
            entry = self.entries[found]
            if len(name.split()) > len(entry.name.split()):
                entry.name = name
            entry.role = entry.role or role
            entry.side = entry.side or side
            entry.affiliation = entry.affiliation or affiliation
            return self.mention(found, start, end)
        speaker = Speaker(name, "person", role=role, affiliation=affiliation, side=side)
        speaker.gender = name_gender(name)
        return self.add(speaker, start, end)


def _appositive_name(head: Token) -> list[Token]:
    """The person's name in apposition to a common noun ("his father, Ernie Blanc")."""
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i or child.pos_ != "PROPN":
            continue
        words = [t for t in child.subtree if not (t.is_punct or t.is_space) and t.i <= child.i]
        named = child.ent_type_ == "PERSON" or all(t.pos_ == "PROPN" for t in words)
        if named and not any(t.ent_type_ in ("ORG", "NORP", "FAC") for t in words):
            return name_tokens(words)
    return []


def _author(head: Token) -> SpacySpan | None:
    """Who made a report: ``a study by X``, ``a statement from X``, ``a statement sent by X``."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > head.i:
            objects = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.pos_ == "VERB":
            objects = [
                o
                for agent in child.children
                if agent.dep_ == "agent"
                for o in agent.children
                if o.dep_ == "pobj"
            ]
        else:
            continue
        for noun in objects:
            if noun.pos_ in ("PROPN", "NOUN"):
                words = [
                    t
                    for t in noun.subtree
                    if t.i <= noun.i or t.dep_ in ("compound", "flat", "poss", "case")
                ]
                return noun.doc[words[0].i : words[-1].i + 1]
    return None


def _definite(span: SpacySpan) -> bool:
    return len(span) > 0 and span[0].lower_ == "the"


def _describes_person(head: Token) -> bool:
    """A described person noun: "the self-taught Cambridge resident", "the new professor".

    Features name a person again by an epithet. The head must read as an agent noun
    ("professor", "defenceman") with a modifier; a word that usually names an anonymous
    source ("resident", "official") only with a hyphenated epithet ("the laid-back
    resident"), as "the senior official" is more often an unnamed source.
    """
    lexicon = word_sets()
    word = head.lower_
    excluded = ("organizations", "groups", "reporting")
    if any(word in lexicon[key] for key in excluded) or word in government_aliases():
        return False
    modifiers = [
        c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
    ]
    if not modifiers:
        return False
    if word in lexicon["anonymous"] or head.lemma_.lower() in lexicon["anonymous"]:
        return any("-" in "".join(t.text for t in m.subtree) for m in modifiers)
    return word.endswith(AGENT_SUFFIXES)


def name_gender(name: str) -> str | None:
    """ "m" or "f" when the first given name is mostly borne by one gender, else None."""
    first = name.split()[0].lower() if len(name.split()) > 1 else ""
    if first in first_name_sets()["male"]:
        return "m"
    return "f" if first in first_name_sets()["female"] else None


@lru_cache(maxsize=1)
def first_name_sets() -> dict[str, frozenset[str]]:
    """The given names of ``claimants.json`` by gender."""
    names = claimant_lexicon()["first_names"]
    return {"male": frozenset(names["male"]), "female": frozenset(names["female"])}


def _first_names_agree(one: str, other: str) -> bool:
    """Whether two names with the same surname can be one person (J. Smith, John Smith)."""
    a, b = one.lower().split(), other.lower().split()
    shorter, longer = sorted((a, b), key=len)
    if longer[len(longer) - len(shorter) :] == shorter:
        return True
    a, b = a[:-1], b[:-1]
    return not a or not b or a[0][0] == b[0][0]


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head == token:
            return token
    return tokens[-1]


def owner_of(tokens: list[Token], head: Token) -> list[Token] | None:
    for child in head.children:
        if child.dep_ == "poss" and child.i < head.i:
            ids = sorted(t.i for t in child.subtree if t.lower_ not in ("'s", "’s", "'"))
            return [t for t in tokens if t.i in ids] or None
    return None


def names_person(tokens: list[Token]) -> bool:
    return any(t.ent_type_ == "PERSON" for t in tokens)


def _person_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of the last person name in ``tokens`` (NER, else a run of proper nouns)."""
    run: list[Token] = []
    best: list[Token] = []
    for token in tokens:
        if token.ent_type_ == "PERSON" and token.lower_ not in government_aliases():
            run.append(token)
        else:
            if run:
                best = run
            run = []
    return name_tokens(run or best)


def name_tokens(tokens: list[Token]) -> list[Token]:
    """A person's name without the titles before it and the debris after it."""
    titles = word_sets()["titles"]
    while len(tokens) > 1 and (tokens[0].lower_.rstrip(".") in titles or not _name_word(tokens[0])):
        tokens = tokens[1:]
    while tokens and not _name_word(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _name_word(token: Token) -> bool:
    text = token.text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return text.isalpha() and token.lower_ not in ("'s", "’s")


def _unlabelled_name(tokens: list[Token]) -> list[Token]:
    """A speaker's proper name the NER left unlabelled ("Lonechild said")."""
    words = [t for t in tokens if t.dep_ != "det"]
    if not words or len(words) > 4 or any(t.pos_ != "PROPN" for t in words):
        return []
    if any(t.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT") for t in words):
        return []
    lexicon = word_sets()
    if any(t.lower_ in government_aliases() or t.lower_ in lexicon["organizations"] for t in words):
        return []
    return words


def _apposition_role(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words = [t.text for t in child.subtree if not t.is_punct and t.dep_ != "det"]
            return " ".join(words).lower() if len(words) <= 8 else None
    return None


def _side(tokens: list[Token]) -> str | None:
    for token in tokens:
        lower = token.lower_
        if lower.startswith(("pro-", "anti-")):
            target = lower.split("-", 1)[1]
            alias = government_aliases().get(target)
            side = alias[1] if alias else demonyms().get(target)
            if side and lower.startswith("pro-"):
                return side
        if lower in demonyms():
            return demonyms()[lower]
        alias = government_aliases().get(lower)
        if alias and token.ent_type_ in ("GPE", "NORP", "PERSON", ""):
            return alias[1]
    return None


def _clean_name(tokens: list[Token]) -> str:
    """The phrase as a name: no leading article, a sentence-initial common word lower-cased."""
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens:
        return ""
    doc = tokens[0].doc
    name = doc[tokens[0].i : tokens[-1].i + 1].text
    first = tokens[0]
    keep = first.pos_ == "PROPN" or first.lower_ in demonyms() or first.ent_type_ != ""
    if first.lower_ == "pro" or not keep:
        name = name[:1].lower() + name[1:]
    return name
