import type { CollectionName } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { TYPED_COLUMNS, tableOf } from './tables';

export const SYNC_CHANNEL = 'cellardoor_sync';

export interface DocumentWrite {
  doc: Record<string, unknown>;
  deleted: boolean;
}

const statements = new Map<CollectionName, string>();

/** One multi-row upsert per collection: the whole batch in one statement, never one per document. */
function upsertSql(collection: CollectionName): string {
  let sql = statements.get(collection);
  if (sql) return sql;
  const table = tableOf(collection);
  const cols = TYPED_COLUMNS[collection];
  const names = cols.map(([c]) => c);
  sql = `
    INSERT INTO ${table} (tenant_id, id, seq, doc, deleted, pushed_by, server_updated_at${names.map((n) => `, ${n}`).join('')})
    SELECT $1::uuid, (d->>'id')::uuid, $2::bigint + e.ord, d, (e.w->>'deleted')::boolean, $4::uuid, now()${cols.map(([, expr]) => `, ${expr}`).join('')}
      FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(w, ord)
      CROSS JOIN LATERAL (SELECT e.w->'doc' AS d) AS x
    ON CONFLICT (tenant_id, id) DO UPDATE SET
      seq = EXCLUDED.seq, doc = EXCLUDED.doc, deleted = EXCLUDED.deleted, pushed_by = EXCLUDED.pushed_by,
      server_updated_at = EXCLUDED.server_updated_at${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}`;
  statements.set(collection, sql);
  return sql;
}

/**
 * Takes the (tenant, collection) counter's row lock for the rest of the transaction: pushes to one
 * collection of one tenant then decide and write one after another, each seeing the last.
 */
export async function lockCollection(tx: Queryable, tenantId: string, collection: CollectionName): Promise<void> {
  await tx.query('INSERT INTO sync_counters (tenant_id, collection) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenantId, collection]);
  await tx.query('SELECT value FROM sync_counters WHERE tenant_id = $1 AND collection = $2 FOR UPDATE', [tenantId, collection]);
}

/**
 * Every write to a replicated collection goes through here, from a device's push or from the
 * server's own work (merges, erasure, insights). It takes the next sequence numbers under the
 * (tenant, collection) counter's row lock, which is held until commit: documents become visible
 * to pulls in sequence order, so a pull can never skip one. Returns the first sequence number.
 */
export async function writeDocuments(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writes: readonly DocumentWrite[],
  pushedBy: string | null,
): Promise<number> {
  if (writes.length === 0) return 0;
  await tx.query('INSERT INTO sync_counters (tenant_id, collection) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenantId, collection]);
  const [counter] = await tx.query<{ value: number }>(
    'UPDATE sync_counters SET value = value + $3 WHERE tenant_id = $1 AND collection = $2 RETURNING value',
    [tenantId, collection, writes.length],
  );
  const first = counter!.value - writes.length;
  await tx.query(upsertSql(collection), [tenantId, first, JSON.stringify(writes), pushedBy]);
  // Delivered at commit; every server process listening wakes its devices' streams.
  await tx.query('SELECT pg_notify($1, $2)', [SYNC_CHANNEL, JSON.stringify({ t: tenantId, c: collection })]);
  return first + 1;
}
