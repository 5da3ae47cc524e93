-- Each member's personal volume per calendar month (UTC): the sum of total_pv of the paid orders credited to the
-- member, by the month of paid_at (issue 18). Kept exact by the order paths (OrderVolumes: an order paid, a paid
-- order refunded) and rebuilt by the dataset import, so the dashboards and the network read a number per member
-- and month instead of summing every order again. month = year * 100 + month (202610). A row at 0 is removed.
CREATE TABLE member_month_volumes (
    month INTEGER NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id),
    pv BIGINT NOT NULL,
    PRIMARY KEY (month, member_id)
){{CLUSTERED}};
INSERT INTO member_month_volumes (month, member_id, pv)
SELECT {{MONTH_KEY paid_at}}, credited_member_id, SUM(total_pv) FROM orders
WHERE status = 'paid' AND credited_member_id IS NOT NULL AND paid_at IS NOT NULL
GROUP BY {{MONTH_KEY paid_at}}, credited_member_id HAVING SUM(total_pv) <> 0;
