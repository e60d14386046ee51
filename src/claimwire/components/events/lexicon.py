"""The event lexicon and the actor dictionary, validated into typed models when loaded.

``resources/event_types.json`` (ontology, trigger lexicon, cues, mappings to the labels of
benchmark sets) and ``resources/actors.json`` (actor dictionary) are validated once into
frozen pydantic models (:func:`claimwire.resource.load_typed_resource`); a malformed file
raises :class:`ResourceError` naming the file and the key. The tuning thresholds are not
here but in :mod:`.settings`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal, TypeVar

from pydantic import (
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
)

from ...errors import ResourceError
from ...resource import ResourceItem, ResourceModel, load_typed_resource
from ...vocab import EventSubtype, EventType
from .settings import TRIGGER_WEIGHT

ModelT = TypeVar("ModelT", bound=ResourceModel)

EVENT_TYPES_FILE = "event_types.json"
ACTORS_FILE = "actors.json"
EVENT_TYPE_MODEL_FILE = "event_type_model.json"
EVENT_REALIS_MODEL_FILE = "event_realis_model.json"
Use = Literal["snippet", "event"]
"""What the learned model types: a whole short text, or one event of an article."""
Words = tuple[str, ...]


class SubtypeEntry(ResourceItem):
    """One sub-type of the ontology: its ACLED event type, label and PLOVER mapping."""

    type: EventType
    label: str
    acled: StrictBool = False
    """True for ACLED's own sub-event types, False for claimwire's additions."""
    plover: str
    plover_mode: str | None = None
    definition: str


class TriggerEntry(ResourceItem):
    """One entry of the trigger lexicon: phrases of one sub-type and their context checks."""

    match: Words
    """Lower-case lemma sequences ('air strike', 'take control')."""
    subtype: EventSubtype
    weight: StrictFloat = TRIGGER_WEIGHT
    pos: Words = ()
    """Parts of speech a one-word trigger may have (any when empty)."""
    tags: Words = ()
    """Fine-grained tags a one-word trigger must have (any when empty)."""
    requires: Words = ()
    """Cues one of which the sentence must have."""
    forbids: Words = ()
    """Cues none of which the sentence may have."""
    requires_for: dict[str, Words] = Field(default_factory=dict)
    """Per phrase, cues one of which the sentence must have."""
    forbids_for: dict[str, Words] = Field(default_factory=dict)
    """Per phrase, cues none of which the sentence may have."""
    requires_object: Words = ()
    """Nouns one of which the trigger's object must name."""
    forbids_object: Words = ()
    """Nouns its object may not be."""
    generic: StrictBool = False
    """The sub-type comes from instrument and target cues ('attack')."""
    protest: StrictBool = False
    """A protest trigger (a generic plural still reports one)."""
    property: StrictBool = False
    """An event only when property is hit (not a tally of lost equipment)."""
    territory: Literal["take", "regain"] | None = None
    """A change of territory (taken, or regained), whose sub-type follows its actor; a
    trigger is one when this is set."""
    scope: Literal["country"] | None = None
    """``country``: the event happens in a whole country ('invasion')."""


class InstrumentCue(ResourceItem):
    """Words naming an instrument ('warplanes', 'grenade') and the sub-type they make."""

    match: Words
    subtype: EventSubtype


class ProtestCues(ResourceItem):
    """The cues that sub-type a protest sentence (see ``protest_cues.description``)."""

    description: str
    protester_words: Words
    violent_verbs: Words
    violent_phrases: Words
    excessive_force: Words
    intervention: Words
    not_at_protest: Words


class BackgroundCues(ResourceItem):
    """The cues of an event of the past recalled in the news."""

    relative: Words
    """Relative past phrases ('last month')."""
    since: Words
    comparison_verbs: Words
    comparison_to_verbs: Words
    historical: Words


class IrrealisCues(ResourceItem):
    """The cues of threatened, planned, conditional and denied events."""

    modals: Words
    future: Words
    plan_verbs: Words
    negations: Words
    denial_verbs: Words
    conditional: Words


