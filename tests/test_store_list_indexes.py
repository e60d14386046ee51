"""The list pages at scale (issue 17): each list's filters and its count read narrow
indexes (migration 14), never the wide fact rows they skip, and the rewritten filters
(off-topic articles, an article's country) select what they selected before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from claimwire.bench.synthetic import build_synthetic_store
from claimwire.store import open_store
from claimwire.store import queries as store
from claimwire.store.filters import Cursor, Filters, where


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("lists") / "store.db"
    build_synthetic_store(path, articles=400, seed=5)
    connection = open_store(path, readonly=True)
    yield connection
    connection.close()


def _claimant(connection: sqlite3.Connection) -> str:
    return str(
        connection.execute(
            "SELECT name FROM entities WHERE kind = 'claimant' AND type NOT IN "
            "('outlet', 'anonymous') ORDER BY mentions DESC LIMIT 1"
        ).fetchone()[0]
    )


FILTERS = {
    "none": {},
    "country": {"country": "UA"},
    "place": {"place": "Kyiv"},
    "region": {"admin1": "Kyiv Oblast"},
    "dates": {"since": dt.date(2024, 1, 1), "until": dt.date(2024, 6, 30)},
}


def _plan(connection: sqlite3.Connection, sql: str, params: list) -> list[str]:
    return [str(row[3]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


@pytest.mark.parametrize("name", ["figures", "claims", "events", "timeline"])
@pytest.mark.parametrize("chosen", [*FILTERS, "claimant"])
def test_a_lists_count_reads_only_covering_indexes(synthetic, name, chosen):
    from claimwire.store.activity import TIMELINE

    query = TIMELINE if name == "timeline" else store.LISTS[name]
    given = {"claimant": _claimant(synthetic)} if chosen == "claimant" else FILTERS[chosen]
    condition, params = query.where(Filters(**given))
    alias = query.source.split()[1]
    counted = f"SELECT count(*) FROM (SELECT 1 FROM {query.source}{condition} LIMIT 10001)"
    plan = _plan(synthetic, counted, params)
    reads = [line for line in plan if line.startswith((f"SCAN {alias} ", f"SEARCH {alias} "))]
    assert reads, plan
    # every read of the fact table is an index holding the filtered columns
    assert all("COVERING INDEX" in line for line in reads), plan
    # off-topic articles are looked up by id in their own index, not read from the articles
    assert any("documents_offtopic_id" in line for line in plan), plan
    articles = ("SCAN o", "SEARCH o", "SEARCH documents")
    offtopic = [line for line in plan if line.startswith(articles)]
    assert all("documents_offtopic_id (relevant=? AND id=?)" in line for line in offtopic), plan


@pytest.mark.parametrize("name", ["figures", "claims", "events"])
def test_a_long_list_is_read_in_its_date_index_with_the_filtered_columns(synthetic, name):
    query = store.LISTS[name]
    index = str(query.ordered_by)
    columns = [str(row[2]) for row in synthetic.execute(f"PRAGMA index_info({index})")]
    assert columns[:2] == ["date", "id"]
    filtered = {"current", "duplicate", "document_id", "claimant_entity", "hedge"}
    assert filtered <= set(columns), columns
    plan = _plan(synthetic, *query.in_order().sql(Filters(country="UA", descending=True)))
    # the page is chosen in the index alone, then its rows are read by their key
    assert any(f"USING COVERING INDEX {index}" in line for line in plan), plan
    assert any("INTEGER PRIMARY KEY (rowid=?)" in line for line in plan), plan


@pytest.mark.parametrize("name", ["figures", "claims", "events"])
def test_off_topic_articles_facts_are_left_out_as_before(synthetic, tmp_path, name):
    copy = sqlite3.connect(tmp_path / "copy.db")
    synthetic.backup(copy)
    # the relevance model found some articles with facts off-topic
    copy.execute(
        f"UPDATE documents SET relevant = 0 WHERE id IN (SELECT document_id FROM {name} "
        "WHERE current = 1 AND duplicate = 0 ORDER BY id LIMIT 40)"
    )
    copy.commit()
    copy.close()
    connection = open_store(tmp_path / "copy.db", readonly=True)
    offtopic = {
        str(row[0])
        for row in connection.execute(
            f"SELECT t.id FROM {name} t JOIN documents d ON d.id = t.document_id "
            "WHERE d.relevant = 0 AND t.current = 1 AND t.duplicate = 0"
        )
    }
    assert offtopic
    shown = [str(row["id"]) for row in store.rows(connection, name, Filters(limit=None))]
    kept = [
        str(row[0])
        for row in connection.execute(
            f"SELECT id FROM {name} WHERE current = 1 AND duplicate = 0 "
            "AND document_id NOT IN (SELECT id FROM documents WHERE relevant = 0) "
            "ORDER BY date, id"
        )
    ]
    assert shown == kept and not set(shown) & offtopic
    everything = store.rows(connection, name, Filters(limit=None, include_offtopic=True))
    assert offtopic <= {str(row["id"]) for row in everything}
    connection.close()


@pytest.mark.parametrize("name", ["claims", "articles"])
def test_the_country_of_a_claim_or_article_is_a_place_its_article_names(synthetic, name):
    from claimwire.web import queries

    named = {
        str(row[0])
        for row in synthetic.execute("SELECT DISTINCT document_id FROM places WHERE country = 'UA'")
    }
    chosen = Filters(country="UA", limit=None)
    if name == "claims":
        rows = store.rows(synthetic, "claims", chosen)
        every = store.rows(synthetic, "claims", dataclasses.replace(chosen, country=None))
        documents = [str(row["document_id"]) for row in rows]
        expected = [str(row["id"]) for row in every if row["document_id"] in named]
    else:
        rows = queries.articles(synthetic, chosen).items
        every = queries.articles(synthetic, dataclasses.replace(chosen, country=None)).items
        documents = [str(row["id"]) for row in rows]
        expected = [str(row["id"]) for row in every if row["id"] in named]
    assert rows and len(rows) < len(every)
    assert set(documents) <= named
    assert [str(row["id"]) for row in rows] == expected


@pytest.mark.parametrize(
    ("name", "kind"), [("figures", "figure"), ("claims", "claim"), ("events", "event")]
)
def test_a_keyword_finds_the_same_facts_read_from_the_last_row_of_their_kind(synthetic, name, kind):
    from claimwire.store.filters import keyword_capped
    from claimwire.store.keywords import fts_query

    matched = [
        str(row[0])
        for row in synthetic.execute(
            "SELECT r.fact_id FROM evidence_fts x JOIN evidence_fts_rows r "
            "ON r.fts_rowid = x.rowid "
            "WHERE evidence_fts MATCH ? AND r.kind = ? ORDER BY x.rowid DESC",
            (fts_query("said"), kind),
        )
    ]
    shown = {
        str(row["id"]) for row in store.rows(synthetic, name, Filters(keyword="said", limit=None))
    }
    listed = {str(row["id"]) for row in store.rows(synthetic, name, Filters(limit=None))}
    assert shown and shown == set(matched) & listed
    assert keyword_capped(synthetic, "said", kind) is False


def test_a_keyword_is_capped_at_its_newest_matches_of_the_kind(synthetic, monkeypatch):
    from claimwire.store import filters
    from claimwire.store.keywords import fts_query

    newest = [
        int(row[0])
        for row in synthetic.execute(
            "SELECT x.rowid FROM evidence_fts x JOIN evidence_fts_rows r ON r.fts_rowid = x.rowid "
            "WHERE evidence_fts MATCH ? AND r.kind = 'claim' ORDER BY x.rowid DESC",
            (fts_query("said"),),
        )
    ]
    monkeypatch.setattr(filters, "KEYWORD_CAP", len(newest) - 1)
    assert filters.keyword_capped(synthetic, "said", "claim") is True
    monkeypatch.setattr(filters, "KEYWORD_CAP", len(newest))
    assert filters.keyword_capped(synthetic, "said", "claim") is False


@pytest.mark.parametrize("chosen", ["none", "country", "place", "region", "claimant", "keyword"])
def test_the_article_lists_count_reads_only_covering_indexes_of_the_articles(synthetic, chosen):
    from claimwire.store.filters import where

    given = {
        "claimant": {"claimant": _claimant(synthetic)},
        "keyword": {"keyword": "said"},
    }.get(chosen) or FILTERS[chosen]
    condition, params = where(Filters(**given), store.ARTICLE_CLAUSES)
    counted = f"SELECT count(*) FROM (SELECT 1 FROM documents d{condition} LIMIT 10001)"
    plan = _plan(synthetic, counted, params)
    reads = [line for line in plan if line.startswith(("SCAN d ", "SEARCH d "))]
    assert reads and all("COVERING INDEX" in line for line in reads), plan


@pytest.mark.parametrize("until", ["2023-12-31", "2024-02-29", "2025-06-30"])
def test_the_article_lists_until_keeps_every_article_published_that_day(synthetic, until):
    from claimwire.web import queries

    day = dt.date.fromisoformat(until)
    published = [
        str(row[0])
        for row in synthetic.execute(
            "SELECT id FROM documents WHERE current = 1 AND duplicate_of IS NULL "
            "AND coalesce(relevant, 1) = 1 AND substr(published, 1, 10) <= ? "
            "ORDER BY published DESC, seq DESC",
            (until,),
        )
    ]
    chosen = Filters(until=day, descending=True, limit=None)
    assert [str(row["id"]) for row in queries.articles(synthetic, chosen).items] == published
    assert published


@pytest.mark.parametrize(
    "given",
    [{}, {"open_only": True}, {"open_only": True, "country": "UA"}, {"type": "figures"}],
    ids=["none", "open", "open-country", "type"],
)
def test_the_contradictions_count_and_page_read_their_date_index(synthetic, given):
    query = store.LISTS["contradictions"]
    condition, params = query.where(Filters(**given))
    counted = f"SELECT count(*) FROM (SELECT 1 FROM {query.source}{condition} LIMIT 10001)"
    plan = _plan(synthetic, counted, params)
    reads = [line for line in plan if line.startswith(("SCAN x ", "SEARCH x "))]
    assert reads and all("COVERING INDEX" in line for line in reads), plan
    plan = _plan(synthetic, *query.in_order().sql(Filters(**given, descending=True)))
    assert any("COVERING INDEX contradictions_date" in line for line in plan), plan


def test_the_benchmark_times_the_cases_named_between_bars(synthetic):
    from pathlib import Path

    from claimwire.bench.dashboard import run

    path = Path(str(synthetic.execute("PRAGMA database_list").fetchone()["file"]))
    timings = run(path, rounds=1, only="API claims, claimant|API articles, dates")
    assert {timing.case.name for timing in timings} == {
        "API claims, claimant",
        "API articles, dates",
    }
    assert all(timing.status == 200 for timing in timings)


def test_the_claims_and_articles_areas_kept_by_the_triggers_equal_recomputing_them(tmp_path):
    from claimwire.store.aggregate import retire
    from claimwire.store.bulk import ARTICLE_AREAS_SELECT, CLAIM_AREAS_SELECT

    built = tmp_path / "built.db"
    build_synthetic_store(built, articles=300, seed=7)  # claim_areas filled by store/bulk.py
    fresh = open_store(tmp_path / "through-triggers.db")
    fresh.execute("PRAGMA foreign_keys=OFF")
    fresh.execute("ATTACH DATABASE ? AS built", (str(built),))
    with fresh:  # an article's places are written before its claims (store/aggregate.py)
        for table in ("documents", "entities", "places", "claims"):
            fresh.execute(f"INSERT INTO main.{table} SELECT * FROM built.{table} ORDER BY rowid")
    areas = "SELECT * FROM {}.claim_areas ORDER BY id, level, name"
    kept = fresh.execute(areas.format("main")).fetchall()
    assert len(kept) > 300
    assert {row["level"] for row in kept} == {"country", "admin1"}
    assert kept == fresh.execute(areas.format("built")).fetchall()
    articles = "SELECT * FROM {}.article_areas ORDER BY id, level, name"
    listed = fresh.execute(articles.format("main")).fetchall()
    assert len(listed) > 300 and listed == fresh.execute(articles.format("built")).fetchall()
    # a new version retires its article's claims: their areas follow
    document = kept[0]["document_id"]
    with fresh:
        retire(fresh, document)
    recomputed = fresh.execute(f"{CLAIM_AREAS_SELECT} ORDER BY c.id, a.level, a.name").fetchall()
    kept = fresh.execute(areas.format("main")).fetchall()
    assert [tuple(row) for row in kept] == [tuple(row) for row in recomputed]
    assert {row["current"] for row in kept if row["document_id"] == document} == {0}
    recomputed = fresh.execute(f"{ARTICLE_AREAS_SELECT} ORDER BY d.id, a.level, a.name")
    listed = fresh.execute(articles.format("main")).fetchall()
    assert [tuple(row) for row in listed] == [tuple(row) for row in recomputed.fetchall()]
    assert {row["current"] for row in listed if row["id"] == document} == {0}
    fresh.close()


AREA_FILTERS = [
    {"country": "UA"},
    {"admin1": "Kyiv Oblast"},
    {"country": "UA", "admin1": "Kyiv Oblast"},
    {"country": "UA", "since": dt.date(2024, 1, 1), "outlet": "a"},
    {"admin1": "Kyiv Oblast", "place": "Kyiv", "keyword": "said"},
]
"""Filter mixes with a country or region, for the area tables' lists."""


