"""Reading a speaker phrase: the person's name in it, its head, owner, author, side, role.

Pure functions of the tokens; :mod:`.speakers` decides from them which claimant a phrase
names.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import claimants, cues, demonyms, government_aliases
from .settings import APPOSITION_ROLE_MAX_WORDS, UNLABELLED_NAME_MAX_WORDS

Gender = Literal["m", "f"]
"""The gender a person's pronouns or given name suggest."""

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee")
"""Endings of agent nouns ("professor", "defenceman"), which can name a person again."""
POSSESSIVE = ("'s", "’s")


def head_of(tokens: list[Token]) -> Token:
    """The syntactic head of a phrase: its first token whose head lies outside it."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head == token:
            return token
    return tokens[-1]


def owner_of(tokens: list[Token], head: Token) -> list[Token] | None:
    """The possessor in a phrase ("Ukraine's" in "Ukraine's defence ministry"), or None."""
    for child in head.children:
        if child.dep_ == "poss" and child.i < head.i:
            ids = sorted(t.i for t in child.subtree if t.lower_ not in (*POSSESSIVE, "'"))
            return [t for t in tokens if t.i in ids] or None
    return None


def names_person(tokens: list[Token]) -> bool:
    """Whether the NER labels any of ``tokens`` a person."""
    return any(t.ent_type_ == "PERSON" for t in tokens)


def is_definite(span: SpacySpan) -> bool:
    """Whether a phrase opens with "the"."""
    return len(span) > 0 and span[0].lower_ == "the"


def author_of(head: Token) -> SpacySpan | None:
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


def appositive_name(head: Token) -> list[Token]:
    """The person's name in apposition to a common noun ("his father, Ernie Blanc")."""
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i or child.pos_ != "PROPN":
            continue
        words = [t for t in child.subtree if not (t.is_punct or t.is_space) and t.i <= child.i]
        named = child.ent_type_ == "PERSON" or all(t.pos_ == "PROPN" for t in words)
        if named and not any(t.ent_type_ in ("ORG", "NORP", "FAC") for t in words):
            return name_tokens(words)
    return []


def apposition_role(token: Token) -> str | None:
    """The role in apposition to a name ("Smith, the regional governor"), lower-cased."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words = [t.text for t in child.subtree if not t.is_punct and t.dep_ != "det"]
            return " ".join(words).lower() if len(words) <= APPOSITION_ROLE_MAX_WORDS else None
    return None


def describes_person(head: Token) -> bool:
    """A described person noun: "the self-taught Cambridge resident", "the new professor".

    Features name a person again by an epithet. The head must read as an agent noun
    ("professor", "defenceman") with a modifier; a word that usually names an anonymous
    source ("resident", "official") only with a hyphenated epithet ("the laid-back
    resident"), as "the senior official" is more often an unnamed source.
    """
    lexicon, people = cues(), claimants()
    word = head.lower_
    excluded = (people.organization_nouns, people.group_nouns, lexicon.reporting_nouns)
    if any(word in words for words in excluded) or word in government_aliases():
        return False
    modifiers = [
        c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
    ]
    if not modifiers:
        return False
    if word in lexicon.anonymous_sources or head.lemma_.lower() in lexicon.anonymous_sources:
        return any("-" in "".join(t.text for t in m.subtree) for m in modifiers)
    return word.endswith(AGENT_SUFFIXES)


def person_tokens(tokens: list[Token]) -> list[Token]:
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
    titles = cues().titles
    while len(tokens) > 1 and (tokens[0].lower_.rstrip(".") in titles or not _name_word(tokens[0])):
        tokens = tokens[1:]
    while tokens and not _name_word(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _name_word(token: Token) -> bool:
    text = token.text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return text.isalpha() and token.lower_ not in POSSESSIVE


def titled_name(tokens: list[Token]) -> tuple[str, list[Token]] | None:
    """A name after a capitalized title, whatever the NER made of it: the title and the name.

    "Governor Jana Kovac", "Port Mayor Ali Dede": the title (a role noun or a title of the
    lexicon) and the run of proper nouns after it, up to the end of ``tokens``; None when
    the words after the title are not all proper names (a place, an organization word).
    """
    lexicon = cues()
    titles = lexicon.titles | lexicon.role_nouns
    for k in range(len(tokens) - 2, -1, -1):
        title = tokens[k]
        if title.lower_.rstrip(".") not in titles or not title.text[:1].isupper():
            continue
        name = tokens[k + 1 :]
        if not name or len(name) > UNLABELLED_NAME_MAX_WORDS:
            return None
        if not all(_proper_name_word(t) for t in name):
            return None
        return title.lower_.rstrip("."), name
    return None


def _proper_name_word(token: Token) -> bool:
    """A capitalized proper noun that is no title, place of the lexicon or organization word."""
    lower = token.lower_
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and _name_word(token)
        and lower.rstrip(".") not in cues().titles
        and lower not in cues().role_nouns
        and lower not in government_aliases()
        and lower not in demonyms()
        and lower not in claimants().organization_nouns
        and token.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
    )


def unlabelled_name(tokens: list[Token]) -> list[Token]:
    """A speaker's proper name the NER left unlabelled ("Lonechild said")."""
    words = [t for t in tokens if t.dep_ != "det"]
    if not words or len(words) > UNLABELLED_NAME_MAX_WORDS or any(t.pos_ != "PROPN" for t in words):
        return []
    if any(t.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT") for t in words):
        return []
    organizations = claimants().organization_nouns
    if any(t.lower_ in government_aliases() or t.lower_ in organizations for t in words):
        return []
    return words


def name_gender(name: str) -> Gender | None:
    """ "m" or "f" when the first given name is mostly borne by one gender, else None."""
    first = name.split()[0].lower() if len(name.split()) > 1 else ""
    if first in claimants().male_names:
        return "m"
    return "f" if first in claimants().female_names else None


def first_names_agree(one: str, other: str) -> bool:
    """Whether two names with the same surname can be one person (J. Smith, John Smith)."""
    a, b = one.lower().split(), other.lower().split()
    shorter, longer = sorted((a, b), key=len)
    if longer[len(longer) - len(shorter) :] == shorter:
        return True
    a, b = a[:-1], b[:-1]
    return not a or not b or a[0][0] == b[0][0]


def side_of(tokens: list[Token]) -> str | None:
    """The side a phrase names: a demonym, a government's alias, ``pro-X``."""
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


def clean_name(tokens: list[Token]) -> str:
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
