"""``claimwire watch`` end to end in this process (the pipeline loaded once): feeds,
sitemaps and folders served by a loopback site; broken sources; conditional requests;
one article on two feeds; a watcher that keeps running and sees what is new."""

from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner

from claimwire.cli import main
from claimwire.store import open_store
from claimwire.watch.config import SourcesFile, WatchSettings, make_source, save_sources
from claimwire.watch.fetch import Fetcher
from claimwire.watch.loop import Watcher
from claimwire.watch.state import State, item_sources, source_health
from watch_helpers import Site, article_html, atom, huge_page, rss, serving, sitemap

FAST = WatchSettings(host_delay=0.0, timeout=0.5, retries=1, backoff=0.05, max_bytes=200_000)


@pytest.fixture
def site():
    with serving(Site()) as running:
        yield running


def run(db, sources, *, once=True, settings=FAST, stop=None):
    connection = open_store(db)
    try:
        sources_file = SourcesFile(settings=settings, sources=tuple(sources))
        watcher = Watcher(
            State(connection),
            sources_file,
            stop=stop,
            fetcher=Fetcher(settings, stop=stop),
            time_budget=None,
        )
        return watcher.run(once=once)
    finally:
        connection.close()


def stored(db) -> dict[str, dict]:
    connection = open_store(db)
    try:
        rows = connection.execute(
            "SELECT url, title, outlet, published, duplicate_of FROM documents ORDER BY url"
        ).fetchall()
        return {row["url"]: dict(row) for row in rows}
    finally:
        connection.close()


def items(db) -> dict[str, dict]:
    connection = open_store(db)
    try:
        rows = connection.execute(
            "SELECT url, status, reason, attempts, next_try, document_id FROM watch_items"
        ).fetchall()
        return {row["url"]: dict(row) for row in rows}
    finally:
        connection.close()


def health(db) -> dict[str, dict]:
    connection = open_store(db)
    try:
        return {row["name"]: row for row in source_health(connection)}
    finally:
        connection.close()


def test_feeds_sitemaps_and_folders_are_ingested_in_one_poll(site, tmp_path):
    rss_links = [(site.page(n), f"RSS story {n}") for n in range(3)]
    atom_links = [(site.page(n), f"Atom story {n}") for n in range(3, 5)]
    site_links = [site.page(n) for n in range(5, 7)]
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "local.html").write_text(article_html(7))
    (folder / "note.txt").write_text(
        "Two soldiers were killed in Sumy on Tuesday, the army said.\n"
    )
    sources = [
        make_source(
            name="rss", kind="feed", url=site.add("/rss.xml", rss(rss_links)), outlet="RSS Daily"
        ),
        make_source(name="atom", kind="feed", url=site.add("/atom.xml", atom(atom_links))),
        make_source(name="map", kind="sitemap", url=site.add("/sitemap.xml", sitemap(site_links))),
        make_source(name="drop", kind="folder", path=str(folder), outlet="Desk"),
    ]
    report = run(tmp_path / "w.db", sources)
    documents = stored(tmp_path / "w.db")
    expected = {link for link, _ in rss_links + atom_links} | set(site_links)
    expected |= {
        (folder / "local.html").resolve().as_uri(),
        (folder / "note.txt").resolve().as_uri(),
    }
    assert set(documents) == expected
    assert report.stored == 9 and report.polls == 4
    first = documents[rss_links[0][0]]
    assert (first["title"], first["outlet"], first["published"][:10]) == (
        "RSS story 0",
        "RSS Daily",
        "2022-06-06",
    )
    from_sitemap = documents[site_links[0]]
    assert (from_sitemap["title"], from_sitemap["outlet"]) == ("Sitemap story 0", "Sitemap Times")
    assert documents[(folder / "note.txt").resolve().as_uri()]["outlet"] == "Desk"
    assert {row["status"] for row in items(tmp_path / "w.db").values()} == {"done"}
    assert all(h["healthy"] and h["last_success"] for h in health(tmp_path / "w.db").values())


