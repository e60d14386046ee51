"""Findings of issue 20 that no other test held (docs/reliability.md lists each finding
with the test that proves it fixed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimwire.cli import main
from claimwire.web.app import create_app


def test_the_dask_engine_checks_its_inputs_before_creating_its_parts(tmp_path: Path) -> None:
    """``ingest --engine dask`` made ``DB.parts/`` before it found its input missing."""
    pytest.importorskip("distributed")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "missing.jsonl"), "--db", str(db), "--engine", "dask"]
    )
    assert result.exit_code == 2, result.output
    assert "no such file" in result.output
    assert not (tmp_path / "c.db.parts").exists()


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_submission_dated_at_the_end_of_the_calendar_is_stored(
    tmp_path: Path, published: str
) -> None:
    """``POST /api/articles`` with the year 1 or 9999 answered 500 (an overflow in the
    store's event clusters)."""
    app = create_app(tmp_path / "cw.db", allowed_hosts=["testserver"], allow_submit=True)
    texts = [  # the second report of the event looks for a cluster around its date
        "Russian shelling killed four civilians in Kharkiv, the regional governor said.",
        "Four civilians were killed by Russian shelling in Kharkiv on Monday, police said.",
    ]
    with TestClient(app, client=("127.0.0.1", 50000)) as client:
        for text in texts:
            answer = client.post("/api/articles", json={"text": text, "published": published})
            assert answer.status_code == 201, answer.text
        article = client.get(answer.json()["api_url"]).json()
    assert article["result"]["document"]["published"].startswith(published)


def _held_after_ingest(folder: Path, lines: int) -> tuple[int, object]:
    """Bytes of Python memory an ingest of ``lines`` broken JSONL lines still holds in its
    report (traced from before the ingest to after it)."""
    import tracemalloc

    from claimwire.corpus.ingest import ingest

    corpus = folder / f"broken{lines}.jsonl"
    corpus.write_text("".join(f'{{"text": broken {n}\n' for n in range(lines)))
    tracemalloc.start()
    try:
        report = ingest([corpus], folder / f"b{lines}.db", time_budget=None, jobs=1)
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return held, report


def test_broken_lines_are_counted_not_all_kept(tmp_path: Path, nlp: object) -> None:
    """A million broken JSONL lines took 1.64 GB: the report kept every problem (about
    1.3 KB a line). It lists the first LISTED_FAILURES and counts the rest; every one is
    still recorded in the store."""
    from claimwire.corpus import ingest as module

    listed = module.LISTED_FAILURES
    few, _ = _held_after_ingest(tmp_path, listed + 200)
    many, report = _held_after_ingest(tmp_path, listed + 2_200)
    assert report.progress.failed == listed + 2_200
    assert len(report.failures) == listed
    assert report.unlisted_failures == 2_200
    per_line = (many - few) / 2_000
    assert per_line < 600, per_line  # the keys of the run's inputs only
