"""The JSON output is a versioned public format, validated against the shipped schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from claimwire.models import SCHEMA_VERSION
from claimwire.schema import generate_schema, shipped_schema

DOCS = Path(__file__).resolve().parents[1] / "docs" / "output.md"


def test_shipped_schema_matches_the_models() -> None:
    assert shipped_schema() == generate_schema(), "run `make schema` and commit the file"


def test_example_output_validates(example_result) -> None:
    data = json.loads(example_result.model_dump_json())
    jsonschema.Draft202012Validator(shipped_schema()).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION


def test_invalid_output_is_rejected(example_result) -> None:
    data = json.loads(example_result.model_dump_json())
    data["numbers"][0]["span"]["start"] = "zero"
    validator = jsonschema.Draft202012Validator(shipped_schema())
    assert list(validator.iter_errors(data))


def test_every_field_is_documented() -> None:
    first_cells = re.findall(r"^\| ([^|]+) \|", DOCS.read_text(encoding="utf-8"), re.M)
    documented = {name for cell in first_cells for name in re.findall(r"`([a-z_0-9]+)`", cell)}
    schema = generate_schema()
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields.update(definition.get("properties", {}))
    assert fields - documented == set(), "document these fields in docs/output.md"
