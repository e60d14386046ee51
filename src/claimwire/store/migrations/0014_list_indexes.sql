-- claimwire store, schema 14: the list pages of a store of a million articles read
-- narrow indexes, not the wide fact rows (evidence, context), to filter and count.

-- Off-topic articles by id: the fact lists leave their facts out with one seek per row
-- (before: every query read the id of each off-topic article from its row, 80,000 rows
-- of article text at 1,000,000 articles).
CREATE INDEX documents_offtopic_id ON documents(relevant, id) WHERE relevant = 0;
DROP INDEX documents_offtopic;

-- Each list's date order with the columns its filters read: a page (and a count of up
-- to 10,001 rows) walks the index and reads the rows it shows, not those it skips.
DROP INDEX figures_date;
CREATE INDEX figures_date ON figures(
    date, id, current, duplicate, document_id, country, claimant_entity, place_entity,
    measure, category, side, hedge
);
DROP INDEX claims_date;
CREATE INDEX claims_date ON claims(
    date, id, current, duplicate, document_id, claimant_entity, claimant_side, hedge
);
DROP INDEX events_date;
CREATE INDEX events_date ON events(
    date, id, current, duplicate, document_id, country, type, subtype, place_entity,
    admin1, claimant_entity, hedge, lat, lon, published
);

-- The filters' own indexes carry the version, copy and article columns, so a count by
-- country, claimant, place, region or type reads no fact row (events: and the
-- publication, which the timeline compares with the event's date).
DROP INDEX figures_country;
CREATE INDEX figures_country ON figures(country, date, current, duplicate, document_id);
DROP INDEX figures_claimant;
CREATE INDEX figures_claimant ON figures(claimant_entity, date, current, duplicate, document_id);
DROP INDEX figures_place;
CREATE INDEX figures_place ON figures(place_entity, date, current, duplicate, document_id);
DROP INDEX claims_claimant;
CREATE INDEX claims_claimant ON claims(claimant_entity, date, current, duplicate, document_id);
DROP INDEX events_country;
CREATE INDEX events_country ON events(country, date, current, duplicate, document_id, published);
DROP INDEX events_place;
CREATE INDEX events_place ON events(place_entity, date, current, duplicate, document_id, published);
DROP INDEX events_admin1;
CREATE INDEX events_admin1 ON events(admin1, date, current, duplicate, document_id, published);
DROP INDEX events_type;
CREATE INDEX events_type ON events(type, date, current, duplicate, document_id, published);
CREATE INDEX events_claimant ON events(claimant_entity, date, current, duplicate, document_id, published);

-- A claim's article, for the claims' place and region filters (the claims of the
-- articles naming the place), with the version and copy columns.
DROP INDEX claims_document;
CREATE INDEX claims_document ON claims(document_id, current, duplicate);

-- An article's countries and places, for the claims' and articles' country filter, row
-- by row (the articles of a country are a third of the store).
DROP INDEX places_document;
CREATE INDEX places_document ON places(document_id, country, place_entity);

-- The article list's order with the columns its filters read.
DROP INDEX documents_current_published;
CREATE INDEX documents_current_published ON documents(
    current, published, seq, duplicate_of, relevant, id
);

-- The evidence index's rows of each kind of fact: a keyword's newest matches of a kind
-- are read from the last row of that kind down (see store/filters.py, last_of_kind).
CREATE INDEX evidence_fts_rows_kind ON evidence_fts_rows(kind, fts_rowid);

-- An article by id and by arrival (seq, the article index's row), with the columns the
-- article list filters and orders by: a claimant's, a place's or a keyword's articles
-- are checked and ordered in these, and only the page's articles are read.
CREATE INDEX documents_listed ON documents(id, current, duplicate_of, relevant, published, seq);
CREATE INDEX documents_seq_listed ON documents(
    seq, current, duplicate_of, relevant, published, id
);

-- The contradictions' date order with the columns their filters read (open, kind,
-- measure, category, side, the two articles for the country).
DROP INDEX contradictions_date;
CREATE INDEX contradictions_date ON contradictions(
    date, id, settled_by, kind, measure, category, side, a_document, b_document
);
