import type { Queryable } from '../../db/driver';
import { type Scope, customerFactsCte, customerTagTypesCte, eventCustomerMonthsCte, inScope, sourceCtes } from './per-customer-sql';
import { type DerivedTable, replaceTenantRows } from '../../calculations/replace-rows';
import { ALL_MONTHS, ALL_VENUES, run } from './sql';

/**
 * Keeps the per-customer report tables (customer_tag_types, customer_report_facts,
 * event_customer_months) and the totals built on them current for the given customers, or
 * rebuilds them for the whole tenant (`ids` null).
 *
 * Runs after refreshCustomerDerived in the same transaction, under its per-customer row locks,
 * so a customer's rows change in one transaction at a time. Totals move by deltas: each
 * statement subtracts the customers' old rows and adds their new ones, in one ordered multi-row
 * upsert per table, so concurrent pushes serialise on a totals row without deadlocking and no
 * update is lost. A full rebuild is the same statements with an empty old side and the totals
 * cleared first, so incremental and from-scratch cannot drift apart.
 */
export async function refreshCustomerSummaries(tx: Queryable, tenantId: string, ids: readonly string[] | null, tz: string): Promise<void> {
  if (ids !== null && ids.length === 0) return;
  const scope: Scope = ids === null ? 'all' : 'customers';
  const v = { tenant: tenantId, asOf: 'infinity', ids, tz };
  // A full rebuild recounts the totals from the new rows alone (the old side is empty), so a
  // total that drifted is repaired; the per-customer rows are then rewritten only where they
  // differ (replace-rows.ts), as most of them already hold what a rebuild computes.
  if (ids === null) for (const table of TOTALS_TABLES) await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
  const old = (table: string) => (ids === null ? `SELECT * FROM ${table} WHERE false` : `SELECT * FROM ${table} WHERE tenant_id = $tenant ${inScope(scope, 'customer_id')}`);

  // The customers' new rows are computed once into temporary tables: every delta below and the
  // final insert read them, instead of each re-deriving them from the documents.
  await stage(tx, 'new_ctt', `WITH ${sourceCtes('maintained', scope)}, ${customerTagTypesCte} SELECT * FROM ctt`, v);
  await stage(tx, 'new_facts', `WITH ${sourceCtes('maintained', scope)}, ctt AS (SELECT * FROM new_ctt), ${customerFactsCte(scope)} SELECT * FROM facts`, v);
  await stage(tx, 'new_ecm', `WITH ${eventCustomerMonthsCte(scope)} SELECT * FROM ecm`, v);

  const tagTypes = 'WITH ctt AS (SELECT * FROM new_ctt)';
  const oldTagTypes = old('customer_tag_types');
  await run(
    tx,
    `${tagTypes},
     d AS (SELECT -1 AS s, tag_type, active_tags, revenue_cents, sale_count, days_active FROM (${oldTagTypes}) old
           UNION ALL SELECT 1, tag_type, active_tags, revenue_cents, sale_count, days_active FROM ctt),
     delta AS (
       SELECT tag_type, sum(s)::int AS customers, sum(s * active_tags)::int AS active_tags,
              sum(s * active_tags * revenue_cents)::bigint AS revenue_cents, sum(s * active_tags * sale_count)::bigint AS order_count,
              sum(s * revenue_cents)::bigint AS distinct_revenue_cents, sum(s * sale_count)::bigint AS distinct_order_count,
              coalesce(sum(s) FILTER (WHERE sale_count > 0), 0)::int AS buyers, coalesce(sum(s * days_active), 0)::bigint AS days_active_sum
         FROM d GROUP BY tag_type)
     INSERT INTO tag_type_totals AS t (tenant_id, tag_type, customers, active_tags, revenue_cents, order_count,
                                       distinct_revenue_cents, distinct_order_count, buyers, days_active_sum)
     SELECT $tenant, * FROM delta
      WHERE (customers, active_tags, revenue_cents, order_count, distinct_revenue_cents, distinct_order_count, buyers, days_active_sum)
            IS DISTINCT FROM (0, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0, 0::bigint)
      ORDER BY tag_type
     ON CONFLICT (tenant_id, tag_type) DO UPDATE SET
       customers = t.customers + EXCLUDED.customers, active_tags = t.active_tags + EXCLUDED.active_tags,
       revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents, order_count = t.order_count + EXCLUDED.order_count,
       distinct_revenue_cents = t.distinct_revenue_cents + EXCLUDED.distinct_revenue_cents,
       distinct_order_count = t.distinct_order_count + EXCLUDED.distinct_order_count,
       buyers = t.buyers + EXCLUDED.buyers, days_active_sum = t.days_active_sum + EXCLUDED.days_active_sum`,
    v,
  );
  await run(
    tx,
    `${tagTypes},
     d AS (SELECT -1 AS s, tag_type, revenue_cents FROM (${oldTagTypes}) old UNION ALL SELECT 1, tag_type, revenue_cents FROM ctt)
     INSERT INTO tag_type_value_bands AS t (tenant_id, tag_type, band, customers)
     SELECT $tenant, tag_type, ${VALUE_BAND('revenue_cents')}, sum(s)::int FROM d
      GROUP BY 2, 3 HAVING sum(s) <> 0 ORDER BY 2, 3
     ON CONFLICT (tenant_id, tag_type, band) DO UPDATE SET customers = t.customers + EXCLUDED.customers`,
    v,
  );

  const facts = 'WITH facts AS (SELECT * FROM new_facts)';
  const oldFacts = old('customer_report_facts');
  await run(
    tx,
    `${facts},
     d AS (SELECT -1 AS s, active_tag_types FROM (${oldFacts}) old WHERE active_tags > 0
           UNION ALL SELECT 1, active_tag_types FROM facts WHERE active_tags > 0)
     INSERT INTO tag_type_count_histogram AS t (tenant_id, type_count, customers)
     SELECT $tenant, active_tag_types, sum(s)::int FROM d GROUP BY 2 HAVING sum(s) <> 0 ORDER BY 2
     ON CONFLICT (tenant_id, type_count) DO UPDATE SET customers = t.customers + EXCLUDED.customers`,
    v,
  );
  await run(
    tx,
    `${facts},
     d AS (SELECT -1 AS s, first_attended_at, club_before_attending, joined_club_at FROM (${oldFacts}) old WHERE first_attended_at IS NOT NULL
           UNION ALL SELECT 1, first_attended_at, club_before_attending, joined_club_at FROM facts WHERE first_attended_at IS NOT NULL),
     c AS (SELECT s, ${COHORT_MONTH}, club_before_attending, joined_club_at,
                  ${DAYS_TO_CONVERT} AS days FROM d),
     delta AS (
       SELECT cohort_month, sum(s)::int AS attendees, coalesce(sum(s) FILTER (WHERE club_before_attending), 0)::int AS already_members,
              coalesce(sum(s) FILTER (WHERE days IS NOT NULL), 0)::int AS converted, coalesce(sum(s * days), 0)::bigint AS days_sum,
              coalesce(sum(s) FILTER (WHERE days <= 30), 0)::int AS w30, coalesce(sum(s) FILTER (WHERE days <= 90), 0)::int AS w90,
              coalesce(sum(s) FILTER (WHERE days <= 365), 0)::int AS w365
         FROM c GROUP BY cohort_month)
     INSERT INTO club_conversion_cohorts AS t (tenant_id, cohort_month, attendees, already_members, converted, days_to_convert_sum,
                                               within_30_days, within_90_days, within_365_days)
     SELECT $tenant, * FROM delta
      WHERE (attendees, already_members, converted, days_sum, w30, w90, w365) IS DISTINCT FROM (0, 0, 0, 0::bigint, 0, 0, 0)
      ORDER BY cohort_month
     ON CONFLICT (tenant_id, cohort_month) DO UPDATE SET
       attendees = t.attendees + EXCLUDED.attendees, already_members = t.already_members + EXCLUDED.already_members,
       converted = t.converted + EXCLUDED.converted, days_to_convert_sum = t.days_to_convert_sum + EXCLUDED.days_to_convert_sum,
       within_30_days = t.within_30_days + EXCLUDED.within_30_days, within_90_days = t.within_90_days + EXCLUDED.within_90_days,
       within_365_days = t.within_365_days + EXCLUDED.within_365_days`,
    v,
  );

  const events = 'WITH ecm AS (SELECT * FROM new_ecm)';
  const oldEvents = old('event_customer_months');
  await run(
    tx,
    `${events},
     d AS (SELECT -1 AS s, customer_id, venue_id, event_type, month FROM (${oldEvents}) old
           UNION ALL SELECT 1, customer_id, venue_id, event_type, month FROM ecm),
     -- UNION (not ALL) keeps one row per customer and grouping: each customer counts once.
     k AS (SELECT s, customer_id, venue_id, event_type, month FROM d
           UNION SELECT s, customer_id, '${ALL_VENUES}'::uuid, event_type, month FROM d
           UNION SELECT s, customer_id, venue_id, event_type, DATE '${ALL_MONTHS}' FROM d
           UNION SELECT s, customer_id, '${ALL_VENUES}'::uuid, event_type, DATE '${ALL_MONTHS}' FROM d)
     INSERT INTO event_unique_customers AS t (tenant_id, venue_id, event_type, month, customers)
     SELECT $tenant, venue_id, event_type, month, sum(s)::int FROM k
      GROUP BY 2, 3, 4 HAVING sum(s) <> 0 ORDER BY 2, 3, 4
     ON CONFLICT (tenant_id, venue_id, event_type, month) DO UPDATE SET customers = t.customers + EXCLUDED.customers`,
    v,
  );

  // The per-customer rows last, once every delta has read their old state.
  const staged = [
    [CUSTOMER_TAG_TYPES, 'new_ctt'],
    [CUSTOMER_REPORT_FACTS, 'new_facts'],
    [EVENT_CUSTOMER_MONTHS, 'new_ecm'],
  ] as const;
  for (const [target, table] of staged) await replaceTenantRows(tx, target, { stagedIn: table }, v, ids === null ? undefined : { guestColumn: 'customer_id' });
}

