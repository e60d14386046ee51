"""The learned event-type model: its features, how it works with the rules, its file."""

from __future__ import annotations

import json
import re

import pytest

from claimwire.components import events as ev
from claimwire.components.events import learned
from claimwire.components.events.lexicon import Combination, EventTypeModel, event_type_model
from claimwire.errors import ResourceError


def _model(*, min_probability: float = 0.5, among: bool = True) -> EventTypeModel:
    """A two-feature model of three classes, written by hand."""
    return EventTypeModel(
        description="test",
        version="1",
        classes=("armed_clash", "attack", "peaceful_protest"),
        features=("w:rally", "rule:armed_clash"),
        weights=((0.0, 0.0, 4.0), (1.0, 0.0, 0.0)),
        bias=(0.0, 0.0, 0.0),
        combination={
            "snippet": Combination(min_probability=min_probability, among_candidates=among),
            "event": Combination(min_probability=min_probability, among_candidates=among),
        },
        training={},
        regularization=1.0,
        cross_validation={},
    )


def test_features_name_what_the_rules_and_the_parse_saw(nlp):
    doc = nlp("Gunmen opened fire on worshippers at a mosque in Kandor, killing six.")
    typed = ev.typed_mentions(doc)
    values = learned.features(doc, doc.sents, typed, "attack")
    assert values["rule:attack"] == 1.0
    assert any(name.startswith("t:") for name in values)
    assert "w:mosque" in values
    assert any(name.startswith("r:") for name in values)
    assert abs(sum(v for k, v in values.items() if k.startswith("r:")) - 1.0) < 1e-9
    assert "e:GPE" in values or "e:PERSON" in values or "e:ORG" in values


def test_features_of_a_text_with_no_trigger(nlp):
    doc = nlp("The orchard gave a fine harvest of pears this autumn.")
    values = learned.features(doc, doc.sents, [], None)
    assert values["rule:none"] == 1.0
    assert not any(name.startswith(("t:", "r:")) for name in values)


@pytest.mark.parametrize(
    ("values", "chosen", "candidates", "expected"),
    [
        # the model is sure of a candidate the rules ranked second: it wins
        ({"w:rally": 1.0}, "armed_clash", {"armed_clash", "peaceful_protest"}, "peaceful_protest"),
        # sure, but of a sub-type no trigger of the unit was given: the rules' stays
        ({"w:rally": 1.0}, "armed_clash", {"armed_clash"}, "armed_clash"),
        # no evidence: the model is unsure, the rules' stays
        ({}, "attack", {"attack", "peaceful_protest"}, "attack"),
        # no candidate at all (no trigger): nothing is invented
        ({"w:rally": 1.0}, None, set(), None),
    ],
)
def test_combine_among_the_rules_candidates(values, chosen, candidates, expected):
    model = _model()
    probs = learned.probabilities(values, model)
    assert learned.combine(chosen, probs, "snippet", candidates, model) == expected


def test_combine_may_leave_the_candidates_when_the_file_says_so():
    model = _model(among=False)
    probs = learned.probabilities({"w:rally": 1.0}, model)
    assert learned.combine("armed_clash", probs, "event", {"armed_clash"}, model) == (
        "peaceful_protest"
    )


def test_combine_leaves_the_rules_their_kept_types():
    model = _model(among=False)
    model.combination["event"] = Combination(
        min_probability=0.5, among_candidates=False, rules_keep=("armed_clash",)
    )
    probs = learned.probabilities({"w:rally": 1.0}, model)
    # the model is sure, but the rules were the more precise on armed clashes
    assert learned.combine("armed_clash", probs, "event", {"armed_clash"}, model) == ("armed_clash")
    # a sub-type the rules do not keep: the model decides
    assert learned.combine("attack", probs, "event", {"attack"}, model) == "peaceful_protest"


def test_combine_needs_the_threshold():
    model = _model(min_probability=0.99)
    probs = learned.probabilities({"w:rally": 1.0}, model)
    assert max(probs.values()) < 0.99
    assert learned.combine("armed_clash", probs, "snippet", {"peaceful_protest"}, model) == (
        "armed_clash"
    )


def test_probabilities_sum_to_one_and_ignore_unknown_features():
    probs = learned.probabilities({"w:rally": 1.0, "w:unheard": 3.0}, _model())
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    assert max(probs, key=lambda k: probs[k]) == "peaceful_protest"


def test_the_shipped_model_loads_and_is_small():
    from importlib.resources import files

    model = event_type_model()
    assert set(model.classes) <= set(ev.ontology().subtypes)
    assert set(model.combination) == {"snippet", "event"}
    size = (files("claimwire") / "resources" / "event_type_model.json").stat().st_size
    assert size < 2_000_000


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"weights": [[0.0]]}, "weights"),  # a row without one weight per class
        ({"bias": [0.0]}, "bias"),
        ({"classes": ["armed_clash", "not_a_subtype", "attack"]}, "classes"),
        ({"combination": {"tweet": {"min_probability": 0.5, "among_candidates": True}}}, ""),
    ],
)
def test_a_broken_model_file_raises_resource_error(monkeypatch, data, key):
    import claimwire.resource as resource

    good = _model().model_dump()
    monkeypatch.setattr(resource, "load_resource", lambda _name: {**good, **data})
    event_type_model.cache_clear()
    try:
        with pytest.raises(ResourceError, match=re.escape(f"event_type_model.json: {key}")):
            event_type_model()
    finally:
        monkeypatch.undo()
        event_type_model.cache_clear()


def test_a_model_file_that_is_not_json_raises_resource_error(monkeypatch):
    import claimwire.resource as resource

    def broken(_name: str) -> dict[str, object]:
        return json.loads("{not json")

    monkeypatch.setattr(resource, "load_resource", broken)
    event_type_model.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"event_type_model\.json: cannot be read"):
            event_type_model()
    finally:
        monkeypatch.undo()
        event_type_model.cache_clear()


def test_the_events_component_can_turn_the_model_off(nlp):
    from claimwire.components import keys

    component = nlp.get_pipe(keys.EVENTS_FACTORY)
    assert component.learned_types is True
    text = "Police fired tear gas at students marching against fee rises in Varna on Monday."
    with_model = [(h.start, h.subtype) for h in ev.hits_of(nlp(text))]
    component.learned_types = False
    try:
        rules = [(h.start, h.subtype) for h in ev.hits_of(nlp(text))]
    finally:
        component.learned_types = True
    assert [start for start, _ in with_model] == [start for start, _ in rules]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Students marched peacefully through the centre of Tarnow on Sunday, "
            "demanding lower rents.",
            "peaceful_protest",
        ),
        (
            "Soldiers and insurgents exchanged fire for hours near the village of Orlek, "
            "the army said.",
            "armed_clash",
        ),
        (
            "A roadside bomb exploded under a minibus on the highway south of Kerrow, "
            "wounding four passengers.",
            "remote_explosive_landmine_ied",
        ),
        (
            "Jets struck a fuel depot outside Malvic overnight, the defence ministry said.",
            "air_drone_strike",
        ),
    ],
)
def test_snippets_typed_with_the_model(nlp, text, expected):
    assert ev.classify_doc(nlp(text))[0] == expected
    assert ev.classify_doc(nlp(text), learned=False)[0] == expected
