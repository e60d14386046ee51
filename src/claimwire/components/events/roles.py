"""Who did it to whom: the actors and targets of a trigger, from the parse.

The subject of an active verb (or of the verb that governs it), the ``by`` agent of a
passive, the possessor or demonym of a noun ("Russia's assault") are actors; the object,
the passive subject and ``on`` / ``against`` phrases are targets (and the subject of
"die", the "of" phrase of "the killing of"). Instruments are no actors ("the IED
killed"). Participants are the actor spans of :mod:`.actors` when the phrase names one,
else the words as written.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .actors import PASSIVE_CLASSES, ActorIndex, ActorSpan, Participant
from .indexes import class_ids, event_nouns, non_agent_nouns, target_classes
from .lexicon import ontology
from .settings import SUBJECT_HOPS
from .syntax import noun_keys, phrase_tokens, toponym_like

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting"})
PERFORM_VERBS = frozenset(
    {"carry", "perpetrate", "commit", "conduct", "execute", "launch", "stage", "mount", "claim"}
)
"""Verbs whose agent performed the event noun they modify ('an attack carried out by X')."""
QUANTITY_NOUNS = frozenset(
    {"hundred", "thousand", "dozen", "score", "million", "ten", "number", "total", "some", "many"}
)
"""Heads of quantities, never a participant ('hundreds were wounded')."""


def _participant_at(token: Token, actors: ActorIndex, *, deep: bool) -> ActorSpan | None:
    """The actor span headed by (or, with ``deep``, inside the phrase of) ``token``."""
    own = actors.at(token.i)
    if own is not None and (not deep or own.participant.actor_id not in class_ids()):
        return own
    if deep:
        # "guerrillas of the FMLN": a named group in the phrase beats a generic class
        inside = [
            a
            for a in actors.starting_at(t.i for t in phrase_tokens(token))
            if a.participant.type not in PASSIVE_CLASSES and a is not own
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
    doc: Doc, root_index: int, anchor_index: int, actors: ActorIndex
) -> tuple[list[Participant], list[Participant], bool]:
    """Actors and targets of a trigger, and whether one of its actors is historical.

    Args:
        doc: The parsed document.
        root_index: Token index of the trigger's head.
        anchor_index: Token index that owns its arguments (a light verb, 'launched').
        actors: The actor spans of the document (:func:`find_actor_spans`), indexed.

    Returns:
        (actors, targets, True when an actor is a historical figure).
    """
    root, anchor = doc[root_index], doc[anchor_index]
    agents, patients = _argument_tokens(root, anchor)
    if not agents and root.pos_ == "NOUN":
        agents = _performer(root)
    if not agents:
        agents = inherited_subject(anchor)
    found_actors, historical_actor = _actors_of(_with_conjuncts(agents), actors)
    found_targets, historical_target = _targets_of(_with_conjuncts(patients), actors)
    return (
        unique_participants(found_actors),
        unique_participants(found_targets),
        historical_actor or historical_target,
    )


def _argument_tokens(root: Token, anchor: Token) -> tuple[list[Token], list[Token]]:
    """The tokens that name the agents and the patients of a trigger, by their relation."""
    lemma = root.lemma_.lower()
    subject_is_patient = lemma in ontology().patient_subject_lemmas
    of_is_patient = root.pos_ == "NOUN" and lemma in ontology().of_patient_lemmas
    agents: list[Token] = []
    patients: list[Token] = []
    # the trigger first, then its light verb: a set of Tokens iterated in the order of
    # their hashes (memory addresses), which changed the actors' order from run to run
    for token in dict.fromkeys((root, anchor)):
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
    return agents, patients


def _actors_of(agents: list[Token], actors: ActorIndex) -> tuple[list[Participant], bool]:
    """The participants the agent tokens name, and whether one is a historical figure."""
    historical = False
    found: list[Participant] = []
    for token in agents:
        # "kidnapped by terrorists of the FMLN": the named group in a subject or agent
        span = _participant_at(token, actors, deep=token.dep_ in SUBJECT_DEPS | {"pobj"})
        if span is not None:
            historical = historical or span.historical
            if not span.historical:
                found.append(span.participant)
        elif token.dep_ not in {"amod", "compound"} and token.pos_ != "PRON":
            plain = _plain_participant(token)
            if (
                plain is not None
                and plain.type not in {"property", "equipment"}
                and not noun_keys(token) & non_agent_nouns()
            ):
                found.append(plain)
    return found, historical


def _targets_of(patients: list[Token], actors: ActorIndex) -> tuple[list[Participant], bool]:
    """The participants the patient tokens name, and whether one is a historical figure."""
    historical = False
    found: list[Participant] = []
    for token in patients:
        span = _participant_at(token, actors, deep=True)
        if span is not None:
            historical = historical or span.historical
            if not span.historical:
                found.append(span.participant)
        elif (
            token.lemma_.lower() not in _place_nouns()
            and not toponym_like(token)
            and not noun_keys(token) & event_nouns()
        ):
            plain = _plain_participant(token)
            if plain is not None:
                found.append(plain)
    return found, historical


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """Nouns that name where an event is ('the city'), never whom it targets."""
    return frozenset(ontology().place_nouns)


def inherited_subject(anchor: Token) -> list[Token]:
    """The subject of the governing verb, for 'bombing' in 'X swarmed in, bombing ...'."""
    token = anchor
    for _ in range(SUBJECT_HOPS):
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
