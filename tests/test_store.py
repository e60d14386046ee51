"""The corpus store: opening, refusing bad files, migrations, the write path, queries,
exports, concurrency and query speed. Results are built by hand (tests/corpus_helpers.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwire.models import Result
from claimwire.store import (
    CorruptStoreError,
    ForeignStoreError,
    StoreLocationError,
    StoreVersionError,
    acled,
    export,
    load_result,
    migrations,
    open_store,
    queries,
    write_result,
)
from claimwire.store.errors import APPLICATION_ID
from claimwire.store.names import name_key, similar
from claimwire.store.queries import Filters
from claimwire.store.series import read_series
from claimwire.store.settings import parse_settings
from claimwire.store.settings import settings as corpus_settings
from corpus_helpers import BAKHMUT, Article, two_weeks


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture
def store(db: Path) -> sqlite3.Connection:
    connection = open_store(db)
    for result in two_weeks():
        write_result(connection, result)
    yield connection
    connection.close()


# --- opening -------------------------------------------------------------------------


def test_new_store_is_a_wal_claimwire_database(db: Path) -> None:
    connection = open_store(db)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrations.current_version(connection) == len(migrations.migrations())


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(db: Path) -> None:
    db.write_bytes(b"these are my notes, not a database\n" * 100)
    before = db.read_bytes()
    with pytest.raises(CorruptStoreError, match="not a SQLite database"):
        open_store(db)
    assert db.read_bytes() == before


def test_a_damaged_store_is_refused_and_left_untouched(db: Path) -> None:
    open_store(db).close()
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with pytest.raises(CorruptStoreError, match="untouched"):
        open_store(db)
    assert db.read_bytes() == bytes(data)


def test_another_programs_sqlite_database_is_refused_and_left_untouched(db: Path) -> None:
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    other.execute("INSERT INTO invoices VALUES (1, 9.5)")
    other.commit()
    other.close()
    before = db.read_bytes()
    with pytest.raises(ForeignStoreError, match="another program"):
        open_store(db)
    assert db.read_bytes() == before


def _read_only_dir(tmp_path: Path) -> Path:
    """A directory nobody can create files in: a chmod 555 folder, or (for root, whom
    permission bits do not stop) a read-only file system such as /sys."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys"), Path("/proc")):
        try:
            (candidate / "claimwire-probe").touch()
        except OSError:
            return candidate
        (candidate / "claimwire-probe").unlink()
    pytest.skip("no read-only location available")


def test_a_read_only_location_gives_a_clear_error(tmp_path: Path) -> None:
    folder = _read_only_dir(tmp_path)
    with pytest.raises(StoreLocationError, match="read-only"):
        open_store(folder / "corpus.db")
    assert not (folder / "corpus.db").exists()


def test_a_missing_directory_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreLocationError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "corpus.db")


def test_reading_a_missing_store_says_how_to_make_one(db: Path) -> None:
    with pytest.raises(StoreLocationError, match="claimwire ingest"):
        open_store(db, readonly=True)
    assert not db.exists()


# --- migrations ----------------------------------------------------------------------


def test_an_old_store_is_upgraded_on_open(db: Path) -> None:
    raw = sqlite3.connect(db, isolation_level=None)
    migrations.migrate(raw, target=1)
    raw.execute(
        "INSERT INTO documents (id, seq, version_key, text_hash, text) "
        "VALUES ('doc_old', 1, 'doc:doc_old', 'h', 'An old article.')"
    )
    assert migrations.current_version(raw) == 1
    raw.close()
    upgraded = open_store(db)
    assert migrations.current_version(upgraded) == len(migrations.migrations())
    indexes = {row[0] for row in upgraded.execute("SELECT name FROM sqlite_master")}
    assert "figures_date" in indexes
    assert upgraded.execute("SELECT text FROM documents").fetchone()[0] == "An old article."


def test_a_failing_migration_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db).close()
    broken = migrations.Migration(
        len(migrations.migrations()) + 1,
        "broken",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
    )
    shipped = migrations.migrations()
    monkeypatch.setattr(migrations, "migrations", lambda: (*shipped, broken))
    with pytest.raises(sqlite3.OperationalError):
        open_store(db)
    monkeypatch.undo()
    connection = open_store(db)
    assert migrations.current_version(connection) == broken.number - 1
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_a_store_from_a_newer_claimwire_is_refused(db: Path) -> None:
    connection = open_store(db)
    connection.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    connection.close()
    with pytest.raises(StoreVersionError, match="newer"):
        open_store(db)


def test_migration_files_split_into_statements() -> None:
    for migration in migrations.migrations():
        statements = migrations.split_statements(migration.sql)
        assert statements and all(sqlite3.complete_statement(s) for s in statements)


# --- write path ----------------------------------------------------------------------


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = ("documents", "figures", "claims", "events", "places", "contradictions")
    return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_writing_the_same_results_again_adds_nothing(store: sqlite3.Connection) -> None:
    before = _counts(store)
    outcomes = [write_result(store, result) for result in two_weeks()]
    assert {outcome.status for outcome in outcomes} == {"unchanged"}
    assert _counts(store) == before


