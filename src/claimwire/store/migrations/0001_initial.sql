-- claimwire store, schema 1: documents, their results, facts, and the corpus tables.
-- Offsets (start_char, end_char) index documents.text; evidence repeats the text they cover.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,                 -- content hash of normalized text + canonical URL
    seq INTEGER NOT NULL UNIQUE,         -- order of arrival in the store
    version_key TEXT NOT NULL,           -- external id, else URL, else id: what versions share
    version INTEGER NOT NULL DEFAULT 1,
    previous_id TEXT REFERENCES documents(id),
    current INTEGER NOT NULL DEFAULT 1,  -- 0 once a newer version arrived
    text_hash TEXT NOT NULL,             -- hash of the text alone: finds wire copies
    duplicate_of TEXT REFERENCES documents(id),
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    source TEXT,
    external_id TEXT,
    text TEXT NOT NULL
);

CREATE TABLE results (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    result_json TEXT NOT NULL,           -- the whole Result, without document.text
    run_id TEXT,
    created TEXT
);

CREATE TABLE inputs (
    key TEXT PRIMARY KEY,                -- hash of the input's source and content
    source TEXT NOT NULL,
    status TEXT NOT NULL,                -- new | version | duplicate | unchanged | failed
    document_id TEXT REFERENCES documents(id),
    problem_json TEXT
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                  -- claimant | place
    name TEXT NOT NULL,                  -- canonical name (first spelling, or gazetteer name)
    type TEXT,                           -- claimant type, or place feature class
    side TEXT,
    country TEXT,
    admin1 TEXT,
    gazetteer_id TEXT,
    lat REAL,
    lon REAL,
    mentions INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entity_names (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,                   -- folded spelling (see store/names.py)
    name TEXT NOT NULL,                  -- a spelling as written
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (kind, key)
);

CREATE TABLE series (
    id TEXT PRIMARY KEY,
    claimant_entity TEXT NOT NULL REFERENCES entities(id),
    claimant TEXT NOT NULL,
    measure TEXT NOT NULL,
    category TEXT NOT NULL,
    side TEXT,
    unit TEXT NOT NULL,
    points INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT
);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY,                 -- id of its first event
    type TEXT NOT NULL,
    subtype TEXT,
    place_entity TEXT REFERENCES entities(id),
    country TEXT,
    date_start TEXT,
    date_end TEXT,
    reports INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,                 -- document id ':' figure id
    document_id TEXT NOT NULL REFERENCES documents(id),
    current INTEGER NOT NULL DEFAULT 1,
    duplicate INTEGER NOT NULL DEFAULT 0,
    value REAL,
    lower REAL,
    upper REAL,
    approx INTEGER NOT NULL,
    qualifier TEXT,
    unit TEXT NOT NULL,
    category TEXT,
    measure TEXT,
    side TEXT,
    counted TEXT,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    status TEXT NOT NULL,
    cumulative INTEGER,
    as_of TEXT,
    since TEXT,
    until TEXT,
    date TEXT,                           -- as_of, else until, else the published date
    date_basis TEXT,                     -- as_of | until | published | none
    claim_id TEXT,
    claimant TEXT NOT NULL,
    claimant_type TEXT NOT NULL,
    claimant_side TEXT,
    claimant_entity TEXT REFERENCES entities(id),
    hedge TEXT NOT NULL,
    place TEXT,
    place_entity TEXT REFERENCES entities(id),
    country TEXT,
    series_id TEXT REFERENCES series(id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    context TEXT,                        -- the line of the article around the evidence
    outlet TEXT,
    published TEXT
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    current INTEGER NOT NULL DEFAULT 1,
    duplicate INTEGER NOT NULL DEFAULT 0,
    claimant TEXT NOT NULL,
    claimant_type TEXT NOT NULL,
    claimant_role TEXT,
    claimant_affiliation TEXT,
    claimant_side TEXT,
    claimant_entity TEXT REFERENCES entities(id),
    form TEXT NOT NULL,
    hedge TEXT NOT NULL,
    cue TEXT,
    content TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    contradicts_json TEXT NOT NULL DEFAULT '[]',
    date TEXT,
    outlet TEXT,
    published TEXT
);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    current INTEGER NOT NULL DEFAULT 1,
    mention TEXT NOT NULL,
    name TEXT,
    resolved INTEGER NOT NULL,
    gazetteer_id TEXT,
    lat REAL,
    lon REAL,
    feature_class TEXT,
    admin1 TEXT,
    country TEXT,
    role TEXT NOT NULL,
    place_entity TEXT REFERENCES entities(id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    current INTEGER NOT NULL DEFAULT 1,
    duplicate INTEGER NOT NULL DEFAULT 0,
    type TEXT NOT NULL,
    subtype TEXT,
    status TEXT NOT NULL,
    actor1 TEXT,
    actor1_side TEXT,
    actor2 TEXT,
    actor2_side TEXT,
    actors_json TEXT NOT NULL,
    targets_json TEXT NOT NULL,
    place TEXT,
    place_entity TEXT REFERENCES entities(id),
    admin1 TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    date_start TEXT,
    date_end TEXT,
    granularity TEXT,
    date TEXT,                           -- date_start, else the published date
    date_basis TEXT,
    fatalities REAL,
    claim_id TEXT,
    claimant TEXT NOT NULL,
    claimant_type TEXT NOT NULL,
    claimant_entity TEXT REFERENCES entities(id),
    hedge TEXT NOT NULL,
    cluster_id TEXT REFERENCES clusters(id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    context TEXT,
    outlet TEXT,
    published TEXT
);

CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,                 -- hash of the two sides
    kind TEXT NOT NULL,                  -- figures | statements
    reason TEXT NOT NULL,
    measure TEXT,
    category TEXT,
    side TEXT,
    subject TEXT,                        -- place or referent the two sides are about
    date TEXT,
    a_kind TEXT NOT NULL,                -- figure | claim | event
    a_id TEXT NOT NULL,
    a_document TEXT NOT NULL REFERENCES documents(id),
    a_claimant TEXT NOT NULL,
    a_value TEXT,
    a_evidence TEXT NOT NULL,
    b_kind TEXT NOT NULL,
    b_id TEXT NOT NULL,
    b_document TEXT NOT NULL REFERENCES documents(id),
    b_claimant TEXT NOT NULL,
    b_value TEXT,
    b_evidence TEXT NOT NULL,
    detected_by TEXT NOT NULL,           -- the document whose arrival revealed it
    settled_by TEXT,                     -- a later fact agreeing with one side only
    settled_side TEXT,                   -- a | b
    settled_reason TEXT
);
