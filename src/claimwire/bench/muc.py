"""Reading the MUC-4 set: messages of the text files and templates of the answer keys.

One reader for every bench task that scores MUC-4 (``dates``, ``figures``,
``muc-events``). The layout (``../shared/eval/muc4``): texts are the files of
``raw/CORPORA/*/`` whose name does not start with ``key-`` and is not
``text-headers-info``, each holding many messages that start at an id line
(``DEV-MUC3-0001 (NOSC)``); answer keys are ``raw/CORPORA/*/key-*``. Both are read as
latin-1. A key template is 25 numbered slots; a slot may continue on the following
indented lines (one filler per line); comment lines start with ``;;;``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MESSAGE_START = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)
DATELINE = re.compile(r",\s*(?P<day>\d{1,2})\s+(?P<month>[A-Z]{3})[A-Z]*\s+(?P<yy>\d\d)\b")
SLOT = re.compile(
    r"^(?P<number>\d{1,2})\.\s+(?P<label>[A-Z][A-Z :/-]*?[A-Z])(?:\s{2,}(?P<value>\S.*))?$"
)
QUOTED = re.compile(r'"([^"]*)"')
MONTHS = {
    name: number
    for number, name in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}

Template = dict[int, list[str]]
"""A key template: slot number -> its filler lines (the slot's line, then continuations)."""


@dataclass(frozen=True)
class Message:
    """One MUC message: id, text, the dateline's date and where the dateline ends."""

    id: str
    text: str
    published: dt.date | None
    body_start: int


def text_files(folder: Path) -> list[Path]:
    """MUC text files: ``raw/CORPORA/*/*`` except keys and the header grammar."""
    return sorted(
        path
        for path in folder.glob("raw/CORPORA/*/*")
        if path.is_file() and not path.name.startswith("key-") and path.name != "text-headers-info"
    )


def key_files(folder: Path) -> list[Path]:
    """MUC answer-key files: ``raw/CORPORA/*/key-*``."""
    return sorted(path for path in folder.glob("raw/CORPORA/*/key-*") if path.is_file())


def read_messages(paths: Iterable[Path]) -> Iterator[Message]:
    """Split text files into messages at their id lines and find each dateline."""
    for path in paths:
        content = path.read_text(encoding="latin-1")
        starts = list(MESSAGE_START.finditer(content))
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(content)
            text = content[match.end() : end]
            yield Message(match.group(1), text, *dateline(text))


def dateline(text: str) -> tuple[dt.date | None, int]:
    """The date of the dateline ``CITY, 3 JAN 90 (SOURCE) --`` and the offset after it."""
    head = text[:400]
    found = DATELINE.search(head)
    if found is None or found.group("month") not in MONTHS:
        return None, 0
    year = 1900 + int(found.group("yy"))
    date = calendar_date(year, MONTHS[found.group("month")], int(found.group("day")))
    dashes = head.find("--", found.end())
    return date, (dashes + 2 if dashes >= 0 else found.end())


def calendar_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def templates(content: str) -> Iterator[Template]:
    """Each template of a key file's text, in order."""
    template: Template = {}
    last: int | None = None
    for line in content.splitlines():
        if line.startswith(";;;") or not line.strip():
            continue
        match = SLOT.match(line)
        if match:
            last = int(match.group("number"))
            if last == 0 and template:
                yield template
                template = {}
            template[last] = [(match.group("value") or "").strip()]
        elif last is not None:
            template[last].append(line.strip())
    if template:
        yield template


def read_templates(paths: Iterable[Path]) -> Iterator[tuple[str, Template]]:
    """(message id, template) of every template of the key files, in file order.

    The id is the first token of slot 0 (texts say ``(NOSC)``, keys ``(NCCOSC)``);
    templates without an id are skipped.
    """
    for path in paths:
        for template in templates(path.read_text(encoding="latin-1")):
            message_id = first(template, 0).split(" ")[0]
            if message_id:
                yield message_id, template


def first(template: Template, slot: int, default: str = "") -> str:
    """The filler on the slot's own line ('' or ``default`` when the slot is absent)."""
    lines = template.get(slot)
    return lines[0] if lines else default


def is_relevant(template: Template) -> bool:
    """A template that describes an incident (slot 1 is not ``*``)."""
    return not first(template, 1, "*").startswith("*")


def quoted(line: str) -> list[str]:
    """The quoted strings of a filler line (``"FMLN" / "FARABUNDO ..."`` -> both)."""
    return QUOTED.findall(line)
