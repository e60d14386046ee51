"""Scale (issue 17): the synthetic store fills every table through the store's schema,
the dashboard benchmark answers every case on it, keyword search is bounded, and the place
and region filters know the gazetteer's other names."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from urllib.parse import unquote

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from claimwire.bench.synthetic import build_synthetic_store
from claimwire.errors import InvalidOptionError
from claimwire.store import filters, open_store
from claimwire.store.rows import TABLE_ROWS
from claimwire.web.app import create_app


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "store.db"
    summary = build_synthetic_store(path, articles=600, seed=3)
    return path, summary


def test_the_synthetic_store_fills_every_table_and_index_of_a_store(synthetic, tmp_path):
    path, summary = synthetic
    assert summary.articles == 600
    empty = {table for table, count in summary.rows.items() if count == 0}
    assert empty == set()
    assert set(summary.rows) == {row_type.TABLE for row_type in TABLE_ROWS}
    fresh = open_store(tmp_path / "fresh.db")
    built = sqlite3.connect(path)
    schema = (
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
    )
    assert [tuple(row) for row in built.execute(schema)] == [
        tuple(row) for row in fresh.execute(schema)
    ]
    assert built.execute("PRAGMA foreign_key_check").fetchall() == []
    assert built.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert built.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # every fact's evidence is the text at its offsets, as in a store the pipeline wrote
    for table in ("figures", "events"):
        mismatched = built.execute(
            f"SELECT count(*) FROM {table} f JOIN documents d ON d.id = f.document_id "
            "WHERE substr(d.text, f.start_char + 1, f.end_char - f.start_char) != f.evidence"
        ).fetchone()[0]
        assert mismatched == 0, table
    claims = built.execute(
        "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE substr(d.text, c.start_char + 1, c.end_char - c.start_char) != c.content"
    ).fetchone()[0]
    assert claims == 0
    copies = built.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")
    assert copies.fetchone()[0] > 0
    several = built.execute("SELECT count(*) FROM clusters WHERE reports > 1").fetchone()[0]
    assert several > 0
    built.close()
    fresh.close()


def test_the_same_seed_writes_the_same_store(synthetic, tmp_path):
    path, _ = synthetic
    again = build_synthetic_store(tmp_path / "again.db", articles=600, seed=3)
    texts = "SELECT group_concat(text, '|') FROM (SELECT text FROM documents ORDER BY seq)"
    one = sqlite3.connect(path).execute(texts).fetchone()[0]
    other = sqlite3.connect(again.path).execute(texts).fetchone()[0]
    assert one == other


def test_a_synthetic_store_is_written_to_a_new_file_only(synthetic):
    with pytest.raises(InvalidOptionError, match="exists"):
        build_synthetic_store(synthetic[0], articles=10)


def test_the_dashboard_benchmark_answers_every_case(synthetic):
    from claimwire.bench.dashboard import run, table

    timings = run(synthetic[0], rounds=2)
    failing = [(timing.case.url, timing.status) for timing in timings if timing.status != 200]
    assert failing == []
    names = {timing.case.name for timing in timings}
    assert {"page overview", "API clusters (map), country box", "API series"} <= names
    assert "| case | URL |" in table(timings)


def test_the_bulk_filled_indexes_and_counts_equal_what_the_triggers_keep(synthetic, tmp_path):
    # the synthetic store fills its full-text indexes and counts in SQL at the end; the
    # same rows written one by one into a fresh store, through its triggers, give the same
    path, _ = synthetic
    fresh = open_store(tmp_path / "through-triggers.db")
    fresh.execute("PRAGMA foreign_keys=OFF")
    fresh.execute("ATTACH DATABASE ? AS built", (str(path),))
    with fresh:
        for table in ("documents", "figures", "claims", "events", "contradictions"):
            fresh.execute(f"INSERT INTO main.{table} SELECT * FROM built.{table} ORDER BY rowid")
        for table in ("watch_items", "watch_item_sources"):
            fresh.execute(f"INSERT INTO main.{table} SELECT * FROM built.{table} ORDER BY rowid")

    def evidence(schema):
        return fresh.execute(
            f"SELECT f.kind, f.fact_id, f.text, r.kind FROM {schema}.evidence_fts f "
            f"JOIN {schema}.evidence_fts_rows r ON r.fts_rowid = f.rowid AND r.fact_id = f.fact_id "
            "ORDER BY f.kind, f.rowid"
        ).fetchall()

    kept, filled = evidence("main"), evidence("built")
    assert len(kept) > 1000 and kept == filled
    rows = "SELECT count(*) FROM {}.evidence_fts_rows"
    assert fresh.execute(rows.format("built")).fetchone()[0] == len(filled)
    counts = "SELECT name, counted FROM {}.fact_counts ORDER BY name"
    assert fresh.execute(counts.format("main")).fetchall() == (
        fresh.execute(counts.format("built")).fetchall()
    )
    sources = "SELECT source, stored, not_stored FROM {}.watch_source_counts ORDER BY source"
    kept_sources = fresh.execute(sources.format("main")).fetchall()
    assert kept_sources and kept_sources == fresh.execute(sources.format("built")).fetchall()
    for word in ("shelled", "said", "tanks", "curfew", "ministry"):
        found = "SELECT rowid FROM {}.documents_fts WHERE documents_fts MATCH ? ORDER BY rowid"
        mine = fresh.execute(found.format("main"), (word,)).fetchall()
        assert mine == fresh.execute(found.format("built"), (word,)).fetchall(), word
        matched = "SELECT fact_id FROM {}.evidence_fts WHERE evidence_fts MATCH ? ORDER BY fact_id"
        assert fresh.execute(matched.format("main"), (word,)).fetchall() == (
            fresh.execute(matched.format("built"), (word,)).fetchall()
        ), word
    fresh.execute("INSERT INTO built.documents_fts (documents_fts) VALUES ('integrity-check')")
    fresh.close()


def test_a_keyword_searches_its_newest_matches_and_says_when_it_stops(synthetic, monkeypatch):
    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    everything = client.get("/api/claims?keyword=said&limit=500").json()
    assert everything["keyword_capped"] is False
    assert everything["total"] > 40
    monkeypatch.setattr(filters, "KEYWORD_CAP", 20)
    connection = open_store(path, readonly=True)
    assert filters.keyword_capped(connection, "said", "claim") is True
    assert filters.keyword_capped(connection, "said", None) is True
    assert filters.keyword_capped(connection, "curfew", "claim") is False
    connection.close()


def test_the_place_filter_knows_the_gazetteers_other_names(synthetic):
    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    connection = open_store(path, readonly=True)
    kyiv = connection.execute(
        "SELECT count(*) FROM events WHERE place = 'Kyiv' AND current = 1 AND duplicate = 0 "
        "AND document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)"
    ).fetchone()[0]
    connection.close()
    assert kyiv > 0
    for written in ("Kyiv", "Kiev"):
        body = client.get(f"/api/events?place={written}&limit=500").json()
        assert body.get("total") == kyiv, (written, body)
    page = client.get("/events?place=Kiev")
    assert page.status_code == 200 and "no place" not in page.text


def test_the_region_filter_knows_the_gazetteers_other_names(synthetic):
    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    named = client.get("/api/events?admin1=Ḩalab&limit=500").json()
    other = client.get("/api/events?admin1=Halab&limit=500").json()
    assert named["total"] > 0
    assert other["total"] == named["total"]
    assert client.get("/api/events?admin1=Narnia Oblast").status_code == 422


def test_place_and_region_names_come_from_the_gazetteer():
    assert [entry.name for entry in filters.gazetteer_places("Kiev")] == ["Kyiv"]
    assert [entry.kind for entry in filters.gazetteer_places("Kyiv")] == ["city"]
    assert "Ḩalab" in json.loads(str(filters.region("Halab")[0]))
    assert filters.region("Nowhere at all")[0] == '["Nowhere at all"]'


def _point(day, claimed, kind="total", computed=False):
    from claimwire.store.series import Point

    return Point(
        date=day.isoformat(), value=claimed, lower=None, upper=None, approx=False, kind=kind,
        claimed=claimed, since=None, total=claimed if kind == "total" or computed else None,
        computed=computed, claimant="the army", hedge="asserted", outlet=None, published=None,
        date_basis="as_of", evidence=str(claimed), figure_id=f"f{claimed}", document_id="d",
        place=None, country="UA",
    )  # fmt: skip


def _series(points):
    from claimwire.store.series import Series

    return Series(
        id="s", claimant="the army", claimant_type="government", measure="destroyed",
        category="tanks", side="Russia", unit="count", conflict="UA", points=points,
    )  # fmt: skip


def test_a_long_series_keeps_one_claimed_point_per_week_and_kind():
    from claimwire.store.buckets import thin

    start = dt.date(2022, 2, 24)
    points = []
    for day in range(700):
        points.append(_point(start + dt.timedelta(days=day), 100 + day))
        if day % 3 == 0:
            points.append(_point(start + dt.timedelta(days=day), 5 + day % 7, "increment", True))
    thinned = thin(_series(points))
    assert thinned.period == "week"
    assert thinned.points == len(points)
    assert sum(kept.points for kept in thinned.kept) == len(points)
    kept = thinned.series.points
    assert len(kept) < 250
    assert {point.figure_id for point in kept} <= {point.figure_id for point in points}
    assert all(point.computed for point in kept if point.kind == "increment")
    totals = [
        (point, stands)
        for point, stands in zip(kept, thinned.kept, strict=True)
        if point.kind == "total"
    ]
    for point, stands in totals:  # the week's last claim, with the week's range
        assert stands.high == point.claimed and stands.low <= point.claimed
    assert [point.date for point in kept] == sorted(point.date for point in kept)


def test_a_short_series_is_sent_as_it_is():
    from claimwire.store.buckets import period_for, thin

    points = [_point(dt.date(2023, 1, day), day) for day in range(1, 20)]
    thinned = thin(_series(points))
    assert thinned.period is None and thinned.series.points == points
    assert period_for(dt.date(2023, 1, 1), dt.date(2023, 3, 1)) == "day"
    assert period_for(dt.date(2014, 1, 1), dt.date(2023, 3, 1)) == "month"


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("figures", {"country": "UA"}),
        ("claims", {"country": "UA"}),
        ("events", {"type": "Battles"}),
        ("clusters", {"country": "UA"}),
        ("articles", {"country": "UA"}),
    ],
)
def test_a_capped_list_read_in_order_has_the_rows_of_the_sorted_one(
    synthetic, monkeypatch, name, query
):
    from claimwire.store.filters import Filters
    from claimwire.web import queries

    path, _ = synthetic
    connection = open_store(path, readonly=True)
    chosen = Filters(descending=True, limit=30, offset=10, **query)
    read = queries.articles if name == "articles" else (lambda c, f: queries.page(c, name, f))
    exact = read(connection, chosen)
    assert exact.total_capped is False and exact.total > 40
    monkeypatch.setattr(queries, "COUNT_CAP", 20)
    monkeypatch.setattr(queries, "_TOTALS", queries._Totals())
    capped = read(connection, chosen)
    connection.close()
    assert capped.total_capped is True and capped.total == 20
    assert [row["id"] for row in capped.items] == [row["id"] for row in exact.items]


def test_the_timeline_is_read_through_the_event_lists_date_index():
    from claimwire.store.activity import TIMELINE
    from claimwire.store.queries import LISTS

    assert TIMELINE.ordered_by == LISTS["events"].ordered_by == "events_date"
    assert "INDEXED BY events_date" in TIMELINE.in_order().source


def test_a_capped_timeline_read_in_order_has_the_rows_of_the_sorted_one(synthetic, monkeypatch):
    from claimwire.store.filters import Filters
    from claimwire.web import queries

    connection = open_store(synthetic[0], readonly=True)
    chosen = Filters(descending=True, limit=30, offset=10, country="UA")
    exact = queries.page(connection, "timeline", chosen)
    monkeypatch.setattr(queries, "COUNT_CAP", 20)
    monkeypatch.setattr(queries, "_TOTALS", queries._Totals())
    capped = queries.page(connection, "timeline", chosen)
    connection.close()
    assert exact.total > 40 and capped.total_capped is True
    assert [row["id"] for row in capped.items] == [row["id"] for row in exact.items]


def test_the_bbox_filter_selects_figures_by_their_place(synthetic):
    from claimwire.store import queries
    from claimwire.store.box import Box

    connection = open_store(synthetic[0], readonly=True)
    box = Box.parse("29.5,49.5,31.5,51")  # around Kyiv
    every = queries.figures(connection, filters.Filters(limit=None))
    inside = queries.figures(connection, filters.Filters(limit=None, bbox=box))
    where_is = {
        row["id"]: (row["lat"], row["lon"])
        for row in connection.execute("SELECT id, lat, lon FROM entities WHERE kind = 'place'")
    }
    connection.close()
    placed = [
        row["id"]
        for row in every
        if row["place_entity"] in where_is
        and where_is[row["place_entity"]][0] is not None
        and 49.5 <= where_is[row["place_entity"]][0] <= 51
        and 29.5 <= where_is[row["place_entity"]][1] <= 31.5
    ]
    assert 0 < len(inside) < len(every)
    assert [row["id"] for row in inside] == placed


def test_the_change_feed_reads_the_newest_arrivals_through_their_index(synthetic):
    from claimwire.store import changes

    connection = open_store(synthetic[0], readonly=True)
    since = "2000-01-01T00:00:00+00:00"
    for sql, params in (
        (changes._EVENTS, (since, 50)),
        (changes._FIGURES, (10.0, since, 50)),
        (changes._CONTRADICTIONS, (since, 50)),
    ):
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        assert "results_created" in plan[0] and not any(step.startswith("SCAN") for step in plan)
    found = changes.changes_since(connection, since, limit=50)
    every = changes.changes_since(connection, since, limit=100_000)
    connection.close()
    for page, rows in zip(found.lists(), every.lists(), strict=True):
        assert len(page) == 50 and page == rows[:50]
        keys = [(row["arrived"], row["document_id"]) for row in rows]
        assert keys == sorted(keys, reverse=True)


def test_deep_pages_are_read_by_cursor_and_give_the_same_rows(synthetic, monkeypatch):
    from claimwire.web import params

    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    monkeypatch.setattr(params, "MAX_OFFSET", 20)
    for name in ("figures", "claims", "events", "contradictions"):
        for sort in ("-date", "date"):
            everything = client.get(f"/api/{name}?limit=500&sort={sort}").json()["items"]
            assert len(everything) > 40, name
            url, seen, links = f"/api/{name}?limit=10&sort={sort}", [], []
            while url:
                body = client.get(url).json()
                seen += [row["id"] for row in body["items"]]
                url = body["next"]
                links.append(url)
            assert seen[:500] == [row["id"] for row in everything], (name, sort)
            assert len(seen) == len(set(seen)) >= len(everything)
            assert "offset=20" in links[1] and "after=" in links[2], links[:3]
    # the page's next link past the offsets is a cursor too, and gives the next rows
    html = client.get("/claims?offset=20&limit=10").text
    following = re.search(r'<a href="\?([^"]*after=[^"]*)">next', html)
    assert following is not None
    cursor = unquote(following.group(1).replace("&amp;", "&"))
    rows = client.get(f"/api/claims?{cursor}").json()["items"]
    assert [row["id"] for row in rows] == [
        row["id"] for row in client.get("/api/claims?limit=500").json()["items"][30:40]
    ]


def test_an_offset_past_the_cap_and_a_bad_cursor_are_refused_with_the_way_on(synthetic):
    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    deep = client.get("/api/figures?offset=50000")
    assert deep.status_code == 422 and "follow the next links" in deep.text
    assert client.get("/api/figures?after=nonsense").status_code == 422
    both = client.get("/api/figures?after=2024-01-01~x&offset=10")
    assert both.status_code == 422 and "not both" in both.text
    page = client.get("/figures?offset=50000")
    assert page.status_code == 200 and "follow the next links" in page.text
    assert client.get("/api/articles?after=2024-01-01~x").status_code == 422
    assert client.get("/api/clusters?after=2024-01-01~x").status_code == 422


def test_charts_of_too_many_reports_for_the_tallies_say_so_instead(synthetic, monkeypatch):
    from claimwire.store import activity as activity_module
    from claimwire.web import service

    path, _ = synthetic
    client = TestClient(create_app(path, read_only=True, allowed_hosts=["testserver"]))
    claimant = "Ukraine's General Staff"
    drawn = client.get(f"/api/activity?claimant={claimant}").json()
    assert drawn["uncharted"] == 0 and drawn["events"]
    monkeypatch.setattr(activity_module, "CHART_CAP", 5)
    monkeypatch.setattr(service, "_ACTIVITY", {})
    refused = client.get(f"/api/activity?claimant={claimant}").json()
    assert refused["uncharted"] == 5 and refused["events"] == {} and refused["fatalities"] == {}
    page = client.get(f"/events?claimant={claimant}")
    assert page.status_code == 200 and "The charts are not drawn for these filters" in page.text
    for tallied in ("country=UA", "type=Battles"):  # counted by the store: drawn at any size
        assert client.get(f"/api/activity?{tallied}").json()["uncharted"] == 0
