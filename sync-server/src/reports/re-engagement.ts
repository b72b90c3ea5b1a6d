import { defineReport, param } from './report-route';

/**
 * Inactive high-value tagged guests to win back (seed query 9): guests with an active tag (of
 * `tagType`, if given), lifetime revenue of at least `minRevenueCents`, and no sale in the
 * `inactiveDays` before asOf; highest revenue first, with their consent flags so a campaign can
 * honour them. Merged-away and erased guests are left out: there is no one to contact.
 */
export const reEngagement = defineReport({
  name: 're-engagement',
  title: 're-engagement',
  params: {
    minRevenueCents: param.cents.default(50_000),
    inactiveDays: param.days.default(90),
    tagType: param.tagType.optional(),
    limit: param.limit(100),
  },
  columns: [
    'rank', 'customerId', 'firstName', 'lastName', 'email', 'phone', 'emailOptIn', 'smsOptIn', 'totalRevenueCents', 'orderCount',
    'lastOrderAt', 'daysSinceLastOrder', 'tagTypes',
  ],
  async run({ query, params }) {
    // Walk guests from the highest revenue down, testing each one (per-row subqueries, never a
    // join over every guest), and stop at `limit`: the top of the ranked index is where they are.
    const cutoff = `$asOf::timestamptz - make_interval(days => $inactiveDays::int)`;
    const candidates =
      params.tagType === undefined
        ? `SELECT customer_id, revenue_cents FROM facts
            WHERE active_tags > 0 AND revenue_cents >= $minRevenue AND last_sale_at <= ${cutoff}`
        : `SELECT t.customer_id, t.revenue_cents FROM ctt t
            WHERE t.tag_type = $tagType AND t.revenue_cents >= $minRevenue
              AND t.last_sale_at <= ${cutoff}`;
    const rows = await query<{ customerId: string }>(
      `SELECT (row_number() OVER (ORDER BY k.revenue_cents DESC, k.customer_id))::int AS rank, k.customer_id AS "customerId",
              c.first_name AS "firstName", c.last_name AS "lastName", c.doc->>'email' AS email, c.doc->>'phone' AS phone,
              (c.doc->>'emailOptIn')::boolean AS "emailOptIn", (c.doc->>'smsOptIn')::boolean AS "smsOptIn",
              k.revenue_cents AS "totalRevenueCents", f.sale_count AS "orderCount", f.last_sale_at AS "lastOrderAt",
              floor(extract(epoch FROM $asOf::timestamptz - f.last_sale_at) / 86400)::int AS "daysSinceLastOrder",
              (SELECT array_agg(t.tag_type ORDER BY t.tag_type) FROM ctt t WHERE t.customer_id = k.customer_id) AS "tagTypes"
         FROM (SELECT cand.* FROM (${candidates}) cand
                WHERE coalesce((SELECT cu.merged_into IS NULL AND cu.erased_at IS NULL FROM customers cu
                                 WHERE cu.tenant_id = $tenant AND cu.id = cand.customer_id), true)
                ORDER BY cand.revenue_cents DESC, cand.customer_id LIMIT $limit) k
         JOIN facts f ON f.customer_id = k.customer_id
         LEFT JOIN customers c ON c.tenant_id = $tenant AND c.id = k.customer_id
        ORDER BY rank`,
      { minRevenue: params.minRevenueCents, inactiveDays: params.inactiveDays, tagType: params.tagType ?? null, limit: params.limit },
    );
    return {
      rows,
      extra: { minRevenueCents: params.minRevenueCents, inactiveDays: params.inactiveDays, tagType: params.tagType ?? null },
      shownCustomers: rows.map((r) => r.customerId),
    };
  },
});
