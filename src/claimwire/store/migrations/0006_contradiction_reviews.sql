-- claimwire store, schema 5: an analyst's reviews of contradictions (confirmed or dismissed,
-- with a reason). Reviews are added, never changed: the latest review of a contradiction is
-- its state, the earlier ones its history.

CREATE TABLE contradiction_reviews (
    id TEXT PRIMARY KEY,                 -- hash of the contradiction, time, verdict and reason
    contradiction_id TEXT NOT NULL REFERENCES contradictions(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
    reason TEXT NOT NULL,
    reviewed TEXT NOT NULL,              -- UTC time, ISO 8601
    reviewer TEXT                        -- where the review came from (a client address)
);
CREATE INDEX contradiction_reviews_latest ON contradiction_reviews(contradiction_id, reviewed);
