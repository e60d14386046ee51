"""``claimwire bench muc-events``: MUC-4 incidents (relevance, type, perpetrator, target).

The measure (MUC-4, ``../shared/eval/muc4``; texts ``raw/CORPORA/*/*`` not starting with
``key-``, keys ``raw/CORPORA/*/key-*``, read as latin-1; messages split at their id lines
by :func:`claimwire.bench.muc.read_messages`):

- The texts are ALL UPPER CASE; each message body is lower-cased (same offsets) before
  parsing, since the small English model tags capitals as proper nouns. Every message
  is run through the whole claimwire pipeline (events read its places and dates).
- ``relevant``: a message is predicted relevant when it has an event of a violent type
  (battles, explosions, violence against civilians, riots, looting/property destruction,
  abductions, robbery); gold relevant = one of its templates has slot 1 not ``*``.
- ``incident_type``: the set of MUC types of the message (slot 4 of its relevant
  templates) against the set of MUC types of our events, through the table
  ``mappings.muc4`` of ``resources/event_types.json`` (a tp per type in both, fp per
  predicted type not in gold, fn per gold type not predicted).
- ``perpetrator_org``: per message, the organizations of slot 10 (each a list of ``/``
  alternatives) against the actors of our events of a MUC type: a gold organization is
  found when one of its strings appears in the text of one of our actor mentions or in
  its canonical name (lower case), or when our actor dictionary, run on the gold strings,
  finds the same actor in them ("salvadoran army" = Armed Forces of El Salvador; the
  generic "army" class stands for any state's forces); our dictionary actors that match
  no gold organization are false positives. Only actors of the actor dictionary count,
  so organizations missing from it are misses; of its generic classes, only state
  forces and police named as an institution ("the army", "the air force", not
  "soldiers") count, as the keys give those as organizations (guerrillas, gunmen and
  the like are individuals).
- ``human_target``: per message, the human targets of the relevant templates (each line
  of slot 18 ``HUM TGT: NAME`` is a person, to which the slot 19 ``HUM TGT: DESCRIPTION``
  lines that name it add alternatives; other description lines are targets of their
  own) against the targets of our events of a MUC type that name people (not property or
  equipment). Strings match loosely by head noun, as the MUC scorers allow partial
  string fills: the last word before "of" or a comma, plural "s" dropped ("the mayor
  of Achi" = "mayor", "Ricardo Castellar" = "castellar"), one to one. Targets marked
  ``?`` and those of ``(OPTIONAL)`` templates are neither missed nor spurious.
- With ``limit``, the first messages in file order are scored; without it, an even
  deterministic sample of ``DEFAULT_SAMPLE`` of the 1,500 messages (noted in
  ``report.extra``): the whole set takes about 6 minutes on 2 cores.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..components._base import doc_text
from ..components.events import (
    EventHit,
    Participant,
    actor_dictionary,
    find_actor_spans,
    hits_of,
    ontology,
)
from ..errors import InputNotFoundError
from .metrics import Report
from .muc import (
    Message,
    Template,
    first,
    is_relevant,
    key_files,
    quoted,
    read_messages,
    read_templates,
    text_files,
)

DEFAULT_SAMPLE = 500
"""Messages scored without ``limit``: an even, deterministic sample keeps a run near 2 min."""
INSTITUTIONS = frozenset(
    {"army", "military", "forces", "force", "police", "navy", "guard", "gendarmerie", "government"}
)
"""Head words of generic state actors that name an organization ("the army", "the air force"),
not individuals ("soldiers", "policemen"): MUC-4 keys those as PERP: ORGANIZATION ID."""
GENERIC_STATE = "state_forces_generic"
"""The actor class of generic state forces ("the army"), which stands for any state's."""
NOT_HUMAN = frozenset({"property", "equipment"})
"""Target classes of ``event_types.json`` that are things, never human targets."""


@dataclass
class Gold:
    """What the relevant templates of one message say (alternative strings in lower case)."""

    types: set[str] = field(default_factory=set)
    orgs: list[list[str]] = field(default_factory=list)
    """Perpetrator organizations (slot 10), each a list of alternative strings."""
    targets: list[list[str]] = field(default_factory=list)
    """Human targets (slots 18 and 19), each a list of alternative names and descriptions."""
    optional_targets: list[list[str]] = field(default_factory=list)
    """Human targets marked ``?`` or of ``(OPTIONAL)`` templates: neither missed nor spurious."""


