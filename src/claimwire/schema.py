"""The JSON Schema of claimwire's output, generated from the records of :mod:`claimwire.models`.

The schema ships inside the package (``claimwire/schema/result.schema.json``); a test
checks that the shipped file equals what the models generate, so the two never drift.
Regenerate it with ``claimwire schema --write``.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from .models import SCHEMA_VERSION, Result

SCHEMA_FILE = "result.schema.json"


def generate_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one :class:`~claimwire.models.Result`."""
    schema = Result.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://claimwire.invalid/schema/result-{SCHEMA_VERSION}.json",
        "title": f"claimwire result, format {SCHEMA_VERSION}",
        **schema,
    }


def schema_text() -> str:
    """The generated schema as the text of the shipped file."""
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the installed package."""
    return json.loads((files("claimwire") / "schema" / SCHEMA_FILE).read_text(encoding="utf-8"))
