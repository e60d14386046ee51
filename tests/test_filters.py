"""The filters of lists and exports (issue 17): every filter, combined, in the store, the
API, the pages and the export endpoint; keyword search; every spelling of a claimant;
problems shown inline; exports equal to the CLI's, streamed."""

from __future__ import annotations

import io
import itertools
import re
import sqlite3
import tracemalloc

import pytest

pytest.importorskip("fastapi")

from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimwire.store import open_store
from claimwire.store.export import export_chunks, write_chunks
from claimwire.store.keywords import fts_query
from claimwire.web.app import create_app
from web_helpers import build_store, generate_store

SECOND_SPELLING = (
    "Regional governor Oleg Sinegubov said on Wednesday that 4 civilians were wounded when "
    "artillery shelled Kharkiv.",
    "2022-06-23",
    "Morning Wire",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from claimwire.nlp.extract import extract
    from claimwire.store import write_result

    path = tmp_path_factory.mktemp("filters") / "store.db"
    ids = build_store(path)
    connection = open_store(path)
    text, published, outlet = SECOND_SPELLING
    ids["second"] = write_result(
        connection, extract(text, published=published, outlet=outlet)
    ).document_id
    connection.close()
    return path, ids


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store[0], allowed_hosts=["testserver"]))


def ids(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text)
    body = response.json()
    assert body["total"] == len(body["items"]), url  # one page holds them all here
    return {row["id"] for row in body["items"]}


def test_every_spelling_of_a_claimant_is_kept_and_found(store, client):
    path, found = store
    connection = open_store(path, readonly=True)
    spellings = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM entity_spellings WHERE kind = 'claimant' AND entity_id = "
            "(SELECT entity_id FROM entity_spellings WHERE name = 'Oleh Syniehubov')"
        )
    }
    connection.close()
    assert {"Oleh Syniehubov", "Oleg Sinegubov"} <= spellings
    for written in ("Sinegubov", "Oleg Sinegubov", "Syniehubov", "oleh syniehubov"):
        rows = client.get(f"/api/claims?claimant={written}&limit=500").json()["items"]
        documents = {row["document_id"] for row in rows}
        assert {found["article0"], found["second"]} <= documents, written


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/figures?keyword=civilians", {"article0", "second"}),
        ("/api/figures?keyword=tank", {"article1", "article2"}),  # stemmed: "tanks"
        ("/api/events?keyword=shelled", {"second"}),
        ("/api/claims?keyword=drones", {"article0"}),
        ("/api/articles?keyword=Tbilisi", {"article2"}),
        ("/api/articles?keyword=%22regional governor%22", {"article0", "second"}),
        ("/api/articles?keyword=Tbil*", {"article2"}),
    ],
)
def test_keyword_searches_text_and_evidence(store, client, url, expected):
    _, found = store
    rows = client.get(url + "&limit=500").json()["items"]
    documents = {row.get("document_id", row["id"]) for row in rows}
    assert documents == {found[name] for name in expected}


@pytest.mark.parametrize(
    ("keyword", "query"),
    [
        ("tanks", '"tanks"'),
        ('"regional governor" Kharkiv', '"regional governor" "Kharkiv"'),
        ("shell*", '"shell"*'),
        ('NEAR(a b) OR "x', '"NEAR a" "b" "OR" "x"'),
        ("al-Qaeda's", '"al Qaeda s"'),
    ],
)
def test_keywords_are_words_never_fts_syntax(keyword, query):
    assert fts_query(keyword) == query


def test_keyword_without_words_is_a_problem(client):
    assert client.get("/api/figures?keyword=%22%22").json()["error"]["code"] == "invalid_option"
    page = client.get("/figures?keyword=%2A%2A&hedge=asserted")
    assert page.status_code == 200 and "has no word to search for" in page.text


SINGLE = {
    "events": [
        "side=Russia",
        "type=Battles",
        "subtype=armed_clash",
        "place=Kharkiv",
        "admin1=Kharkiv Oblast",
        "actor=Armed Forces",
        "keyword=said",
        "country=UA",
        "hedge=asserted",
        "outlet=Daily",
        "claimant=General Staff",
        "since=2022-06-21",
    ],
    "figures": [
        "side=Ukraine",
        "measure=killed",
        "category=civilians",
        "place=Kharkiv",
        "admin1=Kharkiv Oblast",
        "keyword=invasion",
        "country=UA",
        "until=2022-06-21",
        "claimant=Sinegubov",
    ],
    "claims": ["side=Ukraine", "place=Tbilisi", "keyword=said", "outlet=Post", "hedge=asserted"],
    "articles": ["place=Kharkiv", "admin1=Kharkiv Oblast", "keyword=said", "outlet=Post"],
}