def test_a_changed_article_at_the_same_url_is_a_linked_new_version(
    store: sqlite3.Connection,
) -> None:
    rows = store.execute(
        "SELECT id, version, previous_id, current FROM documents WHERE url LIKE '%/a10' "
        "ORDER BY version"
    ).fetchall()
    assert [(row["version"], row["current"]) for row in rows] == [(1, 0), (2, 1)]
    assert rows[1]["previous_id"] == rows[0]["id"]
    old = store.execute("SELECT current FROM figures WHERE document_id = ?", (rows[0]["id"],))
    assert [row[0] for row in old] == [0]


def test_a_wire_copy_is_kept_and_marked(store: sqlite3.Connection) -> None:
    rows = store.execute(
        "SELECT outlet, duplicate_of FROM documents WHERE text LIKE 'Russian shelling killed%' "
        "ORDER BY seq"
    ).fetchall()
    assert [row["outlet"] for row in rows] == ["Global Wire", "Euro Post"]
    assert rows[0]["duplicate_of"] is None and rows[1]["duplicate_of"] is not None


def test_a_stored_result_reads_back_equal(store: sqlite3.Connection) -> None:
    for result in two_weeks()[:3]:
        assert load_result(store, result.document.id) == result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    outlet=st.one_of(st.none(), st.text(min_size=1, max_size=20)),
)
def test_any_text_round_trips_through_the_store(text: str, outlet: str | None) -> None:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.row_factory = sqlite3.Row
    migrations.migrate(connection)
    article = Article(text + " 12 killed", published="2022-06-01", outlet=outlet)
    article.figure("12", 12, category="civilians", measure="killed")
    result = article.result()
    write_result(connection, result)
    assert load_result(connection, result.document.id) == result
    (evidence,) = connection.execute("SELECT evidence, start_char, end_char FROM figures")
    stored = load_result(connection, result.document.id).document.text
    assert stored[evidence["start_char"] : evidence["end_char"]] == evidence["evidence"]


def test_a_failed_write_leaves_nothing_behind(db: Path) -> None:
    connection = open_store(db)
    article = Article("Governor Olena Petrenko said shelling killed 3 people.")
    claim = article.claim("Olena Petrenko", "shelling killed 3 people", type="person")
    article.figure("3", 3, category="people", measure="killed", claim=claim)
    bad = article.result().model_copy(
        update={"figures": [article.figures[0], article.figures[0]]}
    )  # two figures with one id violate the primary key
    with pytest.raises(sqlite3.IntegrityError):
        write_result(connection, bad)
    assert _counts(connection)["documents"] == 0
    assert connection.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    # a close spelling must not be linked to the entity of the rolled-back article
    other = Article("Governor Olena Petrenkko said 2 people were wounded.")
    claim = other.claim("Olena Petrenkko", "2 people were wounded", type="person")
    other.figure("2", 2, category="people", measure="injured", claim=claim)
    assert write_result(connection, other.result()).status == "new"
    (row,) = connection.execute(
        "SELECT name FROM entities WHERE kind = 'claimant' AND type = 'person'"
    )
    assert row[0] == "Olena Petrenkko"


# --- queries -------------------------------------------------------------------------


def test_figures_filter_by_claimant_spelling_measure_and_dates(
    store: sqlite3.Connection,
) -> None:
    rows = queries.figures(store, Filters(claimant="Serhiy Haidai"))
    assert [(row["claimant"], row["evidence"]) for row in rows] == [
        ("Serhiy Haidai", "4"),
        ("Sergei Gadai", "four"),
    ]
    rows = queries.figures(
        store,
        Filters(measure="killed", category="soldiers", since=dt.date(2022, 6, 12),
                until=dt.date(2022, 6, 12)),
    )  # fmt: skip
    assert sorted(row["value"] for row in rows) == [20, 20, 170, 31900, 31900]
    assert queries.figures(store, Filters(country="Ukraine")) == queries.figures(
        store, Filters(country="UA")
    )


def test_pages_follow_each_other_in_date_order(store: sqlite3.Connection) -> None:
    everything = queries.figures(store, Filters(limit=None))
    pages = [queries.figures(store, Filters(limit=3, offset=o)) for o in range(0, 12, 3)]
    assert [row for page in pages for row in page] == everything
    assert [row["date"] for row in everything] == sorted(row["date"] for row in everything)


def test_newest_first_reverses_the_order_and_count_ignores_the_page(
    store: sqlite3.Connection,
) -> None:
    everything = queries.figures(store, Filters(limit=None))
    newest = queries.figures(store, Filters(limit=None, descending=True))
    assert newest == everything[::-1]
    for name in queries.LISTS:
        rows = queries.rows(store, name, Filters(limit=None))
        assert queries.count(store, name, Filters(limit=2, offset=1)) == len(rows)


