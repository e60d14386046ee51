"""Two fixed halves of a development set, by document id: tune on one, check on the other.

A rule found while reading half ``a`` is only done when it also helps half ``b``. The halves
come from a hash of each document's id (or of the unit that must not straddle them, such as
an incident), so they are the same on every machine and do not depend on file order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Half = Literal["a", "b"]
HALVES: tuple[Half, ...] = ("a", "b")

T = TypeVar("T")


def half_of(key: str) -> Half:
    """The half a document id (or incident id) falls in: ``a`` or ``b``."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "a" if digest[0] % 2 == 0 else "b"


def select(items: Iterable[T], key: Callable[[T], str], half: Half | None) -> list[T]:
    """The items of ``half`` (all of them when ``half`` is None), in their order."""
    if half is None:
        return list(items)
    return [item for item in items if half_of(key(item)) == half]
