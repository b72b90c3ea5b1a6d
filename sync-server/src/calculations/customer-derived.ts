import type { Queryable } from '../db/driver';
import { refreshReportSummaries } from '../reports/summaries';

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
    await tx.query('DELETE FROM customer_stats WHERE tenant_id = $1', [tenantId]);
    await tx.query('DELETE FROM tag_revenue WHERE tenant_id = $1', [tenantId]);
  } else {
    const ids = [...new Set(customerIds)].sort();
    await tx.query(
      `INSERT INTO customer_stats (tenant_id, customer_id)
       SELECT $1, c FROM unnest($2::uuid[]) AS c ORDER BY c ON CONFLICT DO NOTHING`,
      [tenantId, ids],
    );
    await tx.query(
      'SELECT 1 FROM customer_stats WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY customer_id FOR UPDATE',
      [tenantId, ids],
    );
    await tx.query('DELETE FROM tag_revenue WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])', [tenantId, ids]);
    customerIds = ids;
  }
  const scope = customerIds === null ? '' : 'AND customer_id = ANY($2::uuid[])';
  const params: unknown[] = customerIds === null ? [tenantId] : [tenantId, customerIds];

  // Scoped, the touched customers drive a left join, so one whose orders all went away (merged
  // elsewhere, refunded and deleted) drops back to zero in the same statement.
  const source =
    customerIds === null
      ? `FROM orders o
          WHERE o.tenant_id = $1 AND o.customer_id IS NOT NULL AND o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND') AND NOT o.deleted
          GROUP BY o.customer_id`
      : `FROM unnest($2::uuid[]) AS c(id)
           LEFT JOIN orders o ON o.tenant_id = $1 AND o.customer_id = c.id AND o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND') AND NOT o.deleted
          GROUP BY c.id`;
  await tx.query(
    `INSERT INTO customer_stats AS s (tenant_id, customer_id, revenue_cents, sale_count, refund_count, first_sale_at, last_sale_at)
     SELECT $1, ${customerIds === null ? 'o.customer_id' : 'c.id'},
            coalesce(sum(o.total_cents), 0),
            count(*) FILTER (WHERE o.kind = 'SALE'),
            count(*) FILTER (WHERE o.kind = 'REFUND'),
            min(o.created_at) FILTER (WHERE o.kind = 'SALE'),
            max(o.created_at) FILTER (WHERE o.kind = 'SALE')
       ${source}
     ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
       revenue_cents = EXCLUDED.revenue_cents, sale_count = EXCLUDED.sale_count, refund_count = EXCLUDED.refund_count,
       first_sale_at = EXCLUDED.first_sale_at, last_sale_at = EXCLUDED.last_sale_at`,
    params,
  );

  await tx.query(
    `INSERT INTO tag_revenue (tenant_id, tag_id, customer_id, tag_type, tag_value, added_at, revenue_cents, order_count,
                              last_order_at, revenue_since_added_cents, orders_since_added)
     SELECT t.tenant_id, t.id, t.customer_id, t.tag_type, t.tag_value, t.added_at,
            coalesce(s.revenue_cents, 0), coalesce(s.sale_count, 0), s.last_sale_at,
            coalesce(since.revenue, 0), coalesce(since.sales, 0)
       FROM customer_tags t
       LEFT JOIN customer_stats s ON s.tenant_id = t.tenant_id AND s.customer_id = t.customer_id
       LEFT JOIN (
         -- One join of the tags with their customers' orders, grouped per tag, rather than a
         -- lookup per tag: the planner can hash it when a sync touches thousands of guests.
         SELECT tt.id, sum(o.total_cents) AS revenue, count(*) FILTER (WHERE o.kind = 'SALE') AS sales
           FROM customer_tags tt
           JOIN orders o ON o.tenant_id = tt.tenant_id AND o.customer_id = tt.customer_id AND o.created_at >= tt.added_at
          WHERE tt.tenant_id = $1 AND tt.removed_at IS NULL AND NOT tt.deleted ${scope.replace('customer_id', 'tt.customer_id')}
            AND o.status = 'COMPLETED' AND o.kind IN ('SALE', 'REFUND') AND NOT o.deleted
          GROUP BY tt.id
       ) since ON since.id = t.id
      WHERE t.tenant_id = $1 AND t.removed_at IS NULL AND NOT t.deleted ${scope.replace('customer_id', 't.customer_id')}`,
    params,
  );
  await refreshReportSummaries(tx, tenantId, customerIds);
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
