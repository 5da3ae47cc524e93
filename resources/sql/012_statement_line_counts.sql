-- How many payment lines each member's statement of a closed run has, written by the close, so that a statement's
-- first page does not count a million lines first (issue 18: on PostgreSQL, right after a close, that count visited
-- every line's row).
ALTER TABLE commission_results ADD COLUMN line_count BIGINT;
UPDATE commission_results SET line_count = (SELECT COUNT(*) FROM commission_lines l
    WHERE l.run_id = commission_results.run_id AND l.member_id = commission_results.member_id);
