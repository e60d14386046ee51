"""Shared fixtures: the real claimwire pipeline (loaded once) and the bundled example."""

from __future__ import annotations

from importlib.resources import files

import pytest

from browser_helpers import browser, page, viewport  # noqa: F401  (the browser tests' fixtures)


@pytest.fixture(scope="session")
def nlp():
    """The full claimwire pipeline on the installed English model."""
    from claimwire.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def example_text() -> str:
    """The bundled example article (a real tabloid war report shipped with the package)."""
    path = files("claimwire") / "example" / "severodonetsk-2022-06-14.txt"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_result(example_text):
    """claimwire's result on the bundled example, published 2022-06-14."""
    import claimwire

    return claimwire.extract(example_text, published="2022-06-14")
