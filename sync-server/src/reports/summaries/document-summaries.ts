import type { CollectionName } from '@cellardoor/shared';
import type { Queryable } from '../../db/driver';
import type { DocumentWrite } from '../../sync/write-documents';
import { UNSPECIFIED_EVENT_TYPE, monthOf, run } from './sql';

type Doc = Record<string, unknown>;

/**
 * Summaries that add up per document rather than per customer: event sales per venue, type and
 * month (orders), tags added and removed per month (customer_tags), and the runs of device sale
 * numbers received (orders). Each write moves them by (new version − previous version), so a
 * changed or re-pointed document is counted once; writes to one collection of a tenant are
 * serialised by its sequence counter lock, so these rows see one writer at a time.
 *
 * `previous` holds the stored version before the write; `_deleted: true` on it marks a tombstone.
 */
export async function applyDocumentSummaries(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writes: readonly DocumentWrite[],
  previous: ReadonlyMap<string, Doc>,
  tz: string,
): Promise<void> {
  if (collection !== 'orders' && collection !== 'customer_tags') return;
  const v = {
    tenant: tenantId,
    tz,
    docs: JSON.stringify([
      ...writes.map((w) => ({ s: 1, doc: w.doc, deleted: w.deleted })),
      ...[...previous.values()].map((doc) => ({ s: -1, doc, deleted: doc._deleted === true })),
    ]),
  };
  const versions = `d AS (SELECT (e->>'s')::int AS s, e->'doc' AS doc FROM jsonb_array_elements($docs::jsonb) e WHERE NOT (e->>'deleted')::boolean)`;
  if (collection === 'orders') {
    await run(
      tx,
      `WITH ${versions},
       c AS (SELECT s, (doc->>'venueId')::uuid AS venue_id, coalesce(doc->>'eventType', '${UNSPECIFIED_EVENT_TYPE}') AS event_type,
                    ${monthOf(`(doc->>'createdAt')::timestamptz`)} AS month, (doc->>'totalCents')::bigint AS total_cents
               FROM d WHERE doc->>'status' = 'COMPLETED' AND doc->>'kind' = 'SALE' AND (doc->>'isEventSale')::boolean)
       INSERT INTO event_sales_monthly AS t (tenant_id, venue_id, event_type, month, sales, revenue_cents)
       SELECT $tenant, venue_id, event_type, month, sum(s)::int, sum(s * total_cents)::bigint FROM c
        GROUP BY 2, 3, 4 HAVING sum(s) <> 0 OR sum(s * total_cents) <> 0 ORDER BY 2, 3, 4
       ON CONFLICT (tenant_id, venue_id, event_type, month) DO UPDATE SET
         sales = t.sales + EXCLUDED.sales, revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents`,
      v,
    );
    await mergeDeviceSeqRuns(tx, tenantId, writes);
  } else {
    await run(
      tx,
      `WITH ${versions},
       c AS (SELECT s, doc->>'tagType' AS tag_type, ${monthOf(`(doc->>'addedAt')::timestamptz`)} AS month, 1 AS added, 0 AS removed FROM d
             UNION ALL
             SELECT s, doc->>'tagType', ${monthOf(`(doc->>'removedAt')::timestamptz`)}, 0, 1 FROM d WHERE doc->>'removedAt' IS NOT NULL)
       INSERT INTO tag_growth_monthly AS t (tenant_id, tag_type, month, added, removed)
       SELECT $tenant, tag_type, month, sum(s * added)::int, sum(s * removed)::int FROM c
        GROUP BY 2, 3 HAVING sum(s * added) <> 0 OR sum(s * removed) <> 0 ORDER BY 2, 3
       ON CONFLICT (tenant_id, tag_type, month) DO UPDATE SET added = t.added + EXCLUDED.added, removed = t.removed + EXCLUDED.removed`,
      v,
    );
  }
}

/**
 * Folds the sale numbers of written orders into their devices' runs of received numbers. A sale
 * number, once received, stays received (orders are immutable), so runs only grow and merge.
 */
