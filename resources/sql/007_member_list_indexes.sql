-- The Members page sorts and filters in SQL, page by page (issue 5): newest first needs the join date in an index
-- (1.4-2.9 s to sort 1M members without it), and a status filter its own (a full scan to count 80k suspended).
CREATE INDEX members_joined ON members (joined_at, id);
CREATE INDEX members_status ON members (status, code_key);
