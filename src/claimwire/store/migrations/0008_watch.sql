-- claimwire store, schema 8: the state of `claimwire watch` (issue 19). Times are UTC ISO
-- 8601 text with milliseconds ("2026-01-02T03:04:05.678+00:00"), so they compare as text.

CREATE TABLE watch_sources (
    name TEXT PRIMARY KEY,               -- the source's name in sources.toml
    kind TEXT NOT NULL,                  -- feed | sitemap | folder
    location TEXT NOT NULL,              -- its URL or folder
    last_poll TEXT,
    last_success TEXT,
    errors INTEGER NOT NULL DEFAULT 0,   -- failures in a row (0 once a poll succeeds)
    failures INTEGER NOT NULL DEFAULT 0, -- failures in all
    last_error TEXT,
    next_poll TEXT,
    etag TEXT,                           -- of the last full response (conditional requests)
    last_modified TEXT,
    items INTEGER NOT NULL DEFAULT 0     -- items it carried
);

CREATE TABLE watch_items (
    id TEXT PRIMARY KEY,                 -- hash of the normalized URL
    url TEXT NOT NULL UNIQUE,            -- normalized URL (file:// for a folder's file)
    status TEXT NOT NULL,                -- queued | fetched | done | failed | skipped
    reason TEXT,                         -- why failed or skipped
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try TEXT,                       -- a failed fetch is tried again from then
    content_hash TEXT,                   -- sha256 of the fetched body
    document_id TEXT REFERENCES documents(id),
    title TEXT,                          -- metadata the feed gave
    published TEXT,
    outlet TEXT,
    language TEXT,
    discovered TEXT NOT NULL,
    updated TEXT NOT NULL,
    body BLOB                            -- the fetched page, kept until it is ingested
);
CREATE INDEX watch_items_status ON watch_items(status);

CREATE TABLE watch_item_sources (
    item_id TEXT NOT NULL REFERENCES watch_items(id),
    source TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (item_id, source)
);
CREATE INDEX watch_item_sources_source ON watch_item_sources(source, first_seen);
