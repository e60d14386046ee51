"""Series, contradiction cards and charts in a real browser (Playwright, Debian's Chromium)
against a real server over a store these tests write by hand (no extraction).

Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from browser_helpers import require_browser, shoot

require_browser()

from claimwire.models import Figure, TimeRef  # noqa: E402
from claimwire.store import open_store, write_result  # noqa: E402
from claimwire.store.charts import Reference  # noqa: E402
from claimwire.web.app import create_app  # noqa: E402
from corpus_helpers import SHELLING, Article  # noqa: E402
from web_helpers import running_server  # noqa: E402

TOKEN = "a-long-test-token"
LYSYCHANSK = {"gazetteer_id": "geonames:1", "name": "Lysychansk", "admin1": "Luhansk",
              "country": "UA", "feature_class": "P", "lat": 48.9, "lon": 38.43}  # fmt: skip
LUHANSK = {"gazetteer_id": "iso:UA-09", "name": "Luhansk Oblast", "admin1": "Luhansk",
           "country": "UA", "feature_class": "A", "lat": 48.6, "lon": 39.3}  # fmt: skip
MARIUPOL = {"gazetteer_id": "geonames:70", "name": "Mariupol", "admin1": "Donetsk",
            "country": "UA", "feature_class": "P", "lat": 47.1, "lon": 37.55}  # fmt: skip


def _figure(
    text: str,
    number: str,
    value: float,
    *,
    claimant: str | None,
    published: str,
    outlet: str = "Kyiv Daily",
    claimant_type: str = "government",
    claimant_side: str | None = None,
    place: dict | None = None,
    **fields: object,
) -> Article:
    """An article with one figure (the number as written in ``text``)."""
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = (
        article.claim(claimant, text[:12], type=claimant_type, side=claimant_side)
        if claimant
        else None
    )
    place_id = article.place(place["name"], **place) if place else None
    time = {key: fields.pop(key) for key in ("as_of", "since", "cumulative") if key in fields}
    for key in ("as_of", "since"):
        if time.get(key):
            time[key] = dt.date.fromisoformat(str(time[key]))
    if time.get("since"):
        time["until"] = time.get("as_of")
    article.figures.append(
        Figure(
            id="F1",
            span=article.span(number),
            value=value,
            claim_id=claim,
            place_ids=[place_id] if place_id else [],
            time=TimeRef(**time),
            **fields,
        )
    )
    return article


def _shelling(claimant: str, killed: int, day: str, published: str, outlet: str) -> Article:
    text = f"{claimant} said shelling killed {killed} people in Lysychansk on Tuesday."
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:20])
    place = article.place("Lysychansk", **LYSYCHANSK)
    date = article.date("Tuesday", day)
    figure = article.figure(str(killed), killed, category="people", measure="killed",
                            claim=claim, place=place, cumulative=False)  # fmt: skip
    article.event("shelling", SHELLING, place=place, date=date, claim=claim, figures=(figure,))
    return article


def _articles() -> list[Article]:
    tanks = {"category": "tanks", "measure": "destroyed"}
    civilians = {"category": "civilians", "measure": "killed"}
    found = [
        # the General Staff's tallies of Russian tanks, a day's count and a two weeks' count
        _figure("Russia has lost 1,000 tanks in all.", "1,000", 1000, side="Russia",
                claimant="General Staff of Ukraine", published="2022-05-31", as_of="2022-05-31",
                cumulative=True, **tanks),
        _figure("Russia lost 36 tanks today.", "36", 36, side="Russia",
                claimant="General Staff of Ukraine", published="2022-06-14", as_of="2022-06-14",
                cumulative=False, **tanks),
        _figure("Russia lost 130 tanks over two weeks.", "130", 130, side="Russia",
                claimant="General Staff of Ukraine", published="2022-06-14", as_of="2022-06-14",
                since="2022-06-01", cumulative=False, **tanks),
        _figure("Russia has lost 1,250 tanks in all.", "1,250", 1250, side="Russia",
                claimant="Ukraine's General Staff", published="2022-06-20", as_of="2022-06-20",
                cumulative=True, **tanks),
        # Ukrainian tanks by the Russian ministry: another side, another chart
        _figure("Ukraine has lost 700 tanks.", "700", 700, side="Ukraine",
                claimant="Ministry of Defence of Russia", published="2022-06-01",
                as_of="2022-06-01", cumulative=True, **tanks),
        _figure("Ukraine has lost 760 tanks.", "760", 760, side="Ukraine",
                claimant="Ministry of Defence of Russia", published="2022-06-15",
                as_of="2022-06-15", cumulative=True, **tanks),
        # a town and its province: never added
        _figure("Haidai said 500 civilians have been killed in all.", "500", 500,
                claimant="Serhiy Haidai", claimant_type="person", published="2022-06-01",
                as_of="2022-06-01", cumulative=True, **civilians),
        _figure("Haidai said 4 civilians were killed in Lysychansk.", "4", 4,
                claimant="Serhiy Haidai", claimant_type="person", published="2022-06-08",
                as_of="2022-06-07", cumulative=False, place=LYSYCHANSK, **civilians),
        _figure("Haidai said 9 civilians were killed in Luhansk Oblast.", "9", 9,
                claimant="Serhiy Haidai", claimant_type="person", published="2022-06-08",
                as_of="2022-06-07", cumulative=False, place=LUHANSK, **civilians),
        # contradictions: overlapping bounds (none), two exact values (one), two sides (none)
        _figure("Officials said up to 250 civilians died in Mariupol.", "up to 250", 250,
                upper=250, qualifier="up to", claimant="Mayor of Mariupol",
                published="2022-06-14", as_of="2022-06-13", cumulative=False, place=MARIUPOL,
                **civilians),
        _figure("Monitors said more than 200 civilians died in Mariupol.", "more than 200", 200,
                lower=200, qualifier="more than", claimant="UN Monitoring Mission",
                claimant_type="organization", published="2022-06-15", as_of="2022-06-13",
                cumulative=False, place=MARIUPOL, **civilians),
        _figure("Russia destroyed 7 Ukrainian tanks near Mariupol.", "7", 7, side="Ukraine",
                claimant="Ministry of Defence of Russia", claimant_side="Russia",
                published="2022-06-16",
                as_of="2022-06-15", cumulative=False, place=MARIUPOL, **tanks),
        _figure("Russia lost 10 tanks near Mariupol, Kyiv said.", "10", 10,
                claimant="General Staff of Ukraine", claimant_side="Ukraine",
                published="2022-06-16", as_of="2022-06-15",
                cumulative=False, place=MARIUPOL, **tanks),
        _figure("The police said 30 civilians were killed in Mariupol.", "30", 30,
                claimant="Police of Mariupol", published="2022-06-17", as_of="2022-06-16",
                cumulative=False, place=MARIUPOL, **civilians),
        _figure("A doctor said 90 civilians were killed in Mariupol.", "90", 90,
                claimant="Doctor at the hospital", claimant_type="person",
                published="2022-06-18", as_of="2022-06-16", cumulative=False, place=MARIUPOL,
                **civilians),
        # one event reported three times, and one report dated after its publication
        _shelling("Serhiy Haidai", 10, "2022-06-07", "2022-06-08", "Kyiv Daily"),
        _shelling("Government of Russia", 2, "2022-06-07", "2022-06-08", "Moscow Herald"),
        _shelling("UN Monitoring Mission", 12, "2022-06-07", "2022-06-09", "Euro Post"),
        _shelling("Serhiy Haidai", 3, "2030-01-01", "2022-06-10", "Kyiv Daily"),
    ]  # fmt: skip
    for number in range(6):  # unnamed sources and an unnamed outlet, cited most often
        text = f"Sources said {number + 2} soldiers were killed."
        found.append(_figure(text, str(number + 2), number + 2, claimant="unidentified",
                             claimant_type="anonymous", published="2022-06-10", outlet=None,
                             category="soldiers", measure="killed"))  # fmt: skip
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser-series") / "store.db"
    connection = open_store(path)
    for article in _articles():
        write_result(connection, article.result())
    connection.close()
    points = ((dt.date(2022, 6, 1), 1010.0), (dt.date(2022, 6, 20), 1240.0))
    reference = Reference("reference (tanks.csv)", points, category="tanks", side="Russia")
    app = create_app(path, token=TOKEN, reference=reference)
    with running_server(app) as base:
        yield base


def _values(page, selector: str) -> list[float]:
    return [float(v) for v in page.locator(selector).evaluate_all(
        "nodes => nodes.map(n => n.dataset.value)")]  # fmt: skip


def test_series_draw_claims_as_claimed_and_never_invent_totals(site, page) -> None:
    page.goto(site + "/series?category=tanks")
    russia = page.locator('figure.chart-box[data-side="Russia"]')
    assert russia.count() == 1
    claimed = _values(russia, '[data-panel="totals"] .point.claimed')
    assert sorted(claimed) == [1000, 1250]  # "Ukraine's General Staff" too, its own line
    increments = _values(russia, '[data-panel="increments"] .point.increments')
    assert sorted(increments) == [36, 130]
    computed = _values(russia, '[data-panel="totals"] .point.computed')
    # the dashed line starts at its base; one count is added, the overlapping one is not
    assert sorted(computed) in ([1000, 1036], [1000, 1130])
    assert 1166 not in computed and 166 not in claimed + increments + computed
    assert russia.locator(".period").count() == 1  # "over two weeks" drawn as a period
    legend = russia.locator(".legend-computed").inner_text()
    assert "computed" in legend
    assert page.problems == []
    shoot(page, "series-tanks-claimed-and-computed", full_page=True)


def test_the_reference_is_drawn_only_where_side_and_category_match(site, page) -> None:
    page.goto(site + "/series?category=tanks")
    assert page.locator('figure[data-side="Russia"] polyline.reference').count() == 1
    assert page.locator('figure[data-side="Ukraine"] polyline.reference').count() == 0
    assert "drawn only on those charts" in page.locator("main, body").first.inner_text()


def test_a_town_and_its_province_are_not_added(site, page) -> None:
    page.goto(site + "/series?category=civilians&claimant=Haidai")
    chart = page.locator('figure.chart-box[data-category="civilians"]')
    assert sorted(_values(chart, ".point.increments")) == [4, 9]
    assert 513 not in _values(chart, ".point.computed")


def test_one_point_groups_are_listed_not_charted(site, page) -> None:
    page.goto(site + "/series?category=tanks")
    assert page.locator("figure.chart-box").count() == 2  # Russia's and Ukraine's tanks
    single = page.locator("#single-reports tbody tr")
    assert single.count() == 1 and "“10”" in single.inner_text()


def test_contradiction_cards_show_bounds_and_sides(site, page) -> None:
    page.goto(site + "/contradictions?category=civilians")
    cards = page.locator("article.contradiction")
    text = " ".join(cards.all_inner_texts())
    assert "up to 250" not in text  # overlapping bounds are no contradiction
    page.goto(site + "/contradictions?category=tanks")
    assert page.locator("article.contradiction").count() == 0  # two sides: no contradiction
    page.goto(site + "/contradictions?category=civilians")
    assert cards.count() == 1
    card = cards.first
    assert {card.locator(".value").nth(i).inner_text() for i in range(2)} == {"30", "90"}
    assert card.locator(".counted-side").first.inner_text() == "counts: side not stated"
    shoot(page, "contradictions-cards", full_page=True)


def test_overview_details_opens_that_contradiction_and_a_review_is_stored(site, page) -> None:
    page.goto(site + "/")
    details = page.locator("a.details").first
    href = details.get_attribute("href")
    assert href and href.startswith("/contradictions/contra:")
    details.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("article.contradiction").count() == 1
    page.locator('input[value="dismissed"]').check()
    page.locator("textarea[name=reason]").fill("The police count the city, the doctor a ward.")
    page.locator("input[name=token]").fill("not-the-token")
    page.locator("form.review button").click()
    assert "token" in page.locator("body").inner_text()  # refused: the error page says why
    page.goto(site + href)
    assert page.locator(".review-note").count() == 0
    page.locator('input[value="dismissed"]').check()
    page.locator("textarea[name=reason]").fill("The police count the city, the doctor a ward.")
    page.locator("input[name=token]").fill(TOKEN)
    page.locator("form.review button").click()
    page.wait_for_url("**saved=true")
    note = page.locator(".review-note").inner_text()
    assert note.startswith("Dismissed") and "a ward" in note
    assert page.locator(".tag.review-dismissed").count() == 1
    api = page.request.get(site + "/api" + href).json()
    assert api["review_verdict"] == "dismissed"
    shoot(page, "contradiction-reviewed", full_page=True)


def test_overview_charts_events_and_fatalities_per_claimant(site, page) -> None:
    page.goto(site + "/")
    bars = page.locator("#events-chart rect.bar")
    assert bars.count() == 1 and bars.first.get_attribute("data-value") == "1"
    ticks = page.locator("#events-chart text.tick").all_text_contents()
    assert ticks[:2] == ["0", "1"]  # whole numbers, each once
    lines = page.locator("#fatalities-chart circle.point")
    assert sorted(_values(page, "#fatalities-chart circle.point")) == [2, 10, 12]  # never 24
    assert lines.count() == 3
    excluded = page.locator("#excluded-dates summary").inner_text()
    assert excluded.startswith("1 event report") and "after their article" in excluded
    claimants = page.locator("table.compact td:first-child").all_inner_texts()
    assert claimants and not {"outlet", "unidentified", "unknown outlet"} & set(claimants)
    events = page.locator("#card-events")
    assert events.get_attribute("href") == "/map"
    assert events.locator("b").inner_text() == "2"  # three reports, one event; and the 2030 one
    assert page.problems == []
    shoot(page, "overview-charts", full_page=True)


def test_the_timeline_leaves_implausible_dates_out_and_says_so(site, page) -> None:
    page.goto(site + "/events")
    assert page.locator("#events-chart rect.bar").count() == 1
    days = page.locator("ol.timeline li.day h3").all_inner_texts()
    assert "2030-01-01" not in days and days == ["2022-06-07"]
    page.locator("#excluded-dates summary").click()
    assert "2030-01-01" in page.locator("#excluded-dates").inner_text()
    assert page.problems == []
    shoot(page, "timeline-charts", full_page=True)
