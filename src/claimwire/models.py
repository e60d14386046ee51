"""Typed records of claimwire's public output (the JSON format of ``claimwire extract``).

Every fact points at its evidence: character offsets into :attr:`Document.text`, the
normalized article text that never changes after ingest. ``document.text[start:end]``
equals ``span.text`` for every span in a result.

Records are frozen pydantic models with a ``kind`` tag, so that the JSON Schema shipped
with the package (``claimwire/schema/result.schema.json``) is generated from them.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import MissingExtraError

if TYPE_CHECKING:  # pandas is an optional extra
    import pandas

from .vocab import (
    Category,
    ClaimantType,
    ClaimForm,
    DateMethod,
    DateRole,
    EventSubtype,
    EventType,
    FigureUnit,
    Granularity,
    Hedge,
    Measure,
    Modality,
    NumberUnit,
    PlaceRole,
    ProblemCode,
    RelevanceLabel,
    RelevanceMethod,
    Severity,
    Status,
    TimeRelation,
)

SCHEMA_VERSION = "1.1"
"""Version of the JSON output format, MAJOR.MINOR: the major number changes when a field
is removed, renamed or changes meaning (a reader of the old format would misread it), the
minor number when fields, values or problem codes are added (a reader that ignores unknown
fields reads it as before). 1.1 is 1.0 with the fields, values and problem codes added
since (among them ``relevance.method`` and provenance ``gazetteer_version`` and
``resources``); every 1.0 field keeps its name and meaning."""


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the document text: the evidence of a fact.

    ``start`` and ``end`` are character (code point) offsets into ``Document.text``;
    ``text`` repeats ``Document.text[start:end]`` for readability.
    """

    start: int = Field(ge=0, description="Offset of the first character, into Document.text.")
    end: int = Field(ge=0, description="Offset after the last character (exclusive).")
    text: str = Field(description="Document.text[start:end], repeated for readability.")


class Provenance(Record):
    """Which software produced a result, so that any fact can be traced and reproduced."""

    kind: Literal["provenance"] = "provenance"
    claimwire_version: str
    schema_version: str = SCHEMA_VERSION
    model: str = Field(description="spaCy pipeline name and version, e.g. en_core_web_sm 3.8.0.")
    spacy_version: str
    components: list[str] = Field(
        description="The spaCy components run, in order, with their versioned factory names."
    )
    gazetteer_version: str | None = Field(
        default=None, description="Version of the gazetteer places were resolved with."
    )
    resources: dict[str, str] = Field(
        default_factory=dict,
        description="Each data file of claimwire/resources and the first 12 hex digits of "
        "its SHA-256 (lexicons, rules, models).",
    )
    run_id: str = Field(description="Random id of the extraction run.")
    created: dt.datetime = Field(description="When the result was produced (UTC).")


class Problem(Record):
    """A non-fatal issue with an input: recorded, never raised, so a batch goes on.

    Codes are stable and listed in docs/output.md (e.g. ``invalid_utf8``, ``empty_text``).
    """

    kind: Literal["problem"] = "problem"
    code: ProblemCode = Field(description="Stable machine-readable code.")
    message: str = Field(description="What is wrong and what was done about it.")
    severity: Severity = "warning"
    start: int | None = Field(default=None, description="Offset into Document.text, if any.")
    end: int | None = None
    line: int | None = Field(default=None, description="Line of the input file, if any.")
    source: str | None = Field(default=None, description="File or stream the problem is in.")


class Document(Record):
    """One article. Its ``text`` is frozen: every offset of the result refers to it."""

    kind: Literal["document"] = "document"
    id: str = Field(description="Content hash of the normalized text and canonical URL.")
    text: str = Field(description="Normalized article text; all offsets index this string.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | dt.datetime | None = Field(
        default=None, description="Publication date (or datetime), if known."
    )
    language: str = Field(
        default="en",
        description="ISO 639-1 code of the article's language (ISO 639-3 for a language "
        "without one), given with the input or detected; claimwire extracts from English only.",
    )
    source: str | None = Field(
        default=None, description="Where the article was read from: a path, 'stdin', a line."
    )
    external_id: str | None = Field(default=None, description="The input's own id, if given.")


class NumberMention(Record):
    """A number written in the text: digits, words, vague quantities, ranges, percentages."""

    kind: Literal["number"] = "number"
    span: Span
    value: float | None = Field(description="Exact or central value; null when vague or a bound.")
    lower: float | None = Field(default=None, description="Lower bound ('at least 5', 'hundreds').")
    upper: float | None = Field(default=None, description="Upper bound ('up to 100', '10-15').")
    approx: bool = False
    qualifier: str | None = Field(default=None, description="Normalized qualifier: 'about', ...")
    unit: NumberUnit = "count"
    ordinal: bool = Field(default=False, description="True for '18th', 'third': not a count.")
    vague: bool = Field(default=False, description="True for 'hundreds', 'dozens', 'thousands'.")


