import { TYPE_DISPLAY_NAME, defineReport, param } from './report-route';

/** The top N customers by lifetime revenue within each tag type (seed query 4). */
export const topCustomers = defineReport({
  name: 'top-customers',
  title: 'top customers per tag type',
  params: { limit: param.limit(10, 100), tagType: param.tagType.optional() },
  columns: ['tagType', 'displayName', 'rank', 'customerId', 'firstName', 'lastName', 'totalRevenueCents', 'orderCount', 'activeTags'],
  async run({ query, params }) {
    const rows = await query<{ customerId: string }>(
      `SELECT t.tag_type AS "tagType", ${TYPE_DISPLAY_NAME('t.tag_type')} AS "displayName", top.rank, top.customer_id AS "customerId",
              c.first_name AS "firstName", c.last_name AS "lastName", top.revenue_cents AS "totalRevenueCents",
              top.sale_count AS "orderCount", top.active_tags AS "activeTags"
         FROM ttt t
        CROSS JOIN LATERAL (
          SELECT customer_id, revenue_cents, sale_count, active_tags,
                 (row_number() OVER (ORDER BY revenue_cents DESC, customer_id))::int AS rank
            FROM (SELECT * FROM ctt WHERE ctt.tag_type = t.tag_type ORDER BY revenue_cents DESC, customer_id LIMIT $limit) l) top
         LEFT JOIN customers c ON c.tenant_id = $tenant AND c.id = top.customer_id
        WHERE t.customers > 0 AND ($tagType::text IS NULL OR t.tag_type = $tagType)
        ORDER BY t.tag_type, top.rank`,
      { limit: params.limit, tagType: params.tagType ?? null },
    );
    return { rows, shownCustomers: rows.map((r) => r.customerId) };
  },
});
