"""The shared per-Doc token lists (components/_view.py) equal the token attributes."""

from __future__ import annotations

import pytest

from claimwire.components._view import token_lemmas, token_lowers, token_texts


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the outskirts of Port Vila on Tuesday, the ministry said.",
        "TWO BRIDGES were BLOWN up near Lake Toba.\n\nNo one was hurt.",
        "",
    ],
)
def test_lists_equal_the_attributes_of_every_token(nlp, text):
    doc = nlp(text)
    assert token_texts(doc) == [token.text for token in doc]
    assert token_lowers(doc) == [token.lower_ for token in doc]
    assert token_lemmas(doc) == [token.lemma_.lower() for token in doc]


def test_lists_are_computed_once_and_rebuilt_for_another_length(nlp):
    doc = nlp("Militia fighters entered Goma at dawn.")
    assert token_texts(doc) is token_texts(doc)
    shorter = doc[:3].as_doc()
    shorter.user_data.update(doc.user_data)
    assert token_texts(shorter) == ["Militia", "fighters", "entered"]
