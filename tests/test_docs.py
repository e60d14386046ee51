"""The Python examples of the docs run as written (a page that says how to use claimwire
must work when copied)."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = ("spacy.md", "output.md")


def _examples(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


@functools.cache
def _run(page: str, index: int) -> str:
    """Run one example in a fresh interpreter; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", _examples(page)[index]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize(
    ("page", "index"),
    [(page, index) for page in PAGES for index in range(len(_examples(page)))],
)
def test_python_example_runs(page: str, index: int) -> None:
    assert _run(page, index).strip(), "the example prints what it shows"


def test_spacy_page_examples_print_what_they_promise() -> None:
    first, second, third = (_run("spacy.md", index) for index in range(3))
    assert "four 4.0 killed civilians" in first and "asserted" in first
    assert second.strip() == "[('About 500', 500.0), ('40', 40.0)]"
    assert third.strip() == "[1, 0]"