class CoreferenceCues(ResourceItem):
    """The cues of two mentions that report one incident (see its ``description``)."""

    description: str
    sequence_words: Words
    """Words between two triggers that make them two incidents ('after', 'since')."""
    day_words: Words
    """Possessives of a re-mention ("Sunday's strike")."""
    light_lemmas: Words
    """Triggers that only say a blow landed or people died ('hit'), besides the casualty
    lemmas: linked to another kind of violence, they join it."""
    remention_lemmas: Words
    """Triggers that say only that a blow was struck ('attacked', 'targeted'): told later
    in an article, alone, they re-tell the incident already told there."""
    type_precedence: tuple[EventType, ...]
    """The event type kept when mentions of several types are one incident, first wins."""


class CampaignCues(ResourceItem):
    """The cues of mentions that are no event of their own (see its ``description``)."""

    description: str
    displacement_lemmas: Words
    deployment_lemmas: Words
    war_nouns: Words
    campaign_verbs: Words
    campaign_nouns: Words
    duration_nouns: Words
    start_verbs: Words
    period_prepositions: Words
    period_nouns: Words
    period_modifiers: Words


class EventLexicon(ResourceModel):
    """``resources/event_types.json``: the ontology, the trigger lexicon and its cues.

    Every sub-type a trigger or an instrument names must be a key of ``subtypes``.
    """

    version: StrictInt
    description: str
    types: dict[EventType, str]
    """Definition of each event type."""
    subtypes: dict[EventSubtype, SubtypeEntry]
    triggers: tuple[TriggerEntry, ...]
    irregular_forms: dict[str, str]
    """Inflected forms the small model's lemmatizer gets wrong ('retook' -> 'retake')."""
    stop_phrases: Words
    """Phrases that are never triggers ('according to')."""
    figure_measures: Words
    """Measures of the figures linked to events."""
    place_nouns: Words
    participant_prepositions: Words
    """Prepositions whose object is a side, not a scene ('clashes with X', 'between X and
    Y', 'the border with X'): a place there is an event's place only when no other fits."""
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
    target_classes: dict[str, Words]
    background_cues: BackgroundCues
    coreference: CoreferenceCues
    campaigns: CampaignCues
    irrealis_cues: IrrealisCues
    mappings: dict[str, dict[str, Any]]
    """Tables from our sub-types to the labels of benchmark sets (read by the benches)."""

    @field_validator("triggers", "instruments")
    @classmethod
    def _known_subtypes(
        cls, entries: tuple[TriggerEntry | InstrumentCue, ...], info: ValidationInfo
    ) -> tuple[TriggerEntry | InstrumentCue, ...]:
        subtypes = info.data.get("subtypes")
        if subtypes is None:  # subtypes is malformed: its own error says so
            return entries
        for k, entry in enumerate(entries):
            if entry.subtype not in subtypes:
                raise ValueError(f"[{k}].subtype {entry.subtype!r} is not a key of subtypes")
        return entries

    def family(self, subtype: EventSubtype) -> EventType:
        """The ACLED event type of a sub-type ("Battles" for "armed_clash")."""
        return self.subtypes[subtype].type


class ActorEntry(ResourceItem):
    """A named actor of the dictionary (``actors``)."""

    id: str
    name: str
    side: str | None = None
    country: str | None = None
    type: str
    demonyms: Words
    possessors: Words
    aliases: Words


class ActorClass(ResourceItem):
    """A generic actor or target class of the dictionary (``classes``: 'gunmen', 'civilians')."""

    id: str
    name: str
    side: str | None = None
    type: str
    nouns: Words


class ActorDictionary(ResourceModel):
    """``resources/actors.json``: actors, classes, historical figures and their nouns."""

    version: StrictInt
    description: str
    organization_heads: dict[str, str]
    non_state_words: Words
    force_nouns: Words
    weapon_nouns: Words
    historical: Words
    actors: tuple[ActorEntry, ...]
    classes: tuple[ActorClass, ...]


