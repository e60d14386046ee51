"""``claimwire bench police-events``: did the police act? IndiaPoliceEvents sentences.

The measure (IndiaPoliceEvents, ``../shared/eval/india_police_events``; every ``*.jsonl``
of the folder whose records carry ``sent_id``, ``sent_text`` and ``sent_labels``):

- Every sentence is run on its own through the whole claimwire pipeline, which
  ``claimwire_events_v1`` needs for its places and dates (threats, plans, modal and
  negated events are left out, as in the component's default).
- A sentence is predicted with the labels of the table ``mappings.india_police_events``
  of ``resources/event_types.json``:

  - ``ARREST``: an ``arrests`` event (its actor, when named, is police or state forces);
  - ``KILL``: police or state forces named in the sentence, a killing word and a use of
    force ("97 died in police firing", "police shot dead two men");
  - ``FORCE``: ``KILL``, or police with a force word (firing, lathi-charge, tear gas);
  - ``FAIL``: police named with a failure cue ("stood by", "failed to", "mute spectator");
  - ``ANY_ACTION``: any of ``ARREST``/``KILL``/``FORCE``, or police as the subject of an
    action word (patrol, curfew, raid, register...).

- Sections: one per label, precision / recall / F1 over sentences. A full run parses the
  10,426 sentences of the set; ``limit`` keeps the first ones.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..components.events import find_actor_spans, hits_of, ontology
from ..errors import InputNotFoundError
from .metrics import Report

LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence of IndiaPoliceEvents."""

    doc_id: Any
    sent_id: Any
    text: str
    labels: frozenset[str]


def load_sentences(folder: Path) -> list[Sentence]:
    """Every labelled sentence of the ``*.jsonl`` files of ``folder``, in file order.

    Raises:
        InputNotFoundError: The folder is missing or has no sentence file.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such IndiaPoliceEvents folder: {folder}")
    found: list[Sentence] = []
    for path in sorted(folder.glob("*.jsonl")):
        found.extend(_read(path))
    if not found:
        raise InputNotFoundError(
            f"no *.jsonl of sentences (sent_id, sent_text, sent_labels) in {folder}"
        )
    return found


def _read(path: Path) -> Iterator[Sentence]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if not {"sent_id", "sent_text", "sent_labels"} <= record.keys():
                return  # another file of the set (documents)
            yield Sentence(
                record.get("doc_id"),
                record["sent_id"],
                record["sent_text"],
                frozenset(record["sent_labels"]),
            )


def _has(words: set[str], text: str, cues: list[str]) -> bool:
    return any((cue in text) if " " in cue or "-" in cue else (cue in words) for cue in cues)


def predict(doc: Doc) -> set[str]:
    """The labels of one parsed sentence (see the module docstring).

    Args:
        doc: The sentence, processed by the claimwire pipeline.

    Returns:
        The predicted labels.
    """
    table = ontology().mappings["india_police_events"]
    police_types = set(table["police_actor_types"])
    words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    text = doc.text.lower()
    police = [a for a in find_actor_spans(doc) if a.participant.type in police_types]
    labels: set[str] = set()
    events = hits_of(doc)
    for event in events:
        if event.subtype != "arrests":
            continue
        if not event.actors or any(a.type in police_types for a in event.actors):
            labels.add("ARREST")
    if police:
        force = _has(words, text, table["force_lemmas"])
        gunfire = _has(words, text, table["police_gunfire"])
        if _has(words, text, table["kill_lemmas"]) and (gunfire or _police_do(doc, police, KILLS)):
            labels.add("KILL")
        if force or gunfire:
            labels.add("FORCE")
        if _police_act(doc, police, table["action_lemmas"]):
            labels.add("ANY_ACTION")
    if _has(words, text, table["fail_cues"]) and _has(words, text, table["authorities"]):
        labels.add("FAIL")
    if _has(words, text, table["authority_actions"]):
        labels.add("ANY_ACTION")
    if labels & {"ARREST", "KILL", "FORCE"}:
        labels.add("ANY_ACTION")
    return labels


KILLS = ["kill", "shoot", "gun"]


def _police_do(doc: Doc, police: list[Any], verbs: list[str]) -> bool:
    """Police as the subject or 'by' agent of one of ``verbs``."""
    wanted = set(verbs)
    for span in police:
        for token in doc[span.start : span.end]:
            head = token.head.head if token.dep_ == "pobj" else token.head
            if token.dep_ in {"nsubj", "pobj"} and head.lemma_.lower() in wanted:
                return True
    return False


def _police_act(doc: Doc, police: list[Any], actions: list[str]) -> bool:
    """Police as the doer of a verb other than a reporting verb, or of an action word."""
    wanted = set(actions) - REPORTING
    for span in police:
        for token in doc[span.start : span.end]:
            head = (
                token.head.head
                if token.dep_ == "pobj" and token.head.lower_ == "by"
                else token.head
            )
            lemma = head.lemma_.lower()
            if lemma in REPORTING:
                continue
            if token.dep_ in {"nsubj", "pobj", "agent"} and head.pos_ == "VERB":
                return True
            if token.dep_ in {"compound", "poss", "amod"} and lemma in wanted:
                return True
    return False


REPORTING = frozenset(
    {"say", "tell", "claim", "add", "state", "report", "inform", "confirm", "deny", "allege",
     "believe", "suspect", "feel", "think", "know", "learn", "quote", "ask", "reveal", "be"}
)  # fmt: skip


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Label every sentence of an IndiaPoliceEvents folder and score the labels.

    Args:
        data: The set folder (``../shared/eval/india_police_events`` by default in the CLI).
        limit: Score only the first ``limit`` sentences.

    Returns:
        The report (one section per label).

    Raises:
        InputNotFoundError: No usable file in the folder.
    """
    from ..nlp.pipeline import build_pipeline, load_model

    if data is None:
        raise InputNotFoundError("no IndiaPoliceEvents folder given")
    started = time.perf_counter()
    sentences = load_sentences(data)
    if limit is not None:
        sentences = sentences[:limit]
    nlp = build_pipeline(load_model())
    report = Report(task="police-events", data=str(data), documents=len(sentences))
    for label in LABELS:
        report.section(label)
    docs = nlp.pipe((s.text for s in sentences), batch_size=256)
    for sentence, doc in zip(sentences, docs, strict=True):
        predicted = predict(doc)
        for label in LABELS:
            score = report.sections[label]
            gold, ours = label in sentence.labels, label in predicted
            if gold and ours:
                score.tp += 1
            elif ours:
                score.fp += 1
                report.miss(
                    label, f"fp {sentence.doc_id}/{sentence.sent_id}: {sentence.text[:120]}"
                )
            elif gold:
                score.fn += 1
                report.miss(
                    label, f"fn {sentence.doc_id}/{sentence.sent_id}: {sentence.text[:120]}"
                )
    report.extra = {"sentences_with_labels": sum(1 for s in sentences if s.labels)}
    report.seconds = time.perf_counter() - started
    return report
