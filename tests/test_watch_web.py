"""What changed, over HTTP: /api/changes, the Atom feed, /api/live, and the sources with
their health (/api/sources, /sources), on a store filled by the watcher."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("fastapi")

import feedparser
from fastapi.testclient import TestClient

from claimwire.store import open_store
from claimwire.watch.config import SourcesFile, WatchSettings, make_source
from claimwire.watch.fetch import Fetcher
from claimwire.watch.loop import Watcher
from claimwire.watch.state import State
from claimwire.web.app import create_app
from watch_helpers import Site, rss, serving

FAST = WatchSettings(host_delay=0.0, timeout=0.5, retries=0, backoff=0.05)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("watch-web") / "w.db"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=1)
    with serving(Site()) as site:
        links = [(site.page(n), f"story {n}") for n in range(3)]
        sources = (
            make_source(name="wire", kind="feed", url=site.add("/rss.xml", rss(links))),
            make_source(name="dead", kind="feed", url=site.add("/dead.xml", "x", status=503)),
        )
        connection = open_store(db)
        try:
            Watcher(
                State(connection),
                SourcesFile(settings=FAST, sources=sources),
                fetcher=Fetcher(FAST),
                time_budget=None,
            ).run(once=True)
        finally:
            connection.close()
    return db, before


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store[0], read_only=True, allowed_hosts=["testserver"])) as client:
        yield client


def test_changes_since_a_time_lists_new_events_and_figures(client, store):
    _, before = store
    body = client.get("/api/changes", params={"since": before.isoformat()}).json()
    assert body["events"] and body["figures"]
    assert all(row["arrived"] >= body["since"] for row in body["events"] + body["figures"])
    assert all(row["value"] >= 10 for row in body["figures"])
    assert body["latest"] == max(row["arrived"] for row in body["events"] + body["figures"])
    low = client.get("/api/changes", params={"since": before.isoformat(), "min_value": 0}).json()
    assert len(low["figures"]) > len(body["figures"])  # "3 civilians" counts only from 0
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat()
    empty = client.get("/api/changes", params={"since": later}).json()
    assert (empty["events"], empty["figures"], empty["contradictions"]) == ([], [], [])


def test_a_bad_since_is_refused_with_the_error_shape(client):
    response = client.get("/api/changes", params={"since": "yesterday-ish"})
    assert response.status_code in (400, 422)
    assert "since" in response.json()["error"]["message"]


def test_the_atom_feed_holds_the_same_changes(client, store):
    _, before = store
    response = client.get("/feeds/changes.atom", params={"since": before.isoformat()})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    body = client.get("/api/changes", params={"since": before.isoformat()}).json()
    count = len(body["events"]) + len(body["figures"]) + len(body["contradictions"])
    assert len(feed.entries) == count
    entry = feed.entries[0]
    assert entry.id.startswith("urn:claimwire:") and "/articles/" in entry.link


def test_live_counts_articles_and_names_the_new_ones(client):
    live = client.get("/api/live").json()
    assert live["articles"] == 3 and live["latest"] == 3 and live["new"] == []
    assert len(client.get("/api/live", params={"after": 1}).json()["new"]) == 2


def test_sources_show_their_health(client):
    rows = {row["name"]: row for row in client.get("/api/sources").json()["items"]}
    assert rows["wire"]["healthy"] and rows["wire"]["stored"] == 3
    assert not rows["dead"]["healthy"] and rows["dead"]["last_error"] == "http_503"
    page = client.get("/sources")
    assert page.status_code == 200
    assert "http_503" in page.text and "failing" in page.text and 'href="/api/sources"' in page.text
    assert "<script>" not in page.text  # no inline script (CSP)
