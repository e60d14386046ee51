"""The Dask engine: same results as one process, nothing lost or duplicated when a worker dies."""

from __future__ import annotations

import json
import os
import signal

import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from claimwire.corpus.distributed import plan_partitions, read_results, run_dask
from claimwire.input.sources import read_path
from claimwire.nlp.extract import Failure, extract_many

PLACES = ["the port", "the capital", "a village", "the border town", "the airfield"]


def write_corpus(path, count=200):
    lines = []
    for n in range(count):
        place = PLACES[n % len(PLACES)]
        text = (
            f"Shelling killed {n + 1} civilians in {place} on Monday, officials said. "
            f"About {10 * (n % 7) + 5} people were injured and {n % 4} remain missing."
        )
        lines.append(json.dumps({"text": text, "id": f"a{n}", "outlet": f"Outlet {n % 3}"}))
    lines.insert(17, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summary(outcomes):
    return [
        ("failure", o.source, o.problem.code)
        if isinstance(o, Failure)
        else (o.document.id, tuple(n.value for n in o.numbers))
        for o in outcomes
    ]


def test_plan_cuts_jsonl_at_line_ends(tmp_path):
    corpus = write_corpus(tmp_path / "in.jsonl", count=20)
    plan = plan_partitions([corpus], size=6)
    assert [(p.first_line, p.end - p.start > 0) for p in plan] == [
        (1, True),
        (7, True),
        (13, True),
        (19, True),
    ]
    data = corpus.read_bytes()
    assert b"".join(data[p.start : p.end] for p in plan) == data


@pytest.mark.slow
def test_dask_run_equals_single_process_and_survives_a_killed_worker(tmp_path):
    corpus = write_corpus(tmp_path / "in.jsonl")
    expected = summary(extract_many(read_path(corpus, max_bytes=10**7)))
    assert sum(1 for entry in expected if entry[0] == "failure") == 1

    out = tmp_path / "out"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        killed = []

        def kill_a_worker(_summary, done, _total):
            if done == 1 and not killed:
                pids = client.run(os.getpid)
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        summaries = run_dask(
            [corpus], out, scheduler=cluster.scheduler_address, size=25, on_done=kill_a_worker
        )
    assert killed
    assert len(summaries) == 9
    # A task killed while writing may leave its temporary file; results never include it.
    assert summary(read_results(out)) == expected

    # A rerun removes leftovers, finds every partition done and changes nothing.
    again = run_dask([corpus], out, workers=1, size=25)
    assert all(s.skipped for s in again)
    assert not list(out.glob(".part-*.tmp"))
    assert summary(read_results(out)) == expected


@pytest.mark.slow
def test_dask_results_load_into_the_store_once(tmp_path):
    from claimwire.corpus.distributed import store_results
    from claimwire.store import open_store

    corpus = write_corpus(tmp_path / "in.jsonl", count=30)
    out = tmp_path / "out"
    run_dask([corpus], out, workers=1, size=10)
    db = tmp_path / "claimwire.db"
    assert store_results(out, db) == (30, 1, 0)
    assert store_results(out, db) == (0, 0, 31)
    connection = open_store(db)
    assert connection.execute("SELECT count(*) FROM inputs").fetchone()[0] == 31
    connection.close()


@pytest.mark.slow
def test_cli_ingest_with_the_dask_engine(tmp_path):
    from click.testing import CliRunner

    from claimwire.cli import main
    from claimwire.store import open_store

    corpus = write_corpus(tmp_path / "in.jsonl", count=20)
    db = tmp_path / "c.db"
    args = ["ingest", str(corpus), "--db", str(db), "--engine", "dask", "--dask-workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # the broken line is reported
    assert "stored 20, 1 failed" in result.output
    assert (tmp_path / "c.db.parts").is_dir()
    connection = open_store(db)
    assert connection.execute("SELECT count(*) FROM inputs").fetchone()[0] == 21
    connection.close()
