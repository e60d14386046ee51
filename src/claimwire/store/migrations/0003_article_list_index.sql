-- claimwire store, schema 3: the article list (newest first, current versions) reads an index
-- instead of sorting every document.

CREATE INDEX documents_current_published ON documents(current, published, seq);
