"""Templates are compiled when the app is made, once per process (issue 17: the first
request of each page paid for compiling its template)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from claimwire.store import open_store
from claimwire.web import warm
from claimwire.web.app import create_app


def _app(tmp_path):
    open_store(tmp_path / "store.db").close()
    return create_app(tmp_path / "store.db", read_only=True)


def test_every_page_template_is_compiled_when_the_app_is_made(tmp_path):
    env = _app(tmp_path).state.context.templates.env
    pages = env.list_templates(extensions=["html"])
    assert "figures.html" in pages and "claims.html" in pages
    assert env.cache is not None
    cached = {name for _, name in env.cache.keys()}  # noqa: SIM118 (Jinja's LRUCache)
    assert set(pages) <= cached


def test_a_second_app_loads_the_compiled_templates_instead_of_compiling(tmp_path, monkeypatch):
    _app(tmp_path)
    compiled: list[str] = []
    original = warm.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(str(name))
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(warm.Environment, "compile", counting)
    second = tmp_path / "second"
    second.mkdir()
    _app(second)
    assert compiled == []


def test_the_pages_choices_are_read_once_per_store_version(tmp_path):
    from claimwire.web import queries

    connection = open_store(tmp_path / "store.db")
    reads: list[int] = []

    def sides(_connection) -> list[str]:
        reads.append(1)
        return ["Russia", "Ukraine"]

    assert queries.vocabulary(connection, "test-sides", sides) == ["Russia", "Ukraine"]
    assert queries.vocabulary(connection, "test-sides", sides) == ["Russia", "Ukraine"]
    assert len(reads) == 1
    # a new article changes the store's version: the choices are read again
    connection.execute(
        "INSERT INTO documents (id, seq, version_key, text_hash, text) "
        "VALUES ('d1', 1, 'd1', 'h1', 'text')"
    )
    connection.commit()
    queries.vocabulary(connection, "test-sides", sides)
    assert len(reads) == 2
    connection.close()
