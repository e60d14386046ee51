"""With the dashboard open, articles the watcher adds show up on the overview and the map
without a reload, marked new (Playwright on Debian's Chromium)."""

from __future__ import annotations

from pathlib import Path

from browser_helpers import new_page, require_browser, wait_for

require_browser()

from claimwire.store import open_store  # noqa: E402
from claimwire.watch.config import SourcesFile, WatchSettings, make_source  # noqa: E402
from claimwire.watch.fetch import Fetcher  # noqa: E402
from claimwire.watch.loop import Watcher  # noqa: E402
from claimwire.watch.state import State  # noqa: E402
from claimwire.web.app import create_app  # noqa: E402
from watch_helpers import Site, article_html, rss, serving  # noqa: E402
from web_helpers import running_server  # noqa: E402

FAST = WatchSettings(host_delay=0.0, timeout=2, retries=0)


def watch_once(db: Path, feed: str) -> None:
    connection = open_store(db)
    try:
        sources = SourcesFile(
            settings=FAST, sources=(make_source(name="wire", kind="feed", url=feed),)
        )
        Watcher(State(connection), sources, fetcher=Fetcher(FAST), time_budget=None).run(once=True)
    finally:
        connection.close()


def document_id(db: Path, url: str) -> str:
    connection = open_store(db)
    try:
        return connection.execute("SELECT id FROM documents WHERE url = ?", (url,)).fetchone()[0]
    finally:
        connection.close()


def test_articles_added_by_the_watcher_show_up_without_a_reload(browser, tmp_path):
    db = tmp_path / "live.db"
    with serving(Site()) as site, running_server(create_app(db)) as base:
        links = [(site.page(0), "first")]
        site.add("/rss.xml", rss(links))
        feed = site.url + "/rss.xml"
        watch_once(db, feed)
        context, page = new_page(browser)
        problems = page.problems

        page.goto(base + "/")
        wait_for(page, "window.claimwireLive && window.claimwireLive.polls >= 1")
        assert page.locator("main a[href^='/articles/']").count() == 1
        second = site.add("/news/second.html", article_html(1, title="Second story"))
        site.add("/rss.xml", rss([*links, (second, "Second story")]))
        watch_once(db, feed)
        new_id = document_id(db, second)
        page.wait_for_selector(f"main a.is-new[href='/articles/{new_id}']", timeout=20_000)
        assert page.locator(".new-badge").count() >= 1
        assert "new article" in page.locator("#live-banner").inner_text()
        assert page.locator("main a[href^='/articles/']").count() == 2  # without a reload
        page.close()

        # the map: the article added while it is open gets a marker
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(base + "/map")
        wait_for(page, "window.claimwireMap && window.claimwireMap.ready")
        wait_for(page, "window.claimwireLive && window.claimwireLive.polls >= 1")
        third = site.add("/news/third.html", article_html(2, title="Third story"))
        site.add("/rss.xml", rss([*links, (second, "Second story"), (third, "Third story")]))
        watch_once(db, feed)
        wait_for(page, "window.claimwireLive.mapAdded.length >= 1", timeout=20)
        assert page.locator("path.live-new-marker").count() >= 1
        context.close()
    assert problems == []
