-- claimwire store, schema 12: the activity charts of one event type read from the tallies.
-- Every report of an event (cluster) has the event's type, so an event type's charts are
-- its events' rows: activity_days has the type already; each event's claimant rows get
-- the event's type, and their sums per day are kept per type too (store/tallies.py).

ALTER TABLE activity_claims ADD COLUMN type TEXT NOT NULL DEFAULT '';
UPDATE activity_claims SET type = coalesce((
    SELECT k.type FROM activity_clusters k
    WHERE k.key = activity_claims.key AND k.country = activity_claims.country
), '');

CREATE TABLE activity_type_claim_days (
    country TEXT NOT NULL,
    type TEXT NOT NULL,
    who TEXT NOT NULL,
    day TEXT NOT NULL,
    fatalities REAL NOT NULL,
    events INTEGER NOT NULL,
    written TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (country, type, who, day)
) WITHOUT ROWID;
CREATE INDEX activity_type_claim_days_empty ON activity_type_claim_days(events)
    WHERE events = 0;

INSERT INTO activity_type_claim_days (country, type, who, day, fatalities, events, written, kind)
SELECT country, type, who, day, sum(best), count(*), min(written), min(kind)
FROM activity_claims GROUP BY country, type, who, day;
