-- claimwire store, schema 15: reserved for the list branch (dlist), which adds its own
-- 0015; this empty step only keeps the numbers 1..n on the map branch until the merge.
SELECT 1;
