"""``claimwire bench figures``: victim counts of MUC-4 messages, and the seed's figures.

The measure (MUC-4, ``../shared/eval/muc4``; texts ``raw/CORPORA/*/*`` not starting with
``key-`` and not ``text-headers-info``, keys ``raw/CORPORA/*/key-*``, read as latin-1):

- Gold: in each relevant template (slot 1 not ``*``), every ``HUM TGT: NUMBER`` filler with
  a number (``50``, ``~50``, ``50-`` at least, ``-50`` at most, ``10-15`` scored on 10)
  whose target string has ``EFFECT OF INCIDENT`` DEATH (-> killed) or INJURY (-> injured)
  is a gold figure (value, measure) of its message. Optional templates and ``?`` fillers
  are optional: neither required nor spurious when found. When one target string has as
  many NUMBER as EFFECT fillers (9 "PEOPLE" DEATH, 30 "PEOPLE" INJURY), they pair in order.
- Only gold figures whose number is written in the message before the last word of its
  target string (within 60 characters: "about 50 peasants", "seven of the nine soldiers") are
  required: a "1" for a named victim ("the mayor was shot") has no number to tie to. The
  others become optional and are counted in ``report.extra["gold_not_written"]``.
- Predicted: our figures with measure killed or injured, not negated, actual, counting
  people (or nothing named), with an exact value or a bound (vague "dozens" are skipped:
  the key writes them PLURAL). Per message, predicted and gold (value, measure) sets are
  compared; sections ``killed``, ``injured`` and ``overall``, and
  ``overall.relevant_messages`` (only messages with at least one relevant template).
- MUC-4 keys only terrorist incidents: casualty figures of army-guerrilla clashes and of
  past events are right for claimwire but absent from the keys, so precision here is a
  floor of the real precision; read the spurious misses.
- The texts are upper case; they are lower-cased with sentence-initial capitals (same
  length, so offsets hold) before spaCy, which parses upper case poorly. The pipeline is
  the English model with lines, numbers and figures only (:func:`figures_pipeline`).
- A full run is long on two cores; the messages are sampled deterministically (every
  k-th in id order) down to :data:`DEFAULT_SAMPLE`, said in ``report.extra``.

The seed's figures are scored by :func:`score_seed_figures`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..components import keys
from ..components._base import doc_text
from ..components.figures import FigureHit, categorize_text, category_group
from ..components.figures import hits_of as figures_of
from ..components.numbers import numbers_of
from ..errors import InputNotFoundError
from .metrics import Report, Score
from .muc import first, is_relevant, key_files, quoted, read_messages, read_templates, text_files

KEY_NUMBER = re.compile(r"^\s*(?P<optional>\?)?\s*(?P<number>~?\d+-?\d*|-\d+)\s*:")
DEFAULT_SAMPLE = 300
WINDOW = 60
EFFECTS = {"DEATH": "killed", "INJURY": "injured"}
SCORED_MEASURES = ("killed", "injured")
MEASURE_FAMILIES = {
    "sheltering": "sheltering",
    "trapped": "sheltering",
    "holed up": "sheltering",
    "remain": "sheltering",
    "shot down": "destroyed",
    "shot_down": "destroyed",
    "lost": "destroyed",
    "dead": "killed",
    "wounded": "injured",
    "pledged": "delivered",
}


@dataclass
class Message:
    """One MUC-4 message with its gold victim figures and the words of their targets."""

    id: str
    text: str
    gold: set[tuple[float, str]] = field(default_factory=set)
    optional: set[tuple[float, str]] = field(default_factory=set)
    targets: dict[tuple[float, str], set[str]] = field(default_factory=dict)
    relevant: bool = False


def truecase(text: str) -> str:
    """Lower-case an all-caps text, capitalizing sentence starts (same length).

    Line breaks of MUC-4 texts wrap sentences, so they start nothing.
    """
    chars = list(text.lower())
    capital = True
    for i, char in enumerate(chars):
        if char.isalnum():
            if capital and char.isalpha():
                chars[i] = char.upper()
            capital = False
        elif char in ".!?" and (i + 1 == len(chars) or chars[i + 1] in " \n"):
            capital = True
    return "".join(chars)


def read_texts(folder: Path) -> dict[str, str]:
    """Message id -> text, from every text file of ``folder/raw/CORPORA/*/``."""
    return {m.id: m.text.strip("\n") for m in read_messages(text_files(folder))}


def _key_value(text: str) -> tuple[float, bool] | None:
    """The number of a NUMBER filler ("~50: ...", "10-15: ...") and whether it is optional."""
    match = KEY_NUMBER.match(text)
    if match is None:
        return None
    number = match.group("number").lstrip("~")
    head = number.split("-")[1] if number.startswith("-") else number.split("-")[0]
    return float(head), bool(match.group("optional"))


def _effects(lines: list[str]) -> dict[str, list[set[str]]]:
    """Target string -> the effects (DEATH, INJURY ...) of each of its EFFECT fillers."""
    found: dict[str, list[set[str]]] = {}
    for line in lines:
        label = line.split('"')[0].strip().lstrip("?").strip().rstrip(":").strip()
        effects = {part.strip() for part in label.split("/")}
        for target in quoted(line):
            found.setdefault(target, []).append(effects)
    return found


def _paired(
    numbers: list[tuple[float, bool, list[str]]], effects: dict[str, list[set[str]]]
) -> Iterator[tuple[float, bool, str, set[str]]]:
    """(value, optional, target, effects) of each NUMBER filler.

    When one target string ("PEOPLE") has as many NUMBER fillers as EFFECT fillers, they
    pair in order (9 "PEOPLE" DEATH, 30 "PEOPLE" INJURY); otherwise every effect of the
    string applies to every number of it.
    """
    counts: dict[str, int] = {}
    for _, _, targets in numbers:
        for target in targets:
            counts[target] = counts.get(target, 0) + 1
    seen: dict[str, int] = {}
    for value, maybe, targets in numbers:
        for target in targets:
            listed = effects.get(target, [])
            index = seen.get(target, 0)
            seen[target] = index + 1
            if counts[target] > 1 and len(listed) == counts[target]:
                yield value, maybe, target, listed[index]
            else:
                yield value, maybe, target, set().union(*listed)


def read_keys(folder: Path) -> dict[str, Message]:
    """Message id -> a message (without text) with its required and optional gold pairs."""
    keys: dict[str, Message] = {}
    for message_id, template in read_templates(key_files(folder)):
        message = keys.setdefault(message_id, Message(message_id, ""))
        slot1 = first(template, 1, "*")
        if not is_relevant(template):
            continue
        message.relevant = True
        numbers = []
        for line in template.get(21, []):
            parsed = _key_value(line)
            if parsed is not None:
                numbers.append((*parsed, quoted(line)))
        effects = _effects(template.get(23, []))
        for value, maybe, target, found in _paired(numbers, effects):
            for effect in sorted(found & set(EFFECTS)):
                pair = (value, EFFECTS[effect])
                if maybe or "OPTIONAL" in slot1:
                    message.optional.add(pair)
                else:
                    message.gold.add(pair)
                words = target.lower().replace("[", " ").replace("]", " ").split()
                if words:
                    message.targets.setdefault(pair, set()).add(words[-1])
    return keys


def load_messages(folder: Path) -> list[Message]:
    """Messages of the set with their gold figures, in id order.

    Raises:
        InputNotFoundError: The folder has no MUC-4 texts with keys.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no such MUC-4 folder: {folder}")
    texts, keys = read_texts(folder), read_keys(folder)
    messages = []
    for message_id in sorted(texts):
        if message_id not in keys:
            continue
        key = keys[message_id]
        key.text = texts[message_id]
        key.optional -= key.gold
        messages.append(key)
    if not messages:
        raise InputNotFoundError(
            f"no MUC-4 messages with answer keys under {folder}/raw/CORPORA/*/ "
            "(texts named like dev-muc3-0001-0100, keys named key-*)"
        )
    return messages


