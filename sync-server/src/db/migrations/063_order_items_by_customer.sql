-- Order lines carry their order's guest, time, kind and whether it counts (completed, not
-- deleted), kept by the same statement that records the lines on every order write. The
-- per-guest category figures (favourite category, categories bought, "bought dessert in the last
-- 90 days") then read a guest's lines as one index range instead of looking up each of their
-- orders' lines by order id, which was most of a sync's segment work.
ALTER TABLE order_items
  ADD COLUMN customer_id uuid,
  ADD COLUMN created_at timestamptz,
  ADD COLUMN kind text,
  ADD COLUMN counted boolean NOT NULL DEFAULT false;

UPDATE order_items i
   SET customer_id = o.customer_id, created_at = o.created_at, kind = o.kind, counted = (o.status = 'COMPLETED' AND NOT o.deleted)
  FROM orders o
 WHERE o.tenant_id = i.tenant_id AND o.id = i.order_id;

CREATE INDEX order_items_customer ON order_items (tenant_id, customer_id, created_at)
  INCLUDE (kind, category, quantity, total_cents)
  WHERE counted AND customer_id IS NOT NULL;
