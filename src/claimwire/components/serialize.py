"""claimwire's hits survive spaCy's serialization: ``DocBin`` and ``nlp.pipe(n_process=N)``.

The components keep their hits (frozen dataclasses) and the publication date in
``doc.user_data``; spaCy writes ``user_data`` with msgpack, which knows neither. This module
registers one msgpack encoder and one decoder with srsly (spaCy's serializer), so a Doc
written by ``DocBin(store_user_data=True)``, or sent between the worker processes of
``nlp.pipe(texts, n_process=2)``, comes back with the same hits:

- a dataclass of claimwire becomes ``{"__claimwire__": "module:Class", "fields": {...}}``
  and is rebuilt from its fields, tuples restored where the class declares them;
- a date or datetime becomes ``{"__claimwire_date__": "2022-06-14"}``.

Registered on import of :mod:`claimwire.components`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

import srsly

CLASS_KEY = "__claimwire__"
DATE_KEY = "__claimwire_date__"
DATETIME_KEY = "__claimwire_datetime__"

Chain = Callable[[Any], Any] | None


def encode(obj: Any, chain: Chain = None) -> Any:
    """msgpack's ``default`` hook: claimwire dataclasses and dates as tagged maps."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        if cls.__module__.startswith("claimwire."):
            return {
                CLASS_KEY: f"{cls.__module__}:{cls.__qualname__}",
                "fields": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)},
            }
    if isinstance(obj, dt.datetime):
        return {DATETIME_KEY: obj.isoformat()}
    if isinstance(obj, dt.date):
        return {DATE_KEY: obj.isoformat()}
    if isinstance(obj, frozenset | set):
        return sorted(obj, key=repr)
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Chain = None) -> Any:
    """msgpack's ``object_hook``: rebuild what :func:`encode` tagged."""
    if isinstance(obj, dict):
        if CLASS_KEY in obj:
            path = str(obj[CLASS_KEY])
            cls, tuples = _class(path), _tuple_fields(path)
            fields = {
                name: _as_tuple(value) if name in tuples else value
                for name, value in obj["fields"].items()
            }
            return cls(**fields)
        if DATE_KEY in obj:
            return dt.date.fromisoformat(obj[DATE_KEY])
        if DATETIME_KEY in obj:
            return dt.datetime.fromisoformat(obj[DATETIME_KEY])
    return obj if chain is None else chain(obj)


@cache
def _class(path: str) -> type[Any]:
    module, _, name = path.partition(":")
    if not module.startswith("claimwire."):
        raise ValueError(f"not a claimwire class: {path}")
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
        raise ValueError(f"not a claimwire dataclass: {path}")
    return found


@cache
def _tuple_fields(path: str) -> frozenset[str]:
    """Fields the class at ``path`` declares as tuples (msgpack gives back lists)."""
    cls = _class(path)
    hints = typing.get_type_hints(cls)
    names = set()
    for field in dataclasses.fields(cls):
        hint = hints.get(field.name)
        options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, _UNION) else ()
        if any(typing.get_origin(h) is tuple or h is tuple for h in (hint, *options)):
            names.add(field.name)
    return frozenset(names)


_UNION = type(int | None)


def _as_tuple(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_as_tuple(item) for item in value)
    return value


def register() -> None:
    """Register :func:`encode` and :func:`decode` with srsly (idempotent)."""
    srsly.msgpack_encoders.register("claimwire", func=encode)
    srsly.msgpack_decoders.register("claimwire", func=decode)
