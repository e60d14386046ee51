"""Quotes attributed by layout, without quote marks: pull quotes and embedded posts.

Web articles set some quotes apart on a line of their own and sign them instead of
marking them:

- a pull quote: ``It's very bad for our seniors. Rod Peters, Lake Cowichan mayor`` (the
  words, then the speaker's name and, after a comma, a short description);
- an embedded social-media post, flattened to text: ``Damage is unprecedented.
  pic.twitter.com/... — BC Hydro (@bchydro) December 22, 2018``.

:func:`find_signed_lines` finds them on the characters and returns offsets; the claims
component decides whether the signature names a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .settings import PULL_QUOTE_MIN_WORDS

SIGNATURE = re.compile(
    r"(?<=[.!?…”\"')])[ \t]+"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})(?<!\.)"
    r"(?:,[ \t]+(?P<role>[^\n.!?,]{2,50}))?[ \t]*$"
)
POST = re.compile(
    r"[ \t]+[—–-]{1,2}[ \t]+(?P<name>[^\n()@—–]{2,60}?)[ \t]*\(@\w{1,30}\)[^\n]{0,40}$"
)
LINK = re.compile(r"(?:\s+(?:https?://|pic\.twitter\.com/|www\.)\S+)+\s*$")
SignedKind = Literal["pull_quote", "post"]
"""A pull quote set apart by layout, or a flattened social-media post."""


@dataclass(frozen=True)
class SignedLine:
    """A line of text signed by a name: content offsets and the name's offsets."""

    start: int
    end: int
    name_start: int
    name_end: int
    kind: SignedKind


def find_signed_lines(text: str) -> list[SignedLine]:
    """The pull quotes and flattened posts of ``text``, in text order.

    A line qualifies when at least :data:`~.settings.PULL_QUOTE_MIN_WORDS` words come before
    its signature and it holds no quote mark (a marked quote is found by the quote scanner).
    """
    found = []
    offset = 0
    for line in text.split("\n"):
        signed = _signed(line, offset)
        if signed is not None:
            found.append(signed)
        offset += len(line) + 1
    return found


def _signed(line: str, offset: int) -> SignedLine | None:
    post = POST.search(line)
    if post is not None:
        body = LINK.sub("", line[: post.start()]).rstrip()
        return _line(line, offset, len(body), post.start("name"), post.end("name"), "post")
    if any(mark in line for mark in '"“”«»'):
        return None
    match = SIGNATURE.search(line)
    if match is None:
        return None
    return _line(line, offset, match.start(), match.start("name"), match.end("name"), "pull_quote")


def _line(
    line: str, offset: int, body_end: int, name_start: int, name_end: int, kind: SignedKind
) -> SignedLine | None:
    body = line[:body_end]
    start = len(body) - len(body.lstrip())
    if len(body.split()) < PULL_QUOTE_MIN_WORDS:
        return None
    return SignedLine(
        offset + start, offset + body_end, offset + name_start, offset + name_end, kind
    )
