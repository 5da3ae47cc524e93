-- Nothing reads payment lines by run alone (results are per member in commission_results); one index less to
-- keep up while a close writes millions of lines.
DROP INDEX commission_lines_run_member;
