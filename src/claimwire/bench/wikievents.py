"""``claimwire bench wikievents``: event triggers, their types and argument roles on WikiEvents.

The measure (WikiEvents, ``../shared/eval/wikievents``; every ``*.jsonl`` of the folder
that does not end in ``_info.jsonl``, and the coreference clusters of ``coref/*.jsonlines``
when present):

- The text of each document is rebuilt from its tokens (one space between tokens, a line
  break between sentences: the set's own ``text`` glues sentences together), so every
  gold trigger and argument has exact character offsets. The document runs through the
  whole claimwire pipeline (places and dates choose the events' places).
- Gold triggers are scored when their KAIROS type maps to claimwire types in the table
  ``mappings.wikievents.types`` of ``resources/event_types.json`` (longest prefix wins;
  unmapped KAIROS types such as Contact or Movement are ignored).
- ``triggers`` (identification) and ``trigger_types`` (classification) score trigger
  mentions, typed by :func:`claimwire.components.events.typed_mentions` (nothing merged or
  dropped): a gold trigger is found when one of our mentions overlaps it, and typed right
  when such a mention's type is one of the mapped types; one of our mentions of a conflict
  type that overlaps no gold trigger at all is a false positive.
- ``arguments`` (identification) and ``argument_roles`` (classification) score the
  participants of our event records end to end, as OneIE and Li et al. (NAACL 2021) do:
  an argument counts only through an event of ours whose triggers overlap the gold
  event's trigger. KAIROS roles map to the roles of our records by the table
  ``mappings.wikievents.roles`` (Attacker, Killer, Injurer, Jailer, Demonstrator,
  Perpetrator -> actor; Target, Victim, Detainee, Artifact -> target; Place -> place;
  Instrument and ExplosiveDevice are not scored: our records keep no instrument).
  Spans match by **head word with coreference**, Li et al.'s "Coref" match: a predicted
  participant (actor, target or place span) is right when the syntactic head of its span
  (spaCy's parse of the rebuilt text) is the head of the gold argument mention or of any
  mention coreferent with it. Our ontology is coarser than KAIROS (one of our attacks is
  KAIROS's Attack + Die + Injure), so each of our events is scored against the union of
  the arguments of the gold events its triggers overlap (one item per role and entity);
  a predicted participant matches at most one gold item and the reverse. The
  participants of our events that overlap no gold trigger are false positives; those of
  events that overlap only unmapped gold triggers are not scored. Identification needs
  the entity only; classification also the role.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..components.events import EventHit, family, hits_of, ontology, typed_mentions
from ..errors import InputNotFoundError
from .metrics import Report

SCORED_FAMILIES = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
)
"""Our types whose unmatched mentions (and their participants) count as false positives."""


@dataclass(frozen=True)
class Argument:
    """A gold argument: its role in our records and the offsets of its entity's mentions."""

    role: str
    """``actor``, ``target`` or ``place`` (see ``mappings.wikievents.roles``)."""
    entity: str
    """Id of the coreference cluster (or of the mention when it is in none)."""
    mentions: tuple[tuple[int, int], ...]
    """Character offsets of the argument mention and of every mention coreferent with it."""
    text: str


@dataclass(frozen=True)
class Trigger:
    """A gold event: trigger offsets into the rebuilt text, KAIROS type, scored arguments."""

    start: int
    end: int
    kairos: str
    families: frozenset[str] | None
    """Our types that count as this trigger's type, or None when the type is unmapped."""
    arguments: tuple[Argument, ...] = ()


@dataclass(frozen=True)
class Document:
    """A WikiEvents document with its rebuilt text and gold events."""

    id: str
    text: str
    triggers: tuple[Trigger, ...]


def families_of(kairos: str) -> frozenset[str] | None:
    """Our types for a KAIROS event type (longest mapped prefix), or None."""
    table: dict[str, list[str]] = ontology().mappings["wikievents"]["types"]
    best = max(
        (p for p in table if kairos == p or kairos.startswith(p + ".")), key=len, default=None
    )
    return frozenset(table[best]) if best is not None else None


def role_of(kairos_role: str) -> str | None:
    """Our record role (actor, target, place) for a KAIROS argument role, or None."""
    table: dict[str, str] = ontology().mappings["wikievents"]["roles"]
    return table.get(kairos_role)