def test_hedge_filter_applies_to_facts_and_to_clusters_through_their_reports(
    store: sqlite3.Connection,
) -> None:
    from claimwire.errors import InvalidOptionError

    for name in ("figures", "claims", "events"):
        every = queries.rows(store, name, Filters(limit=None))
        hedges = {row["hedge"] for row in every}
        assert name == "figures" or len(hedges) >= 2, name  # the filter must matter
        for hedge in hedges - {None}:
            rows = queries.rows(store, name, Filters(limit=None, hedge=hedge))
            assert rows == [row for row in every if row["hedge"] == hedge]
            assert queries.count(store, name, Filters(hedge=hedge)) == len(rows)
    with pytest.raises(InvalidOptionError, match="hedge"):
        queries.rows(store, "contradictions", Filters(hedge="claimed"))
    events = queries.events(store, Filters(limit=None))
    for hedge in {row["hedge"] for row in events}:
        reported = {row["cluster_id"] for row in events if row["hedge"] == hedge}
        clusters = queries.clusters(store, Filters(limit=None, hedge=hedge))
        assert {row["id"] for row in clusters} == reported


def test_superseded_versions_and_copies_only_on_request(store: sqlite3.Connection) -> None:
    plain = queries.figures(store, Filters(limit=None))
    every = queries.figures(
        store, Filters(limit=None, include_superseded=True, include_duplicates=True)
    )
    assert len(every) - len(plain) == 2
    assert 32050 not in [row["value"] for row in plain]


def test_off_topic_articles_only_on_request(store: sqlite3.Connection) -> None:
    from claimwire.models import Relevance

    storm = Article(
        "A windstorm killed 3 people in Port Alder on Monday, the fire chief said.",
        published="2022-06-07",
        outlet="Coast Herald",
        url="https://coastherald.example/storm",
    )
    c = storm.claim("Port Alder fire chief", "A windstorm killed 3 people")
    storm.figure("3", 3, category="people", measure="killed", claim=c)
    place = storm.place("Port Alder", country="CA")
    storm.event("killed", "Violence against civilians", subtype="attack", place=place, claim=c)
    acled_before = export.write_acled(store, io.StringIO(), Filters())
    result = storm.result().model_copy(
        update={"relevance": Relevance(score=0.05, relevant=False, label="other")}
    )
    write_result(store, result)
    stored = store.execute(
        "SELECT relevant, relevance_label FROM documents WHERE id = ?", (result.document.id,)
    ).fetchone()
    assert tuple(stored) == (0, "other")
    plain = queries.figures(store, Filters(limit=None))
    every = queries.figures(store, Filters(limit=None, include_offtopic=True))
    assert len(every) - len(plain) == 1
    assert 3 not in [row["value"] for row in plain]
    stream = io.StringIO()
    assert export.write_jsonl(store, stream, Filters()) == 12
    assert export.write_jsonl(store, io.StringIO(), Filters(include_offtopic=True)) == 13
    assert export.write_acled(store, io.StringIO(), Filters()) == acled_before
    assert export.write_acled(store, io.StringIO(), Filters(include_offtopic=True)) > acled_before


def test_events_filter_by_type(store: sqlite3.Connection) -> None:
    rows = queries.events(store, Filters(type="armed_clash"))
    assert [row["evidence"] for row in rows] == ["clashed", "fighting"]


def test_an_unknown_country_is_a_usage_error(store: sqlite3.Connection) -> None:
    from claimwire.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="unknown country"):
        queries.figures(store, Filters(country="Atlantis"))


# --- exports -------------------------------------------------------------------------


def test_jsonl_export_holds_the_current_results(store: sqlite3.Connection) -> None:
    stream = io.StringIO()
    assert export.write_jsonl(store, stream, Filters()) == 12
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    texts = [line["document"]["text"] for line in lines]
    assert any("32,150" in text for text in texts)
    assert not any("32,050" in text for text in texts)


def test_csv_export_of_figures(store: sqlite3.Connection) -> None:
    stream = io.StringIO()
    export.write_table_csv("figures", export.table_rows(store, "figures", Filters()), stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert len(rows) == 10
    assert rows[0]["date"] == "2022-06-06" and rows[0]["evidence"] == "31,150"
    assert {row["negated"] for row in rows} <= {"true", "false"}


def test_empty_csv_export_keeps_its_header(tmp_path: Path) -> None:
    empty = open_store(tmp_path / "empty.db")
    stream = io.StringIO()
    assert (
        export.write_table_csv("events", export.table_rows(empty, "events", Filters()), stream) == 0
    )
    header = stream.getvalue().splitlines()
    assert header == [",".join(name for name, _ in export.table_schema("events"))]


def test_table_schema_types_every_column() -> None:
    kinds = dict(export.table_schema("events"))
    assert kinds["fatalities"] == "int" and kinds["lat"] == "float"
    assert kinds["date_start"] == "date" and kinds["published"] == "date"
    assert dict(export.table_schema("figures"))["negated"] == "bool"
    assert dict(export.table_schema("clusters"))["lon"] == "float"


def test_geojson_export_has_one_point_per_located_event(store: sqlite3.Connection) -> None:
    stream = io.StringIO()
    assert export.write_geojson(store, stream, Filters()) == 2
    collection = json.loads(stream.getvalue())
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [38.43, 48.9]}
    assert first["properties"]["reports"] == 3
    assert second["geometry"]["coordinates"] == [BAKHMUT["lon"], BAKHMUT["lat"]]


