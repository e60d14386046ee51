-- claimwire store, schema 5: the map reads the newest events first (in a box, in a time
-- window) from an index instead of sorting every cluster, and counts the events of a box
-- from a covering index.

CREATE INDEX clusters_date ON clusters(date_start, id);
CREATE INDEX clusters_place ON clusters(place_entity, date_start, date_end, reports, type, subtype, country);
