"""A description that names again an organisation the article named before it.

"The group said", "the militant group added", "the monitor reported": a definite phrase
headed by a noun of the lexicon's ``group_descriptions``, with no proper name in it, is the
organisation the article named last before it (a claimant, else an organisation the NER
found), within :data:`~.settings.INSTITUTION_WINDOW_CHARS`. A state body ("the army",
a ministry, a government) is never "the group"; a description naming a side ("the Russian
group") never points to an organisation of another side.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .._base import doc_text, entities_starting_in
from .lexicon import claimants, cues, government_aliases
from .names import clean_name, is_definite, side_of
from .registry import Speaker, Speakers
from .settings import INSTITUTION_WINDOW_CHARS
from .syntax import in_compound_word

SOURCE_PHRASE_MAX_WORDS = 3
""""The source", "the same source": longer phrases describe a new source."""

NAMED_TYPES = ("organization", "group")
LOCATIVE = frozenset(
    {"in", "at", "near", "around", "outside", "inside", "across", "into", "toward", "towards"}
    | {"through", "from", "within", "throughout", "to", "of", "between", "on"}
)
"""Prepositions before a place: an organisation the NER found after one is a place it
mislabelled ("attacks in Erbil"), unless a group noun heads it ("members of the Front")."""


def describes_named(span: SpacySpan, words: list[Token], head: Token) -> bool:
    """Whether a speaker phrase is a description of a named organisation ("the group")."""
    words = [t for t in words if not _seat_word(t)]
    return (
        is_definite(span)
        and head.lower_ in cues().group_descriptions
        and not any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON") for t in words)
    )


SEAT_LEMMAS = frozenset({"base", "headquarter"})
"""Participles of where an organisation sits ("the London-based group")."""


def _seat_word(token: Token) -> bool:
    """A word of "X-based": where a group sits, neither its name nor its side."""
    head = token.head
    return in_compound_word(token) and head.lemma_.lower() in SEAT_LEMMAS and head.i == token.i + 2


def named_before(speakers: Speakers, span: SpacySpan, start: int, end: int) -> int | None:
    """The organisation a description names again, registered with this mention; or None.

    Args:
        speakers: The document's claimants.
        span: The description ("the militant group").
        start: Start of the description's words.
        end: End of the description's words.
    """
    side = side_of([t for t in span if not _seat_word(t)])
    best_at, best = -1, None
    for index, entry in enumerate(speakers.entries):
        if entry.type not in NAMED_TYPES or not _named(entry.name, entry.side, side):
            continue
        at = max((s for s, _ in entry.mentions if s < start), default=-1)
        if at > best_at and start - at <= INSTITUTION_WINDOW_CHARS:
            best_at, best = at, index
    ent = _latest_entity(span, start, side)
    if ent is not None and ent.start_char > best_at:
        name = _spelled_out(doc_text(ent.doc), clean_name(list(ent)))
        return speakers.add(Speaker(name, "organization", side=side_of(list(ent))), start, end)
    return None if best is None else speakers.mention(best, start, end)


def _latest_entity(span: SpacySpan, start: int, side: str | None) -> SpacySpan | None:
    """The organisation the NER found last before ``start``, within the window."""
    found = None
    for ent in entities_starting_in(span.doc, start - INSTITUTION_WINDOW_CHARS, start):
        if ent.label_ != "ORG":
            continue
        if _after_locative(ent):
            continue
        if _named(ent.text, side_of(list(ent)), side):
            found = ent
    return found


def _spelled_out(text: str, name: str) -> str:
    """An acronym's full name where the article gives it ("Islamic State (ISIS)"), else it."""
    if not (name.isupper() and name.isalpha()):
        return name
    match = re.search(
        r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|and)\s+)*)*[A-Z][\w'’-]*)\s*\(" + name + r"\)", text
    )
    return match.group(1) if match else name


def _after_locative(ent: SpacySpan) -> bool:
    """Whether an entity is the object of a preposition of place ("in Erbil", "of Kidal")."""
    root = ent.root
    while root.dep_ in ("compound", "amod", "appos", "conj") and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in LOCATIVE:
        return False
    owner = root.head.head  # "fighters of the Front", "members of the Front"
    return not (root.head.lower_ == "of" and owner.lower_ in claimants().group_nouns)


def _named(name: str, own_side: str | None, side: str | None) -> bool:
    """Whether ``name`` is a proper name of a non-state organisation of a compatible side."""
    words = name.lower().replace("'s", "").split()
    lower = " ".join(words)
    if not name[:1].isupper() or lower.removeprefix("the ") in government_aliases():
        return False
    if lower in cues().credit_names:
        return False
    state = cues().state_words
    if any(word in state for word in words) or any(w in lower for w in state if " " in w):
        return False
    return side is None or own_side is None or own_side == side


def forces_before(speakers: Speakers, span: SpacySpan, start: int, end: int) -> int | None:
    """ "The army said", after "the Freedonian military said": the forces named last.

    A bare definite "the army" or "the military" names again the state's forces the
    article named (with their side or their proper name) last before it, within
    :data:`~.settings.INSTITUTION_WINDOW_CHARS`; None when no such forces spoke.

    Args:
        speakers: The document's claimants.
        span: The speaker phrase.
        start: Start of the phrase's words.
        end: End of the phrase's words.
    """
    lexicon = cues()
    words = [t for t in span if t.dep_ != "det"]
    if (
        not is_definite(span)
        or len(words) != 1
        or words[0].lower_ not in lexicon.military_descriptions
    ):
        return None
    best_at, best = -1, None
    for index, entry in enumerate(speakers.entries):
        name = entry.name.lower().split()
        if entry.type == "outlet" or not name or name[-1] not in lexicon.military_names:
            continue
        if len(name) < 2 and not entry.name.isupper():  # "army": itself a bare noun
            continue
        at = max((s for s, _ in entry.mentions if s < start), default=-1)
        if at > best_at and start - at <= INSTITUTION_WINDOW_CHARS:
            best_at, best = at, index
    return None if best is None else speakers.mention(best, start, end)


def source_before(speakers: Speakers, span: SpacySpan, start: int, end: int) -> int | None:
    """ "The source said": the anonymous source quoted last (any claimant for "the same source").

    Args:
        speakers: The document's claimants.
        span: The speaker phrase.
        start: Start of the phrase's words.
        end: End of the phrase's words.
    """
    words = [t.lower_ for t in span]
    if not is_definite(span) or span[-1].lower_ != "source" or len(words) > SOURCE_PHRASE_MAX_WORDS:
        return None
    named = "same" in words
    best_at, best = -1, None
    for index, entry in enumerate(speakers.entries):
        if entry.type == "outlet" or not _one_source(entry.name, named=named):
            continue
        at = max((s for s, _ in entry.mentions if s < start), default=-1)
        if at > best_at and start - at <= INSTITUTION_WINDOW_CHARS:
            best_at, best = at, index
    return None if best is None else speakers.mention(best, start, end)


def _one_source(name: str, *, named: bool) -> bool:
    """A claimant "the source" can be: a singular source noun ("an official"), or for "the
    same source" (``named``) also a proper name."""
    last = name.split()[-1]
    if last[:1].isupper():
        return named
    lexicon = cues()
    noun = last.lower()
    return (
        noun != "source"
        and (noun in lexicon.anonymous_sources or noun in lexicon.role_nouns)
        and not noun.endswith("s")
    )
