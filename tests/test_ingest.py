"""Ingesting a corpus: cross-document aggregation on fourteen hand-built reports, the real
ingest end to end, resuming after kill -9, and the corpus commands of the CLI."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimwire.cli import export as export_cli
from claimwire.cli import ingest as ingest_cli
from claimwire.cli import plot as plot_cli
from claimwire.cli import queries as queries_cli
from claimwire.corpus.ingest import ingest
from claimwire.store import load_result, open_store, queries, write_result
from claimwire.store.queries import Filters
from claimwire.store.series import read_series
from corpus_helpers import two_weeks


@pytest.fixture
def store(tmp_path: Path) -> sqlite3.Connection:
    connection = open_store(tmp_path / "corpus.db")
    for result in two_weeks():
        write_result(connection, result)
    yield connection
    connection.close()


# --- aggregation over fourteen reports -----------------------------------------------


def test_spellings_of_one_person_and_one_town_are_one_entity(store: sqlite3.Connection) -> None:
    names = store.execute(
        "SELECT e.name, group_concat(n.name, ' | ') FROM entity_names n "
        "JOIN entities e ON e.id = n.entity_id WHERE e.name IN ('Serhiy Haidai', 'Lysychansk') "
        "GROUP BY e.id ORDER BY e.name"
    ).fetchall()
    assert [tuple(row) for row in names] == [
        ("Lysychansk", "Lysychansk"),
        ("Serhiy Haidai", "Serhiy Haidai | Sergei Gadai"),
    ]
    (place,) = {row[0] for row in store.execute(
        "SELECT place_entity FROM events WHERE type = 'Explosions/Remote violence'")}  # fmt: skip
    assert place == "place:geonames:900001"


def test_reports_of_one_event_form_one_cluster(store: sqlite3.Connection) -> None:
    rows = queries.clusters(store, Filters())
    summary = [
        (r["type"], r["place"], r["date_start"], r["date_end"], r["reports"], r["outlets"])
        for r in rows
    ]
    assert summary == [
        ("Explosions/Remote violence", "Lysychansk", "2022-06-07", "2022-06-07", 3, 4),
        ("Battles", "Bakhmut", "2022-06-18", "2022-06-19", 2, 2),
    ]
    reports = queries.events(store, Filters(type="Explosions/Remote violence"))
    assert [(r["claimant"], r["hedge"], r["evidence"]) for r in reports] == [
        ("Serhiy Haidai", "asserted", "shelling"),
        ("Sergei Gadai", "asserted", "hit"),
        ("Government of Russia", "denied", "shelled"),
    ]
    assert len({r["cluster_id"] for r in reports}) == 1


def test_a_town_and_its_region_can_be_one_event_but_two_regions_cannot(tmp_path: Path) -> None:
    from corpus_helpers import SHELLING, Article

    town = {"gazetteer_id": "geonames:1", "name": "Kharkiv", "admin1": "Kharkiv Oblast",
            "country": "UA"}  # fmt: skip
    region = {"gazetteer_id": "iso:UA-63", "name": "Kharkiv Oblast", "admin1": "Kharkiv Oblast",
              "country": "UA"}  # fmt: skip
    other = {"gazetteer_id": "iso:UA-59", "name": "Sumy Oblast", "admin1": "Sumy Oblast",
             "country": "UA"}  # fmt: skip
    connection = open_store(tmp_path / "places.db")
    for number, (mention, place) in enumerate(
        (("Kharkiv", town), ("the Kharkiv region", region), ("the Sumy region", other))
    ):
        article = Article(f"Shelling hit {mention} on Sunday, killing 3 people.",
                          published="2022-06-13", url=f"https://x.example/{number}")  # fmt: skip
        place_id = article.place(mention, **place)
        date_id = article.date("Sunday", "2022-06-12")
        killed = article.figure("3", 3, category="people", measure="killed", place=place_id)
        total = article.figure(
            "Shelling", 900, category="people", measure="killed", cumulative=True
        )  # a running total is not this event's toll
        article.event("Shelling", SHELLING, place=place_id, date=date_id,
                      figures=(killed, total))  # fmt: skip
        write_result(connection, article.result())
    rows = queries.clusters(connection, Filters())
    assert sorted((r["place"], r["reports"]) for r in rows) == [
        ("Kharkiv", 2),
        ("Sumy Oblast", 1),
    ]
    assert {r["fatalities"] for r in queries.events(connection, Filters())} == {3}


def test_series_per_claimant_measure_category_and_side(store: sqlite3.Connection) -> None:
    found = {
        (s.claimant, s.measure, s.category, s.side, s.conflict): [
            (p.date, p.claimed, p.kind, p.total, p.computed) for p in s.points
        ]
        for s in read_series(store, Filters())
    }
    assert found == {
        ("Government of Ukraine", "killed", "soldiers", "Russia", None): [
            ("2022-06-06", 31150, "total", 31150, False),
            ("2022-06-12", 31900, "total", 31900, False),
            ("2022-06-12", 31900, "total", 31900, False),
            ("2022-06-16", 32150, "total", 32150, False),  # the corrected version, not 32,050
        ],
        ("Government of Ukraine", "destroyed", "tanks", "Russia", None): [
            ("2022-06-12", 1400, "total", 1400, False)
        ],
        # increments with no claimed running total before them: no total is made up
        ("Government of Ukraine", "killed", "soldiers", "Ukraine", "UA"): [
            ("2022-06-12", 20, "increment", None, False)
        ],
        ("Government of Russia", "killed", "soldiers", "Ukraine", "UA"): [
            ("2022-06-12", 170, "increment", None, False)
        ],
        ("UN Monitoring Mission", "killed", "soldiers", "Ukraine", "UA"): [
            ("2022-06-12", 20, "increment", None, False)
        ],
        # two spellings of one claimant are one series (the wire copy left out)
        ("Serhiy Haidai", "killed", "civilians", None, "UA"): [
            ("2022-06-07", 4, "increment", None, False),
            ("2022-06-07", 4, "increment", None, False),
        ],
    }


def test_increments_add_up_on_a_running_total(tmp_path: Path) -> None:
    from corpus_helpers import Article

    connection = open_store(tmp_path / "series.db")
    for day, text, value, cumulative in (
        ("2022-06-01", "The ministry said 1,000 soldiers have been killed so far.", 1000, True),
        ("2022-06-02", "The ministry said 30 soldiers were killed on Thursday.", 30, False),
        ("2022-06-03", "The ministry said 20 soldiers were killed on Friday.", 20, False),
        ("2022-06-04", "The ministry said 1,060 soldiers have been killed in all.", 1060, True),
    ):
        article = Article(text, published=day, outlet="Daily")
        claim = article.claim("Ministry of Defence", text[:12], type="organization")
        article.figure(f"{value:,}", value, category="soldiers", measure="killed", claim=claim,
                       cumulative=cumulative, as_of=day)  # fmt: skip
        write_result(connection, article.result())
    (series,) = read_series(connection, Filters())
    assert [(p.kind, p.claimed, p.total, p.computed) for p in series.points] == [
        ("total", 1000, 1000, False), ("increment", 30, 1030, True),
        ("increment", 20, 1050, True), ("total", 1060, 1060, False),
    ]  # fmt: skip


def test_contradictions_keep_both_sides_and_a_settled_one_stays(
    store: sqlite3.Connection,
) -> None:
    rows = queries.contradictions(store, Filters())
    found = [
        (r["kind"], r["a_claimant"], r["a_value"], r["b_claimant"], r["b_value"],
         r["settled_side"])
        for r in rows
    ]  # fmt: skip
    assert sorted(found, key=str) == sorted(
        [
            ("figures", "Government of Russia", "170", "Government of Ukraine", "20", "b"),
            ("figures", "Government of Russia", "170", "UN Monitoring Mission", "about 20", None),
            ("statements", "Serhiy Haidai", "asserted", "Government of Russia", "denied", None),
            ("statements", "Sergei Gadai", "asserted", "Government of Russia", "denied", None),
        ],
        key=str,
    )
    settled = next(r for r in rows if r["settled_side"])
    assert settled["a_evidence"] == "170" and settled["b_evidence"] == "20"
    assert "cannot both hold" in settled["reason"] and "UN Monitoring" in settled["settled_reason"]
    assert [r["kind"] for r in queries.contradictions(store, Filters(open_only=True))].count(
        "figures"
    ) == 1


def test_equal_figures_from_a_wire_copy_and_another_outlet_do_not_contradict(
    store: sqlite3.Connection,
) -> None:
    rows = queries.contradictions(store, Filters(category="civilians"))
    assert rows == []


# --- the real ingest -----------------------------------------------------------------

ARTICLES = [
    {"id": "kd-1", "outlet": "Kyiv Daily", "published": "2022-06-06",
     "url": "https://kyivdaily.example/1",
     "text": "Russian shelling killed 6 civilians in Kharkiv on Sunday, the regional "
             "governor said. Ukraine's General Staff said 31,150 Russian troops have died."},
    {"id": "gw-2", "outlet": "Global Wire", "published": "2022-06-08",
     "url": "https://wire.example/2",
     "text": "At least 12 people were wounded when missiles hit Odesa on Tuesday, "
             "officials said. Three buildings were destroyed."},
    {"id": "mh-3", "outlet": "Moscow Herald", "published": "2022-06-09",
     "url": "https://moscowherald.example/3",
     "text": "Russia's Defence Ministry said its forces destroyed 5 Ukrainian tanks near "
             "Izium on Wednesday. Kyiv did not comment."},
]  # fmt: skip


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_stores_each_article_once_and_records_broken_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "feed.jsonl", ARTICLES)
    copy = {**ARTICLES[1], "id": "ep-9", "outlet": "Euro Post", "url": "https://ep.example/9"}
    (folder / "more.jsonl").write_text(json.dumps(copy) + "\n{broken\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "corpus.db"

    report = ingest([folder], db)
    state = report.progress
    assert (state.new, state.duplicates, state.failed, state.done) == (3, 1, 2, 6)
    assert sorted(problem.code for _, problem in report.failures) == [
        "broken_record",
        "empty_text",
    ]
    again = ingest([folder], db)
    assert (again.progress.done, again.progress.skipped) == (0, 6)

    connection = open_store(db, readonly=True)
    failed = connection.execute("SELECT count(*) FROM inputs WHERE status = 'failed'")
    assert failed.fetchone()[0] == 2
    from claimwire import extract

    for record in ARTICLES:
        expected = extract(record["text"], published=record["published"],
                           outlet=record["outlet"], url=record["url"])  # fmt: skip
        stored = load_result(connection, expected.document.id)
        leave_out = {"provenance": True, "document": {"source", "external_id"}}
        assert stored.model_dump(exclude=leave_out) == expected.model_dump(exclude=leave_out)


def test_a_changed_article_with_the_same_id_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    ingest([_jsonl(tmp_path / "one.jsonl", ARTICLES[:1])], db)
    changed = {**ARTICLES[0], "text": ARTICLES[0]["text"].replace("6 civilians", "7 civilians")}
    report = ingest([_jsonl(tmp_path / "two.jsonl", [changed])], db)
    assert report.progress.versions == 1
    connection = open_store(db, readonly=True)
    rows = connection.execute("SELECT version, current FROM documents ORDER BY version")
    assert [tuple(row) for row in rows] == [(1, 0), (2, 1)]


def test_progress_is_reported_after_each_input(tmp_path: Path) -> None:
    seen = []
    ingest(
        [_jsonl(tmp_path / "feed.jsonl", ARTICLES)],
        tmp_path / "corpus.db",
        progress=lambda state: seen.append((state.done, state.total)),
        count_first=True,
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.slow
def test_the_fourteen_reports_through_the_real_ingest(tmp_path: Path) -> None:
    from claimwire import Corpus

    records = [
        {"text": r.document.text, "url": r.document.url, "outlet": r.document.outlet,
         "published": r.document.published.isoformat()}
        for r in two_weeks()
    ]  # fmt: skip
    with Corpus(tmp_path / "real.db") as corpus:
        report = corpus.ingest([_jsonl(tmp_path / "two_weeks.jsonl", records)])
        state = report.progress
        assert (state.new, state.versions, state.duplicates, state.failed) == (12, 1, 1, 0)
        texts = dict(corpus.connection.execute("SELECT id, text FROM documents"))
        for table, evidence in (("figures", "evidence"), ("claims", "content"),
                                ("events", "evidence")):  # fmt: skip
            for row in corpus.connection.execute(
                f"SELECT document_id, start_char, end_char, {evidence} FROM {table}"
            ):
                assert texts[row[0]][row[1] : row[2]] == row[3]
        assert len(corpus.figures(limit=None)) >= 1
        # the extractors find the Bakhmut figures: the contradiction shows end to end
        pairs = {(r["a_value"], r["b_value"]) for r in corpus.contradictions(type="figures")}
        assert ("170", "20") in pairs


# --- kill -9 and resume --------------------------------------------------------------

TOWNS = ["Kharkiv", "Odesa", "Izium", "Kherson", "Mykolaiv", "Sumy", "Dnipro", "Lviv"]
OUTLETS = ["Kyiv Daily", "Global Wire", "Moscow Herald", "Euro Post", "Frontline News"]
TEMPLATES = [
    "{n} civilians were killed in shelling of {town} on Monday, the governor said.",
    "Officials said {n} people were wounded when rockets hit {town} overnight.",
    "The army said it destroyed {n} tanks near {town} this week.",
    "About {n} residents were evacuated from {town}, the regional administration said.",
]


def _three_hundred(folder: Path) -> None:
    rng = random.Random(7)
    folder.mkdir()
    records = []
    for number in range(300):
        text = " ".join(
            rng.choice(TEMPLATES).format(n=rng.randint(2, 900), town=rng.choice(TOWNS))
            for _ in range(rng.randint(2, 5))
        )
        records.append({"id": f"a{number}", "text": f"Report {number}. {text}",
                        "outlet": rng.choice(OUTLETS),
                        "published": f"2022-06-{1 + number % 28:02d}"})  # fmt: skip
    for part in range(3):
        _jsonl(folder / f"feed{part}.jsonl", records[part * 100 : (part + 1) * 100])
    (folder / "broken.jsonl").write_text('{"title": "no body"}\nnot json\n', encoding="utf-8")


VOLATILE = {("results", "run_id"), ("results", "created"), ("schema_version", "applied")}


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The store's content, without what differs between runs (run ids and times)."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
    content = {}
    for table in tables:
        rows = []
        for row in connection.execute(f"SELECT * FROM {table}"):
            values = []
            for column in row.keys():  # noqa: SIM118 (sqlite3.Row)
                value = row[column]
                if (table, column) in VOLATILE:
                    continue
                if column == "result_json":
                    data = json.loads(value)
                    data.pop("provenance")
                    value = json.dumps(data, sort_keys=True)
                values.append(value)
            rows.append(tuple(values))
        content[table] = sorted(rows, key=repr)
    connection.close()
    return content


@pytest.mark.slow
def test_an_ingest_killed_at_a_random_point_finishes_on_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    _three_hundred(folder)
    crashed, clean = tmp_path / "crashed.db", tmp_path / "clean.db"
    kill_after = random.randrange(0, 280)  # 0: killed while loading, before any write
    code = (
        "import sys; from claimwire.corpus.ingest import ingest; ingest([sys.argv[1]], sys.argv[2])"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(folder), str(crashed)])
    done = 0
    while process.poll() is None and done < kill_after:
        time.sleep(0.02)
        if crashed.exists():
            try:
                reader = sqlite3.connect(f"file:{crashed}?mode=ro", uri=True)
                done = reader.execute("SELECT count(*) FROM inputs").fetchone()[0]
                reader.close()
            except sqlite3.Error:
                continue
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, f"the ingest ended before {kill_after} inputs"

    resumed = ingest([folder], crashed)
    assert resumed.progress.skipped >= kill_after
    assert resumed.progress.skipped + resumed.progress.done == 302
    ingest([folder], clean)
    assert _dump(crashed) == _dump(clean), f"killed after {kill_after} inputs"
    counts = open_store(clean, readonly=True).execute(
        "SELECT status, count(*) FROM inputs GROUP BY status ORDER BY status"
    )
    assert [tuple(row) for row in counts] == [("failed", 2), ("new", 300)]


# --- the CLI -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> click.Group:
    @click.group()
    def main() -> None:
        """Test group."""

    for commands in (ingest_cli, queries_cli, export_cli, plot_cli):
        commands.register(main)
    return main


@pytest.fixture
def db_path(store: sqlite3.Connection, tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


def test_cli_ingest_then_query(cli: click.Group, tmp_path: Path) -> None:
    feed = _jsonl(tmp_path / "feed.jsonl", ARTICLES)
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", str(feed), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    again = CliRunner().invoke(cli, ["ingest", str(feed), "--db", str(db)])
    assert "3 already done" in again.output


def test_cli_ingest_gives_plain_files_a_date_and_an_outlet(
    cli: click.Group, tmp_path: Path
) -> None:
    """Plain-text files carry no metadata: --published and --outlet fill it in."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling killed two civilians in Kharkiv on Monday.")
    db = tmp_path / "dated.db"
    options = ["--published", "2024-03-05", "--outlet", "Border Post", "-j", "1"]
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    connection = open_store(db)
    row = connection.execute("SELECT published, outlet FROM documents").fetchone()
    assert tuple(row) == ("2024-03-05", "Border Post")
    dates = {r["date"] for r in queries.figures(connection, Filters(limit=None))}
    assert dates == {"2024-03-04"}  # "Monday" resolved against the given date


