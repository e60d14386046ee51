"""claimwire_dates_v1: time expressions resolved against the publication date, by news rules."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from importlib.resources import files

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwire import vocab
from claimwire.components import dates, keys
from claimwire.errors import InvalidOptionError, MissingComponentError
from claimwire.nlp.pipeline import load_model

D = dt.date
TUE = D(2022, 6, 14)  # a Tuesday
FRI = D(2022, 6, 17)
SUN = D(2022, 6, 19)


@pytest.fixture(scope="module")
def dates_nlp():
    nlp = load_model()
    nlp.add_pipe(keys.DATES_FACTORY)
    return nlp


def run(nlp, text: str, published: dt.date | dt.datetime | None) -> list[dates.DateHit]:
    doc = nlp.make_doc(text)
    doc.user_data[keys.PUBLISHED] = published
    return dates.hits_of(nlp(doc))


def hit_for(nlp, text: str, published, evidence: str) -> dates.DateHit:
    found = run(nlp, text, published)
    matching = [hit for hit in found if hit.text == evidence]
    assert matching, f"no hit {evidence!r} in {[hit.text for hit in found]}"
    return matching[0]


# (text, published, evidence, "start[..end] granularity method [role]"), "-" = no interval
CASES = [
    # the seed's conventions, in sentences of our own
    ("Russian forces attacked the town on Monday.", TUE, "Monday", "2022-06-13 day relative"),
    (
        "Last night (Mon) the army claimed gains.",
        TUE,
        "Last night (Mon)",
        "2022-06-13 day relative",
    ),
    (
        "Last night (Sun) the army claimed gains.",
        TUE,
        "Last night (Sun)",
        "2022-06-12 day relative",
    ),
    ("Yesterday the office delivered a list.", TUE, "Yesterday", "2022-06-13 day relative"),
    ("the invasion they launched on Feb. 24.", TUE, "Feb. 24", "2022-02-24 day relative"),
    (
        "Children were killed by the February 24 invasion.",
        TUE,
        "February 24",
        "2022-02-24 day relative",
    ),
    (
        "It echoed the fall of the port last month.",
        TUE,
        "last month",
        "2022-05-01..2022-05-31 month relative",
    ),
    (
        "He recalled the emperor's 18th century conquest.",
        TUE,
        "18th century",
        "1701-01-01..1800-12-31 century explicit",
    ),
    (
        "the eighteenth century wars",
        TUE,
        "the eighteenth century",
        "1701-01-01..1800-12-31 century explicit",
    ),
    (
        "Losses have mounted since February 24.",
        TUE,
        "February 24",
        "2022-02-24 day relative period_start",
    ),
    ("So far 200 homes have been destroyed.", TUE, "So far", "2022-06-14 day relative as_of"),
    ("To date, 40 schools have been hit.", TUE, "To date", "2022-06-14 day relative as_of"),
    # weekdays: past by default, future only with a future verb or "next"
    ("The talks resumed on Friday.", TUE, "Friday", "2022-06-10 day relative"),
    ("The talks will resume on Friday.", TUE, "Friday", "2022-06-17 day relative"),
    ("The envoy arrives next Monday.", TUE, "next Monday", "2022-06-20 day relative"),
    ("The mayor spoke on Friday.", FRI, "Friday", "2022-06-17 day relative"),
    ("Officials met last Friday.", FRI, "last Friday", "2022-06-10 day relative"),
    ("Officials met last Monday.", TUE, "last Monday", "2022-06-13 day relative"),
    ("Shelling resumed on Sunday night.", TUE, "Sunday night", "2022-06-12 day relative"),
    ("A drone struck on Sunday.", SUN, "Sunday", "2022-06-19 day relative"),
    ("Rebels attacked on Monday morning.", TUE, "Monday morning", "2022-06-13 day relative"),
    (
        "The meeting on Monday, June 6, was cancelled.",
        TUE,
        "Monday, June 6",
        "2022-06-06 day relative",
    ),
    ("The strike hit a depot on Wednesday.", D(1990, 1, 3), "Wednesday", "1990-01-03 day relative"),
    # day and month without a year: the latest not after publication, across year ends
    (
        "The kidnapping took place on December 30.",
        D(1990, 1, 3),
        "December 30",
        "1989-12-30 day relative",
    ),
    (
        "THE KIDNAPPING TOOK PLACE ON 30 DECEMBER.",
        D(1990, 1, 3),
        "30 DECEMBER",
        "1989-12-30 day relative",
    ),
    (
        "The bridge was blown up on the 2nd of June.",
        TUE,
        "the 2nd of June",
        "2022-06-02 day relative",
    ),
    ("The convoy left on Jan. 3.", D(2023, 1, 10), "Jan. 3", "2023-01-03 day relative"),
    ("The convoy left on Dec. 28.", D(2023, 1, 10), "Dec. 28", "2022-12-28 day relative"),
    # explicit dates
    (
        "The invasion began on February 24, 2022.",
        TUE,
        "February 24, 2022",
        "2022-02-24 day explicit",
    ),
    ("The invasion began on 24 February 2022.", TUE, "24 February 2022", "2022-02-24 day explicit"),
    ("The order is dated 2022-02-24.", TUE, "2022-02-24", "2022-02-24 day explicit"),
    (
        "SAN SALVADOR, 3 JAN 90 -- [TEXT] REBELS ATTACKED.",
        None,
        "3 JAN 90",
        "1990-01-03 day explicit",
    ),
    ("In March 2022 the city fell.", TUE, "March 2022", "2022-03-01..2022-03-31 month explicit"),
    ("In Sept. 2021 the talks failed.", TUE, "Sept. 2021", "2021-09-01..2021-09-30 month explicit"),
    ("Aid arrived between June 1-5.", TUE, "June 1-5", "2022-06-01..2022-06-05 day relative"),
    ("The decree was signed on 24.02.2022.", None, "24.02.2022", "2022-02-24 day explicit"),
    ("The decree was signed on 02/24/2022.", None, "02/24/2022", "2022-02-24 day explicit"),
    ("The decree was signed on 03/04/2022.", None, "03/04/2022", "- day unresolved"),
    (
        "Protests spread this past weekend.",
        TUE,
        "this past weekend",
        "2022-06-11..2022-06-12 day relative",
    ),
    # months, seasons, years, decades
    ("It happened in December.", TUE, "December", "2021-12-01..2021-12-31 month relative"),
    (
        "Elections will be held in December.",
        TUE,
        "December",
        "2022-12-01..2022-12-31 month relative",
    ),
    (
        "The siege lasted until mid-March.",
        TUE,
        "mid-March",
        "2022-03-11..2022-03-20 month relative period_end",
    ),
    (
        "The offensive started in early May.",
        TUE,
        "early May",
        "2022-05-01..2022-05-10 month relative",
    ),
    ("The port fell last May.", TUE, "last May", "2022-05-01..2022-05-31 month relative"),
    ("The port fell last June.", TUE, "last June", "2021-06-01..2021-06-30 month relative"),
    (
        "Prices rose last month.",
        D(2023, 1, 10),
        "last month",
        "2022-12-01..2022-12-31 month relative",
    ),
    ("Talks resume next month.", TUE, "next month", "2022-07-01..2022-07-31 month relative"),
    ("The dam was hit last summer.", TUE, "last summer", "2021-06-01..2021-08-31 month relative"),
    ("Fighting eased this spring.", TUE, "this spring", "2022-03-01..2022-05-31 month relative"),
    (
        "Supplies ran out in the winter of 2021.",
        TUE,
        "winter of 2021",
        "2021-12-01..2022-02-28 month explicit",
    ),
    ("The war began in 2014.", TUE, "2014", "2014-01-01..2014-12-31 year explicit"),
    (
        "Fighting has raged since 2014.",
        TUE,
        "2014",
        "2014-01-01..2014-12-31 year explicit period_start",
    ),
    (
        "The region was quiet in the 1990s.",
        TUE,
        "the 1990s",
        "1990-01-01..1999-12-31 decade explicit",
    ),
    (
        "The region was quiet in the '90s.",
        TUE,
        "the '90s",
        "1990-01-01..1999-12-31 decade relative",
    ),
    (
        "The fort was built in the 1700s.",
        TUE,
        "the 1700s",
        "1700-01-01..1799-12-31 century explicit",
    ),
    (
        "In 2019 protesters toppled the president.",
        TUE,
        "2019",
        "2019-01-01..2019-12-31 year explicit",
    ),
    (
        "In late 2021 the military seized power.",
        TUE,
        "late 2021",
        "2021-09-01..2021-12-31 year explicit",
    ),
    ("The 2014 annexation was condemned.", TUE, "2014", "2014-01-01..2014-12-31 year explicit"),
    ("Officials said on Friday that talks will resume.", TUE, "Friday", "2022-06-10 day relative"),
    (
        "Shelling lasted from March 1 to March 5.",
        TUE,
        "March 1",
        "2022-03-01 day relative period_start",
    ),
    (
        "Shelling lasted from March 1 to March 5.",
        TUE,
        "March 5",
        "2022-03-05 day relative period_end",
    ),
    ("Prices rose last year.", TUE, "last year", "2021-01-01..2021-12-31 year relative"),
    # relative periods and offsets
    ("The strikes continued last week.", TUE, "last week", "2022-06-06..2022-06-12 week relative"),
    ("Talks are planned for next week.", TUE, "next week", "2022-06-20..2022-06-26 week relative"),
    (
        "Shelling intensified over the weekend.",
        TUE,
        "over the weekend",
        "2022-06-11..2022-06-12 day relative",
    ),
    (
        "Two villages were retaken earlier this month.",
        TUE,
        "earlier this month",
        "2022-06-01..2022-06-14 month relative",
    ),
    (
        "Exports fell earlier this year.",
        TUE,
        "earlier this year",
        "2022-01-01..2022-06-14 year relative",
    ),
    ("The bridge was hit two days ago.", TUE, "two days ago", "2022-06-12 day relative"),
    ("The depot burned a week ago.", TUE, "a week ago", "2022-06-06..2022-06-12 week relative"),
    (
        "The town fell three months ago.",
        TUE,
        "three months ago",
        "2022-03-01..2022-03-31 month relative",
    ),
    (
        "In the past 24 hours, ten shells fell.",
        TUE,
        "the past 24 hours",
        "2022-06-13..2022-06-14 day relative",
    ),
    (
        "Prices doubled over the past three weeks.",
        TUE,
        "the past three weeks",
        "2022-05-24..2022-06-14 week relative",
    ),
    ("Shelling continued overnight.", TUE, "overnight", "2022-06-13..2022-06-14 day relative"),
    ("This morning a missile hit a school.", TUE, "This morning", "2022-06-14 day relative"),
    ("The envoy is expected tomorrow.", TUE, "tomorrow", "2022-06-15 day relative"),
    # roles
    ("As of June 10, 300 people were missing.", TUE, "June 10", "2022-06-10 day relative as_of"),
    ("The curfew lasts until Thursday.", TUE, "Thursday", "2022-06-09 day relative period_end"),
    ("Fighting can last for days.", TUE, "days", "- day unresolved duration"),
    ("Civilians were holed up for weeks.", TUE, "weeks", "- week unresolved duration"),
    # narrative-relative: against the previous date of the text
    (
        "On June 3 rebels attacked. The next day troops arrived.",
        TUE,
        "The next day",
        "2022-06-04 day relative",
    ),
    (
        "Rebels struck on June 3. Three days later they withdrew.",
        TUE,
        "Three days later",
        "2022-06-06 day relative",
    ),
    (
        "Rebels struck on June 3. Two weeks earlier a bridge fell.",
        TUE,
        "Two weeks earlier",
        "2022-05-20 day relative",
    ),
    (
        "Talks ended on June 1. The following Sunday they resumed.",
        TUE,
        "The following Sunday",
        "2022-06-05 day relative",
    ),
    (
        "On June 3 rebels attacked; two days before, a bridge fell.",
        TUE,
        "two days before",
        "2022-06-01 day relative",
    ),
    ("Rebels struck. Three days later they withdrew.", TUE, "Three days later", "- day unresolved"),
    (
        "Aid will arrive over the next 7 days.",
        TUE,
        "the next 7 days",
        "2022-06-14..2022-06-21 day relative",
    ),
    # without a publication date: relative expressions are unresolved, explicit ones resolve
    ("Russian forces attacked the town on Monday.", None, "Monday", "- day unresolved"),
    ("Yesterday the office delivered a list.", None, "Yesterday", "- day unresolved"),
    ("the invasion they launched on Feb. 24.", None, "Feb. 24", "- day unresolved"),
    ("It echoed the fall of the port last month.", None, "last month", "- month unresolved"),
    (
        "The invasion began on February 24, 2022.",
        None,
        "February 24, 2022",
        "2022-02-24 day explicit",
    ),
    (
        "He recalled the emperor's 18th century conquest.",
        None,
        "18th century",
        "1701-01-01..1800-12-31 century explicit",
    ),
    ("The war began in 2014.", None, "2014", "2014-01-01..2014-12-31 year explicit"),
    # a datetime publication works like its date
    (
        "Russian forces attacked the town on Monday.",
        dt.datetime(2022, 6, 14, 9, 30),
        "Monday",
        "2022-06-13 day relative",
    ),
    # month names in lower case (lower-cased feeds and transcripts)
    (
        "the convoy was ambushed on 9 june near the border.",
        TUE,
        "9 june",
        "2022-06-09 day relative",
    ),
    (
        "shelling resumed on october 2, 2021, residents said.",
        TUE,
        "october 2, 2021",
        "2021-10-02 day explicit",
    ),
]


def parse_spec(spec: str) -> tuple[dt.date | None, dt.date | None, str, str, str]:
    """'2022-05-01..2022-05-31 month relative [role]' -> (start, end, granularity, method, role)."""
    interval, granularity, method, *role = spec.split()
    if interval == "-":
        return None, None, granularity, method, role[0] if role else "point"
    first, _, last = interval.partition("..")
    start = D.fromisoformat(first)
    return (
        start,
        D.fromisoformat(last) if last else start,
        granularity,
        method,
        (role or ["point"])[0],
    )


@pytest.mark.parametrize(("text", "published", "evidence", "spec"), CASES)
def test_resolves(dates_nlp, text, published, evidence, spec):
    start, end, granularity, method, role = parse_spec(spec)
    hit = hit_for(dates_nlp, text, published, evidence)
    assert (hit.start_date, hit.end_date) == (start, end)
    assert (hit.granularity, hit.method, hit.role) == (granularity, method, role)
    assert text[hit.start : hit.end] == hit.text


# (text, a stretch that must not be (part of) a date)
NEGATIVES = [
    ("He may visit the front soon.", "may"),
    ("Troops will march on the capital.", "march"),
    ("An 18-year-old soldier was killed.", "18-year-old"),
    ("A 24-hour ceasefire was agreed.", "24-hour"),
    ("The army says 2014 soldiers deserted.", "2014"),
    ("A force of 1500 troops crossed the river.", "1500"),
    ("The 2000 people who fled were housed.", "2000"),
    ("Losses are now 32, 300 dead.", "32"),
    ("The Sun reported the raid.", "Sun"),
    ("The Good Friday agreement still holds.", "Friday"),
    ("Marchers recalled Bloody Sunday.", "Sunday"),
    ("The Sunday Times reported the raid.", "Sunday"),
    ("She was aged 19 when she died.", "19"),
    ("The fall of the city shocked everyone.", "fall"),
    ("The general flew in at 10 p.m. local time.", "10 p.m."),
    ("THE BOMB EXPLODED AT APPROXIMATELY 1600 NEAR THE BANK.", "1600"),
    ("THE BLAST OCCURRED AT 1130 (LOCAL TIME).", "1130"),
    ("THE GUERRILLAS MAY ATTACK THE TOWN.", "MAY"),
    ("the rebels may 4 times have tried to cross.", "may 4"),
    ("the march 5 kilometres north ended peacefully.", "march 5"),
    ("the dec 3 report", "dec 3"),
    ("Volunteers aged 18 to 50 years of age signed up.", "50 years"),
]


@pytest.mark.parametrize(("text", "stretch"), NEGATIVES)
def test_ignores_non_dates(dates_nlp, text, stretch):
    start = text.index(stretch)
    end = start + len(stretch)
    found = run(dates_nlp, text, TUE)
    clashing = [h.text for h in found if h.start < end and start < h.end and h.role != "duration"]
    assert clashing == []


def test_between_gives_a_period(dates_nlp):
    found = run(dates_nlp, "Aid arrived between June 1 and June 5.", TUE)
    assert [(h.text, h.role) for h in found] == [
        ("June 1", "period_start"),
        ("June 5", "period_end"),
    ]
    assert found[0].cue_start is not None
    text = "Aid arrived between June 1 and June 5."
    assert text[found[0].cue_start : found[0].cue_end] == "between"


def test_duration_keeps_its_cue(dates_nlp):
    text = "Civilians were holed up for about three weeks."
    (hit,) = run(dates_nlp, text, TUE)
    assert (hit.text, hit.role) == ("about three weeks", "duration")
    assert text[hit.cue_start : hit.cue_end] == "for"


def test_hits_are_stand_off_evidence_and_spans(dates_nlp):
    text = "On Monday, and so far this year, 20 died; last night (Mon) 3 more, since Feb. 24."
    doc = dates_nlp.make_doc(text)
    doc.user_data[keys.PUBLISHED] = TUE
    doc = dates_nlp(doc)
    found = dates.hits_of(doc)
    assert len(found) >= 4
    assert all(text[h.start : h.end] == h.text for h in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [s.text for s in doc.spans[keys.DATES_SPANS]] == [h.text for h in found]
    assert {s.label_ for s in doc.spans[keys.DATES_SPANS]} <= set(vocab.values(vocab.DateRole))
    assert all(e.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE"} for e in doc.ents)
    for hit in found:
        assert hit.granularity in vocab.values(vocab.Granularity)
        assert hit.method in vocab.values(vocab.DateMethod)
        assert (hit.start_date is None) == (hit.method == "unresolved")
        if hit.start_date is not None:
            assert hit.start_date <= hit.end_date


def test_find_is_pure(dates_nlp):
    doc = dates_nlp.make_doc("The town fell on Monday.")
    doc.user_data[keys.PUBLISHED] = TUE
    for name, proc in dates_nlp.pipeline:
        if name != keys.DATES_FACTORY:
            doc = proc(doc)
    first = dates.find_dates(doc)
    assert [(hit.text, hit.start_date) for hit in first] == [("Monday", D(2022, 6, 13))]
    assert dates.find_dates(doc) == first
    assert doc.spans.get(keys.DATES_SPANS) is None
    with pytest.raises(MissingComponentError, match=keys.DATES_FACTORY):
        dates.hits_of(doc)


def test_pipeline_analysis_names_what_dates_need():
    import spacy

    from claimwire.nlp.pipeline import build_pipeline, load_model

    blank = spacy.blank("en")
    blank.add_pipe(keys.DATES_FACTORY)
    problems = blank.analyze_pipes(pretty=False)["problems"][keys.DATES_FACTORY]
    assert "doc.ents" in problems
    full = build_pipeline(load_model()).analyze_pipes(pretty=False)["problems"]
    assert full[keys.DATES_FACTORY] == []


def test_resource_file_is_valid():
    data = json.loads((files("claimwire") / "resources" / "dates.json").read_text("utf-8"))
    assert isinstance(data["version"], int) and data["description"]
    assert sorted(set(data["months"].values())) == list(range(1, 13))
    assert set(data["month_abbreviations"].values()) <= set(range(1, 13))
    assert sorted(data["weekdays"].values()) == list(range(7))
    assert set(data["weekday_abbreviations"].values()) <= set(range(7))
    for offsets in data["relative_days"].values():
        assert len(offsets) == 2 and offsets[0] <= offsets[1]
    for spec in data["relative_periods"].values():
        assert spec["unit"] in {"week", "month", "year", "weekend"}
        assert spec["part"] in {"whole", "to_anchor", "from_anchor"}
    for first, last in data["month_parts"].values():
        assert 1 <= first <= last <= 31
    for first, last in data["year_parts"].values():
        assert 1 <= first <= last <= 12
    assert not set(data["year_cues"]) & set(data["weak_year_cues"])
    for pattern in data["non_dates"]:
        re.compile(pattern)
    assert set(data["role_cues"]) == {
        "period_start",
        "period_end",
        "period_end_after_start",
        "as_of",
    }
    assert all(word == word.lower() for word in data["as_of_phrases"])


FRAGMENTS = [
    "on Monday", "Last night (Mon)", "yesterday", "Feb. 24", "since February 24", "last month",
    "the 18th century", "for weeks", "so far", "in 2014", "3 JAN 90", "the next day",
    "two days ago", "May", "march", "an 18-year-old", "at 1600", "32, 300", "next week",
    "early May", "the 1990s", "(Sun)", "Good Friday", "troops", "said", "the city", ",", ".",
    "will", "between", "and", "\n", "0000-01-01", "99999 years ago", "the past 5000 years",
    "on June 3", "9999 days later", "30/02/2022", "the year 1999", "late 2021", "Dec. 31",
]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25),
    published=st.one_of(st.none(), st.dates()),
)
def test_invariants_on_random_text(dates_nlp, words, published):
    text = " ".join(words)
    found = run(dates_nlp, text, published)
    for hit in found:
        assert text[hit.start : hit.end] == hit.text
        assert hit.granularity in vocab.values(vocab.Granularity) and hit.role in vocab.values(
            vocab.DateRole
        )
        if hit.start_date is not None:
            assert hit.end_date is not None and hit.start_date <= hit.end_date
        elif hit.role != "duration":
            assert hit.method == "unresolved"
        if published is None and hit.method == "relative":
            assert hit.anchor is not None  # only narrative dates, anchored in the text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_lexicon_names_a_malformed_key(monkeypatch):
    from claimwire.errors import ResourceError

    broken = json.loads((files("claimwire") / "resources" / "dates.json").read_text("utf-8"))
    broken["relative_periods"]["last week"]["part"] = "most"
    monkeypatch.setattr("claimwire.resource.load_resource", lambda name: broken)
    dates.load_lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"dates.json: relative_periods.last week.part"):
            dates.load_lexicon()
    finally:
        monkeypatch.undo()
        dates.load_lexicon.cache_clear()
    assert dates.load_lexicon().relative_periods["last week"].part == "whole"


def test_publication_date_as_an_iso_string_anchors_relative_dates(dates_nlp):
    """A spaCy user may set the date as a string; it is read, not ignored."""
    hit = hit_for(dates_nlp, "The town was shelled on Monday.", "2022-06-14", "Monday")
    assert hit.start_date == dt.date(2022, 6, 13)


def test_publication_date_of_another_type_is_a_clear_error(dates_nlp):
    with pytest.raises(InvalidOptionError, match="user_data"):
        run(dates_nlp, "The town was shelled on Monday.", 20220614)  # type: ignore[arg-type]