def test_a_second_poll_fetches_nothing_again(site, tmp_path):
    links = [(site.page(n), f"story {n}") for n in range(2)]
    feed = site.add("/rss.xml", rss(links), etag='"v1"')
    dated = site.add("/atom.xml", atom(links), last_modified="Mon, 06 Jun 2022 10:00:00 GMT")
    sources = [
        make_source(name="rss", kind="feed", url=feed),
        make_source(name="atom", kind="feed", url=dated),
    ]
    run(tmp_path / "w.db", sources)
    report = run(tmp_path / "w.db", sources)
    assert report.stored == 0 and report.fetched == 0
    assert site.full["/rss.xml"] == 1 and site.full["/atom.xml"] == 1  # then 304s
    assert site.requests["/rss.xml"] == 2
    assert all(site.full[f"/news/{n}.html"] == 1 for n in range(2))
    assert len(stored(tmp_path / "w.db")) == 2


def test_one_article_on_two_feeds_is_stored_once_with_both_sources(site, tmp_path):
    shared = site.page(1)
    only = site.page(2)
    sources = [
        make_source(name="alpha", kind="feed", url=site.add("/a.xml", rss([(shared, "S")]))),
        make_source(
            name="beta",
            kind="feed",
            url=site.add("/b.xml", rss([(shared + "?utm_source=beta#x", "S"), (only, "O")])),
        ),
    ]
    run(tmp_path / "w.db", sources)
    assert set(stored(tmp_path / "w.db")) == {shared, only}
    assert site.full["/news/1.html"] == 1
    connection = open_store(tmp_path / "w.db")
    try:
        assert item_sources(connection, shared) == ["alpha", "beta"]
        assert item_sources(connection, only) == ["beta"]
    finally:
        connection.close()


def test_a_wire_copy_under_two_urls_is_marked_a_duplicate(site, tmp_path):
    first = site.add("/a/story.html", article_html(4))
    second = site.add("/b/story.html", article_html(4))
    source = make_source(
        name="rss", kind="feed", url=site.add("/rss.xml", rss([(first, "A"), (second, "B")]))
    )
    run(tmp_path / "w.db", [source])
    documents = stored(tmp_path / "w.db")
    # The pages are fetched in parallel: whichever is stored first is the original.
    original, copy = sorted((first, second), key=lambda url: documents[url]["duplicate_of"] or "")
    assert documents[original]["duplicate_of"] is None
    assert documents[copy]["duplicate_of"] is not None


