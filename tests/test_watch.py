"""The watcher's parts without the pipeline: the sources file, polite fetching, feeds,
sitemaps, folders and URL keys (against a loopback site started by the tests)."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwire.cli import main
from claimwire.watch.config import (
    WatchSettings,
    add_source,
    load_sources,
    make_source,
    remove_source,
    save_sources,
)
from claimwire.watch.errors import SourcesFileError
from claimwire.watch.feeds import FeedError, parse_feed, parse_sitemap, scan_folder
from claimwire.watch.fetch import USER_AGENT, Fetcher, is_public_host
from claimwire.watch.state import normalize_url
from watch_helpers import Site, atom, http_date, huge_page, rss, serving, sitemap

FAST = WatchSettings(
    host_delay=0.0,
    timeout=0.5,
    retries=2,
    backoff=0.05,
    max_bytes=200_000,
    allow_private_pages=True,  # the loopback site; the default is tested below
)


@pytest.fixture
def site():
    with serving(Site()) as running:
        yield running


# -- the sources file ---------------------------------------------------------------------


def test_sources_file_round_trip(tmp_path):
    path = tmp_path / "sources.toml"
    sources = load_sources(path)  # missing: empty
    assert sources.sources == ()
    feed = make_source(name="kyiv", kind="feed", url="https://news.example/rss", tags=("ua",))
    folder = make_source(name="drop", kind="folder", path=str(tmp_path), interval=30)
    save_sources(path, add_source(add_source(sources, feed), folder))
    again = load_sources(path)
    assert again.sources == (feed, folder)
    assert load_sources(path).source("drop").interval == 30
    save_sources(path, remove_source(again, "kyiv"))
    assert [s.name for s in load_sources(path).sources] == ["drop"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nname='a'\nkind='feed'\n", "gives url"),
        ("[[source]]\nname='a'\nkind='rss2'\nurl='http://x/'\n", "kind must be one of"),
        ("[[source]]\nname='a'\nkind='feed'\nurl='ftp://x/'\n", "http:// or https://"),
        ("[[source]]\nname='a b'\nkind='feed'\nurl='http://x/'\n", "source name"),
        ("[[source]]\nname='a'\nkind='feed'\nurl='http://x/'\ncolour=1\n", "unknown key"),
        ("[watch]\ntimeout='soon'\n", "timeout must be a number"),
        ("[[source]]\nname='a'\nkind='feed'\nurl='http://x/'\n" * 2, "names must differ"),
        ("not toml at all [", "cannot read the sources file"),
    ],
)
def test_a_wrong_sources_file_is_refused_with_its_reason(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourcesFileError, match=message) as raised:
        load_sources(path)
    assert raised.value.code == "E120"


def test_sources_commands_edit_the_file(tmp_path):
    path = tmp_path / "sources.toml"
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "sources",
            "add",
            "wire",
            "https://wire.example/feed.xml",
            "--sources",
            str(path),
            "--outlet",
            "Wire",
            "--interval",
            "60",
            "--tag",
            "ua",
        ],
    )
    assert added.exit_code == 0, added.output
    folder = runner.invoke(main, ["sources", "add", "drop", str(tmp_path), "--sources", str(path)])
    assert folder.exit_code == 0, folder.output
    twice = runner.invoke(main, ["sources", "add", "drop", str(tmp_path), "--sources", str(path)])
    assert twice.exit_code == 2 and "already" in twice.output
    listed = runner.invoke(main, ["sources", "list", "--json", "--sources", str(path)])
    rows = json.loads(listed.output)
    assert [(r["name"], r["kind"], r["outlet"], r["interval"]) for r in rows] == [
        ("wire", "feed", "Wire", 60),
        ("drop", "folder", None, 900),
    ]
    removed = runner.invoke(main, ["sources", "remove", "wire", "--sources", str(path)])
    assert removed.exit_code == 0
    assert [s.name for s in load_sources(path).sources] == ["drop"]
    missing = runner.invoke(main, ["sources", "remove", "wire", "--sources", str(path)])
    assert missing.exit_code == 2 and "no source called 'wire'" in missing.output


# -- fetching -------------------------------------------------------------------------------


def test_a_page_is_fetched_with_a_clear_user_agent(site):
    seen = {}

    def record(handler):
        seen["agent"] = handler.headers.get("User-Agent")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    url = site.add("/a.html", stream=record)
    fetched = Fetcher(FAST).fetch(url, page=True)
    assert (fetched.outcome, fetched.body) == ("ok", b"ok")
    assert seen["agent"] == USER_AGENT and USER_AGENT.startswith("claimwire/")


def test_a_500_is_retried_with_backoff_then_reported(site):
    url = site.add("/broken.xml", b"oops", status=500)
    started = time.perf_counter()
    fetched = Fetcher(FAST).fetch(url)
    assert (fetched.outcome, fetched.reason) == ("failed", "http_500")
    assert site.requests["/broken.xml"] == 3  # one try and two retries
    assert time.perf_counter() - started >= 0.05 * 0.5 * (1 + 2)  # the least backoff


def test_a_404_is_not_retried(site):
    fetched = Fetcher(FAST).fetch(site.url + "/gone.html")
    assert (fetched.outcome, fetched.reason) == ("failed", "http_404")
    assert site.requests["/gone.html"] == 1


def test_a_slow_server_times_out(site):
    url = site.add("/slow.xml", b"late", delay=1.5)
    fetched = Fetcher(WatchSettings(host_delay=0, timeout=0.3, retries=0)).fetch(url, source=True)
    assert (fetched.outcome, fetched.reason) == ("failed", "timeout")


def test_a_huge_page_is_cut_at_the_size_limit(site):
    url = site.add("/huge.html", stream=huge_page)
    started = time.perf_counter()
    fetched = Fetcher(FAST).fetch(url, page=True)
    assert fetched.outcome == "skipped" and fetched.reason.startswith("too_large")
    assert time.perf_counter() - started < 5  # stopped reading early, not after 50 MB


def test_a_declared_huge_page_is_not_read(site):
    url = site.add("/big.html", b"x" * 300_000)
    fetched = Fetcher(FAST).fetch(url, page=True)
    assert fetched.outcome == "skipped" and fetched.reason.startswith("too_large")


def test_an_image_is_skipped_with_its_type(site):
    url = site.add("/photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    fetched = Fetcher(FAST).fetch(url, page=True)
    assert (fetched.outcome, fetched.reason) == ("skipped", "not_html: image/png")


def test_a_redirect_loop_is_reported(site):
    site.add("/a", status=302, headers={"Location": "/b"})
    site.add("/b", status=302, headers={"Location": "/a"})
    fetched = Fetcher(FAST).fetch(site.url + "/a")
    assert (fetched.outcome, fetched.reason) == ("failed", "too_many_redirects")
    assert site.requests["/a"] + site.requests["/b"] <= FAST.max_redirects + 1


def test_a_redirect_is_followed(site):
    site.add("/old", status=301, headers={"Location": "/new.html"})
    site.add("/new.html", "<p>moved</p>")
    fetched = Fetcher(FAST).fetch(site.url + "/old", page=True)
    assert fetched.outcome == "ok" and fetched.url.endswith("/new.html")


def test_robots_txt_is_obeyed(site):
    site.add(
        "/robots.txt", "User-agent: claimwire\nDisallow: /private/\n", content_type="text/plain"
    )
    site.add("/private/a.html", "<p>secret</p>")
    site.add("/public/a.html", "<p>open</p>")
    fetcher = Fetcher(FAST)
    assert fetcher.fetch(site.url + "/private/a.html").reason == "robots_disallowed"
    assert site.requests["/private/a.html"] == 0
    assert fetcher.fetch(site.url + "/public/a.html").outcome == "ok"
    assert site.requests["/robots.txt"] == 1  # read once per host


def test_etag_and_last_modified_are_sent_back(site):
    stamp = http_date(1_700_000_000)
    url = site.add("/feed.xml", rss([]), etag='"v1"')
    dated = site.add("/dated.xml", rss([]), last_modified=stamp)
    fetcher = Fetcher(FAST)
    first = fetcher.fetch(url)
    assert first.etag == '"v1"'
    assert fetcher.fetch(url, etag=first.etag).outcome == "not_modified"
    first_dated = fetcher.fetch(dated)
    assert first_dated.last_modified == stamp
    assert fetcher.fetch(dated, last_modified=stamp).outcome == "not_modified"
    assert (site.full["/feed.xml"], site.full["/dated.xml"]) == (1, 1)


def test_requests_to_one_host_are_spaced(site):
    url = site.add("/p.html", "<p>x</p>")
    fetcher = Fetcher(WatchSettings(host_delay=0.2, host_concurrency=1))
    started = time.perf_counter()
    for _ in range(3):
        fetcher.fetch(url, source=True)
    # robots.txt and three pages: three waits of 0.2 s
    assert time.perf_counter() - started >= 0.6
    other = Fetcher(WatchSettings(host_delay=0.0))
    started = time.perf_counter()
    for _ in range(3):
        other.fetch(url, source=True)
    assert time.perf_counter() - started < 0.6


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("10.1.2.3", False),
        ("192.168.0.20", False),
        ("169.254.169.254", False),  # the cloud's metadata address
        ("0.0.0.0", False),
        ("::1", False),
        ("[::1]", False),
        ("::ffff:127.0.0.1", False),
        ("fe80::1", False),
        ("224.0.0.1", False),
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_public_addresses_are_told_from_the_others(host, public):
    assert is_public_host(host) is public


def test_a_page_a_feed_lists_on_a_private_address_is_not_fetched(site):
    url = site.add("/internal.html", "<p>admin</p>")
    fetched = Fetcher(WatchSettings(host_delay=0.0)).fetch(url, page=True)
    assert (fetched.outcome, fetched.reason) == ("skipped", "private_address")
    assert site.requests["/internal.html"] == 0


def test_pages_on_the_host_of_a_source_are_fetched(site):
    feed = site.add("/rss.xml", rss([]), content_type="application/rss+xml")
    page = site.add("/a.html", "<p>news</p>")
    fetcher = Fetcher(WatchSettings(host_delay=0.0))
    assert fetcher.fetch(feed, source=True).outcome == "ok"
    assert fetcher.fetch(page, page=True).outcome == "ok"
    assert (
        Fetcher(WatchSettings(host_delay=0.0, allow_private_pages=True))
        .fetch(page, page=True)
        .outcome
        == "ok"
    )


def test_a_redirect_to_a_private_host_is_not_followed(site):
    port = site.url.rsplit(":", 1)[1]
    site.add("/out", status=302, headers={"Location": f"http://localhost:{port}/secret.html"})
    site.add("/secret.html", "<p>secret</p>")
    fetcher = Fetcher(WatchSettings(host_delay=0.0))
    fetcher.trust(site.url)  # 127.0.0.1 is trusted, "localhost" is not
    fetched = fetcher.fetch(site.url + "/out", page=True)
    assert (fetched.outcome, fetched.reason) == ("skipped", "private_address")
    assert site.requests["/secret.html"] == 0


def test_allow_private_pages_must_be_true_or_false(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[watch]\nallow_private_pages = 'yes'\n")
    with pytest.raises(SourcesFileError, match="true or false"):
        load_sources(path)
    path.write_text("[watch]\nallow_private_pages = true\n")
    assert load_sources(path).settings.allow_private_pages is True


# -- feeds, sitemaps, folders -----------------------------------------------------------------


def test_rss_and_atom_entries_are_listed():
    listing = parse_feed(rss([("http://a.example/1", "One")]).encode(), url="http://a.example/")
    assert [(e.url, e.title, e.published) for e in listing.entries] == [
        ("http://a.example/1", "One", "2022-06-06T10:00:00+00:00")
    ]
    listing = parse_feed(atom([("http://a.example/2", "Two")]).encode(), url="http://a.example/")
    assert [(e.url, e.title) for e in listing.entries] == [("http://a.example/2", "Two")]


@pytest.mark.parametrize(
    "body", [b"<rss><channel><item><title>broken", b"<html><body>not a feed</body></html>", b""]
)
def test_a_malformed_feed_is_an_error_with_a_reason(body):
    with pytest.raises(FeedError) as raised:
        parse_feed(body, url="http://a.example/")
    assert raised.value.reason.startswith(("malformed_feed", "not_a_feed"))


def test_a_news_sitemap_gives_titles_dates_and_the_outlet():
    body = sitemap(["http://a.example/1"]).encode()
    for data in (body, gzip.compress(body)):
        (entry,) = parse_sitemap(data, max_bytes=100_000).entries
        assert (entry.url, entry.title, entry.published, entry.outlet, entry.language) == (
            "http://a.example/1",
            "Sitemap story 0",
            "2022-06-08",
            "Sitemap Times",
            "en",
        )


def test_a_sitemap_index_lists_its_children():
    body = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://a.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_sitemap(body, max_bytes=10_000).sitemaps == ("http://a.example/s1.xml",)


def test_entity_expansion_in_a_sitemap_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>&lol2;</loc></url></urlset>"
    )
    with pytest.raises(FeedError, match="forbidden_xml"):
        parse_sitemap(bomb, max_bytes=10_000)


def test_a_folder_lists_article_files_with_their_hash(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    files = scan_folder(tmp_path, max_bytes=1000)
    assert [f.path.name for f in files] == ["a.txt", "b.html"]
    assert files[0].url == (tmp_path / "a.txt").resolve().as_uri()
    with pytest.raises(FeedError, match="no_folder"):
        scan_folder(tmp_path / "nope", max_bytes=1000)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("HTTP://Example.COM:80/a?utm_source=x&id=3#top", "http://example.com/a?id=3"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:8443/a?fbclid=1", "https://example.com:8443/a"),
    ],
)
def test_urls_are_normalized_to_one_key(url, key):
    assert normalize_url(url) == key


def test_sources_file_path_in_help():
    result = CliRunner().invoke(main, ["watch", "--help"])
    assert "--sources" in result.output and "--once" in result.output
    assert Path("sources.toml").name in result.output
