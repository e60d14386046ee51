-- claimwire store, schema 15: the countries and first-level regions of each claim (those
-- of the places its article names), in the claims' date order, so that the claims of a
-- country or a region are one range of an index (before: each claim's article was looked
-- up in places_document, 30,000 lookups to count 10,001 claims of a country, and a rare
-- region's claims were found by reading every claim).
--
-- A claim's areas are its article's: ('country', the country of a place the article
-- names) and ('admin1', the first-level region of the canonical place of a mention). The
-- other columns repeat the claim's (those its list filters read), kept by the triggers
-- below: a claim gets its rows when it is inserted (its article's places are inserted
-- before its claims, store/aggregate.py), and follows its version (current). A bulk load
-- fills the table with the same SELECT (store/bulk.py, CLAIM_AREAS); a test compares the
-- two.

CREATE TABLE claim_areas (
    id TEXT NOT NULL,          -- the claim
    level TEXT NOT NULL,       -- country | admin1
    name TEXT NOT NULL,        -- an ISO country code, or a region's gazetteer name
    date TEXT,
    current INTEGER NOT NULL,
    duplicate INTEGER NOT NULL,
    document_id TEXT NOT NULL,
    claimant_entity TEXT,
    claimant_side TEXT,
    hedge TEXT NOT NULL,
    PRIMARY KEY (id, level, name)
) WITHOUT ROWID;

INSERT INTO claim_areas (
    id, level, name, date, current, duplicate, document_id, claimant_entity, claimant_side, hedge
)
SELECT c.id, a.level, a.name, c.date, c.current, c.duplicate, c.document_id,
       c.claimant_entity, c.claimant_side, c.hedge
FROM (
    SELECT document_id, 'country' AS level, country AS name FROM places
    WHERE country IS NOT NULL
    UNION
    SELECT p.document_id, 'admin1', e.admin1 FROM places p JOIN entities e ON e.id = p.place_entity
    WHERE e.admin1 IS NOT NULL
) a
JOIN claims c ON c.document_id = a.document_id;

-- An area's claims in date order, with the columns the claims' filters read.
CREATE INDEX claim_areas_date ON claim_areas(
    level, name, date, id, current, duplicate, document_id, claimant_entity, claimant_side, hedge
);

CREATE TRIGGER claim_areas_insert AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO claim_areas (
        id, level, name, date, current, duplicate, document_id, claimant_entity,
        claimant_side, hedge
    )
    SELECT new.id, 'country', p.country, new.date, new.current, new.duplicate,
           new.document_id, new.claimant_entity, new.claimant_side, new.hedge
    FROM places p WHERE p.document_id = new.document_id AND p.country IS NOT NULL;
    INSERT OR IGNORE INTO claim_areas (
        id, level, name, date, current, duplicate, document_id, claimant_entity,
        claimant_side, hedge
    )
    SELECT new.id, 'admin1', e.admin1, new.date, new.current, new.duplicate,
           new.document_id, new.claimant_entity, new.claimant_side, new.hedge
    FROM places p JOIN entities e ON e.id = p.place_entity
    WHERE p.document_id = new.document_id AND e.admin1 IS NOT NULL;
END;

CREATE TRIGGER claim_areas_current AFTER UPDATE OF current ON claims BEGIN
    UPDATE claim_areas SET current = new.current WHERE id = new.id;
END;

CREATE TRIGGER claim_areas_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_areas WHERE id = old.id;
END;

-- The same for articles: an article's countries and regions, with the columns the
-- article list filters and orders by (documents_current_published's), so that the
-- articles of a country or region are one range of article_areas_published. An article
-- gets its rows as its places are inserted (after the article), and follows its version.
CREATE TABLE article_areas (
    id TEXT NOT NULL,          -- the article
    level TEXT NOT NULL,       -- country | admin1
    name TEXT NOT NULL,
    current INTEGER NOT NULL,
    published TEXT,
    seq INTEGER NOT NULL,
    duplicate_of TEXT,
    relevant INTEGER,
    PRIMARY KEY (id, level, name)
) WITHOUT ROWID;

INSERT INTO article_areas (id, level, name, current, published, seq, duplicate_of, relevant)
SELECT d.id, a.level, a.name, d.current, d.published, d.seq, d.duplicate_of, d.relevant
FROM (
    SELECT document_id, 'country' AS level, country AS name FROM places
    WHERE country IS NOT NULL
    UNION
    SELECT p.document_id, 'admin1', e.admin1 FROM places p JOIN entities e ON e.id = p.place_entity
    WHERE e.admin1 IS NOT NULL
) a
JOIN documents d ON d.id = a.document_id;

CREATE INDEX article_areas_published ON article_areas(
    level, name, current, published, seq, duplicate_of, relevant
);

CREATE TRIGGER article_areas_insert AFTER INSERT ON places BEGIN
    INSERT OR IGNORE INTO article_areas (
        id, level, name, current, published, seq, duplicate_of, relevant
    )
    SELECT d.id, 'country', new.country, d.current, d.published, d.seq, d.duplicate_of,
           d.relevant
    FROM documents d WHERE d.id = new.document_id AND new.country IS NOT NULL;
    INSERT OR IGNORE INTO article_areas (
        id, level, name, current, published, seq, duplicate_of, relevant
    )
    SELECT d.id, 'admin1', e.admin1, d.current, d.published, d.seq, d.duplicate_of,
           d.relevant
    FROM documents d JOIN entities e ON e.id = new.place_entity
    WHERE d.id = new.document_id AND e.admin1 IS NOT NULL;
END;

CREATE TRIGGER article_areas_current AFTER UPDATE OF current ON documents BEGIN
    UPDATE article_areas SET current = new.current WHERE id = new.id;
END;