@pytest.mark.parametrize("given", AREA_FILTERS, ids=str)
def test_the_claims_of_an_area_are_read_in_claim_areas_and_are_those_of_the_articles(
    synthetic, given
):
    areas = store.LISTS["claims"].for_filters(Filters(**given))
    assert areas.source == "claim_areas c"
    articles = dataclasses.replace(store.LISTS["claims"], by_filter=())
    for descending in (False, True):
        chosen = Filters(**given, descending=descending, limit=7)
        first = [dict(row) for row in synthetic.execute(*areas.sql(chosen))]
        assert first == [dict(row) for row in synthetic.execute(*articles.sql(chosen))]
        assert first, given
        following = dataclasses.replace(chosen, after=Cursor.of(first[-1], areas.order))
        assert [dict(row) for row in synthetic.execute(*areas.sql(following))] == [
            dict(row) for row in synthetic.execute(*articles.sql(following))
        ]
    every = Filters(**given, limit=None)
    assert store.count(synthetic, "claims", every) == len(
        list(synthetic.execute(*articles.sql(every)))
    )
    condition, params = areas.where(every)
    plan = _plan(synthetic, f"SELECT count(*) FROM {areas.source}{condition}", params)
    assert any("claim_areas_date" in step or "PRIMARY KEY" in step for step in plan), plan
    assert not any(step.startswith("SCAN c") and "INDEX" not in step for step in plan), plan


