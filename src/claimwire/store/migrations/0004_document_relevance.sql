-- claimwire store, schema 4: each document's relevance (is it about armed conflict, political
-- violence or protest?), so that lists and exports can leave off-topic articles out.
-- NULL: stored before relevance existed (counted as relevant).

ALTER TABLE documents ADD COLUMN relevant INTEGER;
ALTER TABLE documents ADD COLUMN relevance_score REAL;
ALTER TABLE documents ADD COLUMN relevance_label TEXT;
CREATE INDEX documents_offtopic ON documents(relevant) WHERE relevant = 0;
