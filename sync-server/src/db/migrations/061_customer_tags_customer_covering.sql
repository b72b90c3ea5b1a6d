-- As 060 for orders: a sync's tag revenue, report summaries and segment facts read the touched
-- guests' tag assignments by customer, and the documents kept in each row made every fetch slow.
-- The columns those reads use travel in the index, which replaces the plain one on the same key.
CREATE INDEX customer_tags_customer_cover ON customer_tags (tenant_id, customer_id)
  INCLUDE (id, tag_type, tag_value, added_at, removed_at, deleted);
DROP INDEX customer_tags_customer;
ALTER INDEX customer_tags_customer_cover RENAME TO customer_tags_customer;
