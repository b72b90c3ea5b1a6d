import { TYPE_DISPLAY_NAME, defineReport, param } from './report-route';

/**
 * Revenue by tag type (seed query 3). Seed semantics: totalRevenueCents and totalOrders sum over
 * active tag assignments, so a guest with two active tags of one type counts twice; the distinct
 * sums count each guest once, and the average per customer is taken over those.
 */
export const revenueByTag = defineReport({
  name: 'revenue-by-tag',
  title: 'revenue by tag',
  params: { tagType: param.tagType.optional() },
  columns: [
    'tagType', 'displayName', 'customerCount', 'activeTags', 'totalRevenueCents', 'avgRevenuePerCustomerCents', 'totalOrders',
    'distinctCustomerRevenueCents', 'distinctCustomerOrderCount',
  ],
  async run({ query, params }) {
    const rows = await query(
      `SELECT t.tag_type AS "tagType", ${TYPE_DISPLAY_NAME('t.tag_type')} AS "displayName",
              t.customers AS "customerCount", t.active_tags AS "activeTags", t.revenue_cents AS "totalRevenueCents",
              round(t.distinct_revenue_cents::numeric / t.customers)::bigint AS "avgRevenuePerCustomerCents",
              t.order_count AS "totalOrders", t.distinct_revenue_cents AS "distinctCustomerRevenueCents",
              t.distinct_order_count AS "distinctCustomerOrderCount"
         FROM ttt t
        WHERE t.customers > 0 AND ($tagType::text IS NULL OR t.tag_type = $tagType)
        ORDER BY t.revenue_cents DESC, t.tag_type`,
      { tagType: params.tagType ?? null },
    );
    return { rows };
  },
});
