"""Tables for people and the self-contained HTML page."""

from __future__ import annotations

import re

import claimwire
from claimwire.render.html import render_html, segments
from claimwire.render.table import render_table


def test_html_escapes_article_text() -> None:
    result = claimwire.extract('<script>alert("x")</script> said 5 soldiers & 3 medics died.')
    page = render_html(result)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    article = re.sub(r"<[^>]*>", "", page.split('class="article"', 1)[-1])
    assert "5 soldiers &amp; 3 medics died" in article


def test_html_highlights_every_number(example_result) -> None:
    page = render_html(example_result)
    assert page.count('class="hl') >= len(example_result.numbers)
    assert "http" not in page.split("<body>")[0], "the page must load nothing external"
    assert ">32, 300<" in page


def test_segments_split_overlapping_spans() -> None:
    from claimwire.models import Span
    from claimwire.render.html import Item

    a = Item("number", "a", Span(start=0, end=5, text="hello"), "")
    b = Item("claim", "b", Span(start=3, end=8, text="lo wo"), "")
    pieces = segments("hello world", [a, b])
    assert [(s, e, [i.key for i in items]) for s, e, items in pieces] == [
        (0, 3, ["a"]),
        (3, 5, ["a", "b"]),
        (5, 8, ["b"]),
        (8, 11, []),
    ]


def test_table_lists_every_kind_of_fact(example_result) -> None:
    table = render_table(example_result)
    assert "published 2022-06-14" in table
    for title in ("Figures (", "Claims (", "Events (", "Places (", "Dates ("):
        assert title in table
    row = next(line for line in table.splitlines() if "32, 300" in line)
    assert row.split("│")[1].strip() == "22"  # the line of the figure


def test_table_shows_numbers_when_no_figure_is_found(nlp) -> None:
    from claimwire import extract

    table = render_table(extract("The code was 4417 and 12 more."))
    assert "Figures" not in table and "Numbers (" in table and "4,417" in table


def test_html_lists_the_contradictions_with_both_sides(example_result) -> None:
    assert example_result.contradictions
    page = render_html(example_result)
    assert f"contradictions ({len(example_result.contradictions)})" in page
    first = example_result.contradictions[0]
    assert all(f'href="#{claim_id}"' in page for claim_id in first.claim_ids)


def test_table_names_language_and_relevance(example_result) -> None:
    table = render_table(example_result, width=120)
    assert "language en" in table
    assert "relevance: armed conflict" in table
