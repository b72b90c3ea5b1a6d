import type { Queryable } from '../db/driver';
import { type DerivedTable, replaceTenantRows } from '../calculations/replace-rows';

/**
 * SQL of the per-guest figures segments read beyond customer_stats. Named parameters: $tenant,
 * $ids (when scoped to some guests), $cutoff (when only orders up to an instant count).
 */
export const completed = (o: string) => `${o}.tenant_id = $tenant AND ${o}.customer_id IS NOT NULL AND ${o}.status = 'COMPLETED' AND NOT ${o}.deleted`;

/** The same for order lines, which carry their order's guest and state (recordOrderLines). */
export const countedLine = (i: string) => `${i}.tenant_id = $tenant AND ${i}.customer_id IS NOT NULL AND ${i}.counted`;

/**
 * The completed sales and refunds the per-guest facts read, as CTE `fo`. Scoped to a sync's few
 * guests it is materialised, so their orders are looked up once rather than once per fact; over
 * a whole tenant it is inlined, so each fact can scan the orders in parallel.
 */
function factOrdersCte(opts: { scoped: boolean; cutoff: boolean }): string {
  return `
  fo AS ${opts.scoped ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (
    SELECT o.id, o.customer_id, o.kind, o.venue_id, o.is_event_sale, o.event_type, o.event_id
      FROM orders o
     WHERE ${completed('o')} AND o.kind IN ('SALE', 'REFUND')
           ${opts.scoped ? 'AND o.customer_id = ANY($ids::uuid[])' : ''} ${opts.cutoff ? 'AND o.created_at <= $cutoff::timestamptz' : ''}
  )`;
}

/**
 * Favourite category (the one the guest spent most on, net of refunds; ties by name), the
 * categories bought (CTEs `cat_lines`, `cats`), the event types attended (bought at an event of
 * the type, or tagged as an attendee of one) and the favourite: the type of the most distinct
 * events attended, ties by name (CTEs `attended`, `evs`). Opens with `fo` (factOrdersCte).
 */
export function factCtes(opts: { scoped: boolean; cutoff: boolean }): string {
  return `${factOrdersCte(opts)},
  cat_lines AS (
    -- A guest's lines are one index range (order_items_customer), not a lookup per order.
    SELECT i.customer_id, i.category, sum(i.total_cents) AS spend, bool_or(i.kind = 'SALE' AND i.quantity > 0) AS bought
      FROM order_items i
     WHERE ${countedLine('i')} AND i.kind IN ('SALE', 'REFUND')
           ${opts.scoped ? 'AND i.customer_id = ANY($ids::uuid[])' : ''} ${opts.cutoff ? 'AND i.created_at <= $cutoff::timestamptz' : ''}
     GROUP BY i.customer_id, i.category
  ), cats AS (
    SELECT customer_id,
           (array_agg(category ORDER BY spend DESC, category) FILTER (WHERE spend > 0))[1] AS favourite,
           coalesce(array_agg(category ORDER BY category) FILTER (WHERE bought), '{}') AS bought
      FROM cat_lines GROUP BY customer_id
  ), attended AS (
    SELECT o.customer_id, o.event_type, coalesce(o.event_id::text, o.id::text) AS event_key
      FROM fo o
     WHERE o.kind = 'SALE' AND o.is_event_sale AND o.event_type IS NOT NULL
    UNION
    SELECT t.customer_id, e.event_type, e.id::text
      FROM customer_tags t JOIN events e ON e.tenant_id = t.tenant_id AND e.id = t.event_id
     WHERE t.tenant_id = $tenant AND t.tag_type = 'EVENTS' AND NOT t.deleted AND NOT e.deleted AND e.event_type IS NOT NULL
           AND t.event_id IS NOT NULL AND t.customer_id IS NOT NULL
           ${opts.scoped ? 'AND t.customer_id = ANY($ids::uuid[])' : ''} ${opts.cutoff ? 'AND t.added_at <= $cutoff::timestamptz' : ''}
  ), evs AS (
    SELECT customer_id, (array_agg(event_type ORDER BY n DESC, event_type))[1] AS favourite, array_agg(event_type ORDER BY event_type) AS types
      FROM (SELECT customer_id, event_type, count(DISTINCT event_key) AS n FROM attended GROUP BY customer_id, event_type) x
     GROUP BY customer_id
  )`;
}

function factsSelect(scoped: boolean): string {
  const scope = (col: string) => (scoped ? `AND ${col} = ANY($ids::uuid[])` : '');
  return `
  WITH ${factCtes({ scoped, cutoff: false })},
  venues AS (
    SELECT o.customer_id, array_agg(DISTINCT o.venue_id) AS ids
      FROM fo o
     WHERE o.kind = 'SALE' AND o.venue_id IS NOT NULL
     GROUP BY o.customer_id
  ), tags AS (
    SELECT t.customer_id, array_agg(DISTINCT k.key) AS keys
      FROM customer_tags t CROSS JOIN LATERAL (VALUES (t.tag_type), (t.tag_type || '=' || t.tag_value)) AS k(key)
     WHERE t.tenant_id = $tenant AND t.removed_at IS NULL AND NOT t.deleted AND t.customer_id IS NOT NULL AND k.key IS NOT NULL ${scope('t.customer_id')}
     GROUP BY t.customer_id
  ), dnc AS (
    SELECT p.customer_id FROM communication_preferences p
     WHERE p.tenant_id = $tenant AND NOT p.deleted AND (p.doc->>'doNotContact')::boolean ${scope('p.customer_id')}
     GROUP BY p.customer_id
  )
  -- Each CTE is read once (so the planner sees its real size) and joined on the guest.
  SELECT customer_id, c.favourite AS favourite_category, e.favourite AS favourite_event_type, coalesce(c.bought, '{}') AS categories,
         coalesce(e.types, '{}') AS event_types, coalesce(v.ids, '{}') AS venue_ids, coalesce(t.keys, '{}') AS tag_keys,
         d.customer_id IS NOT NULL AS do_not_contact
    FROM cats c
    FULL JOIN evs e USING (customer_id)
    FULL JOIN venues v USING (customer_id)
    FULL JOIN tags t USING (customer_id)
    FULL JOIN dnc d USING (customer_id)`;
}

const FACTS: DerivedTable = {
  table: 'customer_segment_facts',
  key: ['customer_id'],
  values: ['favourite_category', 'favourite_event_type', 'categories', 'event_types', 'venue_ids', 'tag_keys', 'do_not_contact'],
};

/**
 * Recomputes customer_segment_facts for the given guests (all of the tenant's with null) from the
 * documents. A guest with nothing to record has no row, which reads the same as empty sets.
 */
export async function refreshSegmentFacts(tx: Queryable, tenantId: string, customerIds: readonly string[] | null): Promise<void> {
  if (customerIds !== null && customerIds.length === 0) return;
  if (customerIds === null) {
    await replaceTenantRows(tx, FACTS, factsSelect(false), { tenant: tenantId });
    return;
  }
  // Scoped, only rows that differ are written: a sale seldom changes a guest's favourites or
  // sets, and an untouched row costs nothing, where rewriting all of them was most of the time.
  await replaceTenantRows(tx, FACTS, factsSelect(true), { tenant: tenantId, ids: [...new Set(customerIds)] }, { guestColumn: 'customer_id' });
}
