"""A per-article memory ceiling (issue 20): an article that would take, or takes, more
memory than its limit is reported (``memory_limit_exceeded``) and the batch goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimwire
from claimwire.errors import ArticleError
from claimwire.nlp import extract
from claimwire.nlp.extract import Failure

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "Shelling killed 12 civilians in the town of Karlsburg on Monday, the regional governor "
    "said. Rescue teams were still searching the rubble of two apartment blocks.\n\n"
)
SHORT = "Three soldiers were killed near Karlsburg on Monday, the army said."


def test_an_article_estimated_over_the_limit_is_skipped_and_the_batch_goes_on() -> None:
    long = PARAGRAPH * 40  # about 6,700 characters: 4 MB at 600 bytes a character
    outcomes = list(extract.extract_many([long, SHORT], memory_limit=2 * 2**20, full=True))
    assert isinstance(outcomes[0], Failure)
    assert outcomes[0].problem.code == "memory_limit_exceeded"
    assert "memory limit of 2 MB" in outcomes[0].problem.message
    assert not isinstance(outcomes[1], Failure)
    assert [f.value for f in outcomes[1].figures] == [3]


def test_a_single_article_over_the_limit_raises_a_clear_error() -> None:
    with pytest.raises(ArticleError) as caught:
        claimwire.extract(PARAGRAPH * 40, memory_limit=2**20, full=True)
    assert caught.value.problem_code == "memory_limit_exceeded"


def test_measured_growth_over_the_limit_stops_a_long_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The estimate lets the article in; the resident set, read between the pieces and the
    components, grows 100 MB a reading (a stand-in for a real allocation, so the test does
    not depend on the allocator) and passes the 250 MB limit."""
    readings: Iterator[int] = iter(range(0, 100 * 2**30, 100 * 2**20))
    monkeypatch.setattr(extract, "resident_bytes", lambda: next(readings))
    monkeypatch.setattr(extract, "BYTES_PER_CHAR", 0)
    monkeypatch.setattr(extract, "CHUNK_CHARS", 600)
    outcomes = list(
        extract.extract_many([PARAGRAPH * 12, SHORT], memory_limit=250 * 2**20, full=True)
    )
    assert isinstance(outcomes[0], Failure)
    assert outcomes[0].problem.code == "memory_limit_exceeded"
    assert not isinstance(outcomes[1], Failure)


def test_no_limit_processes_the_long_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "CHUNK_CHARS", 600)
    (result,) = extract.extract_many([PARAGRAPH * 12], memory_limit=None, full=True)
    assert not isinstance(result, Failure)
    assert len(result.figures) == 12


@pytest.mark.load
def test_peak_memory_of_a_long_news_article_in_its_own_process() -> None:
    """``scripts/bench_memory.py`` in a fresh process: 100,000 characters of generated news
    stay under 1 GB of peak resident memory (ru_maxrss), the model included."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_memory.py"), "--chars", "100000"],
        capture_output=True, text=True, env=env, timeout=1800, check=True,
    )  # fmt: skip
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["figures"] > 500, measured
    assert measured["peak_mb"] < 1024, measured
