"""Every vocabulary string the resource files and the docs use is one of claimwire.vocab."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from claimwire import models, vocab
from claimwire.vocab import values

DOCS = Path(__file__).resolve().parents[1] / "docs"


def resource(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files("claimwire").joinpath("resources", name).read_text(encoding="utf-8")
    )
    return data


FIGURES = resource("figures.json")
EVENTS = resource("event_types.json")
CUES = resource("claims_cues.json")


def test_measures_and_categories_are_the_vocabulary() -> None:
    assert tuple(FIGURES["measures"]) == values(vocab.Measure)
    assert tuple(FIGURES["categories"]) == values(vocab.Category)
    groups = {entry["group"] for entry in FIGURES["categories"].values()}
    assert groups <= set(values(vocab.CategoryGroup))


@pytest.mark.parametrize(
    "key",
    [
        "sentence_scan_priority",
        "percent_measures",
        "equipment_only_measures",
        "people_only_measures",
        "subject_measures",
        "measures_needing_category",
        "place_incompatible_measures",
    ],
)
def test_measure_lists_use_known_measures(key: str) -> None:
    unknown = set(FIGURES[key]) - set(values(vocab.Measure))
    assert not unknown, f"figures.json {key} names unknown measures: {sorted(unknown)}"


def test_event_types_and_subtypes_are_the_vocabulary() -> None:
    assert tuple(EVENTS["types"]) == values(vocab.EventType)
    assert tuple(EVENTS["subtypes"]) == values(vocab.EventSubtype)
    for name, subtype in EVENTS["subtypes"].items():
        assert subtype["type"] in values(vocab.EventType), name
    assert set(EVENTS["figure_measures"]) <= set(values(vocab.Measure))
    assert set(EVENTS["instrumental_subtypes"]) <= set(values(vocab.EventSubtype))
    triggers = {trigger["subtype"] for trigger in EVENTS["triggers"]}
    assert triggers <= set(values(vocab.EventSubtype))
    for name, mapping in EVENTS["mappings"].items():
        labels = mapping.get("labels", {})
        if isinstance(labels, dict):
            unknown = set(labels) - set(values(vocab.EventSubtype))
            assert not unknown, f"mapping {name} maps unknown sub-types: {sorted(unknown)}"


def test_claim_cues_use_known_hedges_and_forms() -> None:
    hedges, forms = set(values(vocab.Hedge)), set(values(vocab.ClaimForm))
    assert set(CUES["verbs"].values()) <= hedges
    assert set(CUES["reporting_nouns"].values()) <= hedges
    for phrase in CUES["phrases"]:
        assert phrase["modality"] in hedges, phrase
        assert phrase["form"] in forms, phrase
    for hedge in CUES["hedges"]:
        assert hedge["modality"] in hedges, hedge
    assert set(vocab.HEDGE_STRENGTH) == hedges


def test_problem_codes_are_documented() -> None:
    section = (DOCS / "output.md").read_text(encoding="utf-8").split("## Problem", 1)[1]
    table = section.split("| code | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", table, re.MULTILINE)
    assert tuple(documented) == values(vocab.ProblemCode)


def test_models_accept_only_the_vocabulary() -> None:
    with pytest.raises(ValueError):
        models.Problem(code="no_such_code", message="x")  # type: ignore[arg-type]
    assert models.Problem(code="empty_text", message="x").code == "empty_text"
