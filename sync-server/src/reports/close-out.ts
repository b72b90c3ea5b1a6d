import { z } from 'zod';
import { defineReport, param } from './report-route';

const FIGURES = `
  (count(*) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED'))::int AS "salesCount",
  coalesce(sum(total_cents) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED'), 0)::bigint AS "salesCents",
  (count(*) FILTER (WHERE kind = 'REFUND' AND status = 'COMPLETED'))::int AS "refundsCount",
  coalesce(sum(total_cents) FILTER (WHERE kind = 'REFUND' AND status = 'COMPLETED'), 0)::bigint AS "refundsCents",
  coalesce(sum(total_cents) FILTER (WHERE status = 'COMPLETED'), 0)::bigint AS "netCents",
  coalesce(sum(total_cents) FILTER (WHERE status = 'COMPLETED' AND payment_method = 'CARD'), 0)::bigint AS "cardCents",
  coalesce(sum(total_cents) FILTER (WHERE status = 'COMPLETED' AND payment_method = 'CASH'), 0)::bigint AS "cashCents",
  coalesce(sum(total_cents) FILTER (WHERE status = 'COMPLETED' AND payment_method = 'OTHER'), 0)::bigint AS "otherCents",
  (count(*) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED' AND is_event_sale))::int AS "eventSalesCount",
  coalesce(sum(total_cents) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED' AND is_event_sale), 0)::bigint AS "eventSalesCents",
  (count(*) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED' AND NOT is_event_sale))::int AS "counterSalesCount",
  coalesce(sum(total_cents) FILTER (WHERE kind = 'SALE' AND status = 'COMPLETED' AND NOT is_event_sale), 0)::bigint AS "counterSalesCents",
  (count(*) FILTER (WHERE status = 'VOIDED'))::int AS "voidedCount"`;

/**
 * The daily close-out per venue and device: sales, refunds, net by payment method, event vs
 * counter, the day's first and last device sale numbers, and for each device the gaps in the
 * sale numbers received so far (sales a tablet still holds), up to the last number it reported.
 * The day is the venue's calendar day in its own time zone (default: the day of asOf there).
 */
