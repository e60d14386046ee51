"""Who did it to whom: actors and targets of event triggers, canonicalized.

Actors are found by the actor dictionary (``resources/actors.json``): aliases ("pro-moscow
separatists"), a demonym or possessor before a force or weapon noun ("Russian forces",
"Moscow's troops", "Russian cruise missiles"), generic classes ("gunmen", "civilians")
and historical figures, which make no actor ("Peter the Great"). A named armed
organization the dictionary lacks ("the Patriotic Liberation Front") is an actor by its
own name; "its fighters" is the organization named before it in the sentence. The roles of a trigger
come from the parse: the subject of an active verb (or of the verb that governs it), the
``by`` agent of a passive, the possessor or demonym of a noun ("Russia's assault") are
actors; the object, the passive subject and ``on`` / ``against`` phrases are targets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from .event_lexicon import (
    actor_dictionary,
    actor_modifiers,
    actor_phrases,
    non_agent_nouns,
    noun_keys,
    ontology,
    phrase_tokens,
    target_classes,
    toponym_like,
)

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting"})
PASSIVE_CLASSES = frozenset({"civilians"})
"""Participant types never taken as the doer from inside a larger subject phrase."""
PERFORM_VERBS = frozenset(
    {"carry", "perpetrate", "commit", "conduct", "execute", "launch", "stage", "mount", "claim"}
)
"""Verbs whose agent performed the event noun they modify ('an attack carried out by X')."""
QUANTITY_NOUNS = frozenset(
    {"hundred", "thousand", "dozen", "score", "million", "ten", "number", "total", "some", "many"}
)


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


def find_actor_spans(doc: Doc) -> list[ActorSpan]:
    """Dictionary actors, generic classes and historical figures named in ``doc``."""
    index = actor_phrases()
    lowers = [t.lower_ for t in doc]
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
            name=entry["name"] or span.text,
            side=entry.get("side"),
            type=entry["type"],
            start=span.start_char,
            end=span.end_char,
            actor_id=entry["id"],
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
    heads = actor_dictionary()["organization_heads"]
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
        sent_start = doc[span.start].sent.start
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
    heads = {w.lower() for w in [*data["force_nouns"], *data["weapon_nouns"]]}
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
                entry["name"], entry["side"], entry["type"], span.start_char, span.end_char,
                entry["id"],
            )  # fmt: skip
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
    words = set(actor_dictionary()["non_state_words"])
    phrase = [head, *(c for c in head.children if c.dep_ in {"compound", "amod"})]
    return any(noun_keys(t) & words for t in phrase)


@lru_cache(maxsize=1)
def class_ids() -> frozenset[str]:
    return frozenset(c["id"] for c in actor_dictionary()["classes"])


def _participant_at(token: Token, actors: list[ActorSpan], *, deep: bool) -> ActorSpan | None:
    """The actor span headed by (or, with ``deep``, inside the phrase of) ``token``."""
    own = next((a for a in actors if a.start <= token.i < a.end), None)
    if own is not None and (not deep or own.participant.actor_id not in class_ids()):
        return own
    if deep:
        # "guerrillas of the FMLN": a named group in the phrase beats a generic class
        phrase = {t.i for t in phrase_tokens(token)}
        inside = [
            a
            for a in actors
            if a.start in phrase and a.participant.type not in PASSIVE_CLASSES and a is not own
        ]
        named = [a for a in inside if a.participant.actor_id not in class_ids()]
        if named:
            return named[0]
        return own or (inside[0] if inside else None)
    return own


def _plain_participant(token: Token) -> Participant | None:
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"DATE", "TIME", "CARDINAL"}:
        return None
    if token.like_num or token.lemma_.lower() in QUANTITY_NOUNS:
        return None
    left = min([c.i for c in token.children if c.dep_ in {"compound", "amod"}] + [token.i])
    span = token.doc[left : token.i + 1]
    kind = target_classes().get(token.lemma_.lower(), "unknown")
    return Participant(span.text, None, kind, span.start_char, span.end_char)


def roles(
    doc: Doc, root_index: int, anchor_index: int, actors: list[ActorSpan]
) -> tuple[list[Participant], list[Participant], bool]:
    """Actors and targets of a trigger, and whether one of its actors is historical.

    Args:
        doc: The parsed document.
        root_index: Token index of the trigger's head.
        anchor_index: Token index that owns its arguments (a light verb, 'launched').
        actors: The actor spans of the document (:func:`find_actor_spans`).

    Returns:
        (actors, targets, True when an actor is a historical figure).
    """
    root, anchor = doc[root_index], doc[anchor_index]
    lemma = root.lemma_.lower()
    subject_is_patient = lemma in ontology()["patient_subject_lemmas"]
    of_is_patient = root.pos_ == "NOUN" and lemma in ontology()["of_patient_lemmas"]
    agents: list[Token] = []
    patients: list[Token] = []
    for token in {root, anchor}:
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and subject_is_patient and token is root:
                patients.append(child)  # "Tamerlan died"
            elif child.dep_ in SUBJECT_DEPS:
                agents.append(child)
            elif of_is_patient and token is root and child.dep_ == "prep" and child.lower_ == "of":
                patients.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                agents.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "poss" or (
                child.dep_ in {"amod", "compound"} and (root.pos_ == "NOUN" or root.tag_ == "VBG")
            ):
                agents.append(child)
            elif child.dep_ in {"dobj", "nsubjpass"} and child.i != root.i:
                patients.append(child)
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                patients.extend(g for g in child.children if g.dep_ == "pobj")
    if not agents and root.pos_ == "NOUN":
        agents = _performer(root)
    if not agents:
        agents = inherited_subject(anchor)
    agents = _with_conjuncts(agents)
    patients = _with_conjuncts(patients)
    historical = False
    found_actors: list[Participant] = []
    for token in agents:
        # "kidnapped by terrorists of the FMLN": the named group in a subject or agent
        span = _participant_at(token, actors, deep=token.dep_ in SUBJECT_DEPS | {"pobj"})
        if span is not None:
            historical = historical or span.historical
            if not span.historical:
                found_actors.append(span.participant)
        elif token.dep_ not in {"amod", "compound"} and token.pos_ != "PRON":
            plain = _plain_participant(token)
            if (
                plain is not None
                and plain.type not in {"property", "equipment"}
                and not noun_keys(token) & non_agent_nouns()
            ):
                found_actors.append(plain)
    found_targets: list[Participant] = []
    for token in patients:
        span = _participant_at(token, actors, deep=True)
        if span is not None:
            historical = historical or span.historical
            if not span.historical:
                found_targets.append(span.participant)
        elif (
            token.lemma_.lower() not in _place_nouns()
            and not toponym_like(token)
            and not noun_keys(token) & event_nouns()
        ):
            plain = _plain_participant(token)
            if plain is not None:
                found_targets.append(plain)
    return unique_participants(found_actors), unique_participants(found_targets), historical


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """Nouns that name where an event is ('the city'), never whom it targets."""
    return frozenset(ontology()["place_nouns"])


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """One-word trigger nouns that name an event ('protests against the strike'): an
    event is no target. Words that are also target classes ('a rally') are kept."""
    words = {m for t in ontology()["triggers"] for m in t["match"] if " " not in m}
    return frozenset(words - set(target_classes()))


def inherited_subject(anchor: Token) -> list[Token]:
    """The subject of the governing verb, for 'bombing' in 'X swarmed in, bombing ...'."""
    token = anchor
    for _ in range(3):
        if token.dep_ not in {"advcl", "xcomp", "conj", "pcomp"} or token.head is token:
            return []
        token = token.head
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects
    return []


def _performer(noun: Token) -> list[Token]:
    """'the murder, carried out by FMLN terrorists': the agent of a performing participle."""
    return [
        g
        for verb in noun.children
        if verb.dep_ == "acl" and verb.lemma_.lower() in PERFORM_VERBS
        for c in verb.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    found = list(tokens)
    for token in tokens:
        found.extend(c for c in token.children if c.dep_ == "conj")
    return found


def unique_participants(participants: list[Participant]) -> list[Participant]:
    """One participant per canonical name (its first mention)."""
    seen: set[str] = set()
    found: list[Participant] = []
    for p in participants:
        if p.name not in seen:
            seen.add(p.name)
            found.append(p)
    return found
