-- An EVENTS tag may name the event the guest attended. Segment facts and windowed rules read that
-- for a sync's guests; taken from each tag's document it fetched every tag row of every guest
-- (~150 ms under EXPLAIN ANALYZE of a 5,000-guest sync). As a typed column in the covering index it is read with the
-- rest of the guest's tags.
ALTER TABLE customer_tags ADD COLUMN event_id uuid;
UPDATE customer_tags SET event_id = (doc->>'eventId')::uuid
 WHERE doc->>'eventId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
CREATE INDEX customer_tags_customer_cover ON customer_tags (tenant_id, customer_id)
  INCLUDE (id, tag_type, tag_value, added_at, removed_at, deleted, event_id);
DROP INDEX customer_tags_customer;
ALTER INDEX customer_tags_customer_cover RENAME TO customer_tags_customer;
