-- Tag revenue rows are rewritten per guest on every sync that touches the guest, and found by
-- guest; keyed by (guest, tag) the key serves those reads and the separate per-guest index
-- goes, one index fewer to write for each of a batch's thousands of tag rows.
ALTER TABLE tag_revenue DROP CONSTRAINT tag_revenue_pkey;
ALTER TABLE tag_revenue ADD PRIMARY KEY (tenant_id, customer_id, tag_id);
DROP INDEX tag_revenue_customer;
