-- Every per-guest calculation of a sync (customer totals, tag revenue since a tag was added,
-- segment facts, windowed rule aggregates) reads the touched guests' orders by customer. Orders
-- are wide rows (the whole document is kept), so fetching each one from the table dominated
-- those reads; the columns they need now travel in the index, and the reads are index-only for
-- every page vacuum has marked all-visible. It replaces the plain index on the same key.
CREATE INDEX orders_customer_cover ON orders (tenant_id, customer_id, created_at)
  INCLUDE (id, kind, status, deleted, total_cents, venue_id, is_event_sale, event_type, event_id)
  WHERE customer_id IS NOT NULL;
DROP INDEX orders_customer;
ALTER INDEX orders_customer_cover RENAME TO orders_customer;
