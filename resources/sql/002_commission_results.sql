-- Per-member results of a commission run, so that a closed run answers without recomputing.
-- levels is a JSON array of the amounts per plan level.
CREATE TABLE commission_results (
    run_id BIGINT NOT NULL REFERENCES commission_runs (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    pv BIGINT NOT NULL,
    qualified SMALLINT NOT NULL,
    retail_profit BIGINT NOT NULL,
    levels TEXT NOT NULL,
    clawback BIGINT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (run_id, member_id)
);
CREATE INDEX commission_lines_member ON commission_lines (member_id, run_id);
