"""The event lexicon and the actor dictionary, parsed into typed records when loaded.

``resources/event_types.json`` (ontology, trigger lexicon, cues, mappings to the labels of
benchmark sets) and ``resources/actors.json`` (actor dictionary) are read once, checked
and turned into frozen records; a malformed file raises :class:`ResourceError` naming
the file and the key. The tuning thresholds are not here but in :mod:`.settings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NoReturn, cast

from ...errors import ResourceError
from ...resource import load_resource
from ...vocab import EventSubtype, EventType, values
from .settings import TRIGGER_WEIGHT

EVENT_TYPES_FILE = "event_types.json"
ACTORS_FILE = "actors.json"
Words = tuple[str, ...]


@dataclass(frozen=True)
class SubtypeEntry:
    """One sub-type of the ontology: its ACLED event type, label and PLOVER mapping."""

    type: EventType
    label: str
    acled: bool
    """True for ACLED's own sub-event types, False for claimwire's additions."""
    plover: str
    plover_mode: str | None
    definition: str


@dataclass(frozen=True)
class TriggerEntry:
    """One entry of the trigger lexicon: phrases of one sub-type and their context checks."""

    match: Words
    """Lower-case lemma sequences ('air strike', 'take control')."""
    subtype: EventSubtype
    weight: float = TRIGGER_WEIGHT
    pos: Words = ()
    """Parts of speech a one-word trigger may have (any when empty)."""
    tags: Words = ()
    """Fine-grained tags a one-word trigger must have (any when empty)."""
    requires: Words = ()
    """Cues one of which the sentence must have."""
    forbids: Words = ()
    """Cues none of which the sentence may have."""
    requires_for: Mapping[str, Words] = field(default_factory=dict)
    """Per phrase, cues one of which the sentence must have."""
    forbids_for: Mapping[str, Words] = field(default_factory=dict)
    """Per phrase, cues none of which the sentence may have."""
    requires_object: Words = ()
    """Nouns one of which the trigger's object must name."""
    forbids_object: Words = ()
    """Nouns its object may not be."""
    generic: bool = False
    """The sub-type comes from instrument and target cues ('attack')."""
    protest: bool = False
    """A protest trigger (a generic plural still reports one)."""
    property: bool = False
    """An event only when property is hit (not a tally of lost equipment)."""
    territory: bool = False
    """A change of territory, whose sub-type follows its actor."""
    scope: Literal["country"] | None = None
    """``country``: the event happens in a whole country ('invasion')."""


@dataclass(frozen=True)
class InstrumentCue:
    """Words naming an instrument ('warplanes', 'grenade') and the sub-type they make."""

    match: Words
    subtype: EventSubtype


@dataclass(frozen=True)
class ProtestCues:
    """The cues that sub-type a protest sentence (see ``protest_cues.description``)."""

    protester_words: Words
    violent_verbs: Words
    violent_phrases: Words
    excessive_force: Words
    intervention: Words
    not_at_protest: Words


@dataclass(frozen=True)
class BackgroundCues:
    """The cues of an event of the past recalled in the news."""

    relative: Words
    """Relative past phrases ('last month')."""
    since: Words
    comparison_verbs: Words
    comparison_to_verbs: Words
    historical: Words


@dataclass(frozen=True)
class IrrealisCues:
    """The cues of threatened, planned, conditional and denied events."""

    modals: Words
    future: Words
    plan_verbs: Words
    negations: Words
    denial_verbs: Words
    conditional: Words


@dataclass(frozen=True)
class EventLexicon:
    """``resources/event_types.json``: the ontology, the trigger lexicon and its cues."""

    version: int
    types: Mapping[EventType, str]
    """Definition of each event type."""
    subtypes: Mapping[EventSubtype, SubtypeEntry]
    triggers: tuple[TriggerEntry, ...]
    irregular_forms: Mapping[str, str]
    """Inflected forms the small model's lemmatizer gets wrong ('retook' -> 'retake')."""
    stop_phrases: Words
    """Phrases that are never triggers ('according to')."""
    figure_measures: Words
    """Measures of the figures linked to events."""
    place_nouns: Words
    one_sided_cues: Words
    withdrawal_lemmas: Words
    patient_subject_lemmas: Words
    of_patient_lemmas: Words
    casualty_lemmas: Words
    total_lemmas: Words
    civilian_sites: Words
    instrumental_subtypes: tuple[EventSubtype, ...]
    instruments: tuple[InstrumentCue, ...]
    protest_cues: ProtestCues
    target_classes: Mapping[str, Words]
    background_cues: BackgroundCues
    irrealis_cues: IrrealisCues
    mappings: Mapping[str, Mapping[str, Any]]
    """Tables from our sub-types to the labels of benchmark sets (read by the benches)."""

    def family(self, subtype: EventSubtype) -> EventType:
        """The ACLED event type of a sub-type ("Battles" for "armed_clash")."""
        return self.subtypes[subtype].type


