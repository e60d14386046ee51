"""``claimwire watch`` killed with SIGKILL mid-poll, then started again, leaves the store
equal to an uninterrupted run, and fetches nothing it had fetched before the kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from watch_helpers import Site, rss, serving

TOWNS = [
    "Kharkiv",
    "Bakhmut",
    "Kherson",
    "Mariupol",
    "Sumy",
    "Odesa",
    "Zaporizhzhia",
    "Dnipro",
    "Lviv",
    "Izium",
    "Mykolaiv",
    "Chernihiv",
    "Poltava",
    "Vinnytsia",
    "Lysychansk",
    "Sievierodonetsk",
    "Kramatorsk",
    "Sloviansk",
    "Avdiivka",
    "Pokrovsk",
    "Melitopol",
    "Berdiansk",
    "Nikopol",
    "Kupiansk",
]

VOLATILE = {
    "documents": {"seq"},  # the order of arrival: fetches finish in any order
    "article_areas": {"seq"},  # the article's arrival, copied for the article list's order
    "results": {"run_id", "created"},
    "schema_version": {"applied"},
    "watch_sources": {"last_poll", "last_success", "next_poll"},
    "watch_items": {"discovered", "updated"},
    "watch_item_sources": {"first_seen"},
}


def article(number: int) -> str:
    town = TOWNS[number]
    return (
        f"<!DOCTYPE html><html><head><title>{town} report</title></head><body><article>"
        f"<h1>{town} report</h1><p>At least {number + 3} civilians were killed in the shelling "
        f"of {town} on Monday, the regional governor said.</p><p>Rescue teams worked through "
        "the night, officials added in a statement on Tuesday.</p></article></body></html>"
    )


def dump(db: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    content = {}
    for table in tables:
        if "_fts_" in table:
            continue  # full-text index internals (keyed by arrival); the index is compared
        skip = VOLATILE.get(table, set())
        rows = [
            tuple(_value(name, row[name]) for name in row.keys() if name not in skip)  # noqa: SIM118
            for row in connection.execute(f"SELECT * FROM {table}")
        ]
        content[table] = sorted(rows, key=repr)
    connection.close()
    return content


def _value(column: str, value: object) -> object:
    if column != "result_json":
        return value
    data = json.loads(str(value))
    data.pop("provenance")  # the run's id and time
    return json.dumps(data, sort_keys=True)


def watch(db: Path, sources: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "claimwire.cli", "watch", "--db", str(db)]
    return subprocess.Popen(
        [*command, "--sources", str(sources), "--once", "--log-format", "json"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )


def states(db: Path) -> dict[str, str]:
    try:
        reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return dict(reader.execute("SELECT url, status FROM watch_items"))
        finally:
            reader.close()
    except sqlite3.Error:
        return {}


@pytest.mark.slow
def test_a_watcher_killed_mid_poll_resumes_to_the_same_store(tmp_path):
    with serving(Site()) as site:
        links = [
            (site.add(f"/news/{n}.html", article(n), delay=0.05), f"{TOWNS[n]} report")
            for n in range(len(TOWNS))
        ]
        sources = tmp_path / "sources.toml"
        folder = tmp_path / "drop"
        folder.mkdir()
        for n in range(3):
            (folder / f"local{n}.txt").write_text(
                f"Local desk note {n}. Two soldiers were wounded near {TOWNS[n]} on Sunday.\n"
            )
        feed = site.add("/rss.xml", rss(links), etag='"1"')
        sources.write_text(
            "[watch]\nhost_delay = 0.0\nhost_concurrency = 2\nfetch_workers = 2\n\n"
            f'[[source]]\nname = "rss"\nkind = "feed"\nurl = "{feed}"\n\n'
            f'[[source]]\nname = "drop"\nkind = "folder"\npath = "{folder}"\n'
        )
        clean = watch(tmp_path / "clean.db", sources)
        _, log = clean.communicate(timeout=240)
        assert clean.returncode == 0, log.decode()[-2000:]
        assert all(site.full[f"/news/{n}.html"] == 1 for n in range(len(TOWNS)))
        site.full.clear()

        crashed = tmp_path / "crashed.db"
        process = watch(crashed, sources)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            found = states(crashed)
            if sum(status == "done" for status in found.values()) >= 6:
                break
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL, "the watcher ended before the kill"
        before = states(crashed)
        had = {url for url, status in before.items() if status in ("fetched", "done")}
        assert 6 <= len(had) < len(TOWNS) + 3  # killed mid-poll

        again = watch(crashed, sources)
        _, log = again.communicate(timeout=240)
        assert again.returncode == 0, log.decode()[-2000:]

    assert dump(crashed) == dump(tmp_path / "clean.db")
    for url in had:
        if url.startswith("http"):
            path = url.split("/", 3)[3]
            assert site.full[f"/{path}"] == 1, f"{url} was fetched before the kill and again"
    assert sum(site.full[f"/news/{n}.html"] for n in range(len(TOWNS))) <= len(TOWNS) + 2
    assert b'"event": "stored"' in log


def test_sigterm_stops_a_running_watcher_gracefully(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text("Two soldiers were wounded near Sumy on Sunday, police said.\n")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "drop"\nkind = "folder"\npath = "{folder}"\n')
    db = tmp_path / "w.db"
    command = [sys.executable, "-m", "claimwire.cli", "watch", "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--sources", str(sources), "--log-format", "json"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "done" not in states(db).values():
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, log = process.communicate(timeout=30)
    assert process.returncode == 0, log.decode()[-2000:]
    events = [
        json.loads(line)["event"] for line in log.decode().splitlines() if line.startswith("{")
    ]
    assert events[0] == "start" and "stored" in events
    assert "signal" in events and events[-1] == "stop"