@pytest.mark.parametrize("name", list(SINGLE))
def test_every_filter_combines_with_every_other(client, name):
    alone = {query: ids(client, f"/api/{name}?{query}&limit=500") for query in SINGLE[name]}
    everything = ids(client, f"/api/{name}?limit=500")
    assert any(0 < len(found) < len(everything) for found in alone.values())  # filters matter
    for first, second in itertools.combinations(SINGLE[name], 2):
        both = ids(client, f"/api/{name}?{first}&{second}&limit=500")
        assert both == alone[first] & alone[second], (first, second)


def test_clusters_answer_the_timeline_filters_through_their_reports(client):
    for query in SINGLE["events"]:
        if query.startswith(("since", "until")):
            continue  # a cluster's dates are its reports' range
        reports = client.get(f"/api/events?{query}&limit=500").json()["items"]
        expected = {row["cluster_id"] for row in reports}
        found = {
            feature["properties"]["cluster_id"]
            for feature in client.get(f"/api/export/geojson?{query}").json()["features"]
        }
        located = {row["cluster_id"] for row in reports if row["lat"] is not None}
        assert located <= found <= expected, query


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("sied=Russia", "sied", "did you mean 'side'?"),
        ("side=Rusia", "side", "did you mean 'Russia'?"),
        ("since=2022-07-01&until=2022-06-01", "since", "the date range is left out"),
        ("since=2022-13-45", "since", "is not a date"),
        ("type=Protest", "type", "did you mean 'Protests'?"),
        ("subtype=clash", "subtype", "unknown sub-type"),
        ("place=Kharkif", "place", "did you mean 'Kharkiv'?"),
        ("admin1=Kharkov", "admin1", "unknown region"),
        ("measure=killed", "measure", "does not filter events"),
        ("limit=9999", "limit", "from 1 to 500"),
        ("country=Narnia", "country", "unknown country"),
    ],
)
def test_bad_parameters_are_named_inline_and_the_others_kept(client, query, parameter, message):
    good = "hedge=asserted&outlet=Daily"
    page = client.get(f"/events?{good}&{query}")
    assert page.status_code == 200
    problems = re.search(r'<div class="problems" role="alert">(.*?)</div>', page.text, re.S)
    assert problems is not None and f"<code>{parameter}</code>" in problems.group(1)
    assert message.replace("'", "&#39;") in problems.group(1)
    assert 'name="outlet" size="10" value="Daily"' in page.text  # the form keeps the others
    kept = ids(client, f"/api/events?{good}&limit=500")
    assert kept and all(f"{row_id.split(':')[-1]}" in page.text for row_id in kept)
    assert f'href="/api/events?{good.replace("&", "&amp;")}"' in page.text  # twin: applied
    api = client.get(f"/api/events?{good}&{query}")
    assert api.status_code == 422 and parameter in api.json()["error"]["message"]


def test_an_offset_past_the_end_says_so(client):
    total = client.get("/api/claims").json()["total"]
    page = client.get("/claims?offset=9000")
    assert page.status_code == 200
    assert f"no rows at offset 9,000; {total} in all" in page.text
    assert "9001" not in page.text


