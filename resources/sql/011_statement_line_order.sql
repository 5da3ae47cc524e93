-- A member's statement is read a page at a time in the order it is shown (kind, level, order): the index that finds
-- a member's lines of a run keeps them in that order, so no page sorts a million lines (issue 18).
DROP INDEX commission_lines_member;
CREATE INDEX commission_lines_member ON commission_lines (member_id, run_id, kind, level, order_id);
