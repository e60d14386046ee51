"""Who is named: the actors of a document, found with the actor dictionary.

Actors are found by the actor dictionary (``resources/actors.json``): aliases ("pro-moscow
separatists"), a demonym or possessor before a force or weapon noun ("Russian forces",
"Moscow's troops", "Russian cruise missiles"), generic classes ("gunmen", "civilians")
and historical figures, which make no actor ("Peter the Great"). A named armed
organization the dictionary lacks ("the Patriotic Liberation Front") is an actor by its
own name; "its fighters" is the organization named before it in the sentence, and a
definite generic mention ("the guerrillas") the one named actor of its kind before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .._base import sentence_of
from .._view import token_lowers
from .indexes import actor_modifiers, actor_phrases, class_ids
from .lexicon import actor_dictionary
from .syntax import noun_keys

PASSIVE_CLASSES = frozenset({"civilians"})
"""Participant types never taken as the doer from inside a larger subject phrase."""


@dataclass(frozen=True)
class Participant:
    """An actor or target of an event, canonicalized when the actor dictionary knows it.

    Attributes:
        name: Canonical name ("Armed Forces of Russia", "Civilians") or the words as written.
        side: The camp it belongs to ("Russia"), or None.
        type: ``state_forces``, ``police``, ``militia``, ``rebel``, ``civilians``, ...
        start: Offset of the mention into ``doc.text``.
        end: Offset after the mention.
        actor_id: Id of the actors.json entry, or None for words not in the dictionary.
    """

    name: str
    side: str | None
    type: str
    start: int
    end: int
    actor_id: str | None = None


@dataclass(frozen=True)
class ActorSpan:
    """An actor named in a document: token offsets and the participant it names."""

    start: int
    """Index of the first token."""
    end: int
    """Index after the last token."""
    participant: Participant
    historical: bool = False


class ActorIndex:
    """The actor spans of a document, found by token without reading them all (each trigger
    of a sentence of thousands of tokens asked every actor of it).

    Lookups answer as a scan of ``spans`` in their order would.
    """

    def __init__(self, spans: Sequence[ActorSpan]) -> None:
        self.spans = list(spans)
        order = sorted(range(len(self.spans)), key=lambda k: self.spans[k].start)
        self._order = order
        self._starts = [self.spans[k].start for k in order]
        self._by_start: dict[int, list[int]] = {}
        for k, span in enumerate(self.spans):
            self._by_start.setdefault(span.start, []).append(k)
        self._longest = max((span.end - span.start for span in self.spans), default=0)

    def at(self, i: int) -> ActorSpan | None:
        """The first span (in order) that holds token ``i``."""
        low = bisect.bisect_left(self._starts, i - self._longest + 1)
        high = bisect.bisect_right(self._starts, i)
        holding = [k for k in self._order[low:high] if self.spans[k].end > i]
        return self.spans[min(holding)] if holding else None

    def starting_at(self, positions: Iterable[int]) -> list[ActorSpan]:
        """The spans (in order) that start at one of the token ``positions``."""
        found = {k for i in set(positions) for k in self._by_start.get(i, ())}
        return [self.spans[k] for k in sorted(found)]


def find_actor_spans(doc: Doc) -> list[ActorSpan]:
    """Dictionary actors, generic classes and historical figures named in ``doc``."""
    index = actor_phrases()
    lowers = token_lowers(doc)
    found: list[ActorSpan] = []
    i = 0
    while i < len(lowers):
        match = None
        for words, entry, historical in index.get(lowers[i], ()):
            n = len(words)
            if tuple(lowers[i : i + n]) == words:
                match = (n, entry, historical)
                break
        if match is None:
            i += 1
            continue
        n, entry, historical = match
        span = doc[i : i + n]
        participant = Participant(
            name=entry.name or span.text,
            side=entry.side,
            type=entry.type,
            start=span.start_char,
            end=span.end_char,
            actor_id=entry.id,
        )
        found.append(ActorSpan(i, i + n, participant, historical))
        i += n
    found = _with_organizations(doc, _with_modifiers(doc, found))
    return _resolve_possessed(doc, _resolve_anaphora(doc, found))


def _with_organizations(doc: Doc, found: list[ActorSpan]) -> list[ActorSpan]:
    """'the Patriotic Liberation Front': a named armed organization the dictionary lacks is
    an actor by its own name (no id, no side), typed by its last word
    (``organization_heads``). A name with a demonym ('Israeli Army') is left to the
    dictionary."""
    heads = actor_dictionary().organization_heads
    modifiers = actor_modifiers()
    generic = class_ids()
    taken = {
        k for a in found if a.participant.actor_id not in generic for k in range(a.start, a.end)
    }
    extra: list[ActorSpan] = []
    for ent in doc.ents:
        words = [t for t in ent if t.lower_ != "the"]
        if ent.label_ != "ORG" or len(words) < 2 or words[-1].lower_ not in heads:
            continue
        if any(t.i in taken or t.lower_ in modifiers for t in words):
            continue
        if words[-1].dep_ == "compound" and words[-1].head.i >= ent.end:
            continue  # 'GNB Brigade General X': a title, not the organization
        if not all(t.is_title or t.is_upper or t.lower_ in ORGANIZATION_LINKS for t in words):
            continue
        span = doc[words[0].i : words[-1].i + 1]
        kind = heads[words[-1].lower_]
        participant = Participant(span.text, None, kind, span.start_char, span.end_char)
        extra.append(ActorSpan(span.start, span.end, participant))
        found = [a for a in found if a.end <= span.start or a.start >= span.end]  # 'militia'
    return sorted([*found, *extra], key=lambda a: a.start)


ORGANIZATION_LINKS = frozenset({"of", "for", "and", "'s", "’s", "-"})
POSSESSIVES = frozenset({"its", "their"})


def _resolve_possessed(doc: Doc, found: list[ActorSpan]) -> list[ActorSpan]:
    """'The KIA said its fighters captured a base': a generic force owned by 'its' or
    'their' is the named organization met last before it in the sentence."""
    resolved: list[ActorSpan] = []
    generic = class_ids()
    for span in found:
        participant = span.participant
        owner = doc[span.start - 1] if span.start else None
        if (
            participant.actor_id not in generic
            or participant.type in PASSIVE_CLASSES
            or owner is None
            or owner.lower_ not in POSSESSIVES
        ):
            resolved.append(span)
            continue
        sent_start = sentence_of(doc[span.start]).start
        named = [
            a
            for a in found
            if sent_start <= a.start < span.start
            and a.participant.actor_id not in generic
            and not a.historical
        ]
        if not named:
            resolved.append(span)
            continue
        antecedent = named[-1].participant
        participant = replace(antecedent, start=participant.start, end=participant.end)
        resolved.append(replace(span, participant=participant))
    return resolved


ANAPHORIC_CLASSES = {
    "armed_group_generic": frozenset({"rebel", "militia"}),
    "state_forces_generic": frozenset({"state_forces"}),
}
"""Generic classes that, as a definite noun phrase, refer back to a named actor of a type."""


def _resolve_anaphora(doc: Doc, found: list[ActorSpan]) -> list[ActorSpan]:
    """'the guerrillas', 'the army': the one named actor of that kind mentioned before.

    A definite generic mention ("the rebels", not "a group of rebels") takes the canonical
    name, side and id of the named actor it refers back to, when exactly one named actor
    of a matching type appears earlier in the document; else it stays generic. The
    mention keeps its own offsets.
    """
    resolved: list[ActorSpan] = []
    named: dict[str, dict[str | None, Participant]] = {}  # type -> id -> first participant
    generic_ids = class_ids()
    for span in sorted(found, key=lambda a: a.start):
        participant = span.participant
        if participant.actor_id not in generic_ids and not span.historical:
            named.setdefault(participant.type, {}).setdefault(participant.actor_id, participant)
        kinds = ANAPHORIC_CLASSES.get(participant.actor_id or "")
        if kinds is None or span.start == 0 or doc[span.start - 1].lower_ != "the":
            resolved.append(span)
            continue
        earlier = {i: p for kind in kinds for i, p in named.get(kind, {}).items()}
        if len(earlier) != 1:
            resolved.append(span)
            continue
        antecedent = next(iter(earlier.values()))
        participant = replace(antecedent, start=participant.start, end=participant.end)
        resolved.append(replace(span, participant=participant))
    return resolved


def _with_modifiers(doc: Doc, found: list[ActorSpan]) -> list[ActorSpan]:
    """Add 'Russian forces', "Moscow's troops", 'Russian cruise missiles' (head + modifier)."""
    data = actor_dictionary()
    heads = {w.lower() for w in [*data.force_nouns, *data.weapon_nouns]}
    modifiers = actor_modifiers()
    taken = {k for a in found for k in range(a.start, a.end)}
    extra: list[ActorSpan] = []
    for token in doc:
        if token.lower_ not in heads and token.lemma_.lower() not in heads:
            continue
        for child in token.children:
            if child.dep_ not in {"amod", "compound", "poss", "nmod"}:
                continue
            key = child.lower_
            if child.dep_ == "poss":
                key = doc[child.left_edge.i : child.i + 1].text.lower()
            entry = modifiers.get(key) or modifiers.get(child.lower_)
            if entry is None or _insurgent_phrase(token):
                continue
            left = min(child.left_edge.i, token.i)
            span = doc[left : token.i + 1]
            participant = Participant(
                entry.name, entry.side, entry.type, span.start_char, span.end_char, entry.id
            )
            if token.i in taken:
                owner = next(a for a in found if a.start <= token.i < a.end)
                if owner.participant.actor_id not in class_ids():
                    break  # a dictionary alias ("pro-moscow separatists") wins
                found = [a for a in found if a is not owner]
            extra.append(ActorSpan(left, token.i + 1, participant))
            break
    return sorted([*found, *extra], key=lambda a: a.start)


def _insurgent_phrase(head: Token) -> bool:
    """'Syrian opposition fighters', 'Syrian rebels': a demonym does not make state forces."""
    words = set(actor_dictionary().non_state_words)
    phrase = [head, *(c for c in head.children if c.dep_ in {"compound", "amod"})]
    return any(noun_keys(t) & words for t in phrase)
