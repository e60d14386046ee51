"""``claimwire bench muc-events``: incidents of MUC-4 messages (type, perpetrator, relevance).

The measure (MUC-4, ``../shared/eval/muc4``; texts ``raw/CORPORA/*/*`` not starting with
``key-``, keys ``raw/CORPORA/*/key-*``, read as latin-1; messages split at their id lines
by :func:`claimwire.bench.dates.read_messages`):

- The texts are ALL UPPER CASE; each message body is lower-cased (same offsets) before
  parsing, since the small English model tags capitals as proper nouns. Every message
  is run through ``claimwire_events_v1``.
- ``relevant``: a message is predicted relevant when it has an event of a violent type
  (battles, explosions, violence against civilians, riots, looting/property destruction,
  abductions, robbery); gold relevant = one of its templates has slot 1 not ``*``.
- ``incident_type``: the set of MUC types of the message (slot 4 of its relevant
  templates) against the set of MUC types of our events, through the table
  ``mappings.muc4`` of ``resources/event_types.json`` (a tp per type in both, fp per
  predicted type not in gold, fn per gold type not predicted).
- ``perpetrator_org``: per message, the organizations of slot 10 (each a list of
  ``/`` alternatives) against our events' actors: a gold organization is found when one
  of its strings appears in the text of one of our actor mentions or in its canonical
  name (lower case); our dictionary actors (not generic classes such as "gunmen") that
  match no gold organization are false positives. Only actors of the actor dictionary
  count, so organizations missing from it are misses.
- With ``limit``, the first messages in file order are scored; without it, an even
  deterministic sample of ``DEFAULT_SAMPLE`` of the 1,500 messages (noted in
  ``report.extra``): the whole set takes about 6 minutes on 2 cores.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

from ..components.events import FACTORY, EventHit, actor_dictionary, ontology
from ..errors import InputNotFoundError
from .dates import Message, key_files, read_messages, text_files
from .metrics import Report

SLOT = re.compile(r"^(?P<number>\d+)\.\s+[A-Z][A-Z :/-]*?[A-Z](?:\s{2,}(?P<value>\S.*))?$")
QUOTED = re.compile(r'"([^"]+)"')
DEFAULT_SAMPLE = 500
"""Messages scored without ``limit``: an even, deterministic sample keeps a run near 2 min."""


def _templates(content: str) -> Iterator[dict[str, list[str]]]:
    """Key templates as slot number -> lines (continuation lines appended)."""
    template: dict[str, list[str]] = {}
    slot = ""
    for line in content.splitlines():
        if line.startswith(";;;") or not line.strip():
            continue
        match = SLOT.match(line)
        if match:
            slot = match.group("number")
            if slot == "0" and template:
                yield template
                template = {}
            template[slot] = [(match.group("value") or "").strip()]
        elif slot:
            template.setdefault(slot, []).append(line.strip())
    if template:
        yield template


def read_gold(folder: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Message id -> {"types": [[type]], "orgs": [[alternative strings]]} of relevant templates.

    Messages whose templates are all irrelevant map to empty lists.
    """
    gold: dict[str, dict[str, list[list[str]]]] = {}
    for path in key_files(folder):
        for template in _templates(path.read_text(encoding="latin-1")):
            message_id = (template.get("0") or [""])[0].split(" ")[0]
            if not message_id:
                continue
            entry = gold.setdefault(message_id, {"types": [], "orgs": []})
            if (template.get("1") or ["*"])[0].startswith("*"):
                continue
            kind = (template.get("4") or ["-"])[0].split("/")[0].strip()
            entry["types"].append([kind])
            for line in template.get("10", []):
                names = [n.lower() for n in QUOTED.findall(line)]
                if names and not line.lstrip().startswith("?"):
                    entry["orgs"].append(names)
    return gold


