-- claimwire store, schema 14: reserved for the list branch (dlist), which adds its own
-- 0014; this empty step only keeps the numbers 1..n on the map branch until the merge.
SELECT 1;
