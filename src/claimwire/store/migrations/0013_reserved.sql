-- claimwire store, schema 13: reserved for the map's branch (dmap), which adds its own
-- 0013; this empty step only keeps the numbers 1..n on the list branch until the merge.
SELECT 1;