class Claimant(Record):
    """Who asserts something: a person, an organization or government, or the outlet."""

    kind: Literal["claimant"] = "claimant"
    name: str = Field(description="Canonical name ('Government of Ukraine', 'Oleh Syniehubov').")
    type: ClaimantType
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Claim(Record):
    """An attributed statement: who says what, with which cue, and how sure they sound."""

    kind: Literal["claim"] = "claim"
    id: str
    claimant: Claimant
    cue: Span | None = Field(
        default=None, description="Cue verb or phrase: 'said', 'according to'."
    )
    speaker: Span | None = Field(
        default=None, description="The words naming the claimant here ('he', 'Kyiv')."
    )
    content: Span
    form: ClaimForm
    hedge: Hedge = "asserted"
    contradicts: list[str] = Field(
        default_factory=list, description="Ids of claims it contradicts."
    )
    parent: str | None = Field(
        default=None, description="Id of the claim a partial quote sits in, if any."
    )


class Contradiction(Record):
    """Two claims of one article that cannot both hold, kept side by side."""

    kind: Literal["contradiction"] = "contradiction"
    claim_ids: list[str] = Field(description="The two claims, in text order.")
    figure_ids: list[str] = Field(
        default_factory=list,
        description="The two figures that disagree, in the order of their claims (empty when "
        "the claims themselves disagree).",
    )
    referent: str = Field(description="What they disagree about, as written.")
    reason: str = Field(description="Why they cannot both hold.")


class TimeRef(Record):
    """When a figure holds: an as-of date, or a period, and whether it is a running total."""

    kind: Literal["time"] = "time"
    as_of: dt.date | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    cumulative: bool | None = Field(default=None, description="True for running totals.")
    relation: TimeRelation | None = Field(
        default=None, description="How the time phrase bounds the figure."
    )
    date_id: str | None = Field(default=None, description="The DateMention of the phrase.")
    evidence: list[Span] = Field(default_factory=list)


class Figure(Record):
    """A number tied to what is counted, what happened to it, whose it is, and who says so."""

    kind: Literal["figure"] = "figure"
    id: str
    span: Span = Field(description="Evidence: the number itself.")
    value: float | None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: FigureUnit = "count"
    counted: Span | None = Field(default=None, description="What is counted, as written.")
    category: Category | None = Field(
        default=None, description="Normalized category of the counted."
    )
    measure: Measure | None = Field(
        default=None, description="What happened: killed, destroyed, ..."
    )
    trigger: Span | None = Field(default=None, description="The words that say what happened.")
    negated: bool = False
    modality: Modality = "actual"
    side: str | None = Field(default=None, description="Whose people or equipment are counted.")
    time: TimeRef | None = None
    place_ids: list[str] = Field(default_factory=list)
    claim_id: str | None = None
    status: Status = "new"