def test_acled_export(store: sqlite3.Connection) -> None:
    stream = io.StringIO()
    export.write_acled(store, stream, Filters())
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0])[:31] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
        "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
        "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
        "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]  # fmt: skip
    shelling, battle = rows
    assert shelling["event_date"] == "2022-06-07" and shelling["time_precision"] == "1"
    assert shelling["disorder_type"] == "Political violence"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["actor1"] == "Armed Forces of Russia" and shelling["actor2"] == "Civilians"
    assert shelling["country"] == "Ukraine" and shelling["iso"] == "804"
    assert shelling["region"] == "Europe"
    assert shelling["fatalities"] == "4"
    assert shelling["source"] == "Global Wire; Frontline News; Moscow Herald; Euro Post"
    assert shelling["claimant"] == "Serhiy Haidai; Sergei Gadai; Government of Russia"
    assert shelling["hedge"] == "asserted; asserted; denied"
    assert shelling["timestamp"].isdigit()
    assert battle["event_type"] == "Battles" and battle["fatalities"] == "0"
    assert battle["event_date"] == "2022-06-18" and battle["reports"] == "2"


def test_acled_export_writes_news_unless_asked_for_background(store: sqlite3.Connection) -> None:
    first = store.execute("SELECT id FROM clusters ORDER BY date_start LIMIT 1").fetchone()[0]
    store.execute("UPDATE events SET status = 'background' WHERE cluster_id = ?", (first,))
    news, everything = io.StringIO(), io.StringIO()
    assert export.write_acled(store, news, Filters()) == 1
    assert export.write_acled(store, everything, Filters(), all_statuses=True) == 2
    rows = list(csv.DictReader(io.StringIO(everything.getvalue())))
    assert "background" in {row["status"] for row in rows}


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [
        ("State forces", "Civilians", "State forces-Civilians"),
        ("Civilians", "Rebel group", "Rebel group-Civilians"),
        ("External/Other forces", "State forces", "State forces-External/Other forces"),
        ("Protesters", "", "Protesters only"),
        ("", "", ""),
    ],
)
def test_acled_interaction_puts_the_lower_code_first_and_civilians_last(
    inter1: str, inter2: str, expected: str
) -> None:
    assert acled.interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "subtype", "expected"),
    [
        ("Battles", "armed_clash", "Political violence"),
        ("Riots", "mob_violence", "Political violence"),
        ("Protests", "excessive_force_against_protesters", "Political violence; Demonstrations"),
        ("Protests", "peaceful_protest", "Demonstrations"),
        ("Strategic developments", "arrests", "Strategic developments"),
    ],
)
def test_acled_disorder_type(event_type: str, subtype: str, expected: str) -> None:
    assert acled.disorder_type(event_type, subtype) == expected


def _report(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "actor1": "Gunmen", "actor2": "Civilians", "fatalities": 3, "outlet": "Wire",
        "claimant": "police", "hedge": "asserted", "status": "new", "document_id": "d1",
        "evidence": "Gunmen killed three villagers.", "context": "", "date_basis": "date",
        "date_start": "2024-03-01", "date_end": "2024-03-31", "granularity": "month",
        "published": "2024-04-02", "actors_json": '[["Gunmen", null, "militia"]]',
        "targets_json": '[["Civilians", null, "civilians"]]',
    }  # fmt: skip
    return {**base, **values}


CLUSTER = {
    "id": "c1", "type": "Violence against civilians", "subtype": "attack", "country": "NG",
    "admin1": "Zamfara", "place": "Gusau", "lat": 12.16301, "lon": 6.66412,
    "date_start": "2024-03-01",
}  # fmt: skip


def test_acled_row_follows_the_codebook_for_dates_places_and_actors() -> None:
    row = acled.acled_row(CLUSTER, [_report()], [], place_class="P", timestamp=1)
    assert row is not None
    assert (row["event_date"], row["time_precision"]) == ("2024-03-15", 3)
    assert (row["inter1"], row["inter2"]) == ("Political militia", "Civilians")
    assert row["interaction"] == "Political militia-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["country"], row["iso"], row["region"]) == ("Nigeria", 566, "Western Africa")
    assert (row["latitude"], row["geo_precision"]) == (12.163, 1)
    assert row["status"] == "new"


def test_acled_row_skips_year_dates_and_dates_by_the_report() -> None:
    year = _report(granularity="year", date_start="2017-01-01", date_end="2017-12-31")
    assert acled.acled_row(CLUSTER, [year], []) is None
    undated = _report(date_basis="published", date_start=None, granularity=None)
    row = acled.acled_row(CLUSTER, [undated], [])
    assert row is not None and (row["event_date"], row["time_precision"]) == ("2024-04-02", 2)


