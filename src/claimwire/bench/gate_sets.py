"""The texts the relevance gate is measured on: conflict sets and off-topic sets.

Each loader reads one set folder of ``../shared/eval`` (files discovered by pattern, as
the accuracy benches do) and returns :class:`GateText` records. Conflict sets measure the
gate's recall (it must let through what can hold political violence, protest or conflict
figures); off-topic sets measure how much it saves (its rejection rate).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import default_eval_root
from .split import Half, half_of

Kind = Literal["conflict", "off_topic"]


@dataclass(frozen=True)
class GateText:
    """One text of a gate set: where it comes from and its words."""

    set: str
    id: str
    text: str


@dataclass(frozen=True)
class GateSet:
    """A named set of texts, conflict news or off-topic."""

    name: str
    kind: Kind
    texts: list[GateText]


def _conflict_news(folder: Path, relevant: bool, half: Half | None) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                gold = record.get("gold") or {}
                if bool(gold.get("relevant")) != relevant or not record.get("text"):
                    continue
                if half is not None and half_of(str(record["id"])) != half:
                    continue
                found.append((str(record["id"]), record["text"]))
    return found


def _case2021(folder: Path) -> list[tuple[str, str]]:
    from .events import load_snippets

    return [(snippet.id, snippet.text) for snippet in load_snippets(folder)]


def _muc4(folder: Path) -> list[tuple[str, str]]:
    from .muc import is_relevant, key_files, read_messages, read_templates, text_files

    relevant = {
        message_id
        for message_id, template in read_templates(key_files(folder))
        if is_relevant(template)
    }
    return [
        (message.id, message.text)
        for message in read_messages(text_files(folder))
        if message.id in relevant
    ]


def _india_police(folder: Path) -> list[tuple[str, str]]:
    """Articles with at least one labelled sentence (``docs.jsonl`` + ``sents.jsonl``)."""
    texts: dict[str, str] = {}
    labelled: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                key = str(record.get("doc_id"))
                if isinstance(record.get("doc_text"), str):
                    texts[key] = record["doc_text"]
                if record.get("sent_labels"):
                    labelled.add(key)
    return [(key, text) for key, text in texts.items() if key in labelled]


def _seed(folder: Path) -> list[tuple[str, str]]:
    from .seed import load_cases

    return [(case.name, case.text) for case in load_cases(folder)]


def _ggt(folder: Path) -> list[tuple[str, str]]:
    from .claims import read_articles

    return [(article.id, article.text) for article in read_articles(folder)]


def _polnear(folder: Path) -> list[tuple[str, str]]:
    return [
        (path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*/text/*.txt"))
    ]


def gate_sets(root: Path | None = None, *, half: Half | None = None) -> list[GateSet]:
    """Every gate set found under ``root`` (missing folders are left out).

    Args:
        root: The evaluation root [default: ``../shared/eval``].
        half: Only this half of conflict_news (relevant articles and negatives).

    Returns:
        The conflict sets, then the off-topic sets.
    """
    root = root or default_eval_root()
    seed_folder = root.parent / "seed"  # ../shared/seed beside ../shared/eval
    loaders: list[tuple[str, Kind, Path, Callable[[Path], list[tuple[str, str]]]]] = [
        (
            "conflict_news",
            "conflict",
            root / "conflict_news",
            lambda f: _conflict_news(f, True, half),
        ),
        ("case2021_task2", "conflict", root / "case2021_task2", _case2021),
        ("muc4", "conflict", root / "muc4", _muc4),
        ("india_police_events", "conflict", root / "india_police_events", _india_police),
        ("seed", "conflict", seed_folder, _seed),
        (
            "conflict_news_negatives",
            "off_topic",
            root / "conflict_news",
            lambda f: _conflict_news(f, False, half),
        ),
        ("ggt_quotes", "off_topic", root / "ggt_quotes", _ggt),
        ("polnear", "off_topic", root / "polnear", _polnear),
    ]
    found = []
    for name, kind, folder, load in loaders:
        if not folder.is_dir():
            continue
        texts = [GateText(name, key, text) for key, text in load(folder)]
        found.append(GateSet(name, kind, texts))
    return found
