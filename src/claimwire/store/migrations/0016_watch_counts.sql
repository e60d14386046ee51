-- claimwire store, schema 16: each watched source's stored and not stored items, kept by
-- triggers (the sources page counted them item by item: 100,000 items took a second).

CREATE TABLE watch_source_counts (
    source TEXT PRIMARY KEY,
    stored INTEGER NOT NULL DEFAULT 0,   -- items ingested ('done')
    not_stored INTEGER NOT NULL DEFAULT 0 -- items 'failed' or 'skipped'
);
INSERT INTO watch_source_counts (source, stored, not_stored)
SELECT c.source, sum(i.status = 'done'), sum(i.status IN ('failed', 'skipped'))
FROM watch_item_sources c JOIN watch_items i ON i.id = c.item_id GROUP BY c.source;

CREATE TRIGGER watch_item_sources_count_insert AFTER INSERT ON watch_item_sources BEGIN
    INSERT OR IGNORE INTO watch_source_counts (source) VALUES (new.source);
    UPDATE watch_source_counts SET
        stored = stored + coalesce(
            (SELECT status = 'done' FROM watch_items WHERE id = new.item_id), 0),
        not_stored = not_stored + coalesce(
            (SELECT status IN ('failed', 'skipped') FROM watch_items WHERE id = new.item_id), 0)
    WHERE source = new.source;
END;
CREATE TRIGGER watch_item_sources_count_delete AFTER DELETE ON watch_item_sources BEGIN
    UPDATE watch_source_counts SET
        stored = stored - coalesce(
            (SELECT status = 'done' FROM watch_items WHERE id = old.item_id), 0),
        not_stored = not_stored - coalesce(
            (SELECT status IN ('failed', 'skipped') FROM watch_items WHERE id = old.item_id), 0)
    WHERE source = old.source;
END;
CREATE TRIGGER watch_items_count_status AFTER UPDATE OF status ON watch_items
WHEN new.status IS NOT old.status BEGIN
    UPDATE watch_source_counts SET
        stored = stored + (new.status = 'done') - (old.status = 'done'),
        not_stored = not_stored + (new.status IN ('failed', 'skipped'))
            - (old.status IN ('failed', 'skipped'))
    WHERE source IN (SELECT source FROM watch_item_sources WHERE item_id = new.id);
END;
CREATE TRIGGER watch_items_count_delete AFTER DELETE ON watch_items BEGIN
    UPDATE watch_source_counts SET
        stored = stored - (old.status = 'done'),
        not_stored = not_stored - (old.status IN ('failed', 'skipped'))
    WHERE source IN (SELECT source FROM watch_item_sources WHERE item_id = old.id);
END;