@pytest.mark.parametrize("name", ["figures", "claims", "events", "timeline"])
def test_a_capped_keywords_page_read_in_order_has_the_rows_of_the_sorted_one(
    synthetic, monkeypatch, name
):
    from claimwire.store import filters
    from claimwire.store.activity import TIMELINE
    from claimwire.web import queries

    chosen = Filters(keyword="said", descending=True, limit=20, offset=5)
    query = TIMELINE if name == "timeline" else store.LISTS[name]
    exact = [dict(row)["id"] for row in synthetic.execute(*query.sql(chosen))]
    assert len(exact) == 20
    ordered = query.in_order().source
    monkeypatch.setattr(queries, "_TOTALS", queries._Totals())
    monkeypatch.setattr(filters, "KEYWORD_CAP", 30)  # "said" is in more facts than this
    read = []
    in_order = store.ListQuery.in_order
    monkeypatch.setattr(
        store.ListQuery, "in_order", lambda self: read.append(in_order(self)) or read[-1]
    )
    page = queries.page(synthetic, name, chosen)
    assert page.keyword_capped is True  # read in its date index, not sorted
    assert [listed.source for listed in read] == [ordered]
    assert [row["id"] for row in page.items] == exact


@pytest.mark.parametrize(
    "given",
    [*AREA_FILTERS, {"country": "UA", "include_superseded": True, "include_duplicates": True}],
    ids=str,
)
def test_the_articles_of_an_area_are_read_in_article_areas_and_are_those_naming_it(
    synthetic, monkeypatch, given
):
    from claimwire.web import queries

    for descending in (False, True):
        chosen = Filters(**given, descending=descending, limit=7, offset=2)
        monkeypatch.setattr(queries, "_TOTALS", queries._Totals())
        areas = queries.articles(synthetic, chosen)
        with monkeypatch.context() as patched:  # as before: the places of each article
            patched.setattr(queries, "_TOTALS", queries._Totals())
            patched.setattr(store, "article_area", lambda filters: None)
            named = queries.articles(synthetic, chosen)
        assert areas.items and areas.items == named.items, given
        assert areas.total == named.total
    area = store.article_area(Filters(**given))
    assert area == ("admin1" if "admin1" in given else "country")
    condition, params = where(Filters(**given), store.ARTICLE_AREA_CLAUSES[area])
    plan = _plan(synthetic, f"SELECT count(*) FROM article_areas d{condition}", params)
    assert any("article_areas_published" in step or "PRIMARY KEY" in step for step in plan)


def test_the_areas_kept_through_the_write_path_equal_recomputing_them(tmp_path):
    from claimwire.store.bulk import ARTICLE_AREAS_SELECT, CLAIM_AREAS_SELECT
    from claimwire.store.write import write_result
    from corpus_helpers import two_weeks

    connection = open_store(tmp_path / "written.db")
    for result in two_weeks():  # a new version (a10 -> a11) and a wire copy among them
        write_result(connection, result)
    claims = connection.execute("SELECT * FROM claim_areas ORDER BY id, level, name")
    recomputed = connection.execute(f"{CLAIM_AREAS_SELECT} ORDER BY c.id, a.level, a.name")
    kept = [tuple(row) for row in claims]
    assert kept and kept == [tuple(row) for row in recomputed]
    retired = connection.execute("SELECT count(*) FROM documents WHERE current = 0")
    assert retired.fetchone()[0] == 1  # a10, by a11
    articles = connection.execute("SELECT * FROM article_areas ORDER BY id, level, name")
    recomputed = connection.execute(f"{ARTICLE_AREAS_SELECT} ORDER BY d.id, a.level, a.name")
    listed = [tuple(row) for row in articles]
    assert listed and listed == [tuple(row) for row in recomputed]
    connection.close()