def sample(messages: list[Message], size: int) -> list[Message]:
    """Every k-th message so that about ``size`` remain (deterministic)."""
    if len(messages) <= size:
        return messages
    step = len(messages) / size
    return [messages[int(i * step)] for i in range(size)]


def predicted(hits: list[FigureHit]) -> set[tuple[float, str]]:
    """The (value, measure) pairs of our killed / injured figures scored against MUC-4."""
    found: set[tuple[float, str]] = set()
    for hit in hits:
        if hit.measure not in SCORED_MEASURES or hit.negated or hit.modality != "actual":
            continue
        if category_group(hit.category) not in (None, "people"):
            continue
        value = hit.value if hit.value is not None else hit.lower
        if value is None or (hit.value is None and hit.approx):
            continue
        found.add((float(value), hit.measure))
    return found


def written(doc: Doc, pair: tuple[float, str], words: set[str]) -> bool:
    """Tell whether a gold figure's number is written before the last word of its target
    string (within :data:`WINDOW` characters: "about 50 peasants", "seven of the nine
    soldiers")."""
    for span, number in numbers_of(doc):
        if pair[0] not in (number.value, number.lower, number.upper):
            continue
        window = doc_text(doc)[span.end_char : span.end_char + WINDOW].lower()
        if not words or any(re.search(rf"\b{re.escape(word)}", window) for word in words):
            return True
    return False