def test_cli_ingest_reports_failures_with_exit_code_1(cli: click.Group, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLES[0]) + "\nnot json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(feed), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "broken_record" in result.output


def test_cli_refuses_a_foreign_database(cli: click.Group, tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a database at all" * 10)
    result = CliRunner().invoke(cli, ["figures", "--db", str(other)])
    assert result.exit_code == 2 and "not a SQLite database" in result.output


def test_cli_queries_as_json_and_csv(cli: click.Group, db_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["figures", "--db", str(db_path), "--claimant", "Gadai",
                                 "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [row["evidence"] for row in json.loads(result.output)] == ["4", "four"]
    result = runner.invoke(cli, ["contradictions", "--db", str(db_path), "--type", "figures",
                                 "--open", "-f", "csv"])  # fmt: skip
    assert result.output.count("\n") == 2 and "UN Monitoring Mission" in result.output
    result = runner.invoke(cli, ["events", "--db", str(db_path), "--clusters", "-f", "json"])
    assert [row["reports"] for row in json.loads(result.output)] == [3, 2]
    result = runner.invoke(cli, ["series", "--db", str(db_path), "--measure", "destroyed"])
    assert result.exit_code == 0 and "1,400" in result.output


def test_cli_exports(cli: click.Group, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    acled = runner.invoke(cli, ["export", "--db", str(db_path), "--to", "acled"])
    assert acled.output.splitlines()[0].startswith("event_id_cnty,event_date,year")
    geojson = runner.invoke(cli, ["export", "--db", str(db_path), "--to", "geojson"])
    assert len(json.loads(geojson.output)["features"]) == 2
    out = tmp_path / "results.jsonl"
    runner.invoke(cli, ["export", "--db", str(db_path), "--to", "jsonl", "-o", str(out)])
    assert len(out.read_text(encoding="utf-8").splitlines()) == 12
    missing = runner.invoke(cli, ["export", "--db", str(db_path), "--to", "parquet"])
    assert missing.exit_code == 2 and "--output" in missing.output


def test_cli_plots_a_series_with_a_reference(cli: click.Group, db_path: Path,
                                             tmp_path: Path) -> None:  # fmt: skip
    pytest.importorskip("matplotlib")
    reference = tmp_path / "reference.csv"
    reference.write_text("date,personnel\n2022-06-05,31000\n2022-06-15,32100\n", "utf-8")
    image = tmp_path / "series.png"
    result = CliRunner().invoke(cli, ["plot", "series", "--db", str(db_path), "--measure",
                                      "killed", "--category", "soldiers", "--reference",
                                      str(reference), "--reference-category", "soldiers",
                                      "--reference-side", "Russia", "-o", str(image)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "7 point(s) of 4 series" in result.output


def test_cli_reconcile_with_a_reference_folder(cli: click.Group, db_path: Path,
                                               tmp_path: Path) -> None:  # fmt: skip
    folder = tmp_path / "reference"
    folder.mkdir()
    days = {"2022-06-05": 31000, "2022-06-06": 31150, "2022-06-11": 31900,
            "2022-06-12": 32000, "2022-06-16": 32200}  # fmt: skip
    records = []
    for offset in range(13):
        day = f"2022-06-{5 + offset:02d}"
        records.append({"date": day, "personnel": days.get(day, 31500), "tank": 1400})
    (folder / "totals.json").write_text(json.dumps(records), encoding="utf-8")
    corrections = [{"date": "2022-01-01", "tank": -3}, {"date": "2022-12-01", "tank": 2}]
    (folder / "corrections.json").write_text(json.dumps(corrections), encoding="utf-8")
    result = CliRunner().invoke(cli, ["reconcile", "--db", str(db_path), "--reference",
                                      str(folder), "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    body = result.output[: result.output.rindex("]") + 1]
    found = [(r["date"], r["category"], r["status"], r["lag_days"], r["difference"])
             for r in json.loads(body)]  # fmt: skip
    assert sorted(found) == [
        ("2022-06-06", "soldiers", "agrees", 0, 0),
        ("2022-06-12", "soldiers", "lag", 1, -100),
        ("2022-06-12", "soldiers", "lag", 1, -100),
        ("2022-06-12", "tanks", "agrees", 0, 0),
        ("2022-06-16", "soldiers", "differs", None, -50),
    ]
    assert "3 agrees" not in result.output and "2 agrees" in result.output


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_a_date_at_the_end_of_the_calendar_is_stored(tmp_path: Path, published: str) -> None:
    """An absurd but parseable publication date clusters its events without overflowing."""
    import claimwire

    text = "Russian shelling killed four civilians in Kharkiv, the regional governor said."
    connection = open_store(tmp_path / "edge.db")
    for copy in range(2):  # the second report of the event looks for a cluster around it
        result = claimwire.extract(text + " " * copy, published=published)
        write_result(connection, result)
    rows = queries.rows(connection, "events", Filters())
    assert rows and {row["date"] for row in rows} == {published}


def test_shifted_days_stop_at_the_ends_of_the_calendar() -> None:
    import datetime as dt

    from claimwire.store.days import shift

    assert shift(dt.date(2022, 6, 14), 3) == dt.date(2022, 6, 17)
    assert shift(dt.date.max, 30) == dt.date.max
    assert shift(dt.date.min, -30) == dt.date.min


def test_corpus_queries_return_every_row_unless_a_limit_is_given(tmp_path, monkeypatch):
    """The store's pages of 100 are for the CLI and the dashboard, not for Python callers."""
    from claimwire import Corpus
    from claimwire.corpus import corpus as corpus_module

    seen = []

    def record(_connection, filters):
        seen.append(filters.limit)
        return []

    monkeypatch.setattr(corpus_module, "claims", record)
    with Corpus(tmp_path / "limits.db") as corpus:
        corpus.claims()
        corpus.claims(limit=5)
    assert seen == [None, 5]
