"""Every dashboard page on a phone (400 and 360 px wide: no sideways scroll, the map usable)
and under axe-core (no serious or critical accessibility violation), in Chromium."""

from __future__ import annotations

import pytest

from browser_helpers import (
    axe_violations,
    horizontal_overflow,
    new_page,
    require_browser,
    shoot,
    wait_for,
)

require_browser()

from claimwire.web.app import create_app  # noqa: E402
from web_helpers import build_store, running_server  # noqa: E402

PAGES = ["overview", "articles", "article", "figures", "claims", "events", "event", "map",
         "series", "contradictions", "sources", "submit"]  # fmt: skip
MAP_READY = "() => window.claimwireMap && window.claimwireMap.ready && !window.claimwireMap.loading"


@pytest.fixture(scope="module")
def site(tmp_path_factory, example_text):
    path = tmp_path_factory.mktemp("browser-pages") / "store.db"
    ids = build_store(path, seed_text=example_text)
    with running_server(create_app(path)) as base:
        yield base, ids


def url_of(site, name: str, page) -> str:
    base, ids = site
    if name == "overview":
        return base + "/"
    if name == "article":
        return f"{base}/articles/{ids['seed']}"
    if name == "event":
        clusters = page.request.get(base + "/api/clusters?limit=50").json()["items"]
        busiest = max(clusters, key=lambda row: row.get("reports") or 0)
        return f"{base}/events/{busiest['id']}"
    if name == "contradictions":
        return base + "/contradictions?open=false"
    return f"{base}/{name}"


def load(site, name: str, page) -> None:
    response = page.goto(url_of(site, name, page))
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    if name == "map":
        wait_for(page, MAP_READY)


@pytest.mark.parametrize("width", [400, 360])
@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(site, browser, name, width):
    context, page = new_page(browser, {"width": width, "height": 780})
    try:
        load(site, name, page)
        overflow = horizontal_overflow(page)
        assert overflow["scroll"] <= overflow["width"], overflow
        if name == "map":
            box = page.locator("#map").bounding_box()
            assert box is not None
            assert box["width"] >= width - 40 and box["height"] >= 300, box
            zoom = page.evaluate("() => window.claimwireMap.map.getZoom()")
            page.locator(".leaflet-control-zoom-in").click()
            wait_for(page, f"() => window.claimwireMap.map.getZoom() > {zoom}")
            assert page.locator(".event-marker, .event-cluster").count() > 0
        assert page.problems == []
        if width == 400:
            shoot(page, f"phone-{name}", full_page=name != "map")
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(site, page, name):
    load(site, name, page)
    assert axe_violations(page) == []
    assert page.problems == []


def test_the_article_card_open_has_no_serious_accessibility_violation(site, page):
    load(site, "article", page)
    page.locator("#article-text .hl.k-figure").first.focus()
    assert page.locator("#record-card").is_visible()
    assert axe_violations(page) == []
