import type { Queryable } from '../db/driver';
import { type Named, run } from '../reports/summaries/sql';

/** A derived per-tenant table, as the tenant-wide recomputations rewrite it. Names come from our code, never from input. */
export interface DerivedTable {
  table: string;
  /** The key after tenant_id (the table's primary key is (tenant_id, ...key)). */
  key: readonly string[];
  /** Every other column the recomputation sets. */
  values: readonly string[];
}

/**
 * Makes a tenant's rows of a derived table equal to `fresh` (a SELECT of the key and value
 * columns, in that order, by those names; it may read $tenant and the other `params`), writing
 * only the difference: rows whose values changed are updated, missing ones inserted, rows that
 * are no longer derived deleted. With `scope`, only the stored rows of those guests (the `$ids`
 * param, matched on the named column) are compared and replaced: a sync's guests, whose fresh
 * rows `fresh` computes. `fresh` may instead name a temporary table the caller already filled
 * with those columns (`stagedIn`).
 *
 * A recomputation over a database that is already current then reads instead of rewriting
 * every row (and its indexes, and the WAL): most of a nightly recompute's cost was writing
 * values identical to the ones it replaced. From an empty table it is an ordinary insert. The
 * comparison is one full join of the fresh rows with the stored ones (a sequential read), not a
 * key probe per row.
 */
export async function replaceTenantRows(
  tx: Queryable,
  target: DerivedTable,
  fresh: string | { stagedIn: string },
  params: Named,
  scope?: { guestColumn: string },
): Promise<{ written: number; deleted: number }> {
  const { table, key, values } = target;
  const cols = [...key, ...values];
  const storedRows = `${table} WHERE tenant_id = $tenant::uuid${scope ? ` AND ${scope.guestColumn} = ANY($ids::uuid[])` : ''}`;
  const freshRows = typeof fresh === 'string' ? `(${fresh})` : `pg_temp.${fresh.stagedIn}`;
  const [stored] = await run<{ any: boolean }>(tx, `SELECT EXISTS (SELECT 1 FROM ${storedRows}) AS any`, params);
  if (!stored?.any) {
    // Nothing stored (a first computation after a bulk load; guests new to the table): a plain
    // insert, without materialising and joining what there is nothing to compare with.
    const [row] = await run<{ written: number }>(
      tx,
      `WITH up AS (INSERT INTO ${table} (tenant_id, ${cols.join(', ')}) SELECT $tenant::uuid, ${cols.join(', ')} FROM ${freshRows} f RETURNING 1)
       SELECT count(*)::int AS written FROM up`,
      params,
    );
    return { written: row?.written ?? 0, deleted: 0 };
  }
  const [row] = await run<{ written: number; deleted: number }>(
    tx,
    `WITH fresh AS MATERIALIZED (SELECT ${cols.join(', ')} FROM ${freshRows} f),
     cur AS (SELECT ${cols.join(', ')} FROM ${storedRows}),
     -- One pass over both sides: rows to write (new or changed) and keys no longer derived.
     diff AS MATERIALIZED (
       SELECT f.*, f.${key[0]} IS NULL AS dropped, ${key.map((k) => `c.${k} AS old_${k}`).join(', ')}
         FROM fresh f FULL JOIN cur c ON ${key.map((k) => `c.${k} = f.${k}`).join(' AND ')}
        WHERE f.${key[0]} IS NULL OR c.${key[0]} IS NULL
           OR (${values.map((v) => `c.${v}`).join(', ')}) IS DISTINCT FROM (${values.map((v) => `f.${v}`).join(', ')})
     ), gone AS (
       DELETE FROM ${table} x USING diff d
        WHERE d.dropped AND x.tenant_id = $tenant::uuid AND ${key.map((k) => `x.${k} = d.old_${k}`).join(' AND ')}
       RETURNING 1
     ), up AS (
       INSERT INTO ${table} AS x (tenant_id, ${cols.join(', ')})
       SELECT $tenant::uuid, ${cols.join(', ')} FROM diff WHERE NOT dropped
       ON CONFLICT (tenant_id, ${key.join(', ')}) DO UPDATE SET ${values.map((v) => `${v} = EXCLUDED.${v}`).join(', ')}
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM up)::int AS written, (SELECT count(*) FROM gone)::int AS deleted`,
    params,
  );
  return { written: row?.written ?? 0, deleted: row?.deleted ?? 0 };
}

/**
 * Room to hash and sort a whole tenant in memory for the rest of the transaction: a
 * recomputation joins every order with every tag, and spilling those to disk cost more than
 * the joins. One recomputation runs per tenant at a time (segment work is serialised), so this
 * is a bounded, occasional allowance, unlike the many small transactions of sync.
 */
export async function roomForTenantWideWork(tx: Queryable): Promise<void> {
  await tx.query(`SELECT set_config('work_mem', '256MB', true)`);
}
