-- claimwire store, schema 5: what the filters of lists and exports need.
-- entity_spellings keeps every spelling of a claimant or place as written (entity_names keeps
-- one spelling per folded key); documents_fts and evidence_fts index article text and the
-- evidence of figures, claims and events for keyword search (SQLite FTS5), kept up to date
-- by triggers; indexes serve the side and region filters.

CREATE TABLE entity_spellings (
    kind TEXT NOT NULL,                  -- claimant | place
    name TEXT NOT NULL,                  -- a spelling as written
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (kind, name, entity_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT kind, name, entity_id FROM entity_names;
INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT 'claimant', claimant, claimant_entity FROM claims WHERE claimant_entity IS NOT NULL;
INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT 'claimant', claimant, claimant_entity FROM figures WHERE claimant_entity IS NOT NULL;
INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT 'claimant', claimant, claimant_entity FROM events WHERE claimant_entity IS NOT NULL;
INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT 'place', mention, place_entity FROM places WHERE place_entity IS NOT NULL;
INSERT OR IGNORE INTO entity_spellings (kind, name, entity_id)
    SELECT 'place', name, place_entity FROM places
    WHERE place_entity IS NOT NULL AND name IS NOT NULL;

CREATE INDEX entities_admin1 ON entities(kind, admin1);
CREATE INDEX figures_side ON figures(side, date);
CREATE INDEX figures_place ON figures(place_entity, date);
CREATE INDEX events_place ON events(place_entity, date);
CREATE INDEX events_admin1 ON events(admin1, date);
CREATE INDEX events_actor1_side ON events(actor1_side);
CREATE INDEX events_actor2_side ON events(actor2_side);
CREATE INDEX claims_side ON claims(claimant_side);
CREATE INDEX places_entity ON places(place_entity, document_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF seq, title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    text, kind UNINDEXED, fact_id UNINDEXED,
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO evidence_fts (text, kind, fact_id)
    SELECT evidence || char(10) || coalesce(context, ''), 'figure', id FROM figures;
INSERT INTO evidence_fts (text, kind, fact_id) SELECT content, 'claim', id FROM claims;
INSERT INTO evidence_fts (text, kind, fact_id)
    SELECT evidence || char(10) || coalesce(context, ''), 'event', id FROM events;

CREATE TRIGGER figures_fts_insert AFTER INSERT ON figures BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id)
    VALUES (new.evidence || char(10) || coalesce(new.context, ''), 'figure', new.id);
END;
CREATE TRIGGER figures_fts_delete AFTER DELETE ON figures BEGIN
    DELETE FROM evidence_fts WHERE fact_id = old.id AND kind = 'figure';
END;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id) VALUES (new.content, 'claim', new.id);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM evidence_fts WHERE fact_id = old.id AND kind = 'claim';
END;
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO evidence_fts (text, kind, fact_id)
    VALUES (new.evidence || char(10) || coalesce(new.context, ''), 'event', new.id);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    DELETE FROM evidence_fts WHERE fact_id = old.id AND kind = 'event';
END;