def read_gold(folder: Path) -> dict[str, Gold]:
    """Message id -> the gold of its relevant templates (empty for irrelevant messages)."""
    gold: dict[str, Gold] = {}
    for message_id, template in read_templates(key_files(folder)):
        entry = gold.setdefault(message_id, Gold())
        if not is_relevant(template):
            continue
        entry.types.add(first(template, 4, "-").split("/")[0].strip())
        for line in template.get(10, []):
            names = [n.lower() for n in quoted(line)]
            if names and not line.lstrip().startswith("?"):
                entry.orgs.append(names)
        optional = "OPTIONAL" in first(template, 1)
        for target, maybe in human_targets(template):
            (entry.optional_targets if maybe or optional else entry.targets).append(target)
    return gold


def human_targets(template: Template) -> list[tuple[list[str], bool]]:
    """The human targets of a template: (alternative strings, optional) each.

    Every line of ``HUM TGT: NAME`` (slot 18) is one person; a line of ``HUM TGT:
    DESCRIPTION`` (slot 19) either describes a named person (``"MAYOR OF ACHI": "RICARDO
    ..."``, added to that person's alternatives) or is a target of its own.
    """
    found: list[tuple[list[str], bool]] = []
    for line in template.get(18, []):
        names = [n.lower() for n in quoted(line)]
        if names:
            found.append((names, line.startswith("?")))
    for line in template.get(19, []):
        described, colon, named = line.partition('":')
        descriptions = [d.lower() for d in quoted(described + '"' if colon else line)]
        names = [n.lower() for n in quoted(named)] if colon else []
        person = next((alts for alts, _maybe in found if names and names[0] in alts), None)
        if person is not None:
            person.extend(descriptions)
        elif descriptions:
            found.append((descriptions + names, line.startswith("?")))
    return found