def muc_types(hits: list[EventHit], text: str) -> set[str]:
    """The MUC incident types of our events (see ``mappings.muc4``)."""
    table = ontology()["mappings"]["muc4"]
    found: set[str] = set()
    for hit in hits:
        kind = table["subtypes"].get(hit.subtype)
        trigger = text[hit.start : hit.end].lower()
        if hit.subtype == "looting_property_destruction" and any(
            word in trigger for word in table["arson_words"]
        ):
            kind = "ARSON"
        if kind:
            found.add(kind)
    return found


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score the incidents of MUC-4 messages (see the module docstring).

    Args:
        data: The set folder (``../shared/eval/muc4`` by default in the CLI).
        limit: Score only the first ``limit`` messages (file order).

    Returns:
        The report (sections ``relevant``, ``incident_type``, ``perpetrator_org``).

    Raises:
        InputNotFoundError: No message or no key in the folder.
    """
    from ..pipeline import load_model

    if data is None or not data.is_dir():
        raise InputNotFoundError(f"no such MUC-4 folder: {data}")
    started = time.perf_counter()
    messages = list(read_messages(text_files(data)))
    gold = read_gold(data)
    messages = [m for m in messages if m.id in gold]
    if not messages:
        raise InputNotFoundError(f"no MUC-4 messages with answer keys under {data}/raw/CORPORA")
    sampled = limit is None and len(messages) > DEFAULT_SAMPLE
    if limit is not None:
        messages = messages[:limit]
    elif sampled:
        step = len(messages) / DEFAULT_SAMPLE
        messages = [messages[int(k * step)] for k in range(DEFAULT_SAMPLE)]
    nlp = load_model()
    nlp.add_pipe(FACTORY)
    report = Report(task="muc-events", data=str(data), documents=len(messages))
    for name in ("relevant", "incident_type", "perpetrator_org"):
        report.section(name)
    texts = (_body(m) for m in messages)
    for message, doc in zip(messages, nlp.pipe(texts, batch_size=16), strict=True):
        _score(report, message, doc._.claimwire_events or [], doc.text, gold[message.id])
    if sampled:
        report.extra["sample"] = f"every {step:.1f}th message, {DEFAULT_SAMPLE} in all"
    report.seconds = time.perf_counter() - started
    return report


def _body(message: Message) -> str:
    return message.text[message.body_start :].lower()


def _score(
    report: Report,
    message: Message,
    hits: list[EventHit],
    text: str,
    gold: dict[str, list[list[str]]],
) -> None:
    table = ontology()["mappings"]["muc4"]
    predicted = muc_types(hits, text)
    relevant = bool(predicted & set(table["relevant_types"]))
    is_gold = bool(gold["types"])
    section = report.sections["relevant"]
    if relevant and is_gold:
        section.tp += 1
    elif relevant:
        section.fp += 1
        report.miss("relevant", f"fp {message.id}: {sorted(predicted)}")
    elif is_gold:
        section.fn += 1
        report.miss("relevant", f"fn {message.id}: gold {gold['types']}")
    gold_types = {t[0] for t in gold["types"]}
    types = report.sections["incident_type"]
    types.tp += len(gold_types & predicted)
    types.fp += len(predicted - gold_types)
    types.fn += len(gold_types - predicted)
    if gold_types != predicted:
        report.miss(
            "incident_type", f"{message.id}: gold {sorted(gold_types)} ours {sorted(predicted)}"
        )
    class_ids = {c["id"] for c in actor_dictionary()["classes"]}
    actors = [
        (a.name.lower(), text[a.start : a.end].lower())
        for hit in hits
        for a in hit.actors
        if a.actor_id is not None and a.actor_id not in class_ids
    ]
    orgs = report.sections["perpetrator_org"]
    matched: set[str] = set()
    for alternatives in _unique_orgs(gold["orgs"]):
        found = {
            name
            for name, mention in actors
            if any(alt in mention or alt in name or mention in alt for alt in alternatives)
        }
        if found:
            orgs.tp += 1
            matched |= found
        else:
            orgs.fn += 1
            report.miss("perpetrator_org", f"missed {message.id}: {alternatives[0]}")
    for name in sorted({name for name, _mention in actors} - matched):
        orgs.fp += 1
        report.miss("perpetrator_org", f"spurious {message.id}: {name}")


def _unique_orgs(orgs: list[list[str]]) -> list[list[str]]:
    seen: set[str] = set()
    found = []
    for alternatives in orgs:
        if alternatives[0] not in seen:
            seen.add(alternatives[0])
            found.append(alternatives)
    return found
