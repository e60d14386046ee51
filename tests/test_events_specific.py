"""The learned filter of events (:mod:`claimwire.components.events.specific`): a specific
event that happened is kept; a wish, an effort or a failed attempt scores lower."""

from __future__ import annotations

import datetime as dt

import pytest

from claimwire.components import keys
from claimwire.components.events import hits_of
from claimwire.components.events.lexicon import event_realis_model
from claimwire.components.events.specific import features, probability

PUBLISHED = dt.date(2024, 5, 6)

REALISED = [
    "Gunmen attacked a police post in Korlo on Tuesday, killing four officers, the chief said.",
    "A drone strike hit a market in Obrava on Friday, killing six people, officials said.",
    "Militants stormed an army camp near Telo on Sunday, killing nine soldiers.",
]
UNREALISED = [
    "The army remains determined to thwart attacks on the pipeline.",
    "The rebels have been fighting to capture the port of Vesna for months.",
    "The insurgents failed to seize the town of Marlo.",
]


def _pipeline(*, specific: bool):
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = build_pipeline(load_model())
    config = {"specific_events": specific}
    nlp.replace_pipe(keys.EVENTS_FACTORY, keys.EVENTS_FACTORY, config=config)
    return nlp


@pytest.fixture(scope="module")
def nlp_rules():
    """The pipeline without the filter: every event of the rules."""
    return _pipeline(specific=False)


@pytest.fixture(scope="module")
def nlp():
    """The pipeline with the filter (the default)."""
    return _pipeline(specific=True)


def _doc(nlp, text: str):
    doc = nlp.make_doc(text)
    doc.user_data[keys.PUBLISHED] = PUBLISHED
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _probabilities(nlp_rules, text: str) -> list[float]:
    doc = _doc(nlp_rules, text)
    hits = hits_of(doc)
    return [probability(features(doc, hit, hits[:k], 0)) for k, hit in enumerate(hits)]


def test_model_file_is_valid():
    model = event_realis_model()
    assert len(model.weights) == len(model.features) > 0
    assert 0.0 < model.threshold < 1.0


@pytest.mark.parametrize("text", REALISED)
def test_realised_event_is_kept(nlp, text):
    found = hits_of(_doc(nlp, text))
    assert [hit.id for hit in found] == ["e1"], text


@pytest.mark.parametrize("text", UNREALISED)
def test_unrealised_event_scores_under_every_realised_one(nlp_rules, text):
    lowest_realised = min(p for t in REALISED for p in _probabilities(nlp_rules, t))
    found = _probabilities(nlp_rules, text)
    assert found and max(found) < lowest_realised, text


def test_filter_drops_and_numbers_again(nlp, nlp_rules):
    text = (
        "The army remains determined to thwart attacks on the pipeline. "
        "Gunmen attacked a police post in Korlo on Tuesday, killing four officers."
    )
    every = hits_of(_doc(nlp_rules, text))
    kept = hits_of(_doc(nlp, text))
    assert len(kept) < len(every)
    assert [hit.id for hit in kept] == [f"e{n}" for n in range(1, len(kept) + 1)]
    assert "attacked" in {text[hit.start : hit.end] for hit in kept}