@dataclass(frozen=True)
class ActorEntry:
    """A named actor of the dictionary (``actors``)."""

    id: str
    name: str
    side: str | None
    country: str | None
    type: str
    demonyms: Words
    possessors: Words
    aliases: Words


@dataclass(frozen=True)
class ActorClass:
    """A generic actor or target class of the dictionary (``classes``: 'gunmen', 'civilians')."""

    id: str
    name: str
    side: str | None
    type: str
    nouns: Words


@dataclass(frozen=True)
class ActorDictionary:
    """``resources/actors.json``: actors, classes, historical figures and their nouns."""

    version: int
    organization_heads: Mapping[str, str]
    non_state_words: Words
    force_nouns: Words
    weapon_nouns: Words
    historical: Words
    actors: tuple[ActorEntry, ...]
    classes: tuple[ActorClass, ...]


# ---------------------------------------------------------------- reading


class _Reader:
    """Typed reads of one JSON object of a resource file; errors name the file and key."""

    def __init__(self, file_name: str, data: Any, path: str = "") -> None:
        self.file_name = file_name
        self.path = path
        if not isinstance(data, dict):
            self.fail("", "an object")
        self.data: dict[str, Any] = data

    def fail(self, key: str, expected: str) -> NoReturn:
        where = f"{self.path}.{key}".strip(".") or "(top level)"
        raise ResourceError(f"resources/{self.file_name}: {where} must be {expected}")

    def child(self, key: str) -> _Reader:
        return _Reader(self.file_name, self.get(key), f"{self.path}.{key}".strip("."))

    def children(self, key: str) -> list[_Reader]:
        items = self.get(key)
        if not isinstance(items, list):
            self.fail(key, "a list of objects")
        return [
            _Reader(self.file_name, item, f"{self.path}.{key}[{k}]") for k, item in enumerate(items)
        ]

    def get(self, key: str, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                self.fail(key, "present")
            return default
        return self.data[key]

    def string(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            self.fail(key, "a string")
        return str(value)

    def optional_string(self, key: str) -> str | None:
        value = self.get(key, None)
        if value is not None and not isinstance(value, str):
            self.fail(key, "a string or null")
        return value

    def integer(self, key: str) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "an integer")
        return int(value)

    def number(self, key: str, default: float) -> float:
        value = self.get(key, default)
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.fail(key, "a number")
        return float(value)

    def flag(self, key: str) -> bool:
        return bool(self.get(key, False))

    def words(self, key: str, *, optional: bool = False) -> Words:
        value = self.get(key, []) if optional else self.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            self.fail(key, "a list of strings")
        return tuple(value)

    def word_table(self, key: str, *, optional: bool = False) -> dict[str, Words]:
        table = self.get(key, {}) if optional else self.get(key)
        if not isinstance(table, dict):
            self.fail(key, "an object of lists of strings")
        inner = _Reader(self.file_name, table, f"{self.path}.{key}".strip("."))
        return {name: inner.words(name) for name in table}

    def string_table(self, key: str) -> dict[str, str]:
        table = self.get(key)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            self.fail(key, "an object of strings")
        return dict(table)

    def subtype(self, key: str) -> EventSubtype:
        value = self.string(key)
        if value not in values(EventSubtype):
            self.fail(key, f"a sub-type of claimwire.vocab.EventSubtype, not {value!r}")
        return cast(EventSubtype, value)


def _subtype_entry(reader: _Reader) -> SubtypeEntry:
    kind = reader.string("type")
    if kind not in values(EventType):
        reader.fail("type", f"an event type of claimwire.vocab.EventType, not {kind!r}")
    return SubtypeEntry(
        type=cast(EventType, kind),
        label=reader.string("label"),
        acled=reader.flag("acled"),
        plover=reader.string("plover"),
        plover_mode=reader.optional_string("plover_mode"),
        definition=reader.string("definition"),
    )


def _trigger_entry(reader: _Reader) -> TriggerEntry:
    scope = reader.optional_string("scope")
    if scope not in {None, "country"}:
        reader.fail("scope", "'country' or absent")
    return TriggerEntry(
        match=reader.words("match"),
        subtype=reader.subtype("subtype"),
        weight=reader.number("weight", TRIGGER_WEIGHT),
        pos=reader.words("pos", optional=True),
        tags=reader.words("tags", optional=True),
        requires=reader.words("requires", optional=True),
        forbids=reader.words("forbids", optional=True),
        requires_for=reader.word_table("requires_for", optional=True),
        forbids_for=reader.word_table("forbids_for", optional=True),
        requires_object=reader.words("requires_object", optional=True),
        forbids_object=reader.words("forbids_object", optional=True),
        generic=reader.flag("generic"),
        protest=reader.flag("protest"),
        property=reader.flag("property"),
        territory=reader.flag("territory"),
        scope=cast(Literal["country"] | None, scope),
    )


def parse_event_lexicon(data: Any, file_name: str = EVENT_TYPES_FILE) -> EventLexicon:
    """The typed records of the JSON of ``event_types.json``.

    Raises:
        ResourceError: A key is missing or has the wrong type, or a sub-type or event
            type is not in :mod:`claimwire.vocab`.
    """
    reader = _Reader(file_name, data)
    types = reader.string_table("types")
    for name in types:
        if name not in values(EventType):
            reader.fail(f"types.{name}", "an event type of claimwire.vocab.EventType")
    subtypes_reader = reader.child("subtypes")
    subtypes = {}
    for key in subtypes_reader.data:
        if key not in values(EventSubtype):
            reader.fail(f"subtypes.{key}", "a sub-type of claimwire.vocab.EventSubtype")
        subtypes[cast(EventSubtype, key)] = _subtype_entry(subtypes_reader.child(key))
    triggers = tuple(_trigger_entry(r) for r in reader.children("triggers"))
    instruments = tuple(
        InstrumentCue(r.words("match"), r.subtype("subtype"))
        for r in reader.children("instruments")
    )
    named = [("triggers", k, t.subtype) for k, t in enumerate(triggers)]
    named += [("instruments", k, cue.subtype) for k, cue in enumerate(instruments)]
    for what, k, subtype in named:
        if subtype not in subtypes:
            reader.fail(f"{what}[{k}].subtype", "a key of subtypes")
    protest, background, irrealis = (
        reader.child(k) for k in ("protest_cues", "background_cues", "irrealis_cues")
    )
    mappings = reader.get("mappings")
    if not isinstance(mappings, dict) or not all(isinstance(v, dict) for v in mappings.values()):
        reader.fail("mappings", "an object of tables")
    instrumental = reader.words("instrumental_subtypes")
    for k, name in enumerate(instrumental):
        if name not in values(EventSubtype):
            reader.fail(f"instrumental_subtypes[{k}]", "a sub-type of claimwire.vocab.EventSubtype")
    return EventLexicon(
        version=reader.integer("version"),
        types=cast(dict[EventType, str], types),
        subtypes=subtypes,
        triggers=triggers,
        irregular_forms=reader.string_table("irregular_forms"),
        stop_phrases=reader.words("stop_phrases"),
        figure_measures=reader.words("figure_measures"),
        place_nouns=reader.words("place_nouns"),
        one_sided_cues=reader.words("one_sided_cues"),
        withdrawal_lemmas=reader.words("withdrawal_lemmas"),
        patient_subject_lemmas=reader.words("patient_subject_lemmas"),
        of_patient_lemmas=reader.words("of_patient_lemmas"),
        casualty_lemmas=reader.words("casualty_lemmas"),
        total_lemmas=reader.words("total_lemmas"),
        civilian_sites=reader.words("civilian_sites"),
        instrumental_subtypes=cast(tuple[EventSubtype, ...], instrumental),
        instruments=instruments,
        protest_cues=ProtestCues(*(protest.words(k) for k in ProtestCues.__dataclass_fields__)),
        target_classes=reader.word_table("target_classes"),
        background_cues=BackgroundCues(
            *(background.words(k) for k in BackgroundCues.__dataclass_fields__)
        ),
        irrealis_cues=IrrealisCues(*(irrealis.words(k) for k in IrrealisCues.__dataclass_fields__)),
        mappings=mappings,
    )


def parse_actor_dictionary(data: Any, file_name: str = ACTORS_FILE) -> ActorDictionary:
    """The typed records of the JSON of ``actors.json``.

    Raises:
        ResourceError: A key is missing or has the wrong type.
    """
    reader = _Reader(file_name, data)
    actors = tuple(
        ActorEntry(
            id=r.string("id"),
            name=r.string("name"),
            side=r.optional_string("side"),
            country=r.optional_string("country"),
            type=r.string("type"),
            demonyms=r.words("demonyms"),
            possessors=r.words("possessors"),
            aliases=r.words("aliases"),
        )
        for r in reader.children("actors")
    )
    classes = tuple(
        ActorClass(
            id=r.string("id"),
            name=r.string("name"),
            side=r.optional_string("side"),
            type=r.string("type"),
            nouns=r.words("nouns"),
        )
        for r in reader.children("classes")
    )
    return ActorDictionary(
        version=reader.integer("version"),
        organization_heads=reader.string_table("organization_heads"),
        non_state_words=reader.words("non_state_words"),
        force_nouns=reader.words("force_nouns"),
        weapon_nouns=reader.words("weapon_nouns"),
        historical=reader.words("historical"),
        actors=actors,
        classes=classes,
    )


@lru_cache(maxsize=1)
def ontology() -> EventLexicon:
    """The event ontology and trigger lexicon of ``resources/event_types.json``, loaded once.

    Raises:
        ResourceError: The file is malformed.
    """
    return parse_event_lexicon(load_resource(EVENT_TYPES_FILE))


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The actor dictionary of ``resources/actors.json``, loaded once.

    Raises:
        ResourceError: The file is malformed.
    """
    return parse_actor_dictionary(load_resource(ACTORS_FILE))


def family(subtype: EventSubtype) -> EventType:
    """The ACLED event type of a sub-type ("Battles" for "armed_clash")."""
    return ontology().family(subtype)