@lru_cache(maxsize=1)
def ontology() -> EventLexicon:
    """The event ontology and trigger lexicon of ``resources/event_types.json``, loaded once.

    Raises:
        ResourceError: The file is malformed (the message names the key).
    """
    return load_typed_resource(EVENT_TYPES_FILE, EventLexicon)


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The actor dictionary of ``resources/actors.json``, loaded once.

    Raises:
        ResourceError: The file is malformed (the message names the key).
    """
    return load_typed_resource(ACTORS_FILE, ActorDictionary)


def family(subtype: EventSubtype) -> EventType:
    """The ACLED event type of a sub-type ("Battles" for "armed_clash")."""
    return ontology().family(subtype)


class Combination(ResourceItem):
    """When the learned model's sub-type replaces the rules' for one use."""

    min_probability: StrictFloat
    """The model's probability its sub-type needs."""
    among_candidates: StrictBool
    """The model may only choose among the sub-types the rules gave the unit's triggers."""
    rules_keep: tuple[EventSubtype, ...] = ()
    """Sub-types the rules keep whatever the model says: those for which the rules'
    choice was more precise than the model's in cross-validation."""


class LearnedModel(ResourceModel):
    """What the learned models of the events component share: their provenance
    (``scripts/train_*.py`` writes it) and their named features, indexed once."""

    description: str
    version: str
    features: tuple[str, ...]
    training: dict[str, int]
    """Units per source (and label) the model was trained on."""
    regularization: StrictFloat
    cross_validation: dict[str, Any]
    """Cross-validated scores of the rules, the model and their combination (folds by
    document)."""

    _index: dict[str, int] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Index the features once."""
        self._index.update((name, row) for row, name in enumerate(self.features))

    def feature_index(self) -> dict[str, int]:
        """Feature name -> its row of the weights."""
        return self._index


def _load_model(name: str, model_type: type[ModelT]) -> ModelT:
    """Load a learned model's resource file.

    Raises:
        ResourceError: The file is missing or malformed (the message names the key).
    """
    try:
        return load_typed_resource(name, model_type)
    except ResourceError:
        raise
    except (OSError, ValueError) as error:  # missing, unreadable or not JSON
        raise ResourceError(f"{name}: cannot be read ({error})") from error


class EventTypeModel(LearnedModel):
    """``resources/event_type_model.json``: a multinomial logistic regression over named
    features (:mod:`.learned`), written by ``scripts/train_event_types.py``.

    ``logit[k] = bias[k] + sum(value * weights[feature][k])``; probabilities by softmax.
    """

    classes: tuple[EventSubtype, ...]
    weights: tuple[tuple[StrictFloat, ...], ...]
    """One row per feature, one weight per class."""
    bias: tuple[StrictFloat, ...]
    combination: dict[Use, Combination]

    @field_validator("weights")
    @classmethod
    def _rows_fit(
        cls, weights: tuple[tuple[float, ...], ...], info: ValidationInfo
    ) -> tuple[tuple[float, ...], ...]:
        classes = info.data.get("classes", ())
        features = info.data.get("features", ())
        if len(weights) != len(features) or any(len(row) != len(classes) for row in weights):
            raise ValueError("weights need one row per feature and one weight per class")
        return weights

    @field_validator("bias")
    @classmethod
    def _bias_fits(cls, bias: tuple[float, ...], info: ValidationInfo) -> tuple[float, ...]:
        if len(bias) != len(info.data.get("classes", ())):
            raise ValueError("bias needs one value per class")
        return bias


@lru_cache(maxsize=1)
def event_type_model() -> EventTypeModel:
    """The learned event-type model of ``resources/event_type_model.json``, loaded once."""
    return _load_model(EVENT_TYPE_MODEL_FILE, EventTypeModel)


class EventRealisModel(LearnedModel):
    """``resources/event_realis_model.json``: a binary logistic regression over named
    features (:mod:`.specific`), written by ``scripts/train_event_realis.py``.

    ``p = sigmoid(bias + sum(value * weights[feature]))``, the probability that an event
    is a specific one the article reports; events under ``threshold`` are dropped.
    """

    weights: tuple[StrictFloat, ...]
    """One weight per feature."""
    bias: StrictFloat
    threshold: StrictFloat

    @field_validator("weights")
    @classmethod
    def _one_per_feature(
        cls, weights: tuple[float, ...], info: ValidationInfo
    ) -> tuple[float, ...]:
        if len(weights) != len(info.data.get("features", ())):
            raise ValueError("weights need one value per feature")
        return weights


@lru_cache(maxsize=1)
def event_realis_model() -> EventRealisModel:
    """The learned event filter of ``resources/event_realis_model.json``, loaded once."""
    return _load_model(EVENT_REALIS_MODEL_FILE, EventRealisModel)