def head_word(phrase: str) -> str:
    """The head noun of a target phrase, loosely: its last word before 'of' or a comma."""
    phrase = re.sub(r"\[[^\]]*\]", " ", phrase.lower())
    core = re.split(r",| of | who | in | from ", phrase)[0]
    words = re.findall(r"[\w'-]+", core)
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def muc_types(hits: list[EventHit], text: str) -> set[str]:
    """The MUC incident types of our events (see ``mappings.muc4``)."""
    table = ontology().mappings["muc4"]
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
        The report (sections ``relevant``, ``incident_type``, ``perpetrator_org``,
        ``human_target``).

    Raises:
        InputNotFoundError: No message or no key in the folder.
    """
    from ..nlp.pipeline import build_pipeline, load_model

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
    nlp = build_pipeline(load_model())
    report = Report(task="muc-events", data=str(data), documents=len(messages))
    for name in ("relevant", "incident_type", "perpetrator_org", "human_target"):
        report.section(name)
    texts = (_body(m) for m in messages)
    for message, doc in zip(messages, nlp.pipe(texts, batch_size=16), strict=True):
        _score(report, message, hits_of(doc), doc, gold[message.id], nlp)
    if sampled:
        report.extra["sample"] = f"every {step:.1f}th message, {DEFAULT_SAMPLE} in all"
    report.seconds = time.perf_counter() - started
    return report


def _body(message: Message) -> str:
    return message.text[message.body_start :].lower()


def _score(
    report: Report, message: Message, hits: list[EventHit], doc: Doc, gold: Gold, nlp: Any
) -> None:
    table = ontology().mappings["muc4"]
    text = doc_text(doc)
    predicted = muc_types(hits, text)
    relevant = bool(predicted & set(table["relevant_types"]))
    section = report.sections["relevant"]
    if relevant and gold.types:
        section.tp += 1
    elif relevant:
        section.fp += 1
        report.miss("relevant", f"fp {message.id}: {sorted(predicted)}")
    elif gold.types:
        section.fn += 1
        report.miss("relevant", f"fn {message.id}: gold {sorted(gold.types)}")
    types = report.sections["incident_type"]
    types.tp += len(gold.types & predicted)
    types.fp += len(predicted - gold.types)
    types.fn += len(gold.types - predicted)
    if gold.types != predicted:
        report.miss(
            "incident_type", f"{message.id}: gold {sorted(gold.types)} ours {sorted(predicted)}"
        )
    incidents = [h for h in hits if muc_types([h], text)]
    _score_perpetrators(report, message, incidents, text, gold, nlp)
    _score_targets(report, message, incidents, doc, gold)


def _score_perpetrators(
    report: Report, message: Message, hits: list[EventHit], text: str, gold: Gold, nlp: Any
) -> None:
    class_ids = {c.id for c in actor_dictionary().classes}
    actors = [
        (a.name.lower(), text[a.start : a.end].lower(), a.actor_id, a.type)
        for hit in hits
        for a in hit.actors
        if a.actor_id is not None
        and (a.actor_id not in class_ids or _institution(a, text[a.start : a.end]))
    ]
    orgs = report.sections["perpetrator_org"]
    matched: set[str] = set()
    for alternatives in _unique_orgs(gold.orgs):
        known = _dictionary_actors(nlp, alternatives)
        found = {
            name
            for name, mention, actor_id, kind in actors
            if any(alt in mention or alt in name or mention in alt for alt in alternatives)
            or actor_id in known
            or (actor_id == GENERIC_STATE and "state_forces" in known.values())
        }
        if found:
            orgs.tp += 1
            matched |= found
        else:
            orgs.fn += 1
            report.miss("perpetrator_org", f"missed {message.id}: {alternatives[0]}")
    for name in sorted({a[0] for a in actors} - matched):
        orgs.fp += 1
        report.miss("perpetrator_org", f"spurious {message.id}: {name}")


def _dictionary_actors(nlp: Any, strings: list[str]) -> dict[str, str]:
    """Actor id -> type of the actors our dictionary finds in gold strings ("salvadoran army")."""
    found: dict[str, str] = {}
    for doc in nlp.pipe(strings):
        for span in find_actor_spans(doc):
            if span.participant.actor_id is not None and not span.historical:
                found[span.participant.actor_id] = span.participant.type
    return found


def _institution(actor: Participant, mention: str) -> bool:
    """A generic state actor named as an organization ("the army"), not as individuals."""
    words = mention.lower().split()
    return actor.type in {"state_forces", "police"} and bool(words) and words[-1] in INSTITUTIONS


def predicted_targets(hits: list[EventHit], doc: Doc) -> list[str]:
    """The human targets of our events: their target mentions that name people.

    Targets of a thing class (``property``, ``equipment`` of ``event_types.json``) are
    physical targets; a target the lexicon does not know counts only when the model
    tags it as a person.
    """
    things = {w for name in NOT_HUMAN for w in ontology().target_classes[name]}
    found: list[str] = []
    for hit in hits:
        for target in hit.targets:
            mention = doc_text(doc)[target.start : target.end]
            if target.type in NOT_HUMAN or head_word(mention) in things:
                continue
            span = doc.char_span(target.start, target.end, alignment_mode="expand")
            if target.type == "unknown" and (span is None or span.root.ent_type_ != "PERSON"):
                continue
            found.append(mention.lower())
    return found


def _score_targets(
    report: Report, message: Message, hits: list[EventHit], doc: Doc, gold: Gold
) -> None:
    """Match our human targets with the gold ones by head noun, one to one, per message."""
    score = report.sections["human_target"]
    open_targets = [{head_word(a) for a in alts} - {""} for alts in gold.targets]
    optional = {head_word(a) for alts in gold.optional_targets for a in alts}
    done: set[str] = set()
    for mention in predicted_targets(hits, doc):
        head = head_word(mention)
        if head in done:
            continue
        done.add(head)
        index = next((k for k, heads in enumerate(open_targets) if head in heads), None)
        if index is not None:
            score.tp += 1
            open_targets.pop(index)
        elif head not in optional:
            score.fp += 1
            report.miss("human_target", f"spurious {message.id}: {mention}")
    score.fn += len(open_targets)
    for heads in open_targets:
        report.miss("human_target", f"missed {message.id}: {sorted(heads)}")


def _unique_orgs(orgs: list[list[str]]) -> list[list[str]]:
    seen: set[str] = set()
    found = []
    for alternatives in orgs:
        if alternatives[0] not in seen:
            seen.add(alternatives[0])
            found.append(alternatives)
    return found
