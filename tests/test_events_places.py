"""claimwire_events_v1 with the full pipeline: which place an event takes."""

from __future__ import annotations

import pytest

from events_helpers import events


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the scene ('in X'), not the side across a border ('the border with Y')
        (
            "Two soldiers on a patrol in Kassala, near the border with Eritrea, were shot dead "
            "by gunmen, the army said.",
            "Kassala",
        ),
        # the sides of a clash ('between X and Y') are not its place
        (
            "Four herders were killed in clashes between Sudan and South Sudan near Abyei on "
            "Sunday.",
            "Abyei",
        ),
        # a country inside the name of a force is not the place of the attack on it
        (
            "Militiamen attacked a Tanzania People's Defence Force outpost in Kigoma on "
            "Tuesday, killing three soldiers.",
            "Kigoma",
        ),
    ],
)
def test_scene_before_sides_and_names(nlp, text, place):
    found = events(nlp, text)
    assert found, text
    assert found[0].place_name == place, [(e.place_name, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a placeless event after the article's news takes its place
        (
            "Heavy fighting broke out in Goma on Monday, residents said.\n"
            "Later that day, militants executed six prisoners, a local official said.",
            ["Goma", "Goma"],
        ),
        # but never the place of news told after it
        (
            "Militants executed six prisoners on Monday, a local official said.\n"
            "Heavy fighting broke out in Goma on Tuesday, residents said.",
            [None, "Goma"],
        ),
    ],
)
def test_placeless_event_takes_the_place_of_the_news_before_it(nlp, text, places):
    found = events(nlp, text)
    assert [e.place_name for e in found] == places, [
        (e.place_name, text[e.start : e.end]) for e in found
    ]
