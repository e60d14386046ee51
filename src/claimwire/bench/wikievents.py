"""``claimwire bench wikievents``: event triggers and their types on WikiEvents (KAIROS).

The measure (WikiEvents, ``../shared/eval/wikievents``; every ``*.jsonl`` of the folder
that does not end in ``_info.jsonl``):

- The text of each document is rebuilt from its tokens (one space between tokens, a line
  break between sentences: the set's own ``text`` glues sentences together), so every
  gold trigger has exact character offsets.
- The document is parsed and its trigger mentions typed by
  :func:`claimwire.components.events.typed_mentions` (nothing merged or dropped: this
  scores triggers, not events).
- Gold triggers are scored when their KAIROS type maps to claimwire types in the table
  ``mappings.wikievents`` of ``resources/event_types.json`` (longest prefix wins;
  unmapped KAIROS types such as Contact or Movement are ignored).
- Sections: ``triggers`` (identification: a gold trigger is found when one of our
  mentions overlaps it; one of our mentions of a conflict type that overlaps no gold
  trigger at all is a false positive) and ``trigger_types`` (the same, and our type is
  one of the mapped types). Argument roles are not scored yet.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..components.events import ontology, typed_mentions
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
"""Our types whose unmatched mentions count as false positives."""


@dataclass(frozen=True)
class Trigger:
    """A gold trigger: character offsets into the rebuilt text and the KAIROS type."""

    start: int
    end: int
    kairos: str
    families: frozenset[str] | None
    """Our types that count as this trigger's type, or None when the type is unmapped."""


@dataclass(frozen=True)
class Document:
    """A WikiEvents document with its rebuilt text and gold triggers."""

    id: str
    text: str
    triggers: tuple[Trigger, ...]


def families_of(kairos: str) -> frozenset[str] | None:
    """Our types for a KAIROS event type (longest mapped prefix), or None."""
    table: dict[str, list[str]] = ontology()["mappings"]["wikievents"]["types"]
    best = max(
        (p for p in table if kairos == p or kairos.startswith(p + ".")), key=len, default=None
    )
    return frozenset(table[best]) if best is not None else None


def load_documents(folder: Path) -> list[Document]:
    """Every document of the ``*.jsonl`` files of ``folder`` (not ``*_info.jsonl``).

    Raises:
        InputNotFoundError: The folder is missing or has no such file.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such WikiEvents folder: {folder}")
    found: list[Document] = []
    for path in sorted(folder.glob("*.jsonl")):
        if not path.name.endswith("_info.jsonl"):
            found.extend(_read(path))
    if not found:
        raise InputNotFoundError(f"no WikiEvents *.jsonl (tokens, event_mentions) in {folder}")
    return found


def _read(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                if {"tokens", "sentences", "event_mentions"} <= record.keys():
                    yield _document(record)


def _document(record: dict[str, Any]) -> Document:
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
    triggers = []
    for event in record["event_mentions"]:
        first, last = event["trigger"]["start"], event["trigger"]["end"] - 1
        if last < len(offsets):
            triggers.append(
                Trigger(
                    offsets[first][0],
                    offsets[last][1],
                    event["event_type"],
                    families_of(event["event_type"]),
                )
            )
    return Document(record["doc_id"], "".join(parts), tuple(triggers))


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score our trigger mentions against the WikiEvents gold triggers.

    Args:
        data: The set folder (``../shared/eval/wikievents`` by default in the CLI).
        limit: Score only the first ``limit`` documents.

    Returns:
        The report (sections ``triggers`` and ``trigger_types``).

    Raises:
        InputNotFoundError: No usable file in the folder.
    """
    from ..pipeline import load_model

    if data is None:
        raise InputNotFoundError("no WikiEvents folder given")
    started = time.perf_counter()
    documents = load_documents(data)
    if limit is not None:
        documents = documents[:limit]
    nlp = load_model()
    subtypes = ontology()["subtypes"]
    report = Report(task="wikievents", data=str(data), documents=len(documents))
    found, typed = report.section("triggers"), report.section("trigger_types")
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
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
            if any(subtypes[m.subtype]["type"] in trigger.families for m in hits):
                typed.tp += 1
            else:
                typed.fn += 1
                typed.fp += 1
                report.miss("trigger_types", f"{label} typed {hits[0].subtype}")
        for mention in mentions:
            family = subtypes[mention.subtype]["type"]
            if family not in SCORED_FAMILIES:
                continue
            if not any(mention.start < t.end and t.start < mention.end for t in document.triggers):
                found.fp += 1
                typed.fp += 1
                text = document.text[mention.start : mention.end]
                report.miss("triggers", f"spurious {document.id} {mention.subtype} '{text}'")
    report.seconds = time.perf_counter() - started
    return report
