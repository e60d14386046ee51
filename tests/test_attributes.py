"""claimwire_attributes_v1 gives exactly the POS, morphology and lemmas of the model's
attribute ruler and lemmatizer, on texts of several kinds."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from claimwire.components import keys
from claimwire.nlp.pipeline import cache_attributes, load_model

TEXTS = [
    "Rebels said they had seized the airport; the army denied it and vowed to retake it.",
    "I ain't gonna wait, she said. \"We're leaving tonight,\" added her brother.",
    "AT LEAST 14 PEOPLE WERE KILLED WHEN GUNMEN OPENED FIRE ON A BUS NEAR THE BORDER.",
    "The 3rd brigade's commander -- who'd been wounded twice -- wasn't available.\n\n  Officials "
    "counted 1,200 displaced people and 35 damaged houses.",
    "Prices rose 4.5% in May; analysts expect the bank's rates to stay at 5.25 per cent.",
    "  \n\t ",
    "",
]

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def pipelines():
    model = load_model()
    cached = cache_attributes(load_model())
    return model, cached


def test_replaces_the_ruler_and_the_lemmatizer(pipelines) -> None:
    model, cached = pipelines
    assert "attribute_ruler" in model.pipe_names and "lemmatizer" in model.pipe_names
    assert keys.ATTRIBUTES_FACTORY in cached.pipe_names
    assert "attribute_ruler" not in cached.pipe_names and "lemmatizer" not in cached.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_token_attributes_as_the_model(pipelines, text: str) -> None:
    model, cached = pipelines
    expected, found = model(text), cached(text)
    assert [t.text for t in expected] == [t.text for t in found]
    assert (expected.to_array(ATTRS) == found.to_array(ATTRS)).all()
    assert [t.lemma_ for t in expected] == [t.lemma_ for t in found]


def test_same_attributes_the_second_time(pipelines) -> None:
    """The caches give what the first computation gave."""
    model, cached = pipelines
    for text in TEXTS[:3]:
        assert (model(text).to_array(ATTRS) == cached(text).to_array(ATTRS)).all()
