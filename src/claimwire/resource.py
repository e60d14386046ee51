"""Reading the versioned JSON data files of ``claimwire/resources``.

:func:`load_resource` returns the parsed JSON; :func:`load_typed_resource` validates it
into a frozen pydantic model (a subclass of :class:`ResourceModel`), so that a malformed
file fails at load with the file and key named, not later with a ``KeyError``.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InvalidResourceError


class ResourceModel(BaseModel):
    """Base of the typed models of resource files: frozen, and no key the model lacks."""

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
        InvalidResourceError: The file does not match ``model``; the message names the file
            and the first wrong key.
    """
    try:
        return model.model_validate(load_resource(file_name))
    except ValidationError as error:
        problems = error.errors()
        first = problems[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidResourceError(f"{file_name}: {where}: {first['msg']}{more}") from error
