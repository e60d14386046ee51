"""The article view's evidence cards in Chromium (Playwright): readable fields, a card that
stays under the pointer, keyboard access to every span and panel item, links onward (series,
contradictions, event page, the claimant's claims) and the wire-copy banner."""

from __future__ import annotations

import time

import pytest

from browser_helpers import require_browser, shoot, wait_for

require_browser()

from claimwire.web.app import create_app  # noqa: E402
from web_helpers import ARTICLES, build_store, running_server  # noqa: E402

CARD = "#record-card"


@pytest.fixture(scope="module")
def site(tmp_path_factory, example_text):
    from claimwire.nlp.extract import extract
    from claimwire.store import open_store, write_result

    path = tmp_path_factory.mktemp("browser-evidence") / "store.db"
    ids = build_store(path, seed_text=example_text)
    text, published, _ = ARTICLES[0]
    connection = open_store(path)
    try:
        copy = extract(text, published=published, outlet="Copy Wire", url="https://copy.example/1")
        outcome = write_result(connection, copy)
        assert outcome.status == "duplicate"
        ids["copy"] = outcome.document_id
    finally:
        connection.close()
    with running_server(create_app(path)) as base:
        yield base, ids


def card_links(page) -> dict[str, str]:
    return dict(
        page.locator(f"{CARD} .card-links a").evaluate_all(
            "links => links.map(a => [a.textContent, a.getAttribute('href')])"
        )
    )


def test_the_hover_card_is_readable_and_stays_under_the_pointer(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['article1']}")
    span = page.locator('#article-text .hl.k-figure[data-items~="f1"]').first
    span.hover()
    card = page.locator(CARD)
    assert card.is_visible()
    text = card.inner_text()
    assert text.startswith("figure: ")
    assert "{" not in text and '"' not in text  # fields, not JSON
    names = card.locator("dt").all_inner_texts()
    assert {"value", "counted", "measure", "side counted", "claimant"} <= set(names)
    # the pointer goes from the span into the card, and the card stays
    box = card.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 10, box["y"] + 10, steps=4)
    time.sleep(1.0)
    assert card.is_visible()
    page.mouse.move(5, 5)
    wait_for(page, "() => document.getElementById('record-card').hidden")
    assert page.problems == []


def test_every_span_and_panel_item_is_reachable_by_keyboard(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['seed']}")
    spans = page.locator("#article-text .hl")
    items = page.locator(".article-side li.item")
    assert spans.count() > 20 and items.count() > 20
    # every span with words is in the tab order (a span of white space only has no name)
    tabbable = spans.evaluate_all("s => s.map(n => [n.textContent.trim() !== '', n.tabIndex])")
    assert {index for words, index in tabbable if words} == {0}
    assert set(items.evaluate_all("s => s.map(n => n.tabIndex)")) == {0}
    # Tab from the top of the page reaches the first span of the text
    page.locator("header.top a.brand").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('hl')"):
            break
    else:
        raise AssertionError("Tab never reached a span of the text")
    card = page.locator(CARD)
    assert card.is_visible()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    focused = page.evaluate("() => document.activeElement.dataset.items")
    page.keyboard.press("Enter")  # into the card
    assert page.evaluate("() => document.activeElement.closest('#record-card') !== null")
    page.keyboard.press("Escape")  # out of it, back to the span
    assert card.is_hidden()
    assert page.evaluate("() => document.activeElement.dataset.items") == focused
    # a panel item: Enter goes to its span in the text
    item = items.nth(5)
    key = item.get_attribute("id")
    item.focus()
    assert page.locator("#article-text .hl.focus").count() >= 1
    page.keyboard.press("Enter")
    items_of_focus = page.evaluate("() => document.activeElement.dataset.items").split()
    assert key in items_of_focus and card.is_visible()
    assert page.problems == []
    shoot(page, "article-keyboard-card")


def test_cards_link_onward_to_series_contradictions_event_page_and_claimant(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['article1']}")
    # the figure: its series and its claimant's other claims
    page.locator('#article-text .hl.k-figure[data-items~="f1"]').first.hover()
    links = card_links(page)
    series = links["its series"]
    assert series.startswith("/series?measure=destroyed&category=tanks")
    claimant = next(href for label, href in links.items() if label.endswith("'s claims"))
    assert claimant.startswith("/claims?claimant=")
    page.locator(f'{CARD} a[href="{claimant}"]').first.click()
    page.wait_for_url("**/claims?claimant=*")
    who = page.locator("table.data tbody tr")
    assert who.count() >= 2  # the General Staff said it in two articles
    page.go_back()
    # the event: its page, which lists this report
    event_span = page.locator("#article-text .hl.k-event").first
    event_span.hover()
    event_page = next(href for label, href in card_links(page).items() if "event page" in label)
    page.goto(base + event_page)
    assert page.locator(f'section.report a[href^="/articles/{ids["article1"]}"]').count() >= 1
    # contradictions: the seed article's figure that is in one links to its card
    page.goto(f"{base}/articles/{ids['seed']}")
    found = page.evaluate(
        "() => Object.entries(JSON.parse(document.getElementById('records').textContent))"
        ".filter(([k, r]) => (r.links || []).some(l => l[1].startsWith('/contradictions/')))"
        ".map(([k, r]) => [k, r.links.find(l => l[1].startsWith('/contradictions/'))[1]])"
    )
    api = page.request.get(f"{base}/api/contradictions?limit=500").json()
    stored = [x for x in api["items"] if ids["seed"] in (x["a_document"], x["b_document"])]
    assert len(found) >= len(stored) >= 1
    key, href = found[0]
    page.locator(f'#article-text .hl[data-items~="{key}"]').first.hover()
    page.locator(f'{CARD} a[href="{href}"]').first.click()
    page.wait_for_url("**/contradictions/*")
    assert page.locator("article.contradiction").count() == 1
    assert page.problems == []


def test_a_wire_copy_says_so_and_links_its_original(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['copy']}")
    banner = page.locator(".copy-banner")
    assert banner.is_visible() and "wire copy" in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_url(f"**/articles/{ids['article0']}")
    assert page.locator(".copy-banner").count() == 0  # the original is no copy
    assert page.problems == []
