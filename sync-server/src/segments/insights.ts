import type { SegmentThresholds } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { run } from '../reports/summaries/sql';
import { SYNC_CHANNEL } from '../sync/write-documents';
import { guestRelation } from './guest-relation';

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Fields other calculations own (loyalty, lifetime value, churn): kept as they are, null on a new insight. */
const OTHERS_FIELDS = `jsonb_build_object('loyaltyTier', NULL, 'clvCents', NULL, 'predictedClvCents', NULL, 'churnRisk', NULL)`;

/**
 * Writes the server-owned customer_insights documents (shared/src/schemas/catalogue.ts) for the
 * given guests (every guest with null): totals, tiers, lifecycle, favourites and segment names.
 *
 * Written through the sync write path's rules (write-documents.ts): the (tenant,
 * customer_insights) counter row is locked for the rest of the transaction and each written
 * document takes the next sequence number, so pulls see them in commit order and never skip
 * one. It is one set-based statement rather than a JSON batch because a full recompute writes a
 * million documents. Only documents whose content changed are written (computedAt aside), so a
 * repeated sync or recompute hands devices nothing new. A guest who was merged away, erased or
 * deleted gets a tombstone.
 */
export async function writeInsights(
  tx: Queryable,
  tenantId: string,
  customerIds: readonly string[] | null,
  asOf: Date,
  thresholds: SegmentThresholds,
): Promise<number> {
  if (customerIds !== null && customerIds.length === 0) return 0;
  const scoped = customerIds !== null;
  const scope = (col: string) => (scoped ? `AND ${col} = ANY($ids::uuid[])` : '');
  const [row] = await run<{ written: number }>(
    tx,
    `WITH g AS ${guestRelation({ scoped })},
     names AS (
       SELECT m.customer_id, (array_agg(s.name ORDER BY s.name))[1:200] AS names
         FROM segment_members m JOIN segments s ON s.tenant_id = m.tenant_id AND s.id = m.segment_id AND s.deleted_at IS NULL
        WHERE m.tenant_id = $tenant ${scope('m.customer_id')}
        GROUP BY m.customer_id
     ), fresh AS (
       SELECT g.customer_id, false AS deleted, jsonb_build_object(
                'id', g.customer_id, 'customerId', g.customer_id,
                'totalRevenueCents', g.revenue_cents, 'orderCount', g.sale_count, 'avgOrderCents', coalesce(g.avg_order_cents, 0),
                'firstOrderAt', ${iso('g.first_sale_at')}, 'lastOrderAt', ${iso('g.last_sale_at')},
                'spendingTier', g.spending_tier, 'frequencyTier', g.frequency_tier, 'lifecycleStage', g.lifecycle_stage,
                'favouriteCategory', g.favourite_category, 'favouriteEventType', g.favourite_event_type,
                'segments', to_jsonb(coalesce(n.names, '{}'))) AS body
         FROM g LEFT JOIN names n ON n.customer_id = g.customer_id
     ), gone AS (
       SELECT i.customer_id, true AS deleted, '{}'::jsonb AS body
         FROM customer_insights i
        WHERE i.tenant_id = $tenant AND NOT i.deleted ${scope('i.id')}
          AND NOT EXISTS (SELECT 1 FROM g WHERE g.customer_id = i.id)
     ), wanted AS (
       SELECT * FROM fresh UNION ALL SELECT * FROM gone
     ), changed AS (
       SELECT w.customer_id, w.deleted,
              ${OTHERS_FIELDS} || coalesce(i.doc, '{}'::jsonb) || w.body
                || jsonb_build_object('computedAt', ${iso('$asOf::timestamptz')}, 'updatedAt', ${iso('now()')}) AS doc
         FROM wanted w
         LEFT JOIN customer_insights i ON i.tenant_id = $tenant AND i.id = w.customer_id ${scope('i.id')}
        WHERE i.id IS NULL OR i.deleted <> w.deleted
           -- Changed when a figure differs: containment compares the scalar fields without
           -- rebuilding the stored document; the segment list is compared whole (order and all).
           OR (NOT w.deleted AND NOT (i.doc @> (w.body - 'segments') AND i.doc->'segments' = w.body->'segments'))
     ), n AS (
       SELECT count(*)::bigint AS k FROM changed
     ), counter AS (
       UPDATE sync_counters SET value = value + (SELECT k FROM n)
        WHERE tenant_id = $tenant AND collection = 'customer_insights'
       RETURNING value - (SELECT k FROM n) AS base
     ), up AS (
       INSERT INTO customer_insights AS t (tenant_id, id, seq, doc, deleted, pushed_by, server_updated_at, customer_id)
       SELECT $tenant, c.customer_id, (SELECT base FROM counter) + row_number() OVER (ORDER BY c.customer_id), c.doc, c.deleted, NULL, now(), c.customer_id
         FROM changed c
       ON CONFLICT (tenant_id, id) DO UPDATE SET
         seq = EXCLUDED.seq, doc = EXCLUDED.doc, deleted = EXCLUDED.deleted, pushed_by = NULL,
         server_updated_at = EXCLUDED.server_updated_at, customer_id = EXCLUDED.customer_id
     )
     SELECT k::int AS written FROM n`,
    { tenant: tenantId, asOf: asOf.toISOString(), th: JSON.stringify(thresholds), ...(scoped ? { ids: [...new Set(customerIds)] } : {}) },
  );
  const written = row?.written ?? 0;
  if (written > 0) await tx.query('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, JSON.stringify({ t: tenantId, c: 'customer_insights' })]);
  return written;
}

/**
 * Takes the (tenant, customer_insights) counter lock first: segment and insight work of one
 * tenant then runs one transaction at a time, each seeing what the previous committed, so two
 * syncs touching one guest cannot leave a stale membership or insight behind.
 */
export async function lockSegmentWork(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query(`INSERT INTO sync_counters (tenant_id, collection) VALUES ($1, 'customer_insights') ON CONFLICT DO NOTHING`, [tenantId]);
  await tx.query(`SELECT value FROM sync_counters WHERE tenant_id = $1 AND collection = 'customer_insights' FOR UPDATE`, [tenantId]);
}
