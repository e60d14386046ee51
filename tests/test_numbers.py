"""claimwire_numbers_v1: the number grammar on strings and the component on documents."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwire.components.numbers import load_lexicon, numbers_of, parse_number
from claimwire.errors import MissingComponentError

# (text, value, lower, upper, approx, unit, extra flags)
PARSE_CASES = [
    ("0", 0, None, None, False, "count"),
    ("7", 7, None, None, False, "count"),
    ("40", 40, None, None, False, "count"),
    ("288", 288, None, None, False, "count"),
    ("1,000", 1000, None, None, False, "count"),
    ("1,432", 1432, None, None, False, "count"),
    ("32,300", 32300, None, None, False, "count"),
    ("1,234,567", 1234567, None, None, False, "count"),
    ("32, 300", 32300, None, None, False, "count"),
    ("1, 432", 1432, None, None, False, "count"),
    ("3.5", 3.5, None, None, False, "count"),
    ("1.5 million", 1_500_000, None, None, False, "count"),
    ("2 million", 2_000_000, None, None, False, "count"),
    ("300 thousand", 300_000, None, None, False, "count"),
    ("5bn", 5e9, None, None, False, "count"),
    ("2.3bn", 2.3e9, None, None, False, "count"),
    ("one", 1, None, None, False, "count"),
    ("two", 2, None, None, False, "count"),
    ("eleven", 11, None, None, False, "count"),
    ("nineteen", 19, None, None, False, "count"),
    ("twenty", 20, None, None, False, "count"),
    ("twenty-five", 25, None, None, False, "count"),
    ("ninety nine", 99, None, None, False, "count"),
    ("a hundred", 100, None, None, False, "count"),
    ("one hundred", 100, None, None, False, "count"),
    ("two hundred and fifty", 250, None, None, False, "count"),
    ("three thousand", 3000, None, None, False, "count"),
    ("three thousand five hundred", 3500, None, None, False, "count"),
    ("a thousand", 1000, None, None, False, "count"),
    ("a million", 1_000_000, None, None, False, "count"),
    ("two million", 2_000_000, None, None, False, "count"),
    ("a dozen", 12, None, None, False, "count"),
    ("two dozen", 24, None, None, False, "count"),
    ("about 500", 500, None, None, True, "count"),
    ("around 500", 500, None, None, True, "count"),
    ("some 500", 500, None, None, True, "count"),
    ("roughly 60", 60, None, None, True, "count"),
    ("approximately 12", 12, None, None, True, "count"),
    ("an estimated 4,000", 4000, None, None, True, "count"),
    ("nearly 3,000", 3000, None, 3000, True, "count"),
    ("almost 90", 90, None, 90, True, "count"),
    ("close to 200", 200, None, 200, True, "count"),
    ("at least 5", 5, 5, None, False, "count"),
    ("at least five", 5, 5, None, False, "count"),
    ("more than 100", 100, 100, None, False, "count"),
    ("over 1,000", 1000, 1000, None, False, "count"),
    ("upwards of 400", 400, 400, None, False, "count"),
    ("up to 100", 100, None, 100, False, "count"),
    ("as many as 60", 60, None, 60, False, "count"),
    ("fewer than 10", 10, None, 10, False, "count"),
    ("less than 5%", 5, None, 5, False, "percent"),
    ("70%", 70, None, None, False, "percent"),
    ("about 70%", 70, None, None, True, "percent"),
    ("70 percent", 70, None, None, False, "percent"),
    ("70 per cent", 70, None, None, False, "percent"),
    ("12.5%", 12.5, None, None, False, "percent"),
    ("10-15", None, 10, 15, False, "count"),
    ("10 - 15", None, 10, 15, False, "count"),
    ("10 to 15", None, 10, 15, False, "count"),
    ("between 10 and 15", None, 10, 15, False, "count"),
    ("between 20 and 30%", None, 20, 30, False, "percent"),
    ("hundreds", None, 200, 999, True, "count"),
    ("dozens", None, 24, 99, True, "count"),
    ("thousands", None, 2000, 9999, True, "count"),
    ("tens of thousands", None, 20000, 99999, True, "count"),
    ("hundreds of thousands", None, 200000, 999999, True, "count"),
    ("millions", None, 2_000_000, None, True, "count"),
]

NOT_ONE_NUMBER = [
    "",
    "civilians",
    "2021, 300",
    "T-72",
    "F-16s",
    "many",
    "several dozen civilians",
    "scores",
    "about",
    "the 500",
    "500 tanks",
    "15-10",
]


@pytest.mark.parametrize(("text", "value", "lower", "upper", "approx", "unit"), PARSE_CASES)
def test_parse_number(text, value, lower, upper, approx, unit):
    number = parse_number(text)
    assert number is not None, text
    assert number.value == (None if value is None else pytest.approx(value))
    assert number.lower == (None if lower is None else pytest.approx(lower))
    assert number.upper == (None if upper is None else pytest.approx(upper))
    assert number.approx is approx
    assert number.unit == unit
    assert number.text == text


@pytest.mark.parametrize("text", NOT_ONE_NUMBER)
def test_not_exactly_one_number(text):
    assert parse_number(text) is None


def test_ordinals_are_flagged():
    number = parse_number("18th")
    assert number is not None and number.ordinal and number.value == 18


def test_qualifier_is_kept():
    number = parse_number("at least 20")
    assert number is not None and number.qualifier == "at least"


def test_word_lists_are_valid():
    path = resources.files("claimwire") / "resources" / "numbers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["version"], int) and data["description"]
    assert all(isinstance(v, int) for v in data["units"].values())
    for entry in data["vague"].values():
        assert entry["upper"] is None or entry["upper"] > entry["lower"]
    for entry in data["qualifiers"].values():
        assert set(entry) <= {"approx", "bound"} and entry.get("bound") in (None, "lower", "upper")
    words = [w for key in ("units", "tens", "scales") for w in data[key]]
    assert len(words) == len(set(words)) and all(w == w.lower() for w in words)


def _in_words(n: int) -> str:
    units = {v: k for k, v in load_lexicon().units.items()}
    tens = {v: k for k, v in load_lexicon().tens.items()}

    def below_thousand(m: int) -> list[str]:
        out: list[str] = []
        if m >= 100:
            out += [units[m // 100], "hundred"]
            m %= 100
            if m:
                out.append("and")
        if m >= 20:
            out.append(tens[m - m % 10] + (f"-{units[m % 10]}" if m % 10 else ""))
        elif m or not out:
            out.append(units[m])
        return out

    if n >= 1000:
        rest = n % 1000
        return " ".join(
            below_thousand(n // 1000) + ["thousand"] + (below_thousand(rest) if rest else [])
        )
    return " ".join(below_thousand(n))


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n):
    assert parse_number(f"{n:,}").value == n
    assert parse_number(str(n)).value == n


@given(st.integers(min_value=1, max_value=999_999))
def test_words_round_trip(n):
    text = _in_words(n)
    assert parse_number(text).value == n, text


@given(st.integers(min_value=1, max_value=998), st.integers(min_value=1, max_value=999))
def test_ranges_round_trip(low, width):
    number = parse_number(f"{low}-{low + width}")
    assert (number.lower, number.upper, number.value) == (low, low + width, None)


CONTEXT_CASES = [
    # (sentence, the numbers found as (text, value))
    (
        "About 500 civilians remain in the plant, 40 of them children.",
        [("About 500", 500), ("40", 40)],
    ),
    ("Ukraine claimed total troop losses are now 32, 300 dead.", [("32, 300", 32300)]),
    ("In 2021, 300 people fled the town.", [("300", 300)]),
    ("The invasion began on Feb. 24 and on 24 February 2022 sirens sounded.", []),
    ("Shelling resumed at 10:30 am and again at 5 pm.", []),
    ("It was one of the bloodiest days and no one was spared.", []),
    ("Two T-72 tanks and 3 F-16s were seen.", [("Two", 2), ("3", 3)]),
    ("One civilian and two soldiers died in March 2022.", [("One", 1), ("two", 2)]),
    ("Russian forces now control about 70% of the city.", [("about 70%", 70)]),
    (
        "Hundreds of civilians and tens of thousands of troops.",
        [("Hundreds", None), ("tens of thousands", None)],
    ),
    ("The EU pledged $5 million in aid.", [("5 million", 5_000_000)]),
    ("An 18th century fort was hit.", [("18th", 18)]),
    ("Since 1991 the border has moved.", []),
    ("Kyiv said 1410 Russian tanks had been destroyed.", [("1410", 1410)]),
    ("The fort was built in 1410 by the knights.", []),
    ("Since February 24, 500 children have fled.", [("500", 500)]),
    ("The raid on 16\nNOVEMBER killed 4.", [("4", 4)]),
    ("Call the hotline on +380 44 123 4567 or (555) 123-4567 for help.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CONTEXT_CASES)
def test_find_numbers_in_context(nlp, sentence, expected):
    doc = nlp(sentence)
    found = [(span.text, number.value) for span, number in numbers_of(doc)]
    assert found == [(text, None if value is None else float(value)) for text, value in expected]


def test_money_is_flagged(nlp):
    doc = nlp("The EU pledged $5 million in aid.")
    ((_, number),) = numbers_of(doc)
    assert number.unit == "money"


def test_offsets_point_at_the_text(nlp):
    doc = nlp("Kyiv said 178 helicopters\nand about 585 drones were lost; 1, 432 tanks too.")
    found = numbers_of(doc)
    assert [number.text for _, number in found] == ["178", "about 585", "1, 432"]
    for span, number in found:
        assert doc.text[number.start : number.end] == number.text == span.text


def test_numbers_of_needs_the_component(nlp):
    with pytest.raises(MissingComponentError, match="claimwire_numbers_v1"):
        numbers_of(nlp.make_doc("Gunmen killed 15 villagers."))


def test_lexicon_is_typed_and_validated(monkeypatch):
    from claimwire.errors import ResourceError

    assert load_lexicon().qualifiers["at least"].bound == "lower"
    assert load_lexicon().vague["millions"].upper is None
    broken = {
        **json.loads((resources.files("claimwire") / "resources" / "numbers.json").read_text())
    }
    broken["qualifiers"] = {"about": {"approx": "yes"}}
    monkeypatch.setattr(
        "claimwire.resource.load_resource", lambda name: broken if name == "numbers.json" else {}
    )
    load_lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"numbers.json: qualifiers.about.approx"):
            load_lexicon()
    finally:
        monkeypatch.undo()
        load_lexicon.cache_clear()