def test_broken_sources_are_reported_and_retried_while_the_others_go_on(site, tmp_path):
    good = [(site.page(n), f"good {n}") for n in range(2)]
    site.add("/huge.html", stream=huge_page)
    site.add("/photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    site.add("/loop1.html", status=302, headers={"Location": "/loop2.html"})
    site.add("/loop2.html", status=302, headers={"Location": "/loop1.html"})
    bad_pages = [(site.url + path, path) for path in ("/huge.html", "/photo.html", "/loop1.html")]
    sources = [
        make_source(name="good", kind="feed", url=site.add("/good.xml", rss(good))),
        make_source(name="pages", kind="feed", url=site.add("/pages.xml", rss(bad_pages))),
        make_source(name="error", kind="feed", url=site.add("/500.xml", "no", status=500)),
        make_source(name="slow", kind="feed", url=site.add("/slow.xml", rss(good), delay=2)),
        make_source(
            name="malformed", kind="feed", url=site.add("/bad.xml", "<rss><channel><item><ti")
        ),
    ]
    db = tmp_path / "w.db"
    started = time.perf_counter()
    report = run(db, sources)
    assert time.perf_counter() - started < 30
    assert set(stored(db)) == {link for link, _ in good}
    found = items(db)
    assert found[site.url + "/huge.html"]["status"] == "skipped"
    assert found[site.url + "/huge.html"]["reason"].startswith("too_large")
    assert (
        found[site.url + "/photo.html"]["status"],
        found[site.url + "/photo.html"]["reason"],
    ) == ("skipped", "not_html: image/png")
    looped = found[site.url + "/loop1.html"]
    assert (looped["status"], looped["reason"]) == ("failed", "too_many_redirects")
    assert looped["next_try"] is not None  # tried again later
    first = health(db)
    assert first["good"]["healthy"] and first["pages"]["healthy"]
    assert (first["error"]["errors"], first["error"]["last_error"]) == (1, "http_500")
    assert first["slow"]["last_error"] == "timeout"
    assert first["malformed"]["last_error"].startswith("malformed_feed")
    assert report.failed_polls == 3 and site.requests["/500.xml"] == 2  # one retry
    # the next poll of a failing source waits longer each time (exponential, with jitter)
    time.sleep(0.3)
    run(db, sources)
    second = health(db)
    assert (second["error"]["errors"], second["error"]["failures"]) == (2, 2)
    assert second["good"]["errors"] == 0
    gap = _seconds(second["error"]["next_poll"]) - _seconds(second["error"]["last_poll"])
    assert 0.05 * 4 * 0.5 <= gap <= 0.05 * 4
    assert items(db)[site.url + "/loop1.html"]["attempts"] == 2
    # and `claimwire sources status` shows it, exiting 1
    sources_path = tmp_path / "sources.toml"
    save_sources(sources_path, SourcesFile(sources=tuple(sources)))
    result = CliRunner().invoke(
        main, ["sources", "status", "--db", str(db), "--sources", str(sources_path), "--json"]
    )
    assert result.exit_code == 1
    assert "http_500" in result.output


def _seconds(stamp: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(stamp).timestamp()


def test_a_running_watcher_ingests_what_is_new_within_one_poll(site, tmp_path):
    links = [(site.page(0), "zero")]
    site.add("/rss.xml", rss(links), etag='"1"')
    folder = tmp_path / "drop"
    folder.mkdir()
    sources = [
        make_source(name="rss", kind="feed", url=site.url + "/rss.xml", interval=1),
        make_source(name="drop", kind="folder", path=str(folder), interval=1),
    ]
    db = tmp_path / "w.db"
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(db, sources), kwargs={"once": False, "stop": stop})
    thread.start()
    try:
        _wait_for(lambda: len(stored(db)) == 1)
        links.append((site.page(1), "one"))
        site.add("/rss.xml", rss(links), etag='"2"')
        note = folder / "note.txt"
        note.write_text("Three soldiers were killed in Sumy on Tuesday, the army said.\n")
        _wait_for(lambda: len(stored(db)) == 3, timeout=15)
        note.write_text("Four soldiers were killed in Sumy on Tuesday, the army said.\n")
        _wait_for(lambda: len(_versions(db)) == 2, timeout=15)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert site.full["/news/0.html"] == 1


def _versions(db) -> list[int]:
    connection = open_store(db)
    try:
        return [
            row[0]
            for row in connection.execute("SELECT version FROM documents WHERE url LIKE 'file:%'")
        ]
    finally:
        connection.close()


def _wait_for(condition, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_changes_are_posted_to_a_webhook_when_one_is_set(site, tmp_path):
    import dataclasses
    import json

    links = [(site.page(n), f"story {n}") for n in range(2)]
    source = make_source(name="rss", kind="feed", url=site.add("/rss.xml", rss(links)))
    site.add("/hook", b"", status=204)
    site.add("/broken-hook", b"", status=500)
    hooked = dataclasses.replace(FAST, webhook=site.url + "/hook", webhook_min_value=0)
    run(tmp_path / "w.db", [source], settings=hooked)
    bodies = [json.loads(body) for path, body in site.posts if path == "/hook"]
    assert bodies, "nothing was posted"
    events = [row for body in bodies for row in body["events"]]
    figures = [row for body in bodies for row in body["figures"]]
    assert events and figures
    assert len({row["id"] for row in figures}) == len(figures)  # each change posted once
    assert {row["url"] for row in figures} == {link for link, _ in links}
    # a failing webhook is reported, and the watcher goes on
    site.add("/rss.xml", rss([*links, (site.page(5), "five")]))
    broken = dataclasses.replace(FAST, webhook=site.url + "/broken-hook")
    report = run(tmp_path / "w.db", [source], settings=broken)
    assert report.stored == 1
    assert any(path == "/broken-hook" for path, _ in site.posts)


def test_no_webhook_by_default(site, tmp_path):
    links = [(site.page(0), "story")]
    source = make_source(name="rss", kind="feed", url=site.add("/rss.xml", rss(links)))
    run(tmp_path / "w.db", [source])
    assert site.posts == []