export const closeOut = defineReport({
  name: 'close-out',
  title: 'daily close-out',
  params: { date: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(), venueId: param.uuid.optional() },
  columns: [
    'date', 'venueId', 'venueName', 'deviceId', 'deviceName', 'salesCount', 'salesCents', 'refundsCount', 'refundsCents', 'netCents',
    'cardCents', 'cashCents', 'otherCents', 'eventSalesCount', 'eventSalesCents', 'counterSalesCount', 'counterSalesCents',
    'voidedCount', 'firstSeq', 'lastSeq', 'lastSeqReceived', 'lastReportedSeq', 'missing',
  ],
  async run({ query, params }) {
    // The venues' days first, so the orders are read by index with each day's bounds known to the planner.
    const windows = await query<{ venueId: string; name: string | null; tz: string; day: string; starts: Date; ends: Date }>(
      `, v AS (
          SELECT id AS venue_id, name, coalesce(timezone, 'UTC') AS tz FROM venues
           WHERE tenant_id = $tenant AND NOT deleted AND ($venue::uuid IS NULL OR id = $venue)
          UNION ALL
          -- A venue whose document has not arrived yet is closed out in UTC rather than left out.
          SELECT $venue::uuid, NULL, 'UTC' WHERE $venue::uuid IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM venues WHERE tenant_id = $tenant AND id = $venue AND NOT deleted))
       SELECT venue_id AS "venueId", name, tz, to_char(day, 'YYYY-MM-DD') AS day, (day::timestamp AT TIME ZONE tz) AS starts,
              ((day + 1)::timestamp AT TIME ZONE tz) AS ends
         FROM (SELECT *, coalesce($date::date, ($asOf::timestamptz AT TIME ZONE tz)::date) AS day FROM v) d`,
      { date: params.date ?? null, venue: params.venueId ?? null },
    );
    if (windows.length === 0) return { rows: [], extra: { date: params.date ?? null, venues: [], devices: [] } };
    const values: Record<string, unknown> = {};
    windows.forEach((w, i) => Object.assign(values, { [`v${i}`]: w.venueId, [`n${i}`]: w.name, [`z${i}`]: w.tz, [`d${i}`]: w.day, [`s${i}`]: w.starts, [`e${i}`]: w.ends }));
    const keys = windows.map((_, i) => i);
    const days = `
      , w AS (SELECT * FROM (VALUES ${keys.map((i) => `($v${i}::uuid, $n${i}::text, $z${i}::text, $d${i}::date, $s${i}::timestamptz, $e${i}::timestamptz)`).join(', ')})
                AS w(venue_id, name, tz, day, starts, ends)),
        day_orders AS MATERIALIZED (
          SELECT w.venue_id, w.day, o.device_id, o.kind, o.status, o.total_cents, o.payment_method, o.is_event_sale, o.device_seq
            FROM orders o JOIN w ON w.venue_id = o.venue_id AND o.created_at >= w.starts AND o.created_at < w.ends
           WHERE o.tenant_id = $tenant AND o.created_at <= $asOf AND NOT o.deleted
             AND (${keys.map((i) => `(o.venue_id = $v${i} AND o.created_at >= $s${i} AND o.created_at < $e${i})`).join(' OR ')})),
        device_list AS (
          SELECT DISTINCT device_id FROM day_orders
          UNION SELECT id FROM devices WHERE tenant_id = $tenant AND revoked_at IS NULL AND venue_id IN (SELECT venue_id FROM w)),
        runs AS (
          SELECT device_id, from_seq, to_seq,
                 coalesce(lag(to_seq) OVER (PARTITION BY device_id ORDER BY from_seq), 0) AS prev_to
            FROM device_seq_runs WHERE tenant_id = $tenant AND device_id IN (SELECT device_id FROM device_list)),
        seq AS (
          SELECT l.device_id, dv.name AS device_name, max(r.to_seq)::bigint AS last_received, dv.last_reported_seq::bigint AS last_reported
            FROM device_list l
            LEFT JOIN runs r ON r.device_id = l.device_id
            LEFT JOIN devices dv ON dv.tenant_id = $tenant AND dv.id = l.device_id
           GROUP BY l.device_id, dv.name, dv.last_reported_seq),
        gaps AS (
          SELECT device_id, prev_to + 1 AS from_seq, from_seq - 1 AS to_seq FROM runs WHERE from_seq > prev_to + 1
          UNION ALL
          SELECT device_id, coalesce(last_received, 0) + 1, last_reported FROM seq WHERE last_reported > coalesce(last_received, 0)),
        devices_seq AS (
          SELECT s.device_id, s.device_name, s.last_received, s.last_reported,
                 coalesce((SELECT json_agg(json_build_array(g.from_seq, g.to_seq) ORDER BY g.from_seq) FROM gaps g
                            WHERE g.device_id = s.device_id), '[]'::json) AS missing
            FROM seq s)`;
    const rows = await query(
      `${days}
       SELECT a.*, w.name AS "venueName", ds.device_name AS "deviceName", ds.last_received AS "lastSeqReceived",
              ds.last_reported AS "lastReportedSeq", coalesce(ds.missing, '[]'::json) AS missing
         FROM (SELECT to_char(day, 'YYYY-MM-DD') AS date, venue_id AS "venueId", device_id AS "deviceId", ${FIGURES},
                      min(device_seq) AS "firstSeq", max(device_seq) AS "lastSeq"
                 FROM day_orders GROUP BY day, venue_id, device_id) a
         JOIN w ON w.venue_id = a."venueId" LEFT JOIN devices_seq ds ON ds.device_id = a."deviceId"
        ORDER BY w.name, a."venueId", ds.device_name, a."deviceId"`,
      values,
    );
    const venues = await query(
      `${days}
       SELECT to_char(w.day, 'YYYY-MM-DD') AS date, w.venue_id AS "venueId", w.name AS "venueName", w.tz AS "timeZone",
              w.starts AS "startsAt", w.ends AS "endsAt", ${FIGURES}
         FROM w LEFT JOIN day_orders o ON o.venue_id = w.venue_id
        GROUP BY w.day, w.venue_id, w.name, w.tz, w.starts, w.ends
        ORDER BY w.name, w.venue_id`,
      values,
    );
    const devices = await query(
      `${days}
       SELECT device_id AS "deviceId", device_name AS "deviceName", last_received AS "lastSeqReceived",
              last_reported AS "lastReportedSeq", missing
         FROM devices_seq ORDER BY device_name, device_id`,
      values,
    );
    return { rows, extra: { date: params.date ?? null, venues, devices } };
  },
});
