"""Reading the versioned JSON data files of ``claimwire/resources``.

:func:`load_resource` parses a file. Every component's lexicon is a frozen pydantic model
of its file (a subclass of :class:`ResourceModel`, its records :class:`ResourceItem`),
validated by :func:`load_typed_resource`: a key missing or malformed, or a word outside
its vocabulary (a ``Literal`` of :mod:`claimwire.vocab`), raises
:class:`~claimwire.errors.ResourceError` naming the file and the key, at load, not later
with a ``KeyError``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ResourceError


class ResourceItem(BaseModel):
    """Base of the records inside a resource file (an entry of a list or a table): frozen,
    and no key the record lacks."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ResourceModel(ResourceItem):
    """Base of the typed models of whole resource files (what :func:`load_typed_resource`
    returns): frozen, and no key the model lacks."""


ModelT = TypeVar("ModelT", bound=ResourceModel)


def load_resource(file_name: str) -> dict[str, Any]:
    """The JSON data file ``file_name`` of ``claimwire/resources``, parsed (not cached:
    callers keep what they need in an ``lru_cache``)."""
    text = (files("claimwire") / "resources" / file_name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def resource_versions() -> dict[str, str]:
    """Every data file of ``claimwire/resources`` and the first 12 hex digits of its
    SHA-256: what a result's provenance records, so two results can be told apart when a
    lexicon changed between them."""
    folder = files("claimwire") / "resources"
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()[:12]
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".json")
    }


def load_typed_resource(file_name: str, model: type[ModelT]) -> ModelT:
    """The data file ``file_name`` of ``claimwire/resources``, validated into ``model``.

    Args:
        file_name: A JSON file of ``claimwire/resources``.
        model: The file's typed model.

    Returns:
        The validated model (not cached: callers keep it in an ``lru_cache``).

    Raises:
        ResourceError: The file does not match ``model``; the message names the file
            and the first wrong key.
    """
    try:
        return model.model_validate(load_resource(file_name))
    except ValidationError as error:
        problems = error.errors()
        first = problems[0]
        where = _location(first["loc"])
        value = first.get("input")
        scalar = isinstance(value, str | int | float) and first["type"] != "missing"
        found = f" (found {value!r:.60})" if scalar else ""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ResourceError(f"{file_name}: {where}: {first['msg']}{found}{more}") from error


def _location(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a key path: ``triggers[0].subtype``."""
    where = ""
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part != "[key]":  # a key outside its vocabulary: the path names it already
            where += f".{part}" if where else part
    return where or "(top level)"
