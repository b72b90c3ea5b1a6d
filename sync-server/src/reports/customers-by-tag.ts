import { z } from 'zod';
import { defineReport, param } from './report-route';

/**
 * Customers of a tag ranked by revenue (seed query 1): a tag type, or one value of it. A guest
 * appears once, with the tag's values they hold and the revenue since the earliest of those tags.
 */
export const customersByTag = defineReport({
  name: 'customers-by-tag',
  title: 'customers by tag',
  params: { tagType: param.tagType, tagValue: z.string().min(1).max(200).optional(), limit: param.limit(50) },
  columns: [
    'rank', 'customerId', 'firstName', 'lastName', 'tagValues', 'firstAddedAt', 'totalRevenueCents', 'orderCount', 'lastOrderAt',
    'revenueSinceAddedCents', 'ordersSinceAdded',
  ],
  async run({ query, params }) {
    // Ranked by an index walk: customers per tag type, or the tag's assignments (one per guest).
    const ranked =
      params.tagValue === undefined
        ? `SELECT customer_id, revenue_cents FROM ctt WHERE tag_type = $tagType ORDER BY revenue_cents DESC, customer_id LIMIT $limit`
        : `SELECT r.customer_id, r.revenue_cents FROM tr r
            WHERE r.tag_type = $tagType AND r.tag_value = $tagValue
              AND NOT EXISTS (SELECT 1 FROM tr r2 WHERE r2.customer_id = r.customer_id AND r2.tag_type = r.tag_type
                                AND r2.tag_value = r.tag_value AND (r2.added_at, r2.tag_id) < (r.added_at, r.tag_id))
            ORDER BY r.revenue_cents DESC, r.customer_id LIMIT $limit`;
    const rows = await query<{ customerId: string }>(
      `SELECT (row_number() OVER (ORDER BY k.revenue_cents DESC, k.customer_id))::int AS rank, k.customer_id AS "customerId",
              c.first_name AS "firstName", c.last_name AS "lastName", coalesce(x.tag_values, '{}') AS "tagValues",
              x.first_added_at AS "firstAddedAt", k.revenue_cents AS "totalRevenueCents", x.order_count AS "orderCount",
              x.last_order_at AS "lastOrderAt", x.since_cents AS "revenueSinceAddedCents", x.since_orders AS "ordersSinceAdded"
         FROM (${ranked}) k
         LEFT JOIN customers c ON c.tenant_id = $tenant AND c.id = k.customer_id
        CROSS JOIN LATERAL (
          SELECT array_agg(DISTINCT tag_value ORDER BY tag_value) FILTER (WHERE tag_value IS NOT NULL) AS tag_values,
                 min(added_at) AS first_added_at, max(order_count) AS order_count, max(last_order_at) AS last_order_at,
                 (array_agg(revenue_since_added_cents ORDER BY added_at, tag_id))[1] AS since_cents,
                 (array_agg(orders_since_added ORDER BY added_at, tag_id))[1] AS since_orders
            FROM tr WHERE tr.customer_id = k.customer_id AND tr.tag_type = $tagType
             AND ($tagValue::text IS NULL OR tr.tag_value = $tagValue)) x
        ORDER BY rank`,
      { tagType: params.tagType, tagValue: params.tagValue ?? null, limit: params.limit },
    );
    return { rows, extra: { tagType: params.tagType, tagValue: params.tagValue ?? null }, shownCustomers: rows.map((r) => r.customerId) };
  },
});