@lru_cache(maxsize=1)
def figures_pipeline() -> Language:
    """The English model with only what figures need: lines, numbers, figures."""
    from .. import components  # noqa: F401  (registers the factories)
    from ..nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe(keys.LINES_FACTORY, before="parser")
    nlp.add_pipe(keys.NUMBERS_FACTORY)
    nlp.add_pipe(keys.FIGURES_FACTORY)
    return nlp


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score killed / injured figures on MUC-4 (see the module docstring).

    Args:
        data: The MUC-4 set folder.
        limit: Score at most this many messages (sampled evenly); default
            :data:`DEFAULT_SAMPLE`.

    Returns:
        The report with sections killed, injured and overall.

    Raises:
        InputNotFoundError: No folder given, or no usable messages in it.
    """
    if data is None:
        raise InputNotFoundError("bench figures needs the MUC-4 set folder (../shared/eval/muc4)")
    started = time.perf_counter()
    messages = load_messages(Path(data))
    size = limit if limit is not None else DEFAULT_SAMPLE
    chosen = sample(messages, size)
    report = Report(task="figures", data=str(data), documents=len(chosen))
    report.extra["sample"] = (
        f"every {len(messages) / len(chosen):.2f}-th of {len(messages)} messages"
    )
    nlp = figures_pipeline()
    not_written = 0
    texts = (truecase(message.text) for message in chosen)
    for message, doc in zip(chosen, nlp.pipe(texts, batch_size=16), strict=True):
        gold = {p for p in message.gold if written(doc, p, message.targets.get(p, set()))}
        not_written += len(message.gold) - len(gold)
        optional = message.optional | (message.gold - gold)
        found = predicted(figures_of(doc))
        _score_message(report, message, doc, gold, optional, found)
    report.extra["gold_not_written"] = not_written
    report.seconds = time.perf_counter() - started
    return report


def _score_message(
    report: Report,
    message: Message,
    doc: Doc,
    gold: set[tuple[float, str]],
    optional: set[tuple[float, str]],
    found: set[tuple[float, str]],
) -> None:
    for measure in SCORED_MEASURES:
        section = report.section(measure)
        wanted = {pair for pair in gold if pair[1] == measure}
        got = {pair for pair in found if pair[1] == measure}
        score = Score(
            tp=len(wanted & got),
            fp=len(got - wanted - optional),
            fn=len(wanted - got),
        )
        section.add(score)
        report.section("overall").add(score)
        if message.relevant:
            report.section("overall.relevant_messages").add(score)
        for value, _ in sorted(wanted - got):
            report.miss(measure, f"{message.id}: missed {value:g} {measure}")
        for value, _ in sorted(got - wanted - optional):
            report.miss(
                measure, f"{message.id}: spurious {value:g} {measure}{_context(doc, value)}"
            )


def _context(doc: Doc, value: float) -> str:
    for hit in figures_of(doc):
        if hit.value == value or hit.lower == value:
            sent = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if sent is not None:
                text = sent.sent.text.replace("\n", " ")
                return f" in {text[:120]!r}"
    return ""


# ---- the seed article -------------------------------------------------------------------


def normalize_measure(measure: str | None) -> set[str]:
    """The measure families an expected or predicted measure string stands for."""
    if not measure:
        return set()
    found = set()
    for part in measure.split("/"):
        word = part.strip().lower()
        found.add(MEASURE_FAMILIES.get(word, word))
    return found


def expected_category(counted: str | None) -> str | None:
    """The category of an expected ``counted`` string, without its parenthesized notes."""
    if not counted:
        return None
    return categorize_text(re.sub(r"\([^)]*\)", " ", counted))


def _start(hit: Any) -> int:
    return hit.start if hasattr(hit, "start") else hit.span.start


def _value(hit: Any) -> float | None:
    return hit.value if hit.value is not None else hit.lower


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def score_seed_figures(
    expected_figures: list[dict[str, Any]],
    hits: list[Any],
    text: str,
    *,
    optional_figures: list[dict[str, Any]] | None = None,
    report: Report | None = None,
) -> Report:
    """Score figures against the seed's expected ``figures``.

    A figure matches an expected one on its line (1-based line of the number's start) and
    value (value, or lower bound for vague numbers). Sections: ``figures`` (line + value),
    ``figures.measure``, ``figures.category`` and ``figures.side`` (line + value + that
    field: a wrong field counts as a miss and a spurious item, so partial credit shows).
    Measures are compared by family (sheltering = trapped = holed up; shot down counts as
    destroyed); categories by running the expected ``counted`` through our vocabulary;
    side is ``side`` or ``side_of_victims`` (absent = no side). ``optional_figures`` are
    neither required nor spurious.

    Args:
        expected_figures: The ``figures`` list of the expected file.
        hits: ``doc._.claimwire_figures`` (or ``Figure`` records) of the seed article.
        text: The seed article text the hits index.
        optional_figures: The ``optional_figures`` list of the expected file.
        report: A report to add the sections to (a new one when None).

    Returns:
        The report with the four sections and the misses.
    """
    report = report or Report(task="seed-figures", data="seed")
    optional = {(item["line"], _expected_value(item)) for item in optional_figures or []}
    checks = {
        "figures": lambda e, h: True,
        "figures.measure": lambda e, h: bool(
            normalize_measure(e.get("measure")) & normalize_measure(h.measure)
        ),
        "figures.category": lambda e, h: expected_category(e.get("counted")) == h.category,
        "figures.side": lambda e, h: (e.get("side") or e.get("side_of_victims")) == h.side,
    }
    placed = [(_line(text, _start(hit)), _value(hit), hit) for hit in hits]
    for name, check in checks.items():
        section = report.section(name)
        unmatched = list(placed)
        for item in expected_figures:
            key = (item["line"], _expected_value(item))
            match = next((p for p in unmatched if p[:2] == key and check(item, p[2])), None)
            if match is None:
                section.fn += 1
                report.miss(name, f"missed {item['id']} line {key[0]}: {key[1]:g} {_show(item)}")
            else:
                section.tp += 1
                unmatched.remove(match)
        for line, value, hit in unmatched:
            if (line, value) in optional:
                continue
            section.fp += 1
            report.miss(
                name, f"spurious line {line}: {value} {hit.category} {hit.measure} {hit.side}"
            )
    return report


def _expected_value(item: dict[str, Any]) -> float | None:
    value = item.get("value")
    return float(value) if value is not None else item.get("lower_bound")


def _show(item: dict[str, Any]) -> str:
    side = item.get("side") or item.get("side_of_victims")
    return f"{item.get('counted')} / {item.get('measure')} / {side}"
