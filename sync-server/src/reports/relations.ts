import { customerFactsCte, customerTagTypesCte, eventCustomerMonthsCte, sourceCtes } from './summaries/per-customer-sql';
import { ALL_MONTHS, ALL_VENUES, monthOf } from './summaries/sql';
import { DAYS_TO_CONVERT, VALUE_BAND } from './summaries/customer-summaries';

/**
 * Where a report reads from. Every report is one SQL text over these relation names:
 *
 * - `cs` customer totals, `tr` active tags with tag revenue, `ctt` customers per tag type,
 *   `facts` tagged customers' facts, `ecm` event customers per venue/type/month;
 * - `ttt` totals per tag type, `bands` customers per tag type and $10 revenue band, `hist`
 *   customers per number of active tag types, `cohorts` event → club conversion by month of first
 *   attendance, `esm` event sales per venue/type/month, `euc` distinct event customers per
 *   grouping, `growth` tags added/removed per type and month.
 *
 * `summaries` reads the tables the push keeps current (valid for an asOf at or after the data
 * horizon); `documents` computes the same relations from the documents as of $asOf, with the same
 * definitions as the summaries' maintenance. `asOfSource` chooses between them.
 */
export type ReportSource = 'summaries' | 'documents';

const TABLES: Record<string, string> = {
  cs: 'customer_stats',
  tr: 'tag_revenue',
  ctt: 'customer_tag_types',
  facts: 'customer_report_facts',
  ecm: 'event_customer_months',
  ttt: 'tag_type_totals',
  bands: 'tag_type_value_bands',
  hist: 'tag_type_count_histogram',
  cohorts: 'club_conversion_cohorts',
  esm: 'event_sales_monthly',
  euc: 'event_unique_customers',
  growth: 'tag_growth_monthly',
};

/** Summary tables, seen as plain subqueries so the planner walks their indexes. */
const summaryRelations = Object.entries(TABLES)
  .map(([name, table]) => `${name} AS NOT MATERIALIZED (SELECT * FROM ${table} WHERE tenant_id = $tenant)`)
  .join(',\n  ');

const documentRelations = `${sourceCtes('documents', 'all')},
  ${customerTagTypesCte},
  ${customerFactsCte('all')},
  ${eventCustomerMonthsCte('all')},
  cs AS (SELECT * FROM src_cs),
  tr AS (SELECT * FROM src_tr),
  ttt AS (
    SELECT tag_type, count(*)::int AS customers, sum(active_tags)::int AS active_tags,
           sum(active_tags * revenue_cents)::bigint AS revenue_cents, sum(active_tags * sale_count)::bigint AS order_count,
           sum(revenue_cents)::bigint AS distinct_revenue_cents, sum(sale_count)::bigint AS distinct_order_count,
           (count(*) FILTER (WHERE sale_count > 0))::int AS buyers, coalesce(sum(days_active), 0)::bigint AS days_active_sum
      FROM ctt GROUP BY tag_type),
  bands AS (SELECT tag_type, ${VALUE_BAND('revenue_cents')} AS band, count(*)::int AS customers FROM ctt GROUP BY 1, 2),
  hist AS (SELECT active_tag_types AS type_count, count(*)::int AS customers FROM facts WHERE active_tags > 0 GROUP BY 1),
  cohorts AS (
    SELECT date_trunc('month', first_attended_at AT TIME ZONE $tz)::date AS cohort_month, count(*)::int AS attendees,
           (count(*) FILTER (WHERE club_before_attending))::int AS already_members, count(days)::int AS converted,
           coalesce(sum(days), 0)::bigint AS days_to_convert_sum, (count(*) FILTER (WHERE days <= 30))::int AS within_30_days,
           (count(*) FILTER (WHERE days <= 90))::int AS within_90_days, (count(*) FILTER (WHERE days <= 365))::int AS within_365_days
      FROM (SELECT *, ${DAYS_TO_CONVERT} AS days FROM facts WHERE first_attended_at IS NOT NULL) f GROUP BY 1),
  esm AS (
    SELECT venue_id, coalesce(event_type, 'UNSPECIFIED') AS event_type, ${monthOf('created_at')} AS month,
           count(*)::int AS sales, sum(total_cents)::bigint AS revenue_cents
      FROM orders WHERE tenant_id = $tenant AND status = 'COMPLETED' AND kind = 'SALE' AND is_event_sale AND NOT deleted AND created_at <= $asOf
     GROUP BY 1, 2, 3),
  euc AS (
    SELECT venue_id, event_type, month, count(*)::int AS customers FROM ecm GROUP BY 1, 2, 3
    UNION ALL SELECT '${ALL_VENUES}'::uuid, event_type, month, count(DISTINCT customer_id)::int FROM ecm GROUP BY 2, 3
    UNION ALL SELECT venue_id, event_type, DATE '${ALL_MONTHS}', count(DISTINCT customer_id)::int FROM ecm GROUP BY 1, 2
    UNION ALL SELECT '${ALL_VENUES}'::uuid, event_type, DATE '${ALL_MONTHS}', count(DISTINCT customer_id)::int FROM ecm GROUP BY 2),
  growth AS (
    SELECT tag_type, month, sum(added)::int AS added, sum(removed)::int AS removed FROM (
      SELECT tag_type, ${monthOf('added_at')} AS month, 1 AS added, 0 AS removed FROM customer_tags
       WHERE tenant_id = $tenant AND NOT deleted AND added_at <= $asOf
      UNION ALL
      SELECT tag_type, ${monthOf('removed_at')}, 0, 1 FROM customer_tags
       WHERE tenant_id = $tenant AND NOT deleted AND removed_at <= $asOf) g
     GROUP BY 1, 2)`;

/** The WITH clause that defines the report relations from the chosen source. */
export function relations(source: ReportSource): string {
  return `WITH ${source === 'summaries' ? summaryRelations : documentRelations}`;
}
