"""The map's events (store/mapindex.py, migration 13): kept by the write path equal to a
rebuild from the stored clusters, filled by the migration and the bulk load the same way,
and giving the map the same pages, counts and extents as reading the clusters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from claimwire.bench.synthetic import build_synthetic_store
from claimwire.store import mapindex
from claimwire.store.aggregate import retire
from claimwire.store.box import Box
from claimwire.store.filters import Filters
from claimwire.store.mapview import (
    CLUSTER_SELECT,
    MAP_CLAUSES,
    PRECISION_SQL,
    TOLLS_SQL,
    Extent,
    _per_place,
    map_count,
    map_events,
    map_extent,
    with_tolls,
)
from claimwire.store.migrations import migrations, split_statements
from claimwire.store.queries import LISTS
from claimwire.store.write import transaction, write_result
from corpus_helpers import LYSYCHANSK, SHELLING, Article, two_weeks_store


def snapshot(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The map's events, after checking that their counts per place are their grouping."""
    places = sorted(tuple(row) for row in connection.execute("SELECT * FROM map_places"))
    grouped = connection.execute(
        "SELECT ontopic, coalesce(place_entity, ''), type, coalesce(subtype, ''), "
        "coalesce(country, ''), min(lat), min(lon), count(*) FROM map_events "
        "GROUP BY 1, 2, 3, 4, 5"
    )
    assert places == sorted(tuple(row) for row in grouped)
    return sorted(tuple(row) for row in connection.execute("SELECT * FROM map_events"))


def rebuilt(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    with transaction(connection):
        mapindex.rebuild(connection)
    return snapshot(connection)


@pytest.fixture
def store(tmp_path):
    connection = two_weeks_store(tmp_path / "store.db")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("mapindex") / "store.db"
    build_synthetic_store(path, articles=800, seed=5)
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def _shelling(connection, claimant, killed, *, day, published, outlet):
    text = f"{claimant} said shelling killed {killed} people in Lysychansk on Tuesday."
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:20])
    where = article.place("Lysychansk", **LYSYCHANSK)
    date = article.date("Tuesday", day)
    figure = article.figure(str(killed), killed, category="people", measure="killed",
                            claim=claim, place=where, cumulative=False)  # fmt: skip
    article.event("shelling", SHELLING, place=where, date=date, claim=claim, figures=(figure,))
    write_result(connection, article.result())


def test_the_write_path_keeps_the_maps_events_equal_to_a_rebuild(store):
    kept = snapshot(store)
    clusters = store.execute("SELECT count(*) FROM clusters WHERE reports > 0").fetchone()[0]
    assert len(kept) == clusters > 0
    assert rebuilt(store) == kept


def test_a_report_joining_an_event_a_new_event_and_a_retired_version_update_it(store):
    before = len(snapshot(store))
    _shelling(store, "Serhiy Haidai", 10, day="2022-06-07", published="2022-06-08",
              outlet="Kyiv Daily")  # fmt: skip
    _shelling(store, "UN Monitoring Mission", 12, day="2022-06-09", published="2022-06-10",
              outlet="Euro Post")  # fmt: skip
    kept = snapshot(store)
    assert len(kept) > before
    assert rebuilt(store) == kept
    with transaction(store):  # every report of an article retired, as a new version does
        for (document,) in store.execute("SELECT DISTINCT document_id FROM events").fetchall():
            retire(store, document)
    assert snapshot(store) == [] == rebuilt(store)
    assert store.execute("SELECT count(*) FROM map_places").fetchone()[0] == 0


def test_the_migration_fills_the_maps_events_as_the_write_path_does(store):
    kept = snapshot(store)
    statements = split_statements(migrations()[12].sql)
    backfill = [
        s for s in statements if s.startswith(("INSERT INTO map_", "CREATE TRIGGER map_places"))
    ]
    assert migrations()[12].name == "map_events" and len(backfill) == 4
    with transaction(store):  # the tables as the migration finds them: empty, no triggers
        store.execute("DROP TRIGGER map_places_insert")
        store.execute("DROP TRIGGER map_places_delete")
        store.execute("DELETE FROM map_events")
        store.execute("DELETE FROM map_places")
        for statement in backfill:
            store.execute(statement)
    assert snapshot(store) == kept


def test_the_bulk_load_fills_the_maps_events(synthetic):
    kept = snapshot(synthetic)
    assert len(kept) > 100
    assert rebuilt(synthetic) == kept


def test_the_map_answers_every_filter_of_the_event_list():
    assert {clause.field for clause in MAP_CLAUSES if not isinstance(clause, str)} == set(
        LISTS["clusters"].fields
    )


UKRAINE = Box(22.29, 44.5, 39.73, 51.86)


