-- The Orders page (issue 5) reads ten million orders by row: a status filter (the pending orders to work on) is
-- counted and stepped through in id order from this index instead of from the whole table (1.2-1.4 s per count
-- on 10M orders without it).
CREATE INDEX orders_status ON orders (status, id);
