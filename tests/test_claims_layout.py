"""Tests of quotes attributed by layout: pull quotes and flattened social-media posts."""

from __future__ import annotations

import pytest

from claimwire.components.claims import find_signed_lines


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        (
            "Intro.\nIt is very bad for our seniors if they have no backup. Rod Peters, mayor\n",
            "It is very bad for our seniors if they have no backup.",
            "Rod Peters",
        ),
        (
            "We need to remember the homeless community is diverse. Maria Gonzalez\nMore.",
            "We need to remember the homeless community is diverse.",
            "Maria Gonzalez",
        ),
        (
            "Damage is unprecedented with hundreds of trees down. pic.twitter.com/AbC123 "
            "— City Hydro (@cityhydro) December 22, 2018",
            "Damage is unprecedented with hundreds of trees down.",
            "City Hydro",
        ),
    ],
)
def test_signed_lines(text, content, name):
    (line,) = find_signed_lines(text)
    assert text[line.start : line.end] == content
    assert text[line.name_start : line.name_end] == name


@pytest.mark.parametrize(
    "text",
    [
        "Too short. Rod Peters",  # fewer than five words before the name
        'He said "it is over for all of us now." Rod Peters',  # marked quotes are found elsewhere
        "The talks ended without a deal on Monday, officials said.",  # no signature
        "The president met the prime minister of Canada. U.S. President Donald Trump.",
        "Jeff Karoub, The Associated Press",  # a byline alone on its line
    ],
)
def test_not_signed_lines(text):
    assert find_signed_lines(text) == []
