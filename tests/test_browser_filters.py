"""The list pages' filters and export buttons in a real browser (Playwright, Debian's Chromium).

Filters chosen in the form combine and stay in the URL; a bad value is named on the page
while the other filters still apply; each export button downloads what ``claimwire
export`` writes for the same filter; keyword search finds a word of the evidence.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_helpers import cli_export, require_browser

require_browser()

from claimwire.web.app import create_app  # noqa: E402
from web_helpers import build_store, running_server  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser-filters") / "store.db"
    ids = build_store(path)
    with running_server(create_app(path)) as base:
        yield base, path, ids


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def shown_ids(page) -> list[str]:
    """The facts listed, by the anchors of their evidence links."""
    return page.eval_on_selector_all(
        "main a.evidence", "links => links.map(a => a.getAttribute('href').split('#')[1])"
    )


def test_filters_chosen_in_the_form_combine_and_stay_in_the_url(site, page):
    base, _, _ = site
    page.goto(f"{base}/events")
    everything = len(shown_ids(page))
    page.select_option("select[name=type]", "Battles")
    page.click("form.filters button[type=submit]")
    battles = len(shown_ids(page))
    page.select_option("select[name=side]", "Ukraine")
    page.fill("input[name=keyword]", "General Staff")
    page.click("form.filters button[type=submit]")
    query = query_of(page)
    assert query["type"] == ["Battles"] and query["side"] == ["Ukraine"]
    assert query["keyword"] == ["General Staff"]
    both = len(shown_ids(page))
    assert everything > battles >= both >= 1
    assert page.input_value("select[name=type]") == "Battles"  # the form shows what applies
    assert page.input_value("select[name=side]") == "Ukraine"
    api = page.request.get(f"{base}/api/events?{urlsplit(page.url).query}").json()
    assert api["total"] == both  # the JSON twin honours the same parameters
    assert page.problems == []


def test_a_bad_value_is_named_inline_and_the_other_filters_survive(site, page):
    base, _, _ = site
    response = page.goto(f"{base}/figures?measure=destroyed&side=Rusia&offset=0")
    assert response is not None and response.status == 200  # not a full-page 422
    alert = page.locator(".problems[role=alert]")
    assert alert.is_visible()
    assert "unknown side 'Rusia'" in alert.inner_text() and "Russia" in alert.inner_text()
    assert page.input_value("select[name=measure]") == "destroyed"
    kept = page.request.get(f"{base}/api/figures?measure=destroyed").json()["total"]
    assert 0 < kept == len(shown_ids(page))
    assert page.locator("a.twin", has_text="JSON").get_attribute("href") == (
        "/api/figures?measure=destroyed"
    )
    page.goto(f"{base}/events?since=2022-07-01&until=2022-06-01&type=Protests&sied=x")
    text = page.locator(".problems").inner_text()
    assert "the date range is left out" in text and "did you mean 'side'?" in text
    assert all(row == "Protests" for row in page.eval_on_selector_all(
        "li.event b", "items => items.map(b => b.textContent)"))  # fmt: skip
    assert len(shown_ids(page)) >= 1
    page.goto(f"{base}/claims?offset=9000")
    assert "no rows at offset 9,000;" in page.locator(".pager").first.inner_text()
    assert page.problems == []


@pytest.mark.parametrize(
    "path",
    [
        "/events?country=UA&hedge=asserted",
        "/figures?keyword=tanks&category=tanks",
        "/claims?claimant=Syniehubov",
        "/articles?place=Kharkiv",
    ],
)
def test_each_export_button_downloads_what_the_cli_exports(site, page, path):
    base, store, _ = site
    page.goto(base + path)
    buttons = page.locator("nav.exports a.export")
    assert buttons.count() >= 1
    for index in range(buttons.count()):
        button = buttons.nth(index)
        link = button.get_attribute("href")
        with page.expect_download() as waiting:
            button.click()
        download = waiting.value
        content = Path(download.path()).read_bytes()
        assert content == cli_export(store, link), link
        assert len(content) > 100, link
    assert page.problems == []


def test_keyword_search_finds_a_word_of_the_evidence(site, page):
    base, _, ids = site
    page.goto(f"{base}/claims")
    page.fill("input[name=keyword]", "drones")
    page.press("input[name=keyword]", "Enter")
    page.wait_for_load_state()
    assert query_of(page)["keyword"] == ["drones"]
    found = page.locator("table.data a.evidence")
    assert found.count() == 1 and "drones" in found.first.inner_text()
    page.goto(f"{base}/articles?keyword=Tbilisi")
    assert page.locator("table.data tbody tr").count() == 1
    assert page.locator(f"a[href='/articles/{ids['article2']}']").count() == 1