const CUSTOMER_TAG_TYPES: DerivedTable = {
  table: 'customer_tag_types',
  key: ['customer_id', 'tag_type'],
  values: ['active_tags', 'revenue_cents', 'sale_count', 'days_active', 'last_sale_at'],
};
const CUSTOMER_REPORT_FACTS: DerivedTable = {
  table: 'customer_report_facts',
  key: ['customer_id'],
  values: ['active_tags', 'active_tag_types', 'revenue_cents', 'sale_count', 'first_sale_at', 'last_sale_at', 'first_attended_at', 'club_before_attending', 'joined_club_at'],
};
const EVENT_CUSTOMER_MONTHS: DerivedTable = {
  table: 'event_customer_months',
  key: ['customer_id', 'venue_id', 'event_type', 'month'],
  values: ['sales'],
};

/**
 * A temporary table of a query's rows for the rest of this call (dropped at commit, or before a
 * second call in the same transaction rebuilds it). Temporary tables are private to the
 * connection, so concurrent pushes never see each other's.
 */
async function stage(tx: Queryable, table: 'new_ctt' | 'new_facts' | 'new_ecm', sql: string, v: Record<string, unknown>): Promise<void> {
  await tx.query(`DROP TABLE IF EXISTS pg_temp.${table}`);
  await run(tx, `CREATE TEMP TABLE ${table} ON COMMIT DROP AS ${sql}`, v);
}

/** The $10 band of lifetime revenue a customer's median lookup starts from. */
export const VALUE_BAND = (col: string) => `floor(${col}::numeric / 1000)::bigint`;
export const VALUE_BAND_CENTS = 1000;

const COHORT_MONTH = `date_trunc('month', first_attended_at AT TIME ZONE $tz)::date AS cohort_month`;
/** Whole days from first attendance to joining the club; null when the guest did not convert. */
export const DAYS_TO_CONVERT = `CASE WHEN NOT club_before_attending AND joined_club_at IS NOT NULL
                                     THEN floor(extract(epoch FROM joined_club_at - first_attended_at) / 86400)::int END`;

/** The tenant-wide totals built on the per-customer rows. */
const TOTALS_TABLES = ['tag_type_totals', 'tag_type_value_bands', 'tag_type_count_histogram', 'club_conversion_cohorts', 'event_unique_customers'] as const;

export const CUSTOMER_SUMMARY_TABLES = [
  'customer_tag_types',
  'customer_report_facts',
  'event_customer_months',
  'tag_type_totals',
  'tag_type_value_bands',
  'tag_type_count_histogram',
  'club_conversion_cohorts',
  'event_unique_customers',
] as const;
