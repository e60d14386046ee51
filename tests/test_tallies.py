"""The activity charts' tallies (store/tallies.py, migration 11): kept by the write path
equal to a full grouping of the reports, filled by the migration the same way, and giving
the charts the same answer as grouping the reports at each request."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from claimwire.store import activity as activity_module
from claimwire.store import tallies
from claimwire.store.activity import activity, tallied_country, tallied_type
from claimwire.store.aggregate import retire
from claimwire.store.filters import Filters
from claimwire.store.migrations import migrations, split_statements
from claimwire.store.write import transaction, write_result
from corpus_helpers import LYSYCHANSK, SHELLING, Article, two_weeks_store

TABLES = tallies.TABLES


def snapshot(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(tuple(row) for row in connection.execute(f"SELECT * FROM {table}"))
        for table in TABLES
    }


def rebuilt(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    with transaction(connection):
        tallies.rebuild(connection)
    return snapshot(connection)


@pytest.fixture
def store(tmp_path):
    connection = two_weeks_store(tmp_path / "store.db")
    yield connection
    connection.close()


def _shelling(connection, claimant, killed, *, day, published, outlet, place=LYSYCHANSK):
    text = f"{claimant} said shelling killed {killed} people in {place['name']} on Tuesday."
    article = Article(text, published=published, outlet=outlet, url=f"https://x.example/{text}")
    claim = article.claim(claimant, text[:20])
    where = article.place(place["name"], **place)
    date = article.date("Tuesday", day)
    figure = article.figure(str(killed), killed, category="people", measure="killed",
                            claim=claim, place=where, cumulative=False)  # fmt: skip
    article.event("shelling", SHELLING, place=where, date=date, claim=claim, figures=(figure,))
    write_result(connection, article.result())


def scanned(connection, filters, monkeypatch):
    """The charts grouped from the reports (the tallies not read)."""
    with monkeypatch.context() as patch:
        patch.setattr(tallies, "usable", lambda _connection: False)
        return activity(connection, filters)


def test_the_write_path_keeps_the_tallies_equal_to_a_full_grouping(store):
    kept = snapshot(store)
    assert kept["activity_clusters"] and kept["activity_claims"]
    assert {row[1] for row in kept["activity_clusters"]} == {"", "UA"}
    assert rebuilt(store) == kept


def test_a_new_version_and_a_report_joining_an_event_update_the_tallies(store):
    _shelling(store, "Serhiy Haidai", 10, day="2022-06-07", published="2022-06-08",
              outlet="Kyiv Daily")  # fmt: skip
    _shelling(store, "UN Monitoring Mission", 12, day="2022-06-07", published="2022-06-09",
              outlet="Euro Post")  # fmt: skip
    kept = snapshot(store)
    assert rebuilt(store) == kept
    with transaction(store):  # an article retired by hand, as a new version retires it
        document = store.execute("SELECT document_id FROM events LIMIT 1").fetchone()[0]
        retire(store, document)
    kept = snapshot(store)
    assert rebuilt(store) == kept
    days = store.execute("SELECT sum(events) FROM activity_days WHERE country = ''").fetchone()
    clusters = store.execute("SELECT count(*) FROM activity_clusters WHERE country = ''").fetchone()
    assert days[0] == clusters[0] > 0


def test_the_migration_fills_the_tallies_as_the_write_path_does(store):
    kept = snapshot(store)
    with transaction(store):
        for table in TABLES:
            store.execute(f"DELETE FROM {table}")
        backfill = [
            statement
            for migration in migrations()[10:12]
            for statement in split_statements(migration.sql)
            if statement.startswith(("INSERT INTO activity", "UPDATE activity"))
        ]
        assert len(backfill) == 6
        for statement in backfill:
            store.execute(statement)
    assert snapshot(store) == kept


@pytest.mark.parametrize("kind", [None, "Explosions/Remote violence", "Battles"])
@pytest.mark.parametrize("country", [None, "UA", "Ukraine", "SY"])
def test_the_charts_from_the_tallies_equal_the_charts_from_the_reports(
    store, monkeypatch, country, kind
):
    _shelling(
        store, "Serhiy Haidai", 3, day="2030-01-01", published="2022-06-10", outlet="Kyiv Daily"
    )  # fmt: skip  after its publication: left out, counted
    filters = Filters(country=country, type=kind)
    assert (tallied_country(filters) if kind is None else tallied_type(filters)) is not None
    fast = activity(store, filters)
    assert fast == scanned(store, filters, monkeypatch)
    if country != "SY" and kind != "Battles":
        assert fast.events and fast.fatalities and fast.excluded == 1


def test_only_the_whole_store_and_a_country_are_read_from_the_tallies(store, monkeypatch):
    assert tallied_country(Filters()) == ""
    assert tallied_country(Filters(country="Ukraine", limit=5, offset=10)) == "UA"
    assert tallied_country(Filters(type="Battles")) is None
    assert tallied_country(Filters(since=dt.date(2022, 1, 1))) is None
    read: list[str] = []
    original = activity_module._from_tallies

    def spy(connection, filters, country, kind=None):
        read.append(country)
        return original(connection, filters, country, kind)

    monkeypatch.setattr(activity_module, "_from_tallies", spy)
    activity(store, Filters(country="UA"))
    activity(store, Filters(claimant="Serhiy Haidai"))
    activity(store, Filters(type=SHELLING))  # an event type: its events' tallies
    activity(store, Filters(type="shelling_artillery_missile_attack"))  # a sub-type: no
    activity(store, Filters(type=SHELLING, hedge="asserted"))
    assert read == ["UA", ""]
    assert tallied_type(Filters(type=SHELLING, country="Ukraine")) == ("UA", SHELLING)


def test_a_report_dated_after_today_sends_the_charts_back_to_the_reports(store, monkeypatch):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    _shelling(store, "Serhiy Haidai", 7, day=tomorrow, published=None, outlet="Kyiv Daily")
    assert tallies.usable(store) is False
    found = activity(store, Filters())
    assert found == scanned(store, Filters(), monkeypatch)
    assert found.excluded == 1 and found.excluded_examples[0]["date"] == tomorrow


def test_the_overviews_counts_are_kept_by_the_store(store):
    from claimwire.web.queries import overview

    _shelling(store, "Serhiy Haidai", 10, day="2022-06-07", published="2022-06-08",
              outlet="Kyiv Daily")  # fmt: skip
    with transaction(store):
        retire(store, store.execute("SELECT document_id FROM events LIMIT 1").fetchone()[0])
    counts = overview(store)["counts"]
    for name, key in (("figures", "figures"), ("claims", "claims"), ("events", "event_reports")):
        counted = store.execute(
            f"SELECT count(*) FROM {name} WHERE current = 1 AND duplicate = 0"
        ).fetchone()[0]
        every = store.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        assert counts[key] == counted < every, name  # retired versions and copies left out
