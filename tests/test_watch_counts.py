"""Each watched source's stored and not stored items, kept by triggers (migration 16),
equal counting them item by item, through inserts, status changes and deletions."""

from __future__ import annotations

from claimwire.store import open_store

RECOUNT = (
    "SELECT c.source, sum(i.status = 'done'), sum(i.status IN ('failed', 'skipped')) "
    "FROM watch_item_sources c JOIN watch_items i ON i.id = c.item_id "
    "GROUP BY c.source ORDER BY c.source"
)
KEPT = (
    "SELECT source, stored, not_stored FROM watch_source_counts "
    "WHERE source IN (SELECT source FROM watch_item_sources) ORDER BY source"
)


def _item(connection, number: int, status: str) -> None:
    connection.execute(
        "INSERT INTO watch_items (id, url, status, discovered, updated) VALUES (?, ?, ?, ?, ?)",
        (f"i{number}", f"https://news.example/{number}", status, "2026-01-01", "2026-01-01"),
    )


def _carried(connection, number: int, source: str) -> None:
    connection.execute(
        "INSERT INTO watch_item_sources (item_id, source, first_seen) VALUES (?, ?, ?)",
        (f"i{number}", source, "2026-01-01"),
    )


def _rows(connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in connection.execute(sql)]


def test_the_kept_source_counts_equal_a_recount(tmp_path):
    connection = open_store(tmp_path / "watch.db")
    with connection:
        for number, status in enumerate(["queued", "done", "failed", "skipped", "done"]):
            _item(connection, number, status)
            _carried(connection, number, "wire")
            if number % 2:
                _carried(connection, number, "ministry feed")
    assert (
        _rows(connection, KEPT)
        == _rows(connection, RECOUNT)
        == [
            ("ministry feed", 1, 1),
            ("wire", 2, 2),
        ]
    )
    with connection:
        connection.execute("UPDATE watch_items SET status = 'done' WHERE id IN ('i0', 'i2')")
        connection.execute("UPDATE watch_items SET status = 'failed' WHERE id = 'i1'")
        connection.execute("UPDATE watch_items SET updated = '2026-01-02'")  # no status change
        connection.execute("DELETE FROM watch_item_sources WHERE item_id = 'i3'")
        connection.execute("DELETE FROM watch_items WHERE id = 'i3'")
        connection.execute(
            "DELETE FROM watch_item_sources WHERE item_id = 'i1' AND source = 'ministry feed'"
        )
    assert _rows(connection, KEPT) == _rows(connection, RECOUNT) == [("wire", 3, 1)]
    assert _rows(connection, "SELECT * FROM watch_source_counts ORDER BY source") == [
        ("ministry feed", 0, 0),  # carries nothing any more
        ("wire", 3, 1),
    ]
    connection.close()