def load_documents(folder: Path) -> list[Document]:
    """Every document of the ``*.jsonl`` files of ``folder`` (not ``*_info.jsonl``).

    Raises:
        InputNotFoundError: The folder is missing or has no such file.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such WikiEvents folder: {folder}")
    clusters = _clusters(folder)
    found: list[Document] = []
    for path in sorted(folder.glob("*.jsonl")):
        if not path.name.endswith("_info.jsonl"):
            found.extend(_read(path, clusters))
    if not found:
        raise InputNotFoundError(f"no WikiEvents *.jsonl (tokens, event_mentions) in {folder}")
    return found


def _clusters(folder: Path) -> dict[str, list[list[str]]]:
    """Document id -> coreference clusters (lists of entity mention ids)."""
    found: dict[str, list[list[str]]] = {}
    for path in sorted(folder.glob("coref/*.jsonlines")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    found[record["doc_key"]] = record.get("clusters", [])
    return found


def _read(path: Path, clusters: dict[str, list[list[str]]]) -> Iterator[Document]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                if {"tokens", "sentences", "event_mentions"} <= record.keys():
                    yield _document(record, clusters.get(record["doc_id"], []))


def _document(record: dict[str, Any], clusters: list[list[str]]) -> Document:
    offsets: list[tuple[int, int]] = []
    parts: list[str] = []
    position = 0
    for k, sentence in enumerate(record["sentences"]):
        if k:
            parts.append("\n")
            position += 1
        for j, token in enumerate(sentence[0]):
            if j:
                parts.append(" ")
                position += 1
            parts.append(token[0])
            offsets.append((position, position + len(token[0])))
            position += len(token[0])
    text = "".join(parts)
    mentions = {
        m["id"]: (offsets[m["start"]][0], offsets[m["end"] - 1][1])
        for m in record.get("entity_mentions", [])
        if m["end"] - 1 < len(offsets)
    }
    cluster_of = {m: f"c{k}" for k, cluster in enumerate(clusters) for m in cluster}
    members: dict[str, list[str]] = {}
    for mention_id, cluster in cluster_of.items():
        members.setdefault(cluster, []).append(mention_id)
    triggers = []
    for event in record["event_mentions"]:
        first, last = event["trigger"]["start"], event["trigger"]["end"] - 1
        if last >= len(offsets):
            continue
        families = families_of(event["event_type"])
        arguments = []
        for argument in event.get("arguments", []) if families is not None else []:
            role, mention_id = role_of(argument["role"]), argument["entity_id"]
            if role is None or mention_id not in mentions:
                continue
            entity = cluster_of.get(mention_id, mention_id)
            spans = {mentions[mention_id]}
            spans.update(mentions[m] for m in members.get(entity, []) if m in mentions)
            arguments.append(Argument(role, entity, tuple(sorted(spans)), argument["text"]))
        triggers.append(
            Trigger(
                offsets[first][0],
                offsets[last][1],
                event["event_type"],
                families,
                tuple(arguments),
            )
        )
    return Document(record["doc_id"], text, tuple(triggers))


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score our triggers and event participants against the WikiEvents gold.

    Args:
        data: The set folder (``../shared/eval/wikievents`` by default in the CLI).
        limit: Score only the first ``limit`` documents.

    Returns:
        The report (sections ``triggers``, ``trigger_types``, ``arguments`` and
        ``argument_roles``).

    Raises:
        InputNotFoundError: No usable file in the folder.
    """
    from ..nlp.pipeline import build_pipeline, load_model

    if data is None:
        raise InputNotFoundError("no WikiEvents folder given")
    started = time.perf_counter()
    documents = load_documents(data)
    if limit is not None:
        documents = documents[:limit]
    nlp = build_pipeline(load_model())
    report = Report(task="wikievents", data=str(data), documents=len(documents))
    for name in ("triggers", "trigger_types", "arguments", "argument_roles"):
        report.section(name)
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        _score_triggers(report, document, doc)
        _score_arguments(report, document, doc, hits_of(doc))
    report.seconds = time.perf_counter() - started
    return report


