"""Look-up tables built once from the lexicon and the actor dictionary.

Phrases are indexed by their first word (longest phrases first) so that a token's keys
find the entries that may start at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...vocab import EventSubtype
from .lexicon import TriggerEntry, actor_dictionary, ontology
from .syntax import phrase_words

Words = tuple[str, ...]


@dataclass(frozen=True)
class ActorRef:
    """What an actor phrase names: an actor, a generic class, or a historical figure."""

    id: str
    name: str
    """Canonical name ('' for a historical figure: the words as written are kept)."""
    side: str | None
    type: str


HISTORICAL = ActorRef(id="historical", name="", side=None, type="historical")
"""The reference of every historical figure ('Peter the Great'): never an actor."""


@lru_cache(maxsize=1)
def trigger_index() -> dict[str, list[tuple[Words, TriggerEntry]]]:
    """First word -> [(phrase words, trigger entry)], longest phrases first."""
    index: dict[str, list[tuple[Words, TriggerEntry]]] = {}
    for entry in ontology().triggers:
        for phrase in entry.match:
            words = phrase_words(phrase)
            index.setdefault(words[0], []).append((words, entry))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=1)
def stop_index() -> dict[str, list[Words]]:
    """First word -> phrases that are never triggers ("according to")."""
    index: dict[str, list[Words]] = {}
    for phrase in ontology().stop_phrases:
        words = phrase_words(phrase)
        index.setdefault(words[0], []).append(words)
    return index


@lru_cache(maxsize=1)
def instrument_index() -> dict[str, list[tuple[Words, int, EventSubtype]]]:
    """First word -> [(cue words, rank of the cue in the lexicon, sub-type it makes)]."""
    index: dict[str, list[tuple[Words, int, EventSubtype]]] = {}
    for rank, cue in enumerate(ontology().instruments):
        for phrase in cue.match:
            words = phrase_words(phrase)
            index.setdefault(words[0], []).append((words, rank, cue.subtype))
    return index


@lru_cache(maxsize=1)
def actor_phrases() -> dict[str, list[tuple[Words, ActorRef, bool]]]:
    """First word -> [(words, actor or class, is historical)], longest first."""
    data = actor_dictionary()
    index: dict[str, list[tuple[Words, ActorRef, bool]]] = {}
    for actor in data.actors:
        ref = ActorRef(actor.id, actor.name, actor.side, actor.type)
        for alias in actor.aliases:
            words = phrase_words(alias)
            index.setdefault(words[0], []).append((words, ref, False))
    for group in data.classes:
        ref = ActorRef(group.id, group.name, group.side, group.type)
        for noun in group.nouns:
            words = phrase_words(noun)
            index.setdefault(words[0], []).append((words, ref, False))
    for name in data.historical:
        words = phrase_words(name)
        index.setdefault(words[0], []).append((words, HISTORICAL, True))
    for found in index.values():
        found.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=1)
def actor_modifiers() -> dict[str, ActorRef]:
    """Demonym or possessor word -> actor ('russian', 'moscow', 'putin')."""
    found: dict[str, ActorRef] = {}
    for actor in actor_dictionary().actors:
        ref = ActorRef(actor.id, actor.name, actor.side, actor.type)
        for word in [*actor.demonyms, *actor.possessors]:
            found.setdefault(word.lower(), ref)
    return found


@lru_cache(maxsize=1)
def class_ids() -> frozenset[str]:
    """Ids of the generic classes of the actor dictionary ('state_forces_generic')."""
    return frozenset(c.id for c in actor_dictionary().classes)


@lru_cache(maxsize=1)
def target_classes() -> dict[str, str]:
    """Lemma -> target class (civilians, forces, property, equipment, protesters)."""
    found: dict[str, str] = {}
    for name, words in ontology().target_classes.items():
        for word in words:
            found.setdefault(word, name)
    return found


@lru_cache(maxsize=8)
def class_words(name: str) -> frozenset[str]:
    """The lemmas of one target class ('property')."""
    return frozenset(ontology().target_classes[name])


@lru_cache(maxsize=1)
def non_agent_nouns() -> frozenset[str]:
    """Nouns that are never the doer of an event: instruments, weapons and events.

    "The IED killed a general", "the explosion wounded 12": the device or the event is
    the subject, not an actor. Words of the instrument cues, the actor dictionary's
    weapon nouns, the equipment class and the one-word triggers.
    """
    data = ontology()
    words = {w for cue in data.instruments for m in cue.match for w in m.split()}
    words |= {w.lower() for w in actor_dictionary().weapon_nouns}
    words |= set(data.target_classes["equipment"])
    words |= {m for t in data.triggers for m in t.match if " " not in m}
    return frozenset(words)


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """One-word trigger nouns that name an event ('protests against the strike'): an
    event is no target. Words that are also target classes ('a rally') are kept."""
    words = {m for t in ontology().triggers for m in t.match if " " not in m}
    return frozenset(words - set(target_classes()))


@lru_cache(maxsize=1)
def country_scope() -> frozenset[str]:
    """Trigger phrases of events that happen in a whole country ('invasion')."""
    return frozenset(
        " ".join(phrase_words(p))
        for e in ontology().triggers
        if e.scope == "country"
        for p in e.match
    )


@lru_cache(maxsize=1)
def territory_lemmas() -> frozenset[str]:
    """Trigger phrases of changes of territory ('seize', 'recapture')."""
    entries = [e for e in ontology().triggers if e.territory]
    return frozenset(" ".join(phrase_words(p)) for e in entries for p in e.match)
