"""The events map and the event page in Chromium (Playwright), on a synthetic store of 700
events where the oldest 500 would hide the newest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_helpers import cli_export, download, require_browser, shoot, wait_for

require_browser()

from claimwire.bench.mapstore import build_event_store  # noqa: E402
from claimwire.web.app import create_app  # noqa: E402
from web_helpers import running_server  # noqa: E402

EVENTS = 700
FIRST, LAST = dt.date(2014, 1, 1), dt.date(2023, 11, 30)
NEWEST = f"syn{EVENTS - 1:07d}-0:e1"
IDLE = (
    "() => window.claimwireMap && window.claimwireMap.ready && !window.claimwireMap.loading"
    " && window.claimwireMap.basemap.ready && !window.claimwireMap.basemap.busy"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("browsermap") / "store.db"
    build_event_store(path, events=EVENTS, first=FIRST, last=LAST)
    return path


@pytest.fixture(scope="module")
def site(store):
    with running_server(create_app(store, read_only=True)) as base:
        yield base


@pytest.fixture
def viewport():
    return {"width": 1400, "height": 900}


@pytest.fixture(autouse=True)
def no_problems(page):
    """Every map test ends with no console error, exception or failed request in its page."""
    yield
    assert page.problems == [], page.problems


def settle(page) -> None:
    """Wait until the map has loaded its view (and no reload is pending)."""
    time.sleep(0.3)
    wait_for(page, IDLE)


def test_the_map_shows_the_newest_events_and_says_how_many_it_leaves_out(site, page):
    page.goto(site + "/map")
    settle(page)
    shown = page.evaluate("() => window.claimwireMap.events.map(e => e.date_start)")
    assert len(shown) == 500
    assert max(shown) == LAST.isoformat() and min(shown) > "2016"
    assert NEWEST in page.evaluate("() => window.claimwireMap.shown")
    status = page.locator("#map-status").inner_text()
    assert f"Showing 500 of {EVENTS} events in view" in status
    assert "Zoom in or narrow the dates" in status and "200 older ones" in status
    assert page.locator(".event-marker, .event-cluster").count() > 0
    shoot(page, "map-newest")


def test_a_popup_gives_the_sources_and_links_to_the_event_page(site, page):
    page.goto(site + "/map")
    settle(page)
    detail = page.request.get(f"{site}/api/events/{NEWEST}").json()
    assert page.evaluate(f"() => window.claimwireMap.open({NEWEST!r})")
    popup = page.locator(".leaflet-popup .event-popup")
    popup.locator(".report-list li").first.wait_for(timeout=15_000)
    first = detail["reports"][0]
    text = popup.inner_text()
    assert detail["event"]["type"] in text and LAST.isoformat() in text
    assert first["claimant"] in text and first["hedge"] in text and first["outlet"] in text
    assert popup.locator(".report-list li").count() == min(len(detail["reports"]), 4)
    assert popup.locator("mark").first.inner_text() == first["evidence"]
    outlet = popup.locator(f'a[href="{first["url"]}"]')
    assert outlet.count() == 1
    toll = detail["event"]["fatalities_best"]
    assert (f"{toll:,.0f} killed" if toll is not None else "no death toll") in text
    timeline = popup.locator("a.timeline-link").get_attribute("href")
    assert parse_qs(urlsplit(timeline).query) == {"cluster": [NEWEST]}
    settle(page)
    shoot(page, "map-popup")
    popup.locator("a.event-link").click()
    page.wait_for_url(f"**/events/{NEWEST.replace(':', '%3A')}")
    assert page.locator("h1").inner_text().strip().startswith(detail["event"]["type"])
    assert page.locator("section.report").count() == len(detail["reports"])
    wait_for(page, "() => window.claimwireEventMap && window.claimwireEventMap.basemap.ready")
    assert page.locator("#event-map .leaflet-interactive").count() == 1
    shoot(page, "event-page")


def test_the_time_window_survives_a_reload_through_the_url(site, page):
    page.goto(site + "/map")
    settle(page)
    since, until = dt.date(2018, 1, 1), dt.date(2019, 6, 30)
    epoch = dt.date(1970, 1, 1)
    page.locator("#from-slider").fill(str((since - epoch).days))
    page.locator("#to-slider").fill(str((until - epoch).days))
    settle(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"] == [since.isoformat()] and query["until"] == [until.isoformat()]
    assert "bbox" in query
    before = page.locator("#map-status").inner_text()
    page.reload()
    settle(page)
    assert page.locator("#from-label").inner_text() == since.isoformat()
    assert page.locator("#to-label").inner_text() == until.isoformat()
    assert page.locator("#map-status").inner_text() == before
    dates = page.evaluate("() => window.claimwireMap.events.map(e => e.date_start)")
    assert dates and all(since.isoformat() <= day <= until.isoformat() for day in dates)
    assert page.locator('form.filters input[name="since"]').input_value() == since.isoformat()


def test_the_view_is_kept_in_the_url_and_restored(site, page):
    page.goto(site + "/map?bbox=30,46,40,52")
    settle(page)
    api = page.request.get(site + "/api/clusters?limit=500&" + urlsplit(page.url).query).json()
    places = set(page.evaluate("() => window.claimwireMap.events.map(e => e.place)"))
    assert places and places <= {"Kharkiv", "Izium", "Kharkiv Oblast", "Bakhmut", "Mariupol",
                                 "Kherson", "Odesa", "Kyiv", "Ukraine"}  # fmt: skip
    assert page.evaluate("() => window.claimwireMap.total") == api["total"]
    page.goto(site + "/map?bbox=36.6,35.6,37.6,36.6")  # Aleppo and Idlib
    settle(page)
    box = [float(v) for v in parse_qs(urlsplit(page.url).query)["bbox"][0].split(",")]
    assert box[0] <= 36.6 and box[2] >= 37.6 and box[1] <= 35.6 and box[3] >= 36.6
    places = set(page.evaluate("() => window.claimwireMap.events.map(e => e.place)"))
    assert places == {"Aleppo", "Idlib"}
    page.reload()
    settle(page)
    assert set(page.evaluate("() => window.claimwireMap.events.map(e => e.place)")) == places


def test_markers_are_styled_by_type_toll_and_precision(site, page):
    page.goto(site + "/map?bbox=30,47,40,52")
    settle(page)
    icons = page.evaluate(
        "() => Object.entries(window.claimwireMap.markers).map(([id, m]) =>"
        " [id, m.options.icon.options.html])"
    )
    rows = {
        row["id"]: row
        for row in page.request.get(
            site + "/api/clusters?limit=500&" + urlsplit(page.url).query
        ).json()["items"]
    }
    assert icons and set(rows) == {identifier for identifier, _ in icons}
    seen = set()
    for identifier, html in icons:
        row = rows[identifier]
        seen.add(row["precision"])
        assert f"p-{row['precision']}" in html
        size = (
            14
            if row["fatalities_best"] is None
            else 2 * min(24, 7 + 3 * row["fatalities_best"] ** 0.5)
        )
        assert f"width: {round(size)}px" in html
    assert seen == {"point", "region", "country"}
    colors = page.evaluate("() => JSON.parse(document.getElementById('event-colors').textContent)")
    legend = page.locator(".legend.types li i").evaluate_all(
        "items => items.map(i => getComputedStyle(i).backgroundColor)"
    )
    assert len(legend) == len(colors)
    cluster = page.evaluate(
        "() => { const s = document.createElement('div'); s.className = 'event-cluster';"
        " document.body.appendChild(s); const c = getComputedStyle(s).backgroundColor;"
        " s.remove(); return c; }"
    )
    assert cluster not in legend


def test_the_export_buttons_download_what_the_cli_exports_for_the_map_filter(site, store, page):
    page.goto(site + "/map?country=UA&type=Battles")
    settle(page)
    since = dt.date(2020, 1, 1)
    page.locator("#from-slider").fill(str((since - dt.date(1970, 1, 1)).days))
    settle(page)
    buttons = page.locator("nav.exports a.export")
    labels = buttons.all_inner_texts()
    assert labels == ["CSV", "JSONL", "GeoJSON", "ACLED-style CSV", "UCDP GED-style CSV"]
    for index in range(buttons.count()):
        button = buttons.nth(index)
        link = button.get_attribute("href")
        query = parse_qs(urlsplit(link).query)
        # the map's filters and its time window, as set by the slider
        assert query["country"] == ["UA"] and query["type"] == ["Battles"], link
        assert query["since"] == [since.isoformat()] and "until" not in query, link
        content = download(page, button)
        assert content == cli_export(store, link), link
        assert len(content) > 200, link
    box = parse_qs(urlsplit(buttons.nth(2).get_attribute("href")).query)["bbox"][0]
    rows = page.request.get(f"{site}/api/clusters?limit=500&country=UA&type=Battles"
                            f"&since={since}&bbox={box}").json()["total"]  # fmt: skip
    geojson = page.request.get(site + buttons.nth(2).get_attribute("href")).json()
    assert len(geojson["features"]) == rows > 0


def test_the_exports_hold_only_the_events_in_the_maps_box(site, store, page):
    page.goto(site + "/map?bbox=35.5,47.5,39.5,50.5")  # around Kharkiv, Izium and Bakhmut
    settle(page)
    buttons = page.locator("nav.exports a.export")
    geojson_button = buttons.nth(2)
    link = geojson_button.get_attribute("href")
    box = [float(value) for value in parse_qs(urlsplit(link).query)["bbox"][0].split(",")]
    shown = [float(value) for value in parse_qs(urlsplit(page.url).query)["bbox"][0].split(",")]
    assert box == shown  # the box in view, as the URL keeps it
    west, south, east, north = box
    content = download(page, geojson_button)
    assert content == cli_export(store, link)
    features = json.loads(content)["features"]
    points = [feature["geometry"]["coordinates"] for feature in features]
    assert points and all(west <= lon <= east and south <= lat <= north for lon, lat in points)
    # the box leaves events out: the same export without it has more, some outside the box
    everything = page.request.get(site + link.split("?")[0]).json()["features"]
    outside = [
        feature
        for feature in everything
        if not (west <= feature["geometry"]["coordinates"][0] <= east)
        or not (south <= feature["geometry"]["coordinates"][1] <= north)
    ]
    assert len(everything) == len(features) + len(outside) and outside
    # after panning, the buttons follow the new box
    page.goto(site + "/map?bbox=36.6,35.6,37.6,36.6")  # Aleppo and Idlib
    settle(page)
    csv_link = page.locator("nav.exports a.export").nth(0).get_attribute("href")
    west, south, east, north = (
        float(value) for value in parse_qs(urlsplit(csv_link).query)["bbox"][0].split(",")
    )
    rows = list(csv.DictReader(io.StringIO(page.request.get(site + csv_link).text())))
    assert rows and {row["place"] for row in rows} == {"Aleppo", "Idlib"}
    assert all(south <= float(row["lat"]) <= north and west <= float(row["lon"]) <= east
               for row in rows)  # fmt: skip


def test_a_bad_box_is_refused_with_the_reason(site, page):
    answer = page.request.get(site + "/api/export/geojson?bbox=40,10,30")
    assert answer.status == 422
    assert "bbox" in answer.json()["error"]["message"]
    assert "four numbers" in answer.json()["error"]["message"]
    answer = page.request.get(site + "/api/export/geojson?bbox=30,60,40,50")
    assert answer.status == 422 and "south" in answer.json()["error"]["message"]