class Place(Record):
    """A place mention and its gazetteer entry, or an explicit 'unresolved'."""

    kind: Literal["place"] = "place"
    id: str
    span: Span
    name: str | None = Field(default=None, description="Canonical gazetteer name.")
    resolved: bool = False
    gazetteer_id: str | None = Field(default=None, description="'geonames:702550' or curated id.")
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    admin1: str | None = None
    admin2: str | None = Field(
        default=None, description="Second-level region (county, department), when known."
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    feature_code: str | None = Field(default=None, description="GeoNames feature code (PPLA...).")
    population: int | None = None
    place_kind: str | None = Field(
        default=None, description="city, region, country, facility ... (curated entries)."
    )
    match: str | None = Field(
        default=None, description="How the mention was recognized: exact, variant, fuzzy, model."
    )
    role: PlaceRole = "location"
    score: float | None = None


class DateMention(Record):
    """A time expression resolved to an interval, with how it was resolved."""

    kind: Literal["date"] = "date"
    id: str
    span: Span
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity = "unknown"
    method: DateMethod = "unresolved"
    role: DateRole = "point"
    anchor: dt.date | None = Field(
        default=None, description="The date relative expressions were resolved against."
    )
    cue: Span | None = Field(default=None, description="The word that gives the role: 'since'.")


class Actor(Record):
    """A participant of an event, with its canonical name and side."""

    kind: Literal["actor"] = "actor"
    name: str
    side: str | None = None
    type: str | None = Field(default=None, description="state_forces, rebels, civilians, ...")
    actor_id: str | None = Field(default=None, description="Id in resources/actors.json.")
    mentions: list[Span] = Field(default_factory=list)


class Event(Record):
    """Something that happened, typed in claimwire's ontology (ACLED types, PLOVER mapping)."""

    kind: Literal["event"] = "event"
    id: str
    type: EventType
    subtype: EventSubtype | None = None
    plover: str | None = Field(default=None, description="PLOVER event type of the subtype.")
    trigger: Span
    evidence: Span | None = Field(default=None, description="The sentence(s) reporting it.")
    mentions: list[Span] = Field(default_factory=list, description="Other words reporting it.")
    actors: list[Actor] = Field(default_factory=list)
    targets: list[Actor] = Field(default_factory=list)
    place_id: str | None = None
    place_name: str | None = Field(
        default=None, description="Where, when no place mention fits (a country-wide event)."
    )
    date_id: str | None = None
    figure_ids: list[str] = Field(default_factory=list)
    claim_id: str | None = None
    status: Status = "new"
    negated: bool = False
    hypothetical: bool = False


class RelevanceEvidence(Record):
    """A feature that decided an article's relevance, with what was counted for it."""

    kind: Literal["relevance_evidence"] = "relevance_evidence"
    feature: str = Field(
        description="The model's feature: 'event:explosions', 'figure:casualties', "
        "'words:weapons', 'words:sport', ..."
    )
    contribution: float = Field(
        description="What it added to the log-odds of relevance (negative: against)."
    )
    spans: list[Span] = Field(default_factory=list, description="The first mentions counted.")


class Relevance(Record):
    """How likely the article is about armed conflict, political violence or protest."""

    kind: Literal["relevance"] = "relevance"
    score: float = Field(ge=0.0, le=1.0, description="The model's probability of relevance.")
    relevant: bool = Field(description="The score reaches the model's threshold.")
    label: RelevanceLabel = Field(
        description="armed_conflict, political_violence, protest; other when not relevant."
    )
    evidence: list[RelevanceEvidence] = Field(
        default_factory=list, description="The features that pushed most towards the decision."
    )
    method: RelevanceMethod = Field(
        default="model",
        description="Who decided: model (the relevance model, after the whole pipeline) or "
        "gate (the relevance gate on the plain words, before it: the article was found "
        "off-topic and got a light result, with no facts).",
    )


class Result(Record):
    """Everything claimwire found in one document."""

    kind: Literal["result"] = "result"
    schema_version: str = SCHEMA_VERSION
    document: Document
    numbers: list[NumberMention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    relevance: Relevance | None = Field(
        default=None,
        description="Whether the article is about armed conflict, political violence or "
        "protest; an off-topic article has no events (its figures and claims are kept).",
    )
    problems: list[Problem] = Field(default_factory=list)
    provenance: Provenance

    def spans(self) -> list[Span]:
        """Every evidence span of the result, in no particular order."""
        found: list[Span] = []
        for record in [
            *self.numbers,
            *self.figures,
            *self.claims,
            *self.places,
            *self.dates,
            *self.events,
        ]:
            _collect_spans(record, found)
        return found

    def to_frames(self) -> dict[str, pandas.DataFrame]:
        """The result's facts as pandas DataFrames, one per kind of record.

        Keys: ``numbers``, ``figures``, ``claims``, ``places``, ``dates``, ``events``,
        ``contradictions``, ``problems``. A row is one record, nested records flattened to
        dotted columns (``span.start``, ``claimant.name``, ``time.as_of``), lists kept as
        lists, plus ``document_id``. A kind with no records is an empty frame with the same
        columns.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'claimwire[pandas]'``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtraError(
                "Result.to_frames needs pandas: pip install 'claimwire[pandas]' (or pandas)"
            ) from None
        frames = {}
        for name in _FRAME_KINDS:
            records = getattr(self, name)
            model = type(self).model_fields[name].annotation
            columns = ["document_id", *_flat_columns(typing.get_args(model)[0])]
            rows = [
                {"document_id": self.document.id, **_flatten(record.model_dump(mode="python"))}
                for record in records
            ]
            frames[name] = pd.DataFrame(rows, columns=columns)
        return frames


_FRAME_KINDS = (
    "numbers", "figures", "claims", "places", "dates", "events", "contradictions", "problems",
)  # fmt: skip
"""The lists of a result that :meth:`Result.to_frames` turns into frames."""


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The record type of a field (``Span``, ``Span | None``), or None for a plain value."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _flat_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    columns = []
    for name, field in model.model_fields.items():
        if name == "kind":
            continue
        nested = _model_of(field.annotation)
        if nested is not None and typing.get_origin(field.annotation) is not list:
            columns.extend(_flat_columns(nested, f"{prefix}{name}."))
        else:
            columns.append(f"{prefix}{name}")
    return columns


def _flatten(values: dict[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in values.items():
        if name == "kind":
            continue
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _collect_spans(value: object, found: list[Span]) -> None:
    if isinstance(value, Span):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect_spans(getattr(value, name), found)
    elif isinstance(value, list):
        for item in value:
            _collect_spans(item, found)