async function mergeDeviceSeqRuns(tx: Queryable, tenantId: string, writes: readonly DocumentWrite[]): Promise<void> {
  const seqs = writes
    .filter((w) => typeof w.doc.deviceSeq === 'number' && typeof w.doc.deviceId === 'string')
    .map((w) => ({ d: w.doc.deviceId, n: w.doc.deviceSeq }));
  if (seqs.length === 0) return;
  await run(
    tx,
    `WITH incoming AS (SELECT DISTINCT (e->>'d')::uuid AS device_id, (e->>'n')::bigint AS from_seq, (e->>'n')::bigint AS to_seq
                         FROM jsonb_array_elements($seqs::jsonb) e),
     old AS (DELETE FROM device_seq_runs WHERE tenant_id = $tenant AND device_id IN (SELECT device_id FROM incoming)
             RETURNING device_id, from_seq, to_seq),
     ${MERGE_RUNS('(SELECT * FROM old UNION ALL SELECT * FROM incoming)')}
     INSERT INTO device_seq_runs (tenant_id, device_id, from_seq, to_seq)
     SELECT $tenant, device_id, min(from_seq), max(to_seq) FROM islands GROUP BY device_id, island`,
    { tenant: tenantId, seqs: JSON.stringify(seqs) },
  );
}

/** Gaps and islands over intervals: a new island starts where an interval does not touch the ones before it. */
const MERGE_RUNS = (intervals: string) => `
     starts AS (
       SELECT device_id, from_seq, to_seq,
              CASE WHEN from_seq <= max(to_seq) OVER (PARTITION BY device_id ORDER BY from_seq, to_seq
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                   THEN 0 ELSE 1 END AS starts
         FROM ${intervals} iv),
     islands AS (
       SELECT device_id, from_seq, to_seq, sum(starts) OVER (PARTITION BY device_id ORDER BY from_seq, to_seq) AS island FROM starts)`;

/** From scratch: the document-level summaries of a whole tenant, from its documents. */
export async function rebuildDocumentSummaries(tx: Queryable, tenantId: string, tz: string): Promise<void> {
  for (const table of DOCUMENT_SUMMARY_TABLES) await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
  const v = { tenant: tenantId, tz };
  await run(
    tx,
    `INSERT INTO event_sales_monthly (tenant_id, venue_id, event_type, month, sales, revenue_cents)
     SELECT $tenant, venue_id, coalesce(event_type, '${UNSPECIFIED_EVENT_TYPE}'), ${monthOf('created_at')}, count(*)::int, sum(total_cents)::bigint
       FROM orders WHERE tenant_id = $tenant AND status = 'COMPLETED' AND kind = 'SALE' AND is_event_sale AND NOT deleted
      GROUP BY 2, 3, 4`,
    v,
  );
  await run(
    tx,
    `INSERT INTO tag_growth_monthly (tenant_id, tag_type, month, added, removed)
     SELECT $tenant, tag_type, month, sum(added)::int, sum(removed)::int FROM (
       SELECT tag_type, ${monthOf('added_at')} AS month, 1 AS added, 0 AS removed FROM customer_tags WHERE tenant_id = $tenant AND NOT deleted
       UNION ALL
       SELECT tag_type, ${monthOf('removed_at')}, 0, 1 FROM customer_tags WHERE tenant_id = $tenant AND NOT deleted AND removed_at IS NOT NULL) c
      GROUP BY 2, 3`,
    v,
  );
  await run(
    tx,
    `WITH ${MERGE_RUNS(`(SELECT DISTINCT device_id, device_seq::bigint AS from_seq, device_seq::bigint AS to_seq FROM orders
                           WHERE tenant_id = $tenant AND device_seq IS NOT NULL)`)}
     INSERT INTO device_seq_runs (tenant_id, device_id, from_seq, to_seq)
     SELECT $tenant, device_id, min(from_seq), max(to_seq) FROM islands GROUP BY device_id, island`,
    v,
  );
}

export const DOCUMENT_SUMMARY_TABLES = ['event_sales_monthly', 'tag_growth_monthly', 'device_seq_runs'] as const;
