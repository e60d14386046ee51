-- claimwire store, schema 9: keyword search that stays fast on a word found in nearly every
-- row. evidence_fts_rows (part of the full-text index: only its triggers write it) maps each fact to its row of evidence_fts, so a list can check its own
-- rows one by one (newest first, stopping at a page) instead of collecting every match;
-- the triggers keep it up to date and delete a fact's evidence by that row, not by a scan.

CREATE TABLE evidence_fts_rows (
    fact_id TEXT PRIMARY KEY,            -- a figure, claim or event id
    kind TEXT NOT NULL,                  -- figure | claim | event
    fts_rowid INTEGER NOT NULL           -- its row in evidence_fts
) WITHOUT ROWID;

INSERT OR REPLACE INTO evidence_fts_rows (fact_id, kind, fts_rowid)
    SELECT fact_id, kind, rowid FROM evidence_fts ORDER BY rowid;

DROP TRIGGER figures_fts_insert;
DROP TRIGGER figures_fts_delete;
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER events_fts_insert;
DROP TRIGGER events_fts_delete;

CREATE TRIGGER figures_fts_insert AFTER INSERT ON figures BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id)
    VALUES (new.evidence || char(10) || coalesce(new.context, ''), 'figure', new.id);
    INSERT OR REPLACE INTO evidence_fts_rows (fact_id, kind, fts_rowid)
    VALUES (new.id, 'figure', last_insert_rowid());
END;
CREATE TRIGGER figures_fts_delete AFTER DELETE ON figures BEGIN
    DELETE FROM evidence_fts
    WHERE rowid = (SELECT fts_rowid FROM evidence_fts_rows WHERE fact_id = old.id);
    DELETE FROM evidence_fts_rows WHERE fact_id = old.id;
END;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id) VALUES (new.content, 'claim', new.id);
    INSERT OR REPLACE INTO evidence_fts_rows (fact_id, kind, fts_rowid)
    VALUES (new.id, 'claim', last_insert_rowid());
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM evidence_fts
    WHERE rowid = (SELECT fts_rowid FROM evidence_fts_rows WHERE fact_id = old.id);
    DELETE FROM evidence_fts_rows WHERE fact_id = old.id;
END;
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id)
    VALUES (new.evidence || char(10) || coalesce(new.context, ''), 'event', new.id);
    INSERT OR REPLACE INTO evidence_fts_rows (fact_id, kind, fts_rowid)
    VALUES (new.id, 'event', last_insert_rowid());
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    DELETE FROM evidence_fts
    WHERE rowid = (SELECT fts_rowid FROM evidence_fts_rows WHERE fact_id = old.id);
    DELETE FROM evidence_fts_rows WHERE fact_id = old.id;
END;
