import { defineReport, param } from './report-route';

/** Guests holding active tags of at least `minTypes` tag types (seed query 6), by revenue. */
export const multiTagGuests = defineReport({
  name: 'multi-tag-guests',
  title: 'guests with several tag types',
  params: { minTypes: param.limit(2, 50), limit: param.limit(100) },
  columns: ['rank', 'customerId', 'firstName', 'lastName', 'tagTypeCount', 'tagTypes', 'activeTags', 'totalRevenueCents', 'orderCount', 'lastOrderAt'],
  async run({ query, params }) {
    const values = { minTypes: params.minTypes, limit: params.limit };
    const rows = await query<{ customerId: string }>(
      `SELECT (row_number() OVER (ORDER BY f.revenue_cents DESC, f.customer_id))::int AS rank, f.customer_id AS "customerId",
              c.first_name AS "firstName", c.last_name AS "lastName", f.active_tag_types AS "tagTypeCount",
              (SELECT array_agg(t.tag_type ORDER BY t.tag_type) FROM ctt t WHERE t.customer_id = f.customer_id) AS "tagTypes",
              f.active_tags AS "activeTags", f.revenue_cents AS "totalRevenueCents", f.sale_count AS "orderCount", f.last_sale_at AS "lastOrderAt"
         FROM (SELECT * FROM facts WHERE active_tags > 0 AND active_tag_types >= $minTypes
                ORDER BY revenue_cents DESC, customer_id LIMIT $limit) f
         LEFT JOIN customers c ON c.tenant_id = $tenant AND c.id = f.customer_id
        ORDER BY rank`,
      values,
    );
    const [total] = await query<{ guests: number }>(
      `SELECT coalesce(sum(customers), 0)::int AS guests FROM hist WHERE type_count >= $minTypes`,
      values,
    );
    return { rows, extra: { minTypes: params.minTypes, totalGuests: total?.guests ?? 0 }, shownCustomers: rows.map((r) => r.customerId) };
  },
});
