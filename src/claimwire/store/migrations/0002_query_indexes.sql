-- claimwire store, schema 2: indexes for the query commands and the incremental corpus.

CREATE INDEX documents_version_key ON documents(version_key, version);
CREATE INDEX documents_text_hash ON documents(text_hash, seq);
CREATE INDEX figures_document ON figures(document_id);
CREATE INDEX figures_date ON figures(date, id);
CREATE INDEX figures_measure ON figures(measure, category, date);
CREATE INDEX figures_claimant ON figures(claimant_entity, date);
CREATE INDEX figures_country ON figures(country, date);
CREATE INDEX figures_series ON figures(series_id, date);
CREATE INDEX figures_key ON figures(measure, category, date, unit);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_date ON claims(date, id);
CREATE INDEX claims_claimant ON claims(claimant_entity, date);
CREATE INDEX places_document ON places(document_id);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_date ON events(date, id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_country ON events(country, date);
CREATE INDEX clusters_key ON clusters(type, date_start, date_end);
CREATE INDEX entities_kind ON entities(kind, gazetteer_id);
CREATE INDEX series_key ON series(claimant_entity, measure, category);
CREATE INDEX contradictions_date ON contradictions(date, id);
CREATE INDEX contradictions_a ON contradictions(a_id);
CREATE INDEX contradictions_b ON contradictions(b_id);
