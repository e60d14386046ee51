"""The store where things go wrong (issue 20): read-only locations, refused stores left
untouched, a damaged file, a full disk, and two ingests into one store at once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwire.cli import main
from claimwire.store import open_store, write_result
from claimwire.store.errors import StoreBusyError, StoreFullError, StoreVersionError
from claimwire.store.lock import writer_lock
from corpus_helpers import Article

READ_COMMANDS = ["figures", "claims", "events", "contradictions", "series"]


def _article(index: int) -> Article:
    article = Article(
        f"Officials said {index + 12} civilians were killed in Kharkiv on Monday.",
        published="2022-06-14",
        outlet="Test Wire",
        external_id=f"a{index}",
    )
    article.figure(f"{index + 12}", index + 12, category="civilians", measure="killed")
    return article


def _build(path: Path, articles: int = 3) -> None:
    connection = open_store(path)
    for index in range(articles):
        write_result(connection, _article(index).result())
    connection.close()  # the last connection checkpoints: no -wal file is left


@contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only: chmod 555 for a user, a read-only bind mount for root
    (whom permission bits do not stop); skipped where neither is possible."""
    mounted = False
    if os.geteuid() == 0:
        bind = subprocess.run(["mount", "--bind", folder, folder], capture_output=True)
        if bind.returncode != 0:
            pytest.skip("root without mount: no read-only location")
        mounted = True
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", folder], capture_output=True)
        if remount.returncode != 0:
            subprocess.run(["umount", "--lazy", folder], check=True)
            pytest.skip("cannot remount read-only")
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            (folder / "probe").touch()
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "--lazy", folder], check=True)
        else:
            folder.chmod(0o755)


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    _build(folder / "corpus.db")
    with _read_only(folder):
        yield folder / "corpus.db"


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_commands_work_in_a_read_only_directory(read_only_store: Path, command: str) -> None:
    result = CliRunner().invoke(main, [command, "--db", str(read_only_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    if command == "figures":
        assert "Kharkiv" in result.output or "14" in result.output


@pytest.mark.parametrize("to", ["jsonl", "csv", "acled"])
def test_export_works_in_a_read_only_directory(read_only_store: Path, to: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(read_only_store), "--to", to])
    assert result.exit_code == 0, result.output
    assert "civilians" in result.output or to == "acled"


def test_serve_read_only_works_in_a_read_only_directory(read_only_store: Path) -> None:
    from fastapi.testclient import TestClient

    from claimwire.web.app import create_app

    with TestClient(
        create_app(read_only_store, read_only=True, allowed_hosts=["testserver"])
    ) as client:
        response = client.get("/api/figures")
        assert response.status_code == 200
        assert len(response.json()["items"]) == 3
        assert client.get("/").status_code == 200
    assert sorted(p.name for p in read_only_store.parent.iterdir()) == ["corpus.db"]


def test_writing_in_a_read_only_directory_says_how_to_read(read_only_store: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(read_only_store)])
    assert result.exit_code != 0
    assert "read-only" in result.output and "--read-only" in result.output
    assert "Traceback" not in result.output


def test_a_left_over_wal_in_a_read_only_directory_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "corpus.db"
    _build(db)
    writer = open_store(db)  # a writer that dies before the checkpoint leaves a -wal
    writer.execute("PRAGMA wal_autocheckpoint=0")
    write_result(writer, _article(9).result())
    snapshot = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith("-shm")}
    writer.close()
    for name, data in snapshot.items():
        (folder / name).write_bytes(data)
    assert (folder / "corpus.db-wal").stat().st_size > 0
    with _read_only(folder):
        result = CliRunner().invoke(main, ["figures", "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "write-ahead log" in result.output and "Traceback" not in result.output


def test_a_future_store_is_refused_before_it_is_switched_to_wal(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    connection = open_store(db)
    connection.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    before = db.read_bytes()
    with pytest.raises(StoreVersionError, match="newer"):
        open_store(db)
    assert db.read_bytes() == before  # byte 18/19 would say WAL (2) after the switch
    assert not (tmp_path / "future.db-wal").exists()


def _damage_figures_table(db: Path) -> None:
    connection = sqlite3.connect(db)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    (root,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'figures'")
    connection.close()
    with db.open("r+b") as stream:
        stream.seek((root[0] - 1) * page_size)
        stream.write(b"\xde\xad" * (page_size // 2))


@pytest.mark.parametrize("command", ["figures", "export"])
def test_a_damaged_store_is_one_clear_message(tmp_path: Path, command: str) -> None:
    db = tmp_path / "corpus.db"
    _build(db)
    _damage_figures_table(db)
    args = [command, "--db", str(db)] + (["--to", "csv"] if command == "export" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "[E102]" not in result.output  # the message itself, without a code prefix
    assert "is damaged" in result.output and ".recover" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, sqlite3.DatabaseError)


def test_a_full_disk_is_one_clear_message_and_keeps_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tiny file system cannot be mounted everywhere: SQLite's max_page_count makes the
    store full the same way (SQLITE_FULL)."""
    from claimwire.corpus import ingest as ingest_module

    db = tmp_path / "corpus.db"
    _build(db)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index in range(3):
        (inputs / f"{index}.txt").write_text(_article(20 + index).text, encoding="utf-8")
    results = iter(_article(20 + index).result() for index in range(3))
    monkeypatch.setattr(
        ingest_module, "extract_parallel", lambda items, **_: [next(results) for _ in items]
    )
    connection = open_store(db)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StoreFullError, match="disk is full") as raised:
        ingest_module.ingest([inputs], connection)
    assert "go on where it stopped" in str(raised.value) or "goes on" in str(raised.value)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    marked = connection.execute("SELECT count(*) FROM inputs").fetchone()[0]
    assert 3 <= stored < 6  # not every article fitted ...
    assert marked == stored - 3  # ... and each one stored is whole, with its input done
    connection.close()


def test_a_second_writer_is_refused_or_waits_with_a_message(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    _build(db)
    waited: list[str] = []
    busy = pytest.raises(StoreBusyError, match="another ingest")
    with writer_lock(db), busy, writer_lock(db, wait=False):
        pass
    with writer_lock(db, wait=False, on_wait=waited.append):
        pass  # free again once the holder is done
    assert waited == []


HOLD = """
import sys
from pathlib import Path
from claimwire.store.lock import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()  # hold the lock until the test says so
"""


def test_two_processes_ingest_one_store_one_after_the_other(tmp_path: Path) -> None:
    """A second ingest waits for the first (and says so), then goes on: each run keeps its
    inputs' status, none overwrites the other's."""
    db = tmp_path / "corpus.db"
    _build(db)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Officials said 3 soldiers were wounded.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    ingest = [sys.executable, "-m", "claimwire.cli", "ingest", str(inputs), "--db", str(db)]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    waiting = None
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        refused = subprocess.run(
            [*ingest, "--no-wait", "-q"], capture_output=True, text=True, env=env
        )
        assert refused.returncode == 2, refused.stderr
        assert f"another ingest (process {holder.pid}) is writing to" in refused.stderr
        assert "Traceback" not in refused.stderr
        waiting = subprocess.Popen([*ingest, "-q"], stderr=subprocess.PIPE, env=env, text=True)
        assert waiting.stderr is not None
        assert "waiting for it to finish" in waiting.stderr.readline()
        assert waiting.poll() is None  # still waiting: nothing written yet
        with sqlite3.connect(db) as reader:
            assert reader.execute("SELECT count(*) FROM inputs").fetchone()[0] == 0
        holder.communicate("release\n", timeout=30)
        assert waiting.wait(timeout=300) == 0, waiting.stderr.read()
        with sqlite3.connect(db) as reader:
            statuses = reader.execute("SELECT status FROM inputs").fetchall()
        assert statuses == [("new",)]
    finally:
        for process in (holder, waiting):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def test_another_article_with_a_superseded_text_gets_its_facts_shown(tmp_path: Path) -> None:
    """Article a1 changes its text; article b1 then carries a1's old text. b1 was marked
    "unchanged" against a1's superseded version, so its facts stayed hidden."""
    connection = open_store(tmp_path / "corpus.db")
    first = _article(1)
    assert write_result(connection, first.result()).status == "new"
    changed = Article("Officials said 40 civilians were killed.", external_id="a1")
    changed.figure("40", 40, category="civilians", measure="killed")
    assert write_result(connection, changed.result()).status == "version"
    same_text = Article(first.text, published="2022-06-14", outlet="Other", external_id="b1")
    same_text.figure("13", 13, category="civilians", measure="killed")
    outcome = write_result(connection, same_text.result())
    assert outcome.status == "new"
    assert outcome.document_id != first.result().document.id
    shown = connection.execute(
        "SELECT f.value FROM figures f JOIN documents d ON d.id = f.document_id "
        "WHERE d.current = 1 ORDER BY f.value"
    ).fetchall()
    assert [row[0] for row in shown] == [13, 40]
    assert write_result(connection, same_text.result()).status == "unchanged"  # idempotent


@pytest.mark.parametrize("offset", [10, 20_000])
def test_a_nul_byte_anywhere_makes_the_file_binary(tmp_path: Path, offset: int) -> None:
    """One rule for a NUL byte, wherever it is: the file is reported and skipped (a NUL
    after the first 8 KB was dropped silently, one before rejected the file)."""
    from claimwire.input.sources import InputFailure, read_sources

    text = ("Officials said 3 soldiers were wounded. " * 1000).encode()
    path = tmp_path / "nul.txt"
    path.write_bytes(text[:offset] + b"\x00" + text[offset:])
    (failure,) = list(read_sources([str(path)], max_bytes=10**7))
    assert isinstance(failure, InputFailure)
    assert failure.problem.code == "binary_input"
    assert f"NUL byte at byte {offset}" in failure.problem.message
