-- claimwire store, schema 10: what keeps lists fast on a store of a million articles.
-- evidence_fts_rows is read from the full-text index's side (its row -> the fact and its
-- kind), so a keyword's newest matches of one kind come from a covering index.

CREATE INDEX evidence_fts_rows_rowid ON evidence_fts_rows(fts_rowid, kind);

-- The country filter of claims, articles and contradictions finds the articles naming a
-- place in the country through this index instead of reading every place mention.
CREATE INDEX places_country ON places(country, document_id);
