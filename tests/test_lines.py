"""Line breaks inside sentences do not split them; paragraph and headline breaks do."""

from __future__ import annotations

import pytest


def sentences(nlp, text: str) -> list[str]:
    return [sent.text.strip() for sent in nlp(text).sents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The governor said fighting for not just a\nstreet but a building can last days.",
            ["The governor said fighting for not just a\nstreet but a building can last days."],
        ),
        (
            "He compared the campaign to the Russian\nemperor's conquest of the north.",
            ["He compared the campaign to the Russian\nemperor's conquest of the north."],
        ),
        (
            "Five people were killed.\nRescuers are searching the rubble.",
            ["Five people were killed.", "Rescuers are searching the rubble."],
        ),
        (
            'He said: "We will hold the line."\nTroops dug in overnight.',
            ['He said: "We will hold the line."', "Troops dug in overnight."],
        ),
        (
            "Shelling hits eastern city\nShelling hit the eastern city overnight, officials said.",
            [
                "Shelling hits eastern city",
                "Shelling hit the eastern city overnight, officials said.",
            ],
        ),
        (
            "Officials said the strike hit a depot and\n\nThe mayor spoke later.",
            ["Officials said the strike hit a depot and", "The mayor spoke later."],
        ),
        (
            "Drones struck the port of the city,\nthe navy said.",
            ["Drones struck the port of the city,\nthe navy said."],
        ),
    ],
)
def test_sentences_across_line_breaks(nlp, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


def test_example_broken_lines_are_one_sentence_each(nlp, example_text: str) -> None:
    doc = nlp(example_text)
    for sent in doc.sents:
        inner = sent.text.rstrip("\n")
        if "\n" in inner:
            before, after = inner.split("\n", 1)
            # a sentence may only run across a line when the line does not end it
            assert not before.rstrip().endswith((".", "!", "?", "”")), sent.text
            assert after[:1].islower(), sent.text
    joined = [sent.text for sent in doc.sents if "\n" in sent.text.rstrip("\n")]
    assert len(joined) == 2
