"""Docs processed by claimwire survive spaCy's serialization with every hit intact."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import DocBin

from claimwire.components import claims, dates, events, figures, keys, numbers, places
from claimwire.components.serialize import decode, encode

TEXT = (
    "Russian shelling killed 5 civilians in Kharkiv on Monday, the governor said. "
    '"We will rebuild," he said. Two soldiers were wounded near Izium.'
)
ACCESSORS = (figures.hits_of, claims.hits_of, events.hits_of, places.hits_of, dates.hits_of)


def _numbers(doc):
    return [(span.start_char, span.end_char, value) for span, value in numbers.numbers_of(doc)]


@pytest.fixture(scope="module")
def processed(nlp):
    doc = nlp.make_doc(TEXT)
    doc.user_data[keys.PUBLISHED] = dt.date(2022, 6, 14)
    return nlp(doc)


def test_docbin_keeps_hits_and_publication_date(nlp, processed):
    stored = DocBin(store_user_data=True)
    stored.add(processed)
    (back,) = DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    for hits_of in ACCESSORS:
        assert hits_of(back) == hits_of(processed), hits_of.__module__
    assert figures.hits_of(back)
    assert _numbers(back) == _numbers(processed)
    assert back.user_data[keys.PUBLISHED] == dt.date(2022, 6, 14)


def test_doc_bytes_round_trip(nlp, processed):
    back = nlp.make_doc("").from_bytes(processed.to_bytes())
    assert claims.hits_of(back) == claims.hits_of(processed)


def test_pipe_with_two_processes(nlp):
    texts = [TEXT, "Three police officers were killed in an ambush in Borno."]
    alone = [figures.hits_of(doc) for doc in nlp.pipe(texts)]
    together = [figures.hits_of(doc) for doc in nlp.pipe(texts, n_process=2)]
    assert together == alone and all(alone)


def test_codec_leaves_other_values_to_the_next_hook():
    assert encode(3, chain=lambda value: value + 1) == 4
    assert decode({"a": 1}) == {"a": 1}
    assert decode(encode(dt.datetime(2022, 6, 14, 10, 30))) == dt.datetime(2022, 6, 14, 10, 30)


def test_decoder_refuses_classes_outside_claimwire():
    with pytest.raises(ValueError, match="not a claimwire class"):
        decode({"__claimwire__": "os:system", "fields": {}})
