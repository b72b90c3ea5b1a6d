/**
 * The relation every segment rule and built-in count reads: one row per live guest (not deleted,
 * not merged into another, not erased) with their totals, tiers under the tenant's thresholds,
 * lifecycle stage as of $asOf, favourites, sets and consent. Named parameters: $tenant, $asOf,
 * $th (the thresholds as jsonb) and, when scoped, $ids.
 *
 * `stats` is the per-guest totals relation: customer_stats (everything ingested), or the same
 * figures computed from the orders up to $asOf (statsAsOfSql) for an earlier instant.
 */
export const STATS_TABLE = 'customer_stats';

/** Totals as of $asOf from the orders themselves, with customer_stats' columns. */
export const statsAsOfSql = `(
  SELECT o.tenant_id, o.customer_id, coalesce(sum(o.total_cents), 0) AS revenue_cents,
         count(*) FILTER (WHERE o.kind = 'SALE')::int AS sale_count,
         min(o.created_at) FILTER (WHERE o.kind = 'SALE') AS first_sale_at,
         max(o.created_at) FILTER (WHERE o.kind = 'SALE') AS last_sale_at
    FROM orders o
   WHERE o.tenant_id = $tenant AND o.customer_id IS NOT NULL AND o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND')
         AND NOT o.deleted AND o.created_at <= $asOf::timestamptz
   GROUP BY o.tenant_id, o.customer_id)`;

const th = (path: string) => `($th::jsonb #>> '{${path}}')::bigint`;
/** An exact span of whole days (no calendar or daylight-saving arithmetic). */
const days = (expr: string) => `make_interval(secs => (${expr}) * 86400)`;

export const SPENDING_TIER_SQL = `CASE WHEN coalesce(s.sale_count, 0) = 0 THEN 'NONE'
  WHEN s.revenue_cents > ${th('spending,vipAboveCents')} THEN 'VIP'
  WHEN s.revenue_cents >= ${th('spending,highFromCents')} THEN 'HIGH'
  WHEN s.revenue_cents >= ${th('spending,mediumFromCents')} THEN 'MEDIUM' ELSE 'LOW' END`;

export const FREQUENCY_TIER_SQL = `CASE WHEN coalesce(s.sale_count, 0) = 0 THEN 'NONE'
  WHEN s.sale_count > ${th('frequency,frequentAbove')} THEN 'FREQUENT'
  WHEN s.sale_count >= ${th('frequency,regularFrom')} THEN 'REGULAR'
  WHEN s.sale_count >= ${th('frequency,occasionalFrom')} THEN 'OCCASIONAL' ELSE 'ONE_TIME' END`;

/** The design's lifecycle: new if the first sale is under N days old, else by days since the last. */
export const LIFECYCLE_SQL = `CASE WHEN coalesce(s.sale_count, 0) = 0 OR s.first_sale_at IS NULL THEN 'PROSPECT'
  WHEN $asOf::timestamptz - s.first_sale_at < ${days(th('lifecycle,newWithinDays'))} THEN 'NEW'
  WHEN $asOf::timestamptz - s.last_sale_at < ${days(th('lifecycle,activeWithinDays'))} THEN 'ACTIVE'
  WHEN $asOf::timestamptz - s.last_sale_at <= ${days(th('lifecycle,atRiskUpToDays'))} THEN 'AT_RISK' ELSE 'CHURNED' END`;

export function guestRelation(opts: { scoped: boolean; stats?: string; createdBy?: boolean }): string {
  return `(
  SELECT c.id AS customer_id, c.first_name, c.last_name, c.doc->>'email' AS email, c.doc->>'phone' AS phone,
         coalesce(s.revenue_cents, 0)::bigint AS revenue_cents, coalesce(s.sale_count, 0)::int AS sale_count,
         s.first_sale_at, s.last_sale_at,
         CASE WHEN coalesce(s.sale_count, 0) > 0 THEN round(s.revenue_cents::numeric / s.sale_count)::bigint END AS avg_order_cents,
         ${SPENDING_TIER_SQL} AS spending_tier,
         ${FREQUENCY_TIER_SQL} AS frequency_tier,
         ${LIFECYCLE_SQL} AS lifecycle_stage,
         x.favourite_category, x.favourite_event_type,
         coalesce(x.categories, '{}') AS categories, coalesce(x.event_types, '{}') AS event_types,
         coalesce(x.venue_ids, '{}') AS venue_ids, coalesce(x.tag_keys, '{}') AS tag_keys,
         coalesce((c.doc->>'emailOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false) AS email_opt_in,
         coalesce((c.doc->>'smsOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false) AS sms_opt_in,
         upper(regexp_replace(c.doc->>'postalCode', '\\s', '', 'g')) AS postal_norm,
         extract(month FROM (c.doc->>'dateOfBirth')::date)::int AS birth_month,
         c.created_at AS guest_since
    FROM customers c
    LEFT JOIN ${opts.stats ?? STATS_TABLE} s ON s.tenant_id = c.tenant_id AND s.customer_id = c.id
    LEFT JOIN customer_segment_facts x ON x.tenant_id = c.tenant_id AND x.customer_id = c.id
   WHERE c.tenant_id = $tenant AND NOT c.deleted AND c.merged_into IS NULL AND c.erased_at IS NULL
         ${opts.scoped ? 'AND c.id = ANY($ids::uuid[])' : ''}
         ${opts.createdBy ? 'AND (c.created_at IS NULL OR c.created_at <= $asOf::timestamptz)' : ''}
  )`;
}