def cli_export(path, target: str, table: str | None, options: list[str]) -> bytes:
    from claimwire.cli import main

    arguments = ["export", "--db", str(path), "--to", target, *options]
    if table:
        arguments += ["--table", table]
    result = CliRunner().invoke(main, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


EXPORTS = [
    ("csv", "figures", "keyword=tank&side=Ukraine", ["--keyword", "tank", "--side", "Ukraine"]),
    ("csv", "claims", "claimant=Sinegubov", ["--claimant", "Sinegubov"]),
    ("csv", "events", "admin1=Kharkiv Oblast&hedge=asserted",
     ["--admin1", "Kharkiv Oblast", "--hedge", "asserted"]),
    ("jsonl", "events", "actor=Protesters", ["--actor", "Protesters"]),
    ("jsonl", None, "place=Kharkiv&outlet=Daily", ["--place", "Kharkiv", "--outlet", "Daily"]),
    ("geojson", None, "country=UA&since=2022-06-14", ["--country", "UA", "--since", "2022-06-14"]),
    ("acled", None, "type=Battles", ["--type", "Battles"]),
    ("acled", None, "", []),
]  # fmt: skip


@pytest.mark.parametrize(("target", "table", "query", "options"), EXPORTS)
def test_exports_equal_the_cli_byte_for_byte(store, client, target, table, query, options):
    url = f"/api/export/{target}?" + (f"table={table}&" if table else "") + query
    response = client.get(url + "&sort=-date&limit=3")  # order and page are ignored
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    expected = cli_export(store[0], target, table, options)
    assert response.content == expected
    assert len(expected) > 300  # something was exported


def test_a_bad_export_filter_is_refused_before_any_byte(client):
    response = client.get("/api/export/csv?table=figures&side=Rusia")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_option"
    assert client.get("/api/export/xlsx").status_code == 404
    assert client.get("/api/export/csv?table=articles").status_code == 422
    assert client.get("/api/export/geojson?table=figures").status_code == 422
    assert client.get("/api/export/csv?all_statuses=true").status_code == 422


def test_list_pages_link_exports_of_exactly_their_filter(client):
    page = client.get("/events?type=Battles&hedge=asserted&limit=5&offset=0&sied=x")
    links = re.findall(r'<a class="export" href="([^"]+)"', page.text)
    assert [link.split("?")[0] for link in links] == [
        "/api/export/csv", "/api/export/jsonl", "/api/export/geojson", "/api/export/acled",
        "/api/export/ucdp",
    ]  # fmt: skip
    for link in links:
        assert link.endswith("type=Battles&amp;hedge=asserted")  # no page, no bad parameter
    for name, count in (("figures", 2), ("claims", 2), ("articles", 1)):
        assert client.get(f"/{name}").text.count('class="export"') == count


def test_exports_stream_without_holding_the_table(tmp_path):
    path = tmp_path / "large.db"
    generate_store(path, articles=3_000)
    connection = open_store(path, readonly=True)

    class Sink(io.TextIOBase):
        size = 0

        def write(self, text: str) -> int:
            self.size += len(text)
            return len(text)

    from claimwire.store.filters import Filters

    sink = Sink()
    tracemalloc.start()
    count = write_chunks(export_chunks(connection, "csv", Filters(), table="figures"), sink)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 9_000
    assert peak < sink.size / 5, (peak, sink.size)  # a list of rows would take several times it
    connection.close()


def test_migration_indexes_and_spells_what_older_stores_hold(tmp_path):
    from claimwire.store.migrations import migrate

    connection = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(connection, target=4)
    connection.execute(
        "INSERT INTO documents (id, seq, version_key, text_hash, title, text) "
        "VALUES ('d1', 1, 'd1', 'h', 'Siege', 'Shelling hit the grain silo at dawn.')"
    )
    connection.execute("INSERT INTO entities (id, kind, name) VALUES ('c1', 'claimant', 'Kim')")
    connection.execute(
        "INSERT INTO claims (id, document_id, claimant, claimant_type, claimant_entity, form, "
        "hedge, content, start_char, end_char) VALUES ('d1:c1', 'd1', 'Kim Jones', 'person', "
        "'c1', 'indirect', 'asserted', 'Shelling hit the grain silo', 0, 27)"
    )
    assert migrate(connection)[:1] == [5]
    search = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
    assert connection.execute(search, ("silo",)).fetchall() == [(1,)]
    evidence = "SELECT fact_id FROM evidence_fts WHERE evidence_fts MATCH ?"
    assert connection.execute(evidence, ("grain",)).fetchall() == [("d1:c1",)]
    spelled = connection.execute("SELECT name FROM entity_spellings").fetchall()
    assert spelled == [("Kim Jones",)]
    connection.execute(  # the triggers keep the index up to date
        "INSERT INTO documents (id, seq, version_key, text_hash, text) "
        "VALUES ('d2', 2, 'd2', 'h2', 'A convoy crossed the bridge.')"
    )
    assert connection.execute(search, ("convoy",)).fetchall() == [(2,)]
    connection.execute("DELETE FROM documents WHERE id = 'd2'")
    assert connection.execute(search, ("convoy",)).fetchall() == []
    connection.close()


@pytest.mark.parametrize(
    ("written", "folded_part"),
    [
        ("Sinegubov", "%sinehubov%"),  # a transliteration finds the other spellings
        ("Gen. Smith", "%hen smith%"),
        ("Spokesperson 12", None),  # folding drops digits: it would find every spokesperson
        ("Ole", None),  # too short a part
    ],
)
def test_claimant_parts_are_folded_only_when_folding_keeps_them(written, folded_part):
    from claimwire.store.filters import claimant_params

    assert claimant_params(written)[1] == folded_part
