import { z } from 'zod';
import { MONTH_TEXT, defineReport, param } from './report-route';
import { ALL_MONTHS, ALL_VENUES } from './summaries/sql';

/**
 * Event sales by event type and month (seed query 5): completed SALE orders marked as event
 * sales (refunds never are), their distinct known customers, revenue and average order. Months
 * are counted in the tenant's report time zone. `byType` totals each event type over all months
 * up to asOf (distinct customers across months), whatever `months` shows.
 */
export const eventSales = defineReport({
  name: 'event-sales',
  title: 'event sales',
  params: {
    months: z.coerce.number().int().min(1).max(120).optional(),
    eventType: param.tagType.optional(),
    venueId: param.uuid.optional(),
  },
  columns: ['eventType', 'month', 'sales', 'uniqueCustomers', 'revenueCents', 'avgOrderCents'],
  async run({ query, params }) {
    const values = {
      venue: params.venueId ?? null,
      allVenues: ALL_VENUES,
      allMonths: ALL_MONTHS,
      eventType: params.eventType ?? null,
      months: params.months ?? null,
    };
    // Sales and revenue add up over venues; distinct customers come from their own grouping.
    const sales = `
      s AS (SELECT event_type, month, sum(sales)::int AS sales, sum(revenue_cents)::bigint AS revenue_cents FROM esm
             WHERE ($venue::uuid IS NULL OR venue_id = $venue) AND ($eventType::text IS NULL OR event_type = $eventType)
             GROUP BY 1, 2 HAVING sum(sales) > 0),
      u AS (SELECT event_type, month, customers FROM euc
             WHERE venue_id = coalesce($venue::uuid, $allVenues::uuid) AND ($eventType::text IS NULL OR event_type = $eventType))`;
    const rows = await query(
      `, ${sales}
       SELECT s.event_type AS "eventType", ${MONTH_TEXT('s.month')} AS month, s.sales, coalesce(u.customers, 0) AS "uniqueCustomers",
              s.revenue_cents AS "revenueCents", round(s.revenue_cents::numeric / s.sales)::bigint AS "avgOrderCents"
         FROM s LEFT JOIN u ON u.event_type = s.event_type AND u.month = s.month
        WHERE $months::int IS NULL
           OR s.month > (date_trunc('month', $asOf::timestamptz AT TIME ZONE $tz) - make_interval(months => $months::int))::date
        ORDER BY s.event_type, s.month`,
      values,
    );
    const byType = await query(
      `, ${sales}
       SELECT t.event_type AS "eventType", t.sales, coalesce(u.customers, 0) AS "uniqueCustomers", t.revenue_cents AS "revenueCents",
              round(t.revenue_cents::numeric / t.sales)::bigint AS "avgOrderCents"
         FROM (SELECT event_type, sum(sales)::int AS sales, sum(revenue_cents)::bigint AS revenue_cents FROM s GROUP BY 1) t
         LEFT JOIN u ON u.event_type = t.event_type AND u.month = $allMonths::date
        ORDER BY t.event_type`,
      values,
    );
    return { rows, extra: { venueId: params.venueId ?? null, byType } };
  },
});
