-- claimwire store, schema 11: what keeps the activity charts, the change feed and the
-- contradictions of an article fast on a store of a million articles.

-- The change feed (/api/changes) reads the newest arrivals first through this index.
CREATE INDEX results_created ON results(created, document_id);

-- An article's contradictions (either side, or the one that found them).
CREATE INDEX contradictions_a_document ON contradictions(a_document);
CREATE INDEX contradictions_b_document ON contradictions(b_document);
CREATE INDEX contradictions_detected_by ON contradictions(detected_by);

-- Event reports dated after their article's publication (left out of the charts and
-- counted under them): few, so listed through this partial index.
CREATE INDEX events_late ON events(date) WHERE date > substr(published, 1, 10);

-- The activity charts (store/tallies.py), kept by the write path for every country
-- (country '' is all of them). Of the reports that count (current, not a wire copy, of
-- an on-topic article, dated no later than their article's publication):
-- one row per event (cluster) and country: its first day, last date and type;
CREATE TABLE activity_clusters (
    key TEXT NOT NULL,                  -- the cluster's id (a report without one: its id)
    country TEXT NOT NULL,
    day TEXT NOT NULL,                  -- the first day of its reports
    last TEXT NOT NULL,                 -- the latest date of its reports
    type TEXT NOT NULL,                 -- the smallest type of its reports
    PRIMARY KEY (key, country)
) WITHOUT ROWID;
CREATE INDEX activity_clusters_last ON activity_clusters(country, last);

-- one row per event, country and claimant with a death toll: the highest it gave;
CREATE TABLE activity_claims (
    key TEXT NOT NULL,
    country TEXT NOT NULL,
    who TEXT NOT NULL,                  -- the canonical claimant, else the name as written
    day TEXT NOT NULL,                  -- the first day of its reports with a toll
    best REAL NOT NULL,
    written TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- the claimant's type
    PRIMARY KEY (key, country, who)
) WITHOUT ROWID;

-- and their sums per day: events per type, fatalities per claimant.
CREATE TABLE activity_days (
    country TEXT NOT NULL,
    day TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (country, day, type)
) WITHOUT ROWID;
CREATE INDEX activity_days_empty ON activity_days(events) WHERE events = 0;

CREATE TABLE activity_claim_days (
    country TEXT NOT NULL,
    day TEXT NOT NULL,
    who TEXT NOT NULL,
    fatalities REAL NOT NULL,
    events INTEGER NOT NULL,
    written TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (country, who, day)
) WITHOUT ROWID;
CREATE INDEX activity_claim_days_empty ON activity_claim_days(events) WHERE events = 0;

-- Backfill from the stored reports (the same selection as store/tallies.py).
INSERT INTO activity_clusters (key, country, day, last, type)
SELECT key, country, min(day), max(date), min(type) FROM (
    SELECT coalesce(e.cluster_id, e.id) AS key, '' AS country, substr(e.date, 1, 10) AS day,
        e.date AS date, e.type AS type
    FROM events e
    WHERE e.current = 1 AND e.duplicate = 0
        AND e.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)
        AND e.date IS NOT NULL AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))
    UNION ALL
    SELECT coalesce(e.cluster_id, e.id), e.country, substr(e.date, 1, 10), e.date, e.type
    FROM events e
    WHERE e.current = 1 AND e.duplicate = 0
        AND e.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)
        AND e.date IS NOT NULL AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))
        AND e.country IS NOT NULL
)
GROUP BY key, country;

INSERT INTO activity_claims (key, country, who, day, best, written, kind)
SELECT key, country, who, min(day), max(fatalities), min(written), min(kind) FROM (
    SELECT coalesce(e.cluster_id, e.id) AS key, '' AS country,
        coalesce(e.claimant_entity, e.claimant) AS who, substr(e.date, 1, 10) AS day,
        e.fatalities AS fatalities, e.claimant AS written, e.claimant_type AS kind
    FROM events e
    WHERE e.current = 1 AND e.duplicate = 0
        AND e.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)
        AND e.date IS NOT NULL AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))
        AND e.fatalities IS NOT NULL
    UNION ALL
    SELECT coalesce(e.cluster_id, e.id), e.country, coalesce(e.claimant_entity, e.claimant),
        substr(e.date, 1, 10), e.fatalities, e.claimant, e.claimant_type
    FROM events e
    WHERE e.current = 1 AND e.duplicate = 0
        AND e.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)
        AND e.date IS NOT NULL AND (e.published IS NULL OR e.date <= substr(e.published, 1, 10))
        AND e.fatalities IS NOT NULL AND e.country IS NOT NULL
)
GROUP BY key, country, who;

INSERT INTO activity_days (country, day, type, events)
SELECT country, day, type, count(*) FROM activity_clusters GROUP BY country, day, type;

INSERT INTO activity_claim_days (country, day, who, fatalities, events, written, kind)
SELECT country, day, who, sum(best), count(*), min(written), min(kind) FROM activity_claims
GROUP BY country, who, day;

-- The overview's counts of current facts (not wire copies), kept by triggers: counting a
-- table of millions of rows took a second per request.
CREATE TABLE fact_counts (
    name TEXT PRIMARY KEY,              -- figures, claims, events
    counted INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO fact_counts (name, counted)
SELECT 'figures', count(*) FROM figures WHERE current = 1 AND duplicate = 0;
INSERT INTO fact_counts (name, counted)
SELECT 'claims', count(*) FROM claims WHERE current = 1 AND duplicate = 0;
INSERT INTO fact_counts (name, counted)
SELECT 'events', count(*) FROM events WHERE current = 1 AND duplicate = 0;

CREATE TRIGGER figures_count_insert AFTER INSERT ON figures
WHEN new.current = 1 AND new.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted + 1 WHERE name = 'figures';
END;
CREATE TRIGGER figures_count_delete AFTER DELETE ON figures
WHEN old.current = 1 AND old.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted - 1 WHERE name = 'figures';
END;
CREATE TRIGGER figures_count_update AFTER UPDATE OF current, duplicate ON figures BEGIN
    UPDATE fact_counts SET counted = counted + (new.current = 1 AND new.duplicate = 0)
        - (old.current = 1 AND old.duplicate = 0) WHERE name = 'figures';
END;
CREATE TRIGGER claims_count_insert AFTER INSERT ON claims
WHEN new.current = 1 AND new.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted + 1 WHERE name = 'claims';
END;
CREATE TRIGGER claims_count_delete AFTER DELETE ON claims
WHEN old.current = 1 AND old.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted - 1 WHERE name = 'claims';
END;
CREATE TRIGGER claims_count_update AFTER UPDATE OF current, duplicate ON claims BEGIN
    UPDATE fact_counts SET counted = counted + (new.current = 1 AND new.duplicate = 0)
        - (old.current = 1 AND old.duplicate = 0) WHERE name = 'claims';
END;
CREATE TRIGGER events_count_insert AFTER INSERT ON events
WHEN new.current = 1 AND new.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted + 1 WHERE name = 'events';
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events
WHEN old.current = 1 AND old.duplicate = 0 BEGIN
    UPDATE fact_counts SET counted = counted - 1 WHERE name = 'events';
END;
CREATE TRIGGER events_count_update AFTER UPDATE OF current, duplicate ON events BEGIN
    UPDATE fact_counts SET counted = counted + (new.current = 1 AND new.duplicate = 0)
        - (old.current = 1 AND old.duplicate = 0) WHERE name = 'events';
END;
