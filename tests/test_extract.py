"""The public Python API: extract() and extract_many(), and the stand-off evidence invariant."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimwire
from claimwire.errors import ArticleError, InvalidOptionError
from claimwire.input.sources import ArticleInput
from claimwire.input.text import normalize
from claimwire.nlp.extract import Failure


def assert_spans_honest(result: claimwire.Result) -> None:
    text = result.document.text
    for span in result.spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


def test_example_result_is_complete(example_result: claimwire.Result) -> None:
    document = example_result.document
    assert document.published == dt.date(2022, 6, 14)
    assert document.id.startswith("doc_") and document.language == "en"
    assert example_result.numbers, "the example is full of numbers"
    assert "claimwire_numbers_v1" in example_result.provenance.components
    assert example_result.provenance.model.startswith("en_core_web_sm")
    assert example_result.provenance.gazetteer_version
    versions = example_result.provenance.resources
    assert "figures.json" in versions and all(len(digest) == 12 for digest in versions.values())
    assert_spans_honest(example_result)


def test_example_stray_space_numbers(example_result: claimwire.Result) -> None:
    values = {number.span.text: number.value for number in example_result.numbers}
    assert values["32, 300"] == 32300
    assert values["1, 432"] == 1432


def test_extract_html_and_bytes() -> None:
    page = (
        "<html><body><article><p>Artillery fire killed four civilians in the village on "
        "Friday, the regional administration said in a statement.</p></article></body></html>"
    )
    assert "four civilians" in claimwire.extract(page).document.text
    result = claimwire.extract("Ten people died.\xa0".encode() + b"\xff")
    assert [p.code for p in result.problems] == ["invalid_utf8", "undated"]
    dated = claimwire.extract("Ten people died on Monday.", published="2024-02-07")
    assert dated.problems == [] and dated.dates[0].start.isoformat() == "2024-02-05"


def test_extract_rejects_bad_published() -> None:
    with pytest.raises(InvalidOptionError, match="YYYY-MM-DD"):
        claimwire.extract("Text.", published="June 14")


def test_extract_rejects_empty() -> None:
    with pytest.raises(ArticleError, match="empty"):
        claimwire.extract("")


def test_extract_many_keeps_order_and_isolates_failures() -> None:
    items = [
        "Three soldiers were killed.",
        ArticleInput(source="bad", text="   "),
        ArticleInput(source="meta", text="Two tanks were destroyed.", published="2023-01-05"),
    ]
    outcomes = list(claimwire.extract_many(items, batch_size=2))
    assert [type(o).__name__ for o in outcomes] == ["Result", "Failure", "Result"]
    assert isinstance(outcomes[1], Failure) and outcomes[1].problem.code == "empty_text"
    assert outcomes[2].document.published == dt.date(2023, 1, 5)
    assert outcomes[0].provenance.run_id == outcomes[2].provenance.run_id


def test_same_text_same_id() -> None:
    first = claimwire.extract("Shelling killed two people.")
    second = claimwire.extract("Shelling killed two people.\r\n")
    assert first.document.id == second.document.id


NEWSY = st.lists(
    st.sampled_from(
        [
            "Russian forces fired 32, 300 shells",
            " about 70% of the city",
            "\n",
            "“quoted” ",
            "Kyiv said",
            " 1,432 tanks.",
            "Zelenskiy’s office\u00a0said",
            "\r\n\r\n",
            " hundreds of civilians",
            "\ufeff",
            "20-25 drones",
            " ",
            "Київ",
            "🙂",
        ]
    ),
    min_size=1,
    max_size=25,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, st.text(min_size=1, max_size=300)))
def test_every_span_is_its_evidence(text: str) -> None:
    try:
        result = claimwire.extract(text)
    except ArticleError:
        assert not normalize(text)
        return
    assert_spans_honest(result)


def test_components_see_the_publication_date(nlp):
    import datetime as dt

    from claimwire.components.keys import PUBLISHED
    from claimwire.models import Document
    from claimwire.nlp.extract import make_doc

    document = Document(
        id="doc_x", text="Shelling on Monday.", published=dt.datetime(2022, 6, 14, 9)
    )
    doc = make_doc(nlp, document)
    assert doc.user_data[PUBLISHED] == dt.date(2022, 6, 14)
    assert nlp(doc).user_data[PUBLISHED] == dt.date(2022, 6, 14)


def test_a_conversion_error_loses_one_article_not_the_batch(monkeypatch):
    from claimwire.nlp import convert
    from claimwire.nlp.extract import Failure, extract_many

    real = convert.places

    def broken(doc):
        if "Atlantis" in doc.text:
            raise ValueError("bad place")
        return real(doc)

    monkeypatch.setattr(convert, "places", broken)
    outcomes = list(extract_many(["Troops entered Atlantis.", "Troops entered the town."]))
    assert isinstance(outcomes[0], Failure) and outcomes[0].problem.code == "conversion_error"
    assert not isinstance(outcomes[1], Failure)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("In Kharkiv, 30 civilians were killed on Sunday.", "Kharkiv"),
        ("Rebels now control 70% of Kharkiv, officials said.", "Kharkiv"),
        (
            "About 500 civilians are trapped in a school, which echoed the siege of Kharkiv.",
            None,
        ),
    ],
)
def test_figures_get_the_place_of_their_sentence(text, place):
    result = claimwire.extract(text, published="2023-03-01")
    (figure,) = result.figures
    names = {p.id: p.name for p in result.places}
    assert [names[i] for i in figure.place_ids] == ([place] if place else [])


@pytest.mark.parametrize(
    ("text", "since", "as_of"),
    [
        # a running total since a date holds as of the report
        ("At least 300 people have died since fighting erupted on March 3.", "2025-03-03",
         "2025-04-12"),
        # a figure of one day holds for that day
        ("Police said 4 people died on Monday after the riot broke out.", None, "2025-04-07"),
    ],
)  # fmt: skip
def test_figure_time_bounds(text: str, since: str | None, as_of: str) -> None:
    (figure,) = claimwire.extract(text, published="2025-04-12").figures
    assert figure.time is not None
    assert (str(figure.time.since) if figure.time.since else None) == since
    assert str(figure.time.as_of) == as_of
