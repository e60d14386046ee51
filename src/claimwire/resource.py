"""Reading the versioned JSON data files of ``claimwire/resources``.

:func:`load_resource` parses a file. A component's loader builds its typed, frozen
lexicon from it in one of two ways: :func:`load_typed_resource` validates the whole file
into a pydantic model (a subclass of :class:`ResourceModel`), and a
:class:`ResourceReader` checks each key's type as it is read. Either names the file and
the key when one is missing or malformed, at load, not later with a ``KeyError``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ResourceError

T = TypeVar("T")


class ResourceModel(BaseModel):
    """Base of the typed models of resource files: frozen, and no key the model lacks."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ResourceItem(BaseModel):
    """Base of the records inside a resource file (an entry of a list or a table): frozen,
    and no key the record lacks."""

    model_config = ConfigDict(frozen=True, extra="forbid")


ModelT = TypeVar("ModelT", bound=ResourceModel)


def load_resource(file_name: str) -> dict[str, Any]:
    """The JSON data file ``file_name`` of ``claimwire/resources``, parsed (not cached:
    callers keep what they need in an ``lru_cache``)."""
    text = (files("claimwire") / "resources" / file_name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


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
        found = "" if first["type"] == "missing" else f" (found {first['input']!r:.60})"
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


@dataclass(frozen=True)
class ResourceReader:
    """Typed, validated access to one object of a resource file.

    Every getter raises :class:`~claimwire.errors.ResourceError` naming the file and the
    key path when the key is missing or its value has the wrong type.

    Attributes:
        file_name: The resource file, for error messages.
        data: The object read.
        path: Where ``data`` sits in the file ("" at the top, else ``"key."``).
    """

    file_name: str
    data: Mapping[str, Any]
    path: str = ""

    @classmethod
    def load(cls, file_name: str) -> ResourceReader:
        """A reader of the top-level object of ``file_name``."""
        data = load_resource(file_name)
        if not isinstance(data, dict):
            raise ResourceError(f"resources/{file_name}: the file must hold a JSON object")
        return cls(file_name, data)

    def error(self, key: str, message: str) -> ResourceError:
        """The error for a malformed ``key`` of this object."""
        return ResourceError(f"resources/{self.file_name}: {self.path}{key} {message}")

    def value(self, key: str, kind: type[T] | tuple[type, ...], what: str) -> Any:
        """The value of ``key``, checked to be an instance of ``kind`` (``what`` names it)."""
        if key not in self.data:
            raise self.error(key, "is missing")
        found = self.data[key]
        if isinstance(found, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.error(key, f"must be {what}, not a boolean")
        if not isinstance(found, kind):
            raise self.error(key, f"must be {what}, not {type(found).__name__}")
        return found

    def text(self, key: str) -> str:
        """A string."""
        found: str = self.value(key, str, "a string")
        return found

    def optional_text(self, key: str) -> str | None:
        """A string or null (the key must be there)."""
        if self.value(key, (str, type(None)), "a string or null") is None:
            return None
        return self.text(key)

    def integer(self, key: str) -> int:
        """An integer."""
        found: int = self.value(key, int, "an integer")
        return found

    def number(self, key: str) -> float:
        """A number (integer or decimal), as a float."""
        return float(self.value(key, (int, float), "a number"))

    def optional_number(self, key: str) -> float | None:
        """A number or null; a missing key is null."""
        if self.data.get(key) is None:
            return None
        return self.number(key)

    def flag(self, key: str, default: bool | None = None) -> bool:
        """A boolean (``default`` when the key is missing and a default is given)."""
        if default is not None and key not in self.data:
            return default
        found: bool = self.value(key, bool, "true or false")
        return found

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of strings, in file order."""
        found = self.value(key, list, "a list of strings")
        if not all(isinstance(item, str) for item in found):
            raise self.error(key, "must be a list of strings")
        return tuple(found)

    def words(self, key: str) -> frozenset[str]:
        """A list of strings, as a set."""
        return frozenset(self.strings(key))

    def table(self, key: str) -> dict[str, Any]:
        """An object (its values unchecked: read them with :meth:`section`)."""
        found: dict[str, Any] = self.value(key, dict, "an object")
        return found

    def section(self, key: str) -> ResourceReader:
        """A reader of the object under ``key``."""
        return ResourceReader(self.file_name, self.table(key), f"{self.path}{key}.")

    def sections(self, key: str) -> dict[str, ResourceReader]:
        """Readers of each object of the object under ``key``, by name, in file order."""
        outer = self.section(key)
        return {name: outer.section(name) for name in outer.data}

    def integers(self, key: str) -> dict[str, int]:
        """An object of integers."""
        outer = self.section(key)
        return {name: outer.integer(name) for name in outer.data}

    def string_table(self, key: str) -> dict[str, str]:
        """An object of strings."""
        outer = self.section(key)
        return {name: outer.text(name) for name in outer.data}

    def pairs(self, key: str) -> dict[str, tuple[int, int]]:
        """An object of ``[first, last]`` integer pairs."""
        outer = self.section(key)
        return {name: outer.pair(name) for name in outer.data}

    def pair(self, key: str) -> tuple[int, int]:
        """A list of two integers."""
        found = self.value(key, list, "a list of two integers")
        if len(found) != 2 or not all(_is_int(item) for item in found):
            raise self.error(key, "must be a list of two integers")
        return int(found[0]), int(found[1])

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        """A string among ``allowed`` (a vocabulary)."""
        found = self.text(key)
        options = tuple(allowed)
        if found not in options:
            raise self.error(key, f"is {found!r}, not one of {', '.join(options)}")
        return found

    def choices(self, key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        """A list of strings among ``allowed``."""
        options = tuple(allowed)
        found = self.strings(key)
        unknown = [item for item in found if item not in options]
        if unknown:
            raise self.error(key, f"names unknown values {unknown}")
        return found


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
