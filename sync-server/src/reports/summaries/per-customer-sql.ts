import { UNSPECIFIED_EVENT_TYPE, monthOf, wholeDays } from './sql';

/**
 * The per-customer facts every tag report stands on, as CTEs over named relations. Two sources
 * feed them: the maintained customer_stats and tag_revenue (`maintained`, what the push keeps
 * current), or the documents themselves as of `$asOf` (`documents`, for an instant before the
 * data horizon). The facts derived from either are the same SQL text, so the summaries and the
 * documents cannot disagree about what a fact means.
 *
 * Placeholders: $tenant, $asOf (timestamptz; 'infinity' means "everything"), $ids (uuid[] of the
 * customers in scope, or null for all), $tz (the tenant's report time zone).
 */
export type Source = 'maintained' | 'documents';
export type Scope = 'customers' | 'all';

/** Restricts a customer id column to $ids; for the whole tenant it only mentions $ids. */
export const inScope = (scope: Scope, col: string) => (scope === 'customers' ? `AND ${col} = ANY($ids::uuid[])` : 'AND $ids::uuid[] IS NULL');

/** Completed sales and refunds of known customers as of $asOf: what revenue is made of. */
const countedOrders = (scope: Scope) => `
  src_o AS (
    SELECT customer_id, kind, total_cents, created_at FROM orders
     WHERE tenant_id = $tenant AND customer_id IS NOT NULL AND status = 'COMPLETED' AND kind IN ('SALE', 'REFUND')
       AND NOT deleted AND created_at <= $asOf ${inScope(scope, 'customer_id')})`;

/** `src_cs` (customer totals) and `src_tr` (active tags with their customer's totals). */
export function sourceCtes(source: Source, scope: Scope): string {
  if (source === 'maintained')
    return `
  src_cs AS (
    SELECT customer_id, revenue_cents, sale_count, first_sale_at, last_sale_at FROM customer_stats
     WHERE tenant_id = $tenant ${inScope(scope, 'customer_id')}),
  src_tr AS (
    SELECT tag_id, customer_id, tag_type, tag_value, added_at, revenue_cents, order_count, last_order_at,
           revenue_since_added_cents, orders_since_added
      FROM tag_revenue WHERE tenant_id = $tenant ${inScope(scope, 'customer_id')})`;
  return `${countedOrders(scope)},
  src_cs AS (
    SELECT customer_id, sum(total_cents)::bigint AS revenue_cents, (count(*) FILTER (WHERE kind = 'SALE'))::int AS sale_count,
           min(created_at) FILTER (WHERE kind = 'SALE') AS first_sale_at, max(created_at) FILTER (WHERE kind = 'SALE') AS last_sale_at
      FROM src_o GROUP BY customer_id),
  src_tr AS (
    SELECT t.id AS tag_id, t.customer_id, t.tag_type, t.tag_value, t.added_at,
           coalesce(s.revenue_cents, 0)::bigint AS revenue_cents, coalesce(s.sale_count, 0)::int AS order_count, s.last_sale_at AS last_order_at,
           coalesce((SELECT sum(o.total_cents) FROM src_o o WHERE o.customer_id = t.customer_id AND o.created_at >= t.added_at), 0)::bigint
             AS revenue_since_added_cents,
           (SELECT count(*) FROM src_o o WHERE o.customer_id = t.customer_id AND o.created_at >= t.added_at AND o.kind = 'SALE')::int
             AS orders_since_added
      FROM customer_tags t LEFT JOIN src_cs s ON s.customer_id = t.customer_id
     WHERE t.tenant_id = $tenant AND NOT t.deleted AND t.added_at <= $asOf AND (t.removed_at IS NULL OR t.removed_at > $asOf)
       ${inScope(scope, 't.customer_id')})`;
}

/** `ctt`: per customer and tag type, the active tags and the customer's totals. Needs src_cs, src_tr. */
export const customerTagTypesCte = `
  ctt AS (
    SELECT tr.customer_id, tr.tag_type, count(*)::int AS active_tags, max(tr.revenue_cents)::bigint AS revenue_cents,
           max(tr.order_count)::int AS sale_count, max(${wholeDays('cs.first_sale_at', 'cs.last_sale_at')}) AS days_active,
           max(cs.last_sale_at) AS last_sale_at
      FROM src_tr tr LEFT JOIN src_cs cs ON cs.customer_id = tr.customer_id
     GROUP BY tr.customer_id, tr.tag_type)`;

/**
 * `facts`: one row per customer with an active tag or an event attendance as of $asOf: tag
 * counts, totals, and the event → wine club conversion (first EVENTS tag; a WINE_CLUB tag
 * before it makes the guest an existing member; else the first WINE_CLUB tag after it is the
 * conversion). Needs src_cs and ctt.
 */
export const customerFactsCte = (scope: Scope) => `
  club_hist AS (
    SELECT customer_id, tag_type, added_at FROM customer_tags
     WHERE tenant_id = $tenant AND NOT deleted AND added_at <= $asOf AND tag_type IN ('EVENTS', 'WINE_CLUB')
       ${inScope(scope, 'customer_id')}),
  attended AS (
    SELECT customer_id, min(added_at) AS first_attended_at FROM club_hist WHERE tag_type = 'EVENTS' GROUP BY customer_id),
  conversion AS (
    SELECT a.customer_id, a.first_attended_at,
           coalesce(bool_or(h.added_at < a.first_attended_at), false) AS club_before_attending,
           CASE WHEN coalesce(bool_or(h.added_at < a.first_attended_at), false) THEN NULL
                ELSE min(h.added_at) FILTER (WHERE h.added_at >= a.first_attended_at) END AS joined_club_at
      FROM attended a LEFT JOIN club_hist h ON h.customer_id = a.customer_id AND h.tag_type = 'WINE_CLUB'
     GROUP BY a.customer_id, a.first_attended_at),
  tagged AS (
    SELECT customer_id, sum(active_tags)::int AS active_tags, count(*)::int AS active_tag_types FROM ctt GROUP BY customer_id),
  facts AS (
    SELECT k.customer_id, coalesce(t.active_tags, 0) AS active_tags, coalesce(t.active_tag_types, 0) AS active_tag_types,
           coalesce(cs.revenue_cents, 0)::bigint AS revenue_cents, coalesce(cs.sale_count, 0)::int AS sale_count,
           cs.first_sale_at, cs.last_sale_at, c.first_attended_at, coalesce(c.club_before_attending, false) AS club_before_attending,
           c.joined_club_at
      FROM (SELECT customer_id FROM tagged UNION SELECT customer_id FROM conversion) k
      LEFT JOIN tagged t ON t.customer_id = k.customer_id
      LEFT JOIN conversion c ON c.customer_id = k.customer_id
      LEFT JOIN src_cs cs ON cs.customer_id = k.customer_id)`;

/** `ecm`: completed event sales of known customers as of $asOf, per venue, event type and month. */
export const eventCustomerMonthsCte = (scope: Scope) => `
  ecm AS (
    SELECT customer_id, venue_id, coalesce(event_type, '${UNSPECIFIED_EVENT_TYPE}') AS event_type, ${monthOf('created_at')} AS month,
           count(*)::int AS sales
      FROM orders
     WHERE tenant_id = $tenant AND customer_id IS NOT NULL AND status = 'COMPLETED' AND kind = 'SALE' AND is_event_sale
       AND NOT deleted AND created_at <= $asOf ${inScope(scope, 'customer_id')}
     GROUP BY 1, 2, 3, 4)`;
