-- A sync reads its guests' memberships by guest (the current memberships to compare with, the
-- segment names of their insights). Keyed by guest alone, the index sent every one of those
-- ~30,000 reads of a 5,000-guest sync to the table for the segment id; with it in the key they
-- are answered from the index.
CREATE INDEX segment_members_customer_segment ON segment_members (tenant_id, customer_id, segment_id);
DROP INDEX segment_members_customer;
ALTER INDEX segment_members_customer_segment RENAME TO segment_members_customer;
