"""The store's tables, columns and filters: one definition each (the row types, one builder)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from claimwire.store import open_store, queries
from claimwire.store.filters import Condition, Filters, where
from claimwire.store.rows import TABLE_ROWS, columns, pick
from claimwire.store.tables import insert


@pytest.fixture
def connection(tmp_path):
    connection = open_store(tmp_path / "store.db")
    yield connection
    connection.close()


def table_columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(row["name"] for row in connection.execute(f"PRAGMA table_info({table})"))


@pytest.mark.parametrize("row_type", TABLE_ROWS, ids=lambda row_type: row_type.TABLE)
def test_row_types_have_the_columns_of_their_tables(connection, row_type):
    assert columns(row_type) == table_columns(connection, row_type.TABLE)


def test_every_table_has_a_row_type(connection):
    master = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    found = {row["name"]: row["sql"] or "" for row in master}
    indexes = {name for name, sql in found.items() if sql.startswith("CREATE VIRTUAL TABLE")}
    assert indexes == {"documents_fts", "evidence_fts"}  # full-text indexes, not tables of rows
    tables = {name for name in found if not any(name.startswith(f"{index}_") for index in indexes)}
    tables = {name for name in tables if not name.startswith("sqlite_stat")}  # the planner's
    assert tables - {"schema_version"} - indexes == {row_type.TABLE for row_type in TABLE_ROWS}


def test_picking_a_column_the_table_lacks_fails():
    from claimwire.store.rows import FigureRow

    assert pick(FigureRow, "id date") == ("id", "date")
    with pytest.raises(ValueError, match="not columns of figures: colour"):
        pick(FigureRow, "id colour")


def test_query_lists_select_what_they_name(connection):
    for name, query in queries.LISTS.items():
        cursor = connection.execute(*query.sql(Filters()))
        selected = tuple(item[0] for item in cursor.description)
        expected = getattr(queries, f"{name[:-1].upper()}_COLUMNS")
        assert selected == expected


def test_cli_table_columns_are_columns_of_their_lists():
    from claimwire.cli import queries as cli_queries

    for name in queries.LISTS:
        assert set(cli_queries.TABLE_COLUMNS[name]) <= set(
            getattr(queries, f"{name[:-1].upper()}_COLUMNS")
        )


def test_insert_ignores_or_replaces_a_taken_key(connection):
    from claimwire.store.rows import InputRow

    first = InputRow(key="k", source="a", status="new")
    assert insert(connection, [first]) == 1
    assert insert(connection, [InputRow(key="k", source="b", status="x")], or_else="IGNORE") == 0
    assert insert(connection, [InputRow(key="k", source="c", status="y")], or_else="REPLACE") == 1
    row = connection.execute("SELECT source, status FROM inputs").fetchone()
    assert tuple(row) == ("c", "y")
    with pytest.raises(sqlite3.IntegrityError):
        insert(connection, [first])


def test_where_binds_every_value():
    hostile = "x' OR 1 = 1 --"
    filters = Filters(outlet=hostile, since=dt.date(2022, 6, 1), include_superseded=True)
    clauses = (
        "a.points > 0",
        Condition("include_superseded", "a.current = 1", None, when_off=True),
        Condition("since", "a.date >= ?", lambda value: (str(value),)),
        Condition("outlet", "a.outlet LIKE ?"),
        Condition("measure", "a.measure = ?"),
    )
    sql, params = where(filters, clauses)
    assert sql == " WHERE a.points > 0 AND a.date >= ? AND a.outlet LIKE ?"
    assert params == ["2022-06-01", hostile]
    assert where(Filters(), ()) == ("", [])
    assert where(Filters(), clauses[1:2]) == (" WHERE a.current = 1", [])


def test_hedge_is_refused_where_rows_have_none(connection):
    from claimwire.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="does not apply to contradictions"):
        queries.rows(connection, "contradictions", Filters(hedge="claimed"))
    assert queries.rows(connection, "clusters", Filters(hedge="claimed")) == []  # its reports'


def test_each_list_names_the_filters_it_answers():
    assert {"actor", "side", "subtype", "place", "admin1", "keyword", "hedge"} <= (
        queries.LISTS["clusters"].fields
    )
    assert "actor" not in queries.LISTS["figures"].fields
    assert {"side", "place", "admin1", "keyword"} <= queries.LISTS["claims"].fields
    assert "measure" not in queries.ARTICLE_FIELDS and "keyword" in queries.ARTICLE_FIELDS
