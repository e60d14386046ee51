-- claimwire store, schema 13: the map's events, kept by the write path (store/mapindex.py).
-- The map (/api/clusters, /map) lists and counts the events (clusters) in a box and a
-- time window. Read from clusters, each candidate needed its place's coordinates (a join)
-- and a probe of its reports (is one of an on-topic article?): seconds to count the
-- events of the world on a store of a million articles. This table holds one row per
-- event that has reports, with what the map filters on, in the map's order.
CREATE TABLE map_events (
    id TEXT NOT NULL,                   -- the cluster's id
    ontopic INTEGER NOT NULL,           -- 1: a current report of an on-topic article tells it
    date_start TEXT NOT NULL,           -- the cluster's dates ('' when undated)
    date_end TEXT NOT NULL,
    span INTEGER NOT NULL,              -- whole days from date_start to date_end, plus one
    type TEXT NOT NULL,
    subtype TEXT,
    country TEXT,
    place_entity TEXT,
    lat REAL,                           -- its place's coordinates (NULL: not on the map)
    lon REAL,
    PRIMARY KEY (ontopic, date_start, id)
) WITHOUT ROWID;
-- by event (the write path's refresh; a claimant's events, counted without the rows)
CREATE INDEX map_events_id ON map_events(id, lat, lon, date_end, type, subtype, country);
-- newest first whatever the relevance (include_offtopic)
CREATE INDEX map_events_date ON map_events(date_start, id);
-- the longest span: a time window's events start at most that many days before it
CREATE INDEX map_events_span ON map_events(span);
-- counts of a box, and of a time window: what the filters test, without the rows
CREATE INDEX map_events_box
    ON map_events(ontopic, lat, lon, date_start, date_end, type, subtype, country);
CREATE INDEX map_events_when
    ON map_events(ontopic, date_start, date_end, lat, lon, type, subtype, country);
-- the events a claimant's reports tell (the map's and the event list's claimant filter
-- read every report without it)
CREATE INDEX events_claimant_cluster ON events(claimant_entity, current, cluster_id);

INSERT INTO map_events
    (id, ontopic, date_start, date_end, span, type, subtype, country, place_entity, lat, lon)
SELECT c.id,
    EXISTS (SELECT 1 FROM events o WHERE o.cluster_id = c.id AND o.current = 1
        AND o.document_id NOT IN (SELECT id FROM documents WHERE relevant = 0)),
    coalesce(c.date_start, ''), coalesce(c.date_end, ''),
    coalesce(CAST(julianday(c.date_end) - julianday(c.date_start) AS INTEGER) + 1, 0),
    c.type, c.subtype, c.country, c.place_entity, p.lat, p.lon
FROM clusters c LEFT JOIN entities p ON p.id = c.place_entity
WHERE c.reports > 0;

-- The map's counts without a time window (the world, a box, a country, a type): events per
-- place, type, sub-type and country, kept from map_events by triggers ('' for none).
CREATE TABLE map_places (
    ontopic INTEGER NOT NULL,
    place_entity TEXT NOT NULL,
    type TEXT NOT NULL,
    subtype TEXT NOT NULL,
    country TEXT NOT NULL,
    lat REAL,
    lon REAL,
    events INTEGER NOT NULL,
    PRIMARY KEY (ontopic, place_entity, type, subtype, country)
) WITHOUT ROWID;

CREATE TRIGGER map_places_insert AFTER INSERT ON map_events BEGIN
    INSERT INTO map_places (ontopic, place_entity, type, subtype, country, lat, lon, events)
    VALUES (new.ontopic, coalesce(new.place_entity, ''), new.type, coalesce(new.subtype, ''),
        coalesce(new.country, ''), new.lat, new.lon, 1)
    ON CONFLICT (ontopic, place_entity, type, subtype, country)
    DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER map_places_delete AFTER DELETE ON map_events BEGIN
    UPDATE map_places SET events = events - 1
    WHERE ontopic = old.ontopic AND place_entity = coalesce(old.place_entity, '')
        AND type = old.type AND subtype = coalesce(old.subtype, '')
        AND country = coalesce(old.country, '');
    DELETE FROM map_places
    WHERE ontopic = old.ontopic AND place_entity = coalesce(old.place_entity, '')
        AND type = old.type AND subtype = coalesce(old.subtype, '')
        AND country = coalesce(old.country, '') AND events = 0;
END;

INSERT INTO map_places (ontopic, place_entity, type, subtype, country, lat, lon, events)
SELECT ontopic, coalesce(place_entity, ''), type, coalesce(subtype, ''), coalesce(country, ''),
    min(lat), min(lon), count(*)
FROM map_events
GROUP BY ontopic, coalesce(place_entity, ''), type, coalesce(subtype, ''), coalesce(country, '');

-- The overview's other counts, kept by triggers as fact_counts' are (counting a table of
-- a million rows took 50 ms each on every request): current articles, open contradictions.
INSERT INTO fact_counts (name, counted)
SELECT 'articles', count(*) FROM documents WHERE current = 1;
INSERT INTO fact_counts (name, counted)
SELECT 'open_contradictions', count(*) FROM contradictions WHERE settled_by IS NULL;

CREATE TRIGGER documents_count_insert AFTER INSERT ON documents WHEN new.current = 1 BEGIN
    UPDATE fact_counts SET counted = counted + 1 WHERE name = 'articles';
END;
CREATE TRIGGER documents_count_delete AFTER DELETE ON documents WHEN old.current = 1 BEGIN
    UPDATE fact_counts SET counted = counted - 1 WHERE name = 'articles';
END;
CREATE TRIGGER documents_count_update AFTER UPDATE OF current ON documents BEGIN
    UPDATE fact_counts SET counted = counted + (new.current = 1) - (old.current = 1)
        WHERE name = 'articles';
END;
CREATE TRIGGER contradictions_open_insert AFTER INSERT ON contradictions
WHEN new.settled_by IS NULL BEGIN
    UPDATE fact_counts SET counted = counted + 1 WHERE name = 'open_contradictions';
END;
CREATE TRIGGER contradictions_open_delete AFTER DELETE ON contradictions
WHEN old.settled_by IS NULL BEGIN
    UPDATE fact_counts SET counted = counted - 1 WHERE name = 'open_contradictions';
END;
CREATE TRIGGER contradictions_open_update AFTER UPDATE OF settled_by ON contradictions BEGIN
    UPDATE fact_counts SET counted = counted + (new.settled_by IS NULL)
        - (old.settled_by IS NULL) WHERE name = 'open_contradictions';
END;