def _from_clusters(connection, filters, box):
    """The map's answer read from the clusters, as before migration 13."""
    query = LISTS["clusters"]
    condition, params = query.where(filters)
    placed, corners = condition, list(params)
    if box is not None:
        inside, extra = box.sql("p.lat", "p.lon")
        placed, corners = f"{condition} AND p.lat IS NOT NULL AND {inside}", [*params, *extra]
    everything = dataclasses.replace(filters, limit=None, offset=0, descending=False)
    every, every_params = query.where(everything)
    count = connection.execute(f"SELECT count(*) FROM {query.source}{placed}", corners)
    total = count.fetchone()[0]
    direction = " DESC" if filters.descending else ""
    limit = f" LIMIT {filters.limit} OFFSET {filters.offset}"
    rows = connection.execute(
        f"SELECT x.*, {PRECISION_SQL} AS precision, {TOLLS_SQL} AS tolls FROM (SELECT "
        f"{CLUSTER_SELECT} FROM {query.source}{placed} ORDER BY c.date_start{direction}, "
        f"c.id{direction}{limit}) x LEFT JOIN entities p ON p.id = x.place_entity "
        f"ORDER BY x.date_start{direction}, x.id{direction}",
        corners,
    )
    items = [with_tolls(dict(row)) for row in rows]
    unplaced = connection.execute(
        f"SELECT count(*) FROM {query.source}{every} AND p.lat IS NULL", every_params
    ).fetchone()[0]
    undated, undated_params = query.where(dataclasses.replace(everything, since=None, until=None))
    first, last = connection.execute(
        f"SELECT min(c.date_start), max(c.date_end) FROM {query.source}{undated}", undated_params
    ).fetchone()
    return total, items, Extent(unplaced=unplaced, first=first, last=last)


def _from_map(connection, filters, box):
    everything = dataclasses.replace(filters, limit=None, offset=0, descending=False)
    total = map_count(connection, everything, box)
    items = map_events(connection, filters, box, matches=total)
    assert items == map_events(connection, filters, box)  # the other way to the page
    return total, items, map_extent(connection, everything)


@pytest.mark.parametrize(
    ("filters", "box"),
    [
        (Filters(limit=50, descending=True), Box(-180, -90, 180, 90)),
        (Filters(limit=50, descending=True), UKRAINE),
        (Filters(limit=50, offset=30), None),
        (Filters(limit=50, descending=True, since=dt.date(2024, 1, 1)), UKRAINE),
        (Filters(limit=50, since=dt.date(2023, 1, 1), until=dt.date(2024, 6, 30)), None),
        (Filters(limit=50, since=dt.date(2024, 3, 1), until=dt.date(2024, 8, 31)), UKRAINE),
        (Filters(limit=50, descending=True, type="Battles"), UKRAINE),
        (Filters(limit=50, descending=True, country="UA", include_offtopic=True), None),
        (Filters(limit=50, descending=True, claimant="Ukraine's General Staff"), UKRAINE),
        (Filters(limit=50, descending=True, admin1="Kyiv Oblast"), None),
        (Filters(limit=50, descending=True, bbox=Box(170, -50, -170, 70)), None),
    ],
)
def test_the_map_reads_the_same_events_as_the_clusters_give(synthetic, filters, box):
    expected = _from_clusters(synthetic, filters, box)
    assert _from_map(synthetic, filters, box) == expected
    everything = dataclasses.replace(filters, limit=None, offset=0, descending=False)
    per_place = filters.since is None and filters.claimant is None
    assert _per_place(everything) is per_place  # the case's count read from map_places
    assert expected[1] or filters.bbox is not None  # the case selects events


def test_an_event_of_several_days_is_in_every_window_it_reaches_into(store):
    start, end, span = store.execute(
        "SELECT date_start, date_end, span FROM map_events ORDER BY span DESC LIMIT 1"
    ).fetchone()
    assert start < end and span >= 2  # the corpus has an event told over several days
    first = dt.date.fromisoformat(start[:10])
    for day in range(-2, span + 2):
        since = first + dt.timedelta(days=day)
        for window in (Filters(since=since, limit=20), Filters(since=since, until=since)):
            expected = _from_clusters(store, window, None)
            assert _from_map(store, window, None) == expected, (day, window)
            assert expected[0] > 0 or not 0 <= day < span


def test_the_overviews_counts_are_kept_by_the_store(store):
    from claimwire.web.queries import overview

    _shelling(store, "Serhiy Haidai", 10, day="2022-06-07", published="2022-06-08",
              outlet="Kyiv Daily")  # fmt: skip
    with transaction(store):
        retire(store, store.execute("SELECT document_id FROM events LIMIT 1").fetchone()[0])
        store.execute("UPDATE contradictions SET settled_by = 'a9' WHERE rowid = "
                      "(SELECT min(rowid) FROM contradictions)")  # fmt: skip
    counts = overview(store)["counts"]
    direct = {
        "articles": "SELECT count(*) FROM documents WHERE current = 1",
        "events": "SELECT count(*) FROM clusters WHERE reports > 0",
        "open_contradictions": "SELECT count(*) FROM contradictions WHERE settled_by IS NULL",
    }
    for name, sql in direct.items():
        assert counts[name] == store.execute(sql).fetchone()[0] > 0, name
    every = store.execute("SELECT count(*) FROM contradictions").fetchone()[0]
    articles = store.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert counts["open_contradictions"] < every and counts["articles"] < articles