def test_exports_take_precision_and_second_level_region_from_the_gazetteer() -> None:
    from claimwire.store import ucdp

    county = {**CLUSTER, "place": "Kaura Namoda", "admin1": "Zamfara"}
    row = acled.acled_row(county, [_report()], [], place_class="A", place_code="ADM2",
                          admin2="Kaura Namoda")  # fmt: skip
    assert row is not None and (row["geo_precision"], row["admin2"]) == (2, "Kaura Namoda")
    town = acled.acled_row(CLUSTER, [_report()], [], place_class="P", place_code="PPL")
    assert town is not None and (town["geo_precision"], town["admin2"]) == (1, "")
    killed = _report(fatalities=3.0)
    ged = ucdp.ged_row(county, [killed], [], place_class="A", place_code="ADM2",
                       admin2="Kaura Namoda")  # fmt: skip
    assert ged is not None and (ged["where_prec"], ged["adm_2"]) == (3, "Kaura Namoda")
    country = ucdp.ged_row(CLUSTER, [killed], [], place_class="A", place_code="PCLI")
    assert country is not None and country["where_prec"] == 6


def test_acled_state_forces_abroad_are_external_forces() -> None:
    abroad = _report(actors_json='[["Armed Forces of Russia", "Russia", "state_forces"]]')
    row = acled.acled_row({**CLUSTER, "country": "UA"}, [abroad], [])
    assert row is not None and row["inter1"] == "External/Other forces"
    home = _report(actors_json='[["Armed Forces of Ukraine", "Ukraine", "state_forces"]]')
    row = acled.acled_row({**CLUSTER, "country": "UA"}, [home], [])
    assert row is not None and row["inter1"] == "State forces"
    assert row["geo_precision"] == 3  # no feature class known: not a town


def test_parquet_export(store: sqlite3.Connection, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "figures.parquet"
    assert (
        export.write_parquet("figures", export.table_rows(store, "figures", Filters()), path) == 10
    )
    table = pq.read_table(path)
    assert table.num_rows == 10
    assert sorted(table.column("value").to_pylist())[-1] == 32150
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("negated").type) == "bool"


def test_parquet_exports_of_one_table_read_together(
    store: sqlite3.Connection, tmp_path: Path
) -> None:
    """An export whose bounds are all null, or that is empty, keeps the table's types."""
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    full, empty = tmp_path / "full.parquet", tmp_path / "empty.parquet"
    rows = export.table_rows(store, "figures", Filters())
    export.write_parquet("figures", [{**row, "lower": None, "upper": None} for row in rows], full)
    export.write_parquet("figures", [], empty)
    assert pq.read_table(empty).num_columns == len(export.table_schema("figures"))
    both = pa.concat_tables([pq.read_table(full), pq.read_table(empty)])
    assert both.num_rows == len(rows)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"side": "UA", "cumulative": 0, "place_entity": "p1"},
         {"side": "UA", "cumulative": 0, "place_entity": "p1"}, True),
        ({"side": None, "cumulative": 0, "place_entity": "p1", "claimant_side": "RU"},
         {"side": "UA", "cumulative": None, "place_entity": "p1"}, True),  # RU speaks of UA
        ({"side": None, "cumulative": 0, "place_entity": "p1", "claimant_side": "UA"},
         {"side": "UA", "cumulative": None, "place_entity": "p1"}, False),  # UA of RU's
        ({"side": None, "cumulative": 0, "place_entity": "p1"},
         {"side": None, "cumulative": None, "place_entity": "p1"}, True),
        ({"side": "RU", "cumulative": 0, "place_entity": "p1"},
         {"side": "UA", "cumulative": 0, "place_entity": "p1"}, False),
        ({"side": "UA", "cumulative": 1, "place_entity": None},
         {"side": "UA", "cumulative": None, "place_entity": "p9"}, True),
        ({"side": "UA", "cumulative": 1, "place_entity": None},
         {"side": "UA", "cumulative": 0, "place_entity": None}, False),
        ({"side": "UA", "cumulative": 0, "place_entity": None},
         {"side": "UA", "cumulative": 0, "place_entity": None}, False),
        ({"side": "UA", "cumulative": 0, "place_entity": "p1"},
         {"side": "UA", "cumulative": 0, "place_entity": "p2"}, False),
    ],
)  # fmt: skip
def test_when_two_figures_count_one_thing(first: dict, second: dict, same: bool) -> None:
    from types import SimpleNamespace

    from claimwire.store.contradictions import same_referent

    assert same_referent(SimpleNamespace(**first), SimpleNamespace(**second)) is same