def _score_triggers(report: Report, document: Document, doc: Doc) -> None:
    found, typed = report.sections["triggers"], report.sections["trigger_types"]
    mentions = typed_mentions(doc)
    for trigger in document.triggers:
        if trigger.families is None:
            continue
        hits = [m for m in mentions if m.start < trigger.end and trigger.start < m.end]
        label = f"{document.id} {trigger.kairos} '{document.text[trigger.start : trigger.end]}'"
        if not hits:
            found.fn += 1
            typed.fn += 1
            report.miss("triggers", f"missed {label}")
            continue
        found.tp += 1
        if any(family(m.subtype) in trigger.families for m in hits):
            typed.tp += 1
        else:
            typed.fn += 1
            typed.fp += 1
            report.miss("trigger_types", f"{label} typed {hits[0].subtype}")
    for mention in mentions:
        if family(mention.subtype) not in SCORED_FAMILIES:
            continue
        if not any(mention.start < t.end and t.start < mention.end for t in document.triggers):
            found.fp += 1
            typed.fp += 1
            text = document.text[mention.start : mention.end]
            report.miss("triggers", f"spurious {document.id} {mention.subtype} '{text}'")


def participants(hit: EventHit) -> list[tuple[str, int, int]]:
    """(role, start, end) of an event record's actors, targets and place."""
    found = [("actor", a.start, a.end) for a in hit.actors]
    found += [("target", t.start, t.end) for t in hit.targets]
    if hit.place_start is not None and hit.place_end is not None:
        found.append(("place", hit.place_start, hit.place_end))
    return found


def _head(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def _score_arguments(report: Report, document: Document, doc: Doc, hits: list[EventHit]) -> None:
    heads: dict[str, set[int]] = {}
    for trigger in document.triggers:
        for argument in trigger.arguments:
            heads.setdefault(argument.entity, set()).update(
                h for s, e in argument.mentions if (h := _head(doc, s, e)) is not None
            )
    covered: set[int] = set()
    for hit in hits:
        if hit.type not in SCORED_FAMILIES:
            continue
        overlapped = [
            k
            for k, t in enumerate(document.triggers)
            if any(s < t.end and t.start < e for s, e in hit.mentions)
        ]
        if overlapped and all(document.triggers[k].families is None for k in overlapped):
            continue
        covered.update(overlapped)
        gold = {
            (a.role, a.entity): a
            for k in overlapped
            if document.triggers[k].families is not None
            for a in document.triggers[k].arguments
        }
        predicted = [
            (role, head, document.text[s:e])
            for role, s, e in participants(hit)
            if (head := _head(doc, s, e)) is not None
        ]
        label = f"{document.id} {hit.subtype} '{document.text[hit.start : hit.end]}'"
        _match(report, "arguments", gold, predicted, heads, label, by_role=False)
        _match(report, "argument_roles", gold, predicted, heads, label, by_role=True)
    for k, trigger in enumerate(document.triggers):
        if k in covered or trigger.families is None:
            continue
        where = f"(event '{document.text[trigger.start : trigger.end]}' not found)"
        for by_role, section in ((False, "arguments"), (True, "argument_roles")):
            unique = {(a.role if by_role else "", a.entity): a for a in trigger.arguments}
            report.sections[section].fn += len(unique)
            for a in unique.values():
                report.miss(section, f"missed {document.id} {a.role} '{a.text}' {where}")


def _match(
    report: Report,
    section: str,
    gold: dict[tuple[str, str], Argument],
    predicted: list[tuple[str, int, str]],
    heads: dict[str, set[int]],
    label: str,
    *,
    by_role: bool,
) -> None:
    """One-to-one matching of an event's predicted participants with its gold items.

    Without ``by_role`` an item is an entity (whatever its roles), else a role and entity.
    """
    score = report.sections[section]
    items = {(a.role if by_role else "", a.entity): a for a in gold.values()}
    seen: set[tuple[str, int]] = set()
    for role, head, text in predicted:
        key_role = role if by_role else ""
        if (key_role, head) in seen:
            continue
        seen.add((key_role, head))
        match = next(
            (key for key, a in items.items() if key[0] == key_role and head in heads[a.entity]),
            None,
        )
        if match is None:
            score.fp += 1
            report.miss(section, f"spurious {role} '{text}' of {label}")
        else:
            score.tp += 1
            del items[match]
    score.fn += len(items)
    for a in items.values():
        report.miss(section, f"missed {a.role} '{a.text}' of {label}")
