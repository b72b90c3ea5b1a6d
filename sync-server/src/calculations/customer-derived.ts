import type { Queryable } from '../db/driver';
import { refreshReportSummaries } from '../reports/summaries';
import { type DerivedTable, replaceTenantRows, roomForTenantWideWork } from './replace-rows';

/**
 * Per-customer totals and tag revenue, recomputed from the documents for the given customers
 * (or all of a tenant's when `customerIds` is null). Incremental and full recomputation are the
 * same SQL, so they cannot drift apart.
 *
 * Concurrency: pushes of orders and of tags can touch the same customer at once. Each first locks
 * the customers' stats rows (in id order, so two batches cannot deadlock), and only then reads the
 * orders and tags in a new statement, whose snapshot includes whatever the other committed before
 * releasing the lock. No update is lost.
 */
export async function refreshCustomerDerived(tx: Queryable, tenantId: string, customerIds: readonly string[] | null): Promise<void> {
  if (customerIds !== null && customerIds.length === 0) return;
  if (customerIds === null) {
    // The whole tenant: only what differs from the stored rows is written (replace-rows.ts).
    await roomForTenantWideWork(tx);
    await replaceTenantRows(tx, CUSTOMER_STATS, statsSelect(false), { tenant: tenantId });
    await replaceTenantRows(tx, TAG_REVENUE, tagRevenueSelect(false), { tenant: tenantId });
    await refreshReportSummaries(tx, tenantId, null);
    return;
  }
  const ids = [...new Set(customerIds)].sort();
  await tx.query(
    `INSERT INTO customer_stats (tenant_id, customer_id)
     SELECT $1, c FROM unnest($2::uuid[]) AS c ORDER BY c ON CONFLICT DO NOTHING`,
    [tenantId, ids],
  );
  await tx.query('SELECT 1 FROM customer_stats WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY customer_id FOR UPDATE', [tenantId, ids]);
  // Only what differs is written, as for a whole tenant: a guest's new sale changes her stats
  // and tag rows, but a tag added or removed leaves her other tags' rows as they were.
  const v = { tenant: tenantId, ids };
  await replaceTenantRows(tx, CUSTOMER_STATS, statsSelect(true), v, { guestColumn: 'customer_id' });
  await replaceTenantRows(tx, TAG_REVENUE, tagRevenueSelect(true), v, { guestColumn: 'customer_id' });
  await refreshReportSummaries(tx, tenantId, ids);
}

const CUSTOMER_STATS: DerivedTable = {
  table: 'customer_stats',
  key: ['customer_id'],
  values: ['revenue_cents', 'sale_count', 'refund_count', 'first_sale_at', 'last_sale_at'],
};

const TAG_REVENUE: DerivedTable = {
  table: 'tag_revenue',
  key: ['customer_id', 'tag_id'],
  values: ['tag_type', 'tag_value', 'added_at', 'revenue_cents', 'order_count', 'last_order_at', 'revenue_since_added_cents', 'orders_since_added'],
};

/**
 * Per-customer totals from the completed sales and refunds. Scoped ($ids), the touched customers
 * drive a left join, so one whose orders all went away (merged elsewhere, refunded and deleted)
 * drops back to zero in the same statement.
 */
function statsSelect(scoped: boolean): string {
  const counted = `o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND') AND NOT o.deleted`;
  return `
  SELECT ${scoped ? 'c.id' : 'o.customer_id'} AS customer_id,
         coalesce(sum(o.total_cents), 0)::bigint AS revenue_cents,
         (count(*) FILTER (WHERE o.kind = 'SALE'))::int AS sale_count,
         (count(*) FILTER (WHERE o.kind = 'REFUND'))::int AS refund_count,
         min(o.created_at) FILTER (WHERE o.kind = 'SALE') AS first_sale_at,
         max(o.created_at) FILTER (WHERE o.kind = 'SALE') AS last_sale_at
    ${
      scoped
        ? `FROM unnest($ids::uuid[]) AS c(id)
             LEFT JOIN orders o ON o.tenant_id = $tenant AND o.customer_id = c.id AND ${counted}
            GROUP BY c.id`
        : `FROM orders o WHERE o.tenant_id = $tenant AND o.customer_id IS NOT NULL AND ${counted} GROUP BY o.customer_id`
    }`;
}

/** One row per active tag: its customer's totals (customer_stats, current by then) and the revenue since the tag was added. */
function tagRevenueSelect(scoped: boolean): string {
  const scope = (col: string) => (scoped ? `AND ${col} = ANY($ids::uuid[])` : '');
  return `
  SELECT t.customer_id, t.id AS tag_id, t.tag_type, t.tag_value, t.added_at,
         coalesce(s.revenue_cents, 0)::bigint AS revenue_cents, coalesce(s.sale_count, 0)::int AS order_count, s.last_sale_at AS last_order_at,
         coalesce(since.revenue, 0)::bigint AS revenue_since_added_cents, coalesce(since.sales, 0)::int AS orders_since_added
    FROM customer_tags t
    LEFT JOIN customer_stats s ON s.tenant_id = t.tenant_id AND s.customer_id = t.customer_id
    LEFT JOIN (
      -- One join of the tags with their customers' orders, grouped per tag, rather than a
      -- lookup per tag: the planner can hash it when a sync touches thousands of guests.
      SELECT tt.id, sum(o.total_cents) AS revenue, count(*) FILTER (WHERE o.kind = 'SALE') AS sales
        FROM customer_tags tt
        JOIN orders o ON o.tenant_id = tt.tenant_id AND o.customer_id = tt.customer_id AND o.created_at >= tt.added_at
       WHERE tt.tenant_id = $tenant AND tt.removed_at IS NULL AND NOT tt.deleted ${scope('tt.customer_id')}
         AND o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND') AND NOT o.deleted
       GROUP BY tt.id
    ) since ON since.id = t.id
   WHERE t.tenant_id = $tenant AND t.removed_at IS NULL AND NOT t.deleted AND t.customer_id IS NOT NULL ${scope('t.customer_id')}`;
}

/** Moves the tenant's data horizon forward to the latest instant ingested documents speak of. */
export async function advanceHorizon(tx: Queryable, tenantId: string, latest: string | null): Promise<void> {
  if (!latest) return;
  await tx.query(
    `INSERT INTO data_horizon (tenant_id, horizon) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET horizon = greatest(data_horizon.horizon, EXCLUDED.horizon)`,
    [tenantId, latest],
  );
}