# --- names and settings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "kind", "same"),
    [
        ("Sergei Gadai", "Serhiy Haidai", "person", True),
        ("President Zelensky", "Volodymyr Zelenskyy", "person", True),
        ("Igor Konashenkov", "Ihor Konashenkov", "person", True),
        ("Denis Pushilin", "Denis Pushkin", "person", False),
        ("John Smith", "Jane Smyth", "person", False),
        ("Severodonetsk", "Sievierodonetsk", "place", True),
        ("Lysychansk", "Lisichansk", "place", True),
        ("Kramatorsk", "Sloviansk", "place", False),
        ("Government of Ukraine", "Government of Russia", "other", False),
    ],
)
def test_spelling_variants_of_one_name(first: str, second: str, kind: str, same: bool) -> None:
    assert similar(name_key(first), name_key(second), kind=kind) is same


def test_the_corpus_settings_file_is_valid() -> None:
    loaded = corpus_settings()
    assert loaded.version >= 1 and loaded.folding and loaded.cluster_window_days >= 0
    with pytest.raises(ValueError, match="lacks"):
        parse_settings({"version": 1})


# --- concurrency and speed -----------------------------------------------------------

WRITER = """
import sys
sys.path.insert(0, {tests!r})
from corpus_helpers import Article
from claimwire.store import open_store, write_result
connection = open_store({db!r})
for number in range(400):
    article = Article(f"Report {{number}}: shelling killed {{number}} people.",
                      published="2022-06-01", outlet="Wire")
    article.figure(f"{{number}} people", number, category="people", measure="killed")
    write_result(connection, article.result())
"""


def test_readers_work_while_a_writer_writes(db: Path) -> None:
    open_store(db).close()
    code = WRITER.format(tests=str(Path(__file__).parent), db=str(db))
    writer = subprocess.Popen([sys.executable, "-c", code])
    reader = open_store(db, readonly=True)
    seen = []
    while writer.poll() is None:
        seen.append(reader.execute("SELECT count(*) FROM figures").fetchone()[0])
        queries.figures(reader, Filters(measure="killed", limit=10))
    assert writer.wait() == 0
    seen.append(reader.execute("SELECT count(*) FROM figures").fetchone()[0])
    assert seen == sorted(seen) and seen[-1] == 400
    assert len(set(seen)) > 2  # the reader saw the store grow


