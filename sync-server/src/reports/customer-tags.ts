import { defineReport, param } from './report-route';

/**
 * A customer's active tags with their definitions and tag revenue (seed query 2). A value
 * without a definition of its own (an event's name under EVENTS) takes its type's definition.
 */
export const customerTags = defineReport({
  name: 'customer-tags',
  title: 'customer tags',
  params: { customerId: param.uuid },
  columns: [
    'tagId', 'tagType', 'tagValue', 'displayName', 'category', 'color', 'priority', 'parentTagType', 'addedAt',
    'totalRevenueCents', 'orderCount', 'lastOrderAt', 'revenueSinceAddedCents', 'ordersSinceAdded',
  ],
  async run({ query, params }) {
    const rows = await query(
      `SELECT r.tag_id AS "tagId", r.tag_type AS "tagType", r.tag_value AS "tagValue",
              coalesce(d.display_name, r.tag_type) AS "displayName", d.category, d.doc->>'color' AS color, d.priority,
              p.tag_type AS "parentTagType", r.added_at AS "addedAt", r.revenue_cents AS "totalRevenueCents",
              r.order_count AS "orderCount", r.last_order_at AS "lastOrderAt",
              r.revenue_since_added_cents AS "revenueSinceAddedCents", r.orders_since_added AS "ordersSinceAdded"
         FROM tr r
         LEFT JOIN LATERAL (
           SELECT * FROM tag_definitions d
            WHERE d.tenant_id = $tenant AND d.tag_type = r.tag_type AND NOT d.deleted
              AND (d.tag_value = r.tag_value OR d.tag_value IS NULL)
            ORDER BY d.tag_value IS NULL, d.id LIMIT 1) d ON true
         LEFT JOIN tag_definitions p ON p.tenant_id = $tenant AND p.id = d.parent_id
        WHERE r.customer_id = $customerId
        ORDER BY d.priority DESC NULLS LAST, r.added_at, r.tag_id`,
      { customerId: params.customerId },
    );
    const [customer] = await query(
      `SELECT c.id AS "customerId", c.first_name AS "firstName", c.last_name AS "lastName", c.merged_into AS "mergedInto",
              coalesce(cs.revenue_cents, 0) AS "totalRevenueCents", coalesce(cs.sale_count, 0) AS "orderCount", cs.last_sale_at AS "lastOrderAt"
         FROM customers c LEFT JOIN cs ON cs.customer_id = c.id
        WHERE c.tenant_id = $tenant AND c.id = $customerId`,
      { customerId: params.customerId },
    );
    return { rows, extra: { customerId: params.customerId, customer: customer ?? null }, shownCustomers: [params.customerId] };
  },
});
