import { TYPE_DISPLAY_NAME, defineReport, param } from './report-route';
import { VALUE_BAND_CENTS } from './summaries/customer-summaries';

/**
 * Lifetime value by tag type (seed query 8): distinct customers, average days active (first to
 * last sale, over customers who bought), average and median lifetime revenue. The median is
 * exact: the running count of customers per $10 revenue band finds the band holding the middle
 * rank(s), and the value is read within that band from the ranked index.
 */
export const lifetimeValue = defineReport({
  name: 'lifetime-value',
  title: 'lifetime value by tag',
  params: { tagType: param.tagType.optional() },
  columns: ['tagType', 'displayName', 'customers', 'buyers', 'avgDaysActive', 'avgValueCents', 'medianValueCents', 'totalValueCents'],
  async run({ query, params }) {
    const rows = await query(
      `, t AS (SELECT * FROM ttt WHERE customers > 0 AND ($tagType::text IS NULL OR tag_type = $tagType)),
       ranks AS (SELECT DISTINCT t.tag_type, k FROM t CROSS JOIN LATERAL (VALUES ((t.customers + 1) / 2), (t.customers / 2 + 1)) r(k)),
       banded AS (SELECT b.tag_type, b.band * $band AS lo, (b.band + 1) * $band AS hi, b.customers,
                         (sum(b.customers) OVER (PARTITION BY b.tag_type ORDER BY b.band) - b.customers)::int AS before
                    FROM bands b JOIN t ON t.tag_type = b.tag_type WHERE b.customers > 0),
       picked AS MATERIALIZED (
         SELECT r.tag_type, r.k - b.before AS k_in, b.lo, b.hi
           FROM ranks r JOIN banded b ON b.tag_type = r.tag_type AND r.k > b.before AND r.k <= b.before + b.customers),
       middle AS (
         SELECT p.tag_type, v.revenue_cents FROM picked p
          CROSS JOIN LATERAL (
            SELECT revenue_cents FROM ctt
             WHERE ctt.tag_type = p.tag_type AND ctt.revenue_cents >= p.lo AND ctt.revenue_cents < p.hi
             ORDER BY revenue_cents OFFSET p.k_in - 1 LIMIT 1) v),
       medians AS (SELECT tag_type, round(avg(revenue_cents))::bigint AS median FROM middle GROUP BY tag_type)
       SELECT t.tag_type AS "tagType", ${TYPE_DISPLAY_NAME('t.tag_type')} AS "displayName", t.customers, t.buyers,
              CASE WHEN t.buyers > 0 THEN round(t.days_active_sum::numeric / t.buyers, 1) END AS "avgDaysActive",
              round(t.distinct_revenue_cents::numeric / t.customers)::bigint AS "avgValueCents",
              m.median AS "medianValueCents",
              t.distinct_revenue_cents AS "totalValueCents"
         FROM t LEFT JOIN medians m ON m.tag_type = t.tag_type ORDER BY t.distinct_revenue_cents DESC, t.tag_type`,
      { tagType: params.tagType ?? null, band: VALUE_BAND_CENTS },
    );
    return { rows };
  },
});
