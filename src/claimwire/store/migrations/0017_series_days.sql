-- claimwire store, schema 17: a long series' chart reads its days, not its points.
--
-- series_days: per series, conflict (its country, '' when unknown), day and kind of point
-- (a running total as stated, an increment): how many points, the lowest and highest value
-- they claim, and the last of them (its figure, its place among the conflict's points in
-- their order, and its running total as stated or computed). series_conflicts: per series
-- and conflict, the points kept, those left out for a date after their article's, whether
-- every point has a day (else the series is read point by point), and the last date.
-- Both are kept by the write path (each series written to is worked out again from its
-- figures) and by the bulk load; opening a store at this schema fills them once.
-- A series without rows here is read point by point, as before.
CREATE TABLE series_days (
    series_id TEXT NOT NULL,
    conflict TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    points INTEGER NOT NULL,
    low REAL,
    high REAL,
    last_figure TEXT NOT NULL,
    last_rank INTEGER NOT NULL,
    last_total REAL,
    PRIMARY KEY (series_id, conflict, day, kind)
) WITHOUT ROWID;
CREATE TABLE series_conflicts (
    series_id TEXT NOT NULL,
    conflict TEXT NOT NULL,
    points INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    dated INTEGER NOT NULL,
    last_date TEXT,
    PRIMARY KEY (series_id, conflict)
) WITHOUT ROWID;
