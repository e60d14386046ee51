"""The dashboard in a real browser (Playwright driving Debian's Chromium) against a real server.

Screenshots of every page go to ``test-artifacts/``.
"""

from __future__ import annotations

import time

import pytest

from browser_helpers import require_browser, shoot, wait_for

require_browser()

from claimwire.web.app import create_app  # noqa: E402
from web_helpers import KHARKIV, TBILISI, build_store, running_server  # noqa: E402

PAGES = ["/", "/map", "/events", "/series", "/contradictions", "/figures", "/claims",
         "/articles", "/submit", "/docs"]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory, example_text):
    path = tmp_path_factory.mktemp("browser") / "store.db"
    ids = build_store(path, seed_text=example_text, hostile=True)
    with running_server(create_app(path, allow_submit=True)) as base:
        yield base, ids


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_console_errors(site, page, path):
    base, _ = site
    response = page.goto(base + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    if path == "/map":
        wait_for(page, "() => window.claimwireMap && window.claimwireMap.ready")
    if path == "/docs":
        wait_for(page, "() => document.querySelectorAll('.opblock').length > 5")
    assert page.problems == []
    name = path.strip("/").replace("/", "-") or "overview"
    shoot(page, f"page-{name}", full_page=path not in ("/map", "/docs"))


def test_map_shows_events_at_their_places(site, page):
    base, _ = site
    page.goto(base + "/map")
    wait_for(page, "() => window.claimwireMap && window.claimwireMap.ready")
    events = page.evaluate(
        "() => window.claimwireMap.events.map(e => ({lat: e.lat, lon: e.lon, type: e.type}))"
    )
    assert len(events) >= 4

    def near(place, event):
        return abs(event["lat"] - place[0]) < 0.1 and abs(event["lon"] - place[1]) < 0.1

    assert any(near(TBILISI, e) and e["type"] == "Protests" for e in events)
    assert any(near(KHARKIV, e) for e in events)
    assert page.locator(".event-marker, .marker-cluster").count() > 0
    # Centre the map on Tbilisi: its protest marker is drawn at the centre of the map.
    latitude, longitude = TBILISI
    page.evaluate(
        f"() => window.claimwireMap.map.setView([{latitude}, {longitude}], 9, {{animate: false}})"
    )
    box = page.locator("#map").bounding_box()
    assert box is not None
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    deadline = time.monotonic() + 10
    while True:  # the cluster layer redraws its markers after the view changes
        marker = page.locator('.event-marker[title*="Tbilisi"]').bounding_box()
        assert marker is not None
        middle = (marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2)
        if abs(middle[0] - centre[0]) < 25 and abs(middle[1] - centre[1]) < 25:
            break
        assert time.monotonic() < deadline, f"Tbilisi's marker is at {middle}, not {centre}"
        time.sleep(0.2)
    shoot(page, "map-tbilisi")


def test_series_chart_shows_the_points(site, page):
    base, _ = site
    api = page.request.get(base + "/api/series?measure=destroyed&category=tanks").json()
    expected = sorted(p["value"] for s in api["items"] for p in s["points"])
    page.goto(base + "/series?measure=destroyed&category=tanks")
    points = page.locator("svg.chart .point")
    charted = [float(points.nth(i).get_attribute("data-value")) for i in range(points.count())]
    single = page.locator("#single-reports tbody tr").count()
    assert len(charted) + single == len(expected)  # a one-point group is listed, not charted
    assert set(charted) <= set(expected) and {200.0, 260.0} <= set(charted)
    shoot(page, "series-tanks", full_page=True)


def test_article_view_highlights_every_seed_figure(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['seed']}")
    figure_ids = set(page.locator(".k-figure-item").evaluate_all("items => items.map(i => i.id)"))
    highlighted = page.locator(".article-text .hl.k-figure").evaluate_all(
        "spans => spans.flatMap(s => s.dataset.items.split(' '))"
    )
    assert len(figure_ids) >= 18
    assert figure_ids <= set(highlighted)
    first = page.locator(".article-text .hl.k-figure").first
    first.hover()
    card = page.locator("#record-card")
    assert card.is_visible() and "figure:" in card.inner_text()
    assert page.problems == []
    shoot(page, "article-seed-hover")


def test_submit_lands_on_the_article_view(site, page):
    base, _ = site
    page.goto(base + "/submit")
    page.fill("textarea[name=text]", "<script>window.pwned=3</script> Police said 9 protesters "
              "were arrested in Minsk on Sunday. مرحبا 🙂")  # fmt: skip
    page.fill("input[name=published]", "2023-05-07")
    page.fill("input[name=outlet]", "Browser Test Wire")
    page.click("button[type=submit]")
    page.wait_for_url("**/articles/doc_*")
    assert "Browser Test Wire" in page.locator(".article-main .meta").inner_text()
    assert "<script>window.pwned=3</script>" in page.locator("#article-text").inner_text()
    assert page.evaluate("() => window.pwned") is None
    assert page.problems == []
    shoot(page, "submitted-article")


def test_hostile_article_renders_safely(site, page):
    base, ids = site
    page.set_default_timeout(120_000)  # a 60,000-character word to lay out, on a busy machine
    page.goto(f"{base}/articles/{ids['hostile']}")
    page.wait_for_load_state("networkidle")
    text = page.locator("#article-text")
    assert "<script>window.pwned = 1" in text.inner_text()
    assert "🙂🔥" in text.inner_text() and "خاركيف" in text.inner_text()
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280
    assert page.problems == []
    shoot(page, "article-hostile")
    page.goto(base + "/articles")
    assert page.evaluate("() => window.pwned") is None
    assert "<b>Bad</b>" in page.locator("table.data").inner_text()
    shoot(page, "articles-with-hostile", full_page=True)


@pytest.mark.load
def test_an_article_near_the_size_limit_renders(tmp_path, page):
    """A 990,000-character word: laying it out takes Chromium seconds when idle and up to
    about three minutes on a 2-core machine running other jobs (measured 2026-12-07), so
    this runs with `make load`, not in the default suite."""
    path = tmp_path / "store.db"
    ids = build_store(path, hostile=True, hostile_run=990_000)
    with running_server(create_app(path)) as base:
        page.set_default_timeout(420_000)
        page.goto(f"{base}/articles/{ids['hostile']}")
        page.wait_for_load_state("networkidle")
        assert "The end." in page.locator("#article-text").inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
        assert page.evaluate("() => window.pwned") is None
        assert page.problems == []