def _fill(connection: sqlite3.Connection, figures: int) -> None:
    """Write ``figures`` figure rows straight into the tables (no extraction)."""
    documents = figures // 100
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO entities (id, kind, name, type) VALUES (?, 'claimant', ?, 'government')",
        [(f"claimant:c{n}", f"Claimant {n}") for n in range(50)],
    )
    connection.executemany(
        "INSERT INTO entity_names (kind, key, name, entity_id) VALUES ('claimant', ?, ?, ?)",
        [(f"claimant {n}", f"Claimant {n}", f"claimant:c{n}") for n in range(50)],
    )
    connection.executemany(
        "INSERT INTO documents (id, seq, version_key, text_hash, text, outlet, published) "
        "VALUES (?, ?, ?, ?, 'text', ?, ?)",
        [
            (
                f"d{n}",
                n,
                f"doc:d{n}",
                f"h{n}",
                f"Outlet {n % 30}",
                (dt.date(2022, 2, 24) + dt.timedelta(days=n % 700)).isoformat(),
            )
            for n in range(documents)
        ],
    )
    measures = ("killed", "injured", "destroyed", "captured")
    categories = ("civilians", "soldiers", "tanks", "children", "drones")
    series = {}
    for c in range(50):
        for measure in measures:
            for category in categories:
                series[(c, measure, category)] = f"s{c}-{measure}-{category}"
    connection.executemany(
        "INSERT INTO series (id, claimant_entity, claimant, measure, category, unit) "
        "VALUES (?, ?, ?, ?, ?, 'count')",
        [(sid, f"claimant:c{c}", f"Claimant {c}", m, k) for (c, m, k), sid in series.items()],
    )
    rows = []
    for n in range(figures):
        c, measure, category = n % 50, measures[n % 4], categories[(n // 4) % 5]
        day = (dt.date(2022, 2, 24) + dt.timedelta(days=(n * 7) % 700)).isoformat()
        rows.append(
            (f"d{n // 100}:F{n}", f"d{n // 100}", float(n % 500), category, measure,
             day, f"Claimant {c}", f"claimant:c{c}", "UA" if n % 3 else "SY",
             series[(c, measure, category)], str(n % 500), n % 2)
        )  # fmt: skip
    connection.executemany(
        "INSERT INTO figures (id, document_id, value, approx, unit, category, measure, negated, "
        "modality, status, date, date_basis, claimant, claimant_type, claimant_entity, hedge, "
        "country, series_id, start_char, end_char, evidence, cumulative) VALUES "
        "(?, ?, ?, 0, 'count', ?, ?, 0, 'actual', 'new', ?, 'as_of', ?, 'government', ?, "
        "'asserted', ?, ?, 0, 3, ?, ?)",
        rows,
    )
    connection.execute("UPDATE series SET points = 1")
    connection.execute("COMMIT")


@pytest.mark.slow
def test_queries_over_100000_figures_answer_in_under_200_ms(db: Path) -> None:
    connection = open_store(db)
    _fill(connection, 100_000)
    connection.execute("ANALYZE")
    reader = open_store(db, readonly=True)
    cases = [
        lambda: queries.figures(reader, Filters()),
        lambda: queries.figures(reader, Filters(measure="killed", category="civilians")),
        lambda: queries.figures(reader, Filters(claimant="Claimant 7", limit=100, offset=200)),
        lambda: queries.figures(
            reader, Filters(since=dt.date(2023, 1, 1), until=dt.date(2023, 1, 31), country="UA")
        ),
        lambda: queries.figures(reader, Filters(measure="destroyed", category="tanks",
                                                claimant="Claimant 2", country="Syria")),
        lambda: queries.contradictions(reader, Filters()),
        lambda: read_series(reader, Filters(claimant="Claimant 3", measure="killed", limit=10)),
    ]  # fmt: skip
    for case in cases:
        case()  # warm the page cache
        started = time.perf_counter()
        found = case()
        elapsed = time.perf_counter() - started
        assert elapsed < 0.2, f"{elapsed * 1000:.0f} ms"
        assert found is not None
    assert reader.execute("SELECT count(*) FROM figures").fetchone()[0] == 100_000


def test_corpus_frame_has_the_export_types(store: sqlite3.Connection, db: Path) -> None:
    pd = pytest.importorskip("pandas")
    from claimwire import Corpus

    with Corpus(db) as corpus:
        figures = corpus.frame("figures")
        events = corpus.frame("events", type="Battles")
    assert len(figures) == 10 and list(figures.columns)[:3] == ["id", "date", "claimant"]
    assert pd.api.types.is_datetime64_any_dtype(figures["date"])
    assert str(figures["negated"].dtype) == "boolean"
    assert str(events["fatalities"].dtype) == "Int64"
    assert set(events["type"]) == {"Battles"}


def test_a_result_as_frames_flattens_each_record() -> None:
    pytest.importorskip("pandas")
    result = two_weeks()[1]
    frames = result.to_frames()
    assert set(frames) == {
        "numbers", "figures", "claims", "places", "dates", "events", "contradictions", "problems",
    }  # fmt: skip
    figures = frames["figures"]
    assert len(figures) == len(result.figures) == 1
    row = figures.iloc[0]
    assert row["document_id"] == result.document.id
    assert (row["span.text"], row["value"], row["measure"]) == ("4", 4, "killed")
    assert row["span.start"] == result.document.text.index("4")
    assert row["place_ids"] == ["P1"]
    assert frames["claims"].iloc[0]["claimant.name"] == "Serhiy Haidai"
    empty = frames["contradictions"]
    assert empty.empty and "document_id" in empty.columns and len(empty.columns) > 3


# --- stable ids ------------------------------------------------------------------------


def _ids(connection: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    # Which of two wire copies is the original (and so whose facts count, in series and
    # contradictions) is the first one stored: those are left out.
    queries_by_table = {
        "figures": "SELECT id, measure, value FROM figures",
        "claims": "SELECT id, claimant FROM claims",
        "events": "SELECT id, cluster_id FROM events",
        "clusters": "SELECT id, reports, date_start, date_end FROM clusters",
    }
    return {
        table: {tuple(row) for row in connection.execute(sql).fetchall()}
        for table, sql in queries_by_table.items()
    }


def test_ids_do_not_depend_on_the_ingest_order(tmp_path: Path) -> None:
    results = two_weeks()
    forward = open_store(tmp_path / "forward.db")
    backward = open_store(tmp_path / "backward.db")
    for result in results:
        write_result(forward, result)
    for result in reversed(results):
        write_result(backward, result)
    ids = _ids(forward)
    assert any(reports > 1 for _, reports, _, _ in ids["clusters"])  # the test groups reports
    assert ids == _ids(backward)
    forward.close()
    backward.close()


# --- UCDP GED --------------------------------------------------------------------------

_MALI_ARMY = ("Armed Forces of Mali", "Mali", "state_forces")
_FRONT = ("Northern Liberation Front", None, "rebel")
_TOWN = {"name": "Tessaville", "gazetteer_id": "geonames:900101", "country": "ML",
         "admin1": "Gao", "feature_class": "P", "lat": 16.27, "lon": 0.05}  # fmt: skip


def _ambush(outlet: str, toll: int, claimant: str, side: str | None) -> Result:
    a = Article(
        f"Fighters of the Northern Liberation Front ambushed an army patrol near Tessaville "
        f"on Monday, killing {toll} soldiers, {claimant} said.",
        published="2023-03-08",
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '')}.example/ambush",
    )
    c = a.claim(claimant, f"killing {toll} soldiers", type="organization", side=side)
    p = a.place("Tessaville", **_TOWN)
    d = a.date("Monday", "2023-03-06")
    f = a.figure(str(toll), toll, category="soldiers", measure="killed", claim=c, place=p)
    a.event("ambushed", "Battles", subtype="armed_clash", actors=(_FRONT,),
            targets=(_MALI_ARMY,), place=p, date=d, claim=c, figures=(f,))  # fmt: skip
    return a.result()


def _raid(text: str, event_type: str, subtype: str, toll: int | None) -> Result:
    a = Article(text, published="2023-04-20", outlet="Sahel Desk",
                url=f"https://saheldesk.example/{subtype}")  # fmt: skip
    c = a.claim("residents", text, type="anonymous")
    p = a.place("Mali", name="Mali", gazetteer_id="geonames:2453866", country="ML",
                feature_class="A", lat=17.0, lon=-4.0)  # fmt: skip
    figures = ()
    if toll is not None:
        figures = (a.figure(str(toll), toll, category="civilians", measure="killed", claim=c),)
    gunmen, villagers = ("Gunmen", None, "militia"), ("Villagers", None, "civilians")
    a.event(text.split()[1], event_type, subtype=subtype, actors=(gunmen,),
            targets=(villagers,), place=p, claim=c, figures=figures)  # fmt: skip
    return a.result()


def test_ucdp_export_follows_the_ged_codebook(tmp_path: Path) -> None:
    store = open_store(tmp_path / "ged.db")
    for result in (
        _ambush("Bamako Daily", 12, "a monitoring group", None),
        _ambush("Niger Wire", 15, "the rebel group", None),
        _ambush("Desert Post", 12, "a local official", None),
        _raid("Gunmen killed 5 villagers in a raid in Mali, residents said.",
              "Violence against civilians", "attack", 5),
        _raid("Gunmen attacked a village in Mali, residents said.", "Battles", "armed_clash", None),
    ):  # fmt: skip
        write_result(store, result)
    stream = io.StringIO()
    assert export.write_ucdp(store, stream, Filters()) == 2  # the deathless clash is no GED event
    rows = {row["type_of_violence"]: row for row in csv.DictReader(io.StringIO(stream.getvalue()))}
    header = list(next(csv.reader(io.StringIO(stream.getvalue()))))
    assert len(header[: header.index("status")]) == 49 and header[:3] == ["id", "relid", "year"]
    ambush, raid = rows["1"], rows["3"]
    assert ambush["side_a"] == "Government of Mali" and ambush["gwnoa"] == "432"
    assert ambush["side_b"] == "Northern Liberation Front" and ambush["gwnob"] == ""
    assert ambush["dyad_name"] == "Government of Mali - Northern Liberation Front"
    assert (ambush["best"], ambush["low"], ambush["high"]) == ("12", "12", "15")
    assert ambush["deaths_unknown"] == "12" and ambush["deaths_a"] == "0"
    assert ambush["country"] == "Mali" and ambush["country_id"] == "432"
    assert ambush["region"] == "Africa" and ambush["adm_1"] == "Gao"
    assert ambush["where_prec"] == "1" and ambush["geom_wkt"] == "POINT (0.05 16.27)"
    assert ambush["priogrid_gid"] == str(212 * 720 + 360 + 1)
    assert (ambush["date_start"], ambush["date_end"], ambush["date_prec"]) == (
        "2023-03-06", "2023-03-06", "1")  # fmt: skip
    assert ambush["event_clarity"] == "1" and ambush["number_of_sources"] == "3"
    assert ambush["source_office"] == "Bamako Daily;Niger Wire;Desert Post"
    assert ambush["source_date"] == "2023-03-08;2023-03-08;2023-03-08"
    assert ambush["conflict_dset_id"] == "" and ambush["relid"] == ""  # UCDP's own coding
    assert raid["side_a"] == "Gunmen" and raid["side_b"] == "Civilians"
    assert raid["deaths_civilians"] == raid["best"] == "5"
    assert raid["where_prec"] == "6"  # only the country: its centroid
    assert (raid["date_start"], raid["date_end"], raid["date_prec"]) == (
        "2023-04-14", "2023-04-20", "3")  # fmt: skip
    store.close()


@pytest.mark.parametrize(
    ("lat", "lon", "cell"),
    [
        (-90.0, -180.0, 1),
        (-89.9, 179.9, 720),
        (0.0, 0.0, 180 * 720 + 360 + 1),
        (90.0, 180.0, 259200),
    ],
)
def test_priogrid_cells_count_from_the_south_west(lat: float, lon: float, cell: int) -> None:
    from claimwire.store.ucdp import priogrid

    assert priogrid(lat, lon) == cell


def test_csv_exports_take_a_byte_order_mark_on_request(store: sqlite3.Connection, db: Path) -> None:
    from click.testing import CliRunner

    from claimwire.cli import main

    for target in ("acled", "ucdp", "csv"):
        done = CliRunner().invoke(main, ["export", "--db", str(db), "--to", target, "--bom"])
        assert done.exit_code == 0 and done.output.startswith("\ufeff"), done.output
    plain = CliRunner().invoke(main, ["export", "--db", str(db), "--to", "acled"])
    assert not plain.output.startswith("\ufeff")
    refused = CliRunner().invoke(main, ["export", "--db", str(db), "--to", "jsonl", "--bom"])
    assert refused.exit_code == 2 and "--bom is for CSV exports" in refused.output
