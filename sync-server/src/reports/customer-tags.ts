import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { parseInput } from '../http/errors';

const Query = z.strictObject({ customerId: z.uuid() });

/** A customer's active tags with their definitions and tag revenue (seed query 2). */
export function customerTagsReport(app: FastifyInstance, db: Db): void {
  app.get('/api/v1/reports/customer-tags', { config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const q = parseInput(Query, req.query, 'report query');
    const rows = await withTenant(db, p.tenantId, (tx) =>
      tx.query(
        `SELECT r.tag_id AS "tagId", r.tag_type AS "tagType", r.tag_value AS "tagValue",
                coalesce(d.display_name, dt.display_name, r.tag_type) AS "displayName", coalesce(d.category, dt.category) AS category,
                coalesce(d.color, dt.color) AS color, r.added_at AS "addedAt", r.revenue_cents AS "totalRevenueCents",
                r.order_count AS "orderCount", r.last_order_at AS "lastOrderAt", r.revenue_since_added_cents AS "revenueSinceAddedCents"
           FROM tag_revenue r
           LEFT JOIN LATERAL (SELECT display_name, category, doc->>'color' AS color FROM tag_definitions
                               WHERE tenant_id = r.tenant_id AND tag_type = r.tag_type AND tag_value IS NOT DISTINCT FROM r.tag_value AND NOT deleted LIMIT 1) d ON true
           LEFT JOIN LATERAL (SELECT display_name, category, doc->>'color' AS color FROM tag_definitions
                               WHERE tenant_id = r.tenant_id AND tag_type = r.tag_type AND tag_value IS NULL AND NOT deleted LIMIT 1) dt ON true
          WHERE r.tenant_id = $1 AND r.customer_id = $2
          ORDER BY r.revenue_cents DESC, r.added_at`,
        [p.tenantId, q.customerId],
      ),
    );
    return { customerId: q.customerId, rows };
  });
}
