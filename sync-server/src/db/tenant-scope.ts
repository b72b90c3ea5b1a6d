import type { Db, Queryable } from './driver';

/**
 * Runs work for one tenant in one transaction as the restricted role, so row-level security
 * holds even if a query forgets its tenant filter.
 *
 * The transaction also gets room to sort and hash in memory (work_mem, PostgreSQL's default is
 * 4 MB): a sync batch recomputes thousands of guests' figures, and a sort spilled to disk there
 * costs more than the whole rest of the statement. Pools are a handful of connections, so the
 * worst case stays far below the machine's memory. Random reads are priced as on an SSD
 * (random_page_cost 1.1 rather than the spinning-disk 4): otherwise, for a sync's few thousand
 * guests, the planner hashed all five million order lines instead of looking up theirs. JIT
 * compilation is off: a sync's statements are priced high enough to trigger it, and compiling
 * cost ~100 ms per statement where the work itself took a few hundred.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('app.tenant_id', $1, true), set_config('role', 'cellardoor_app', true), set_config('work_mem', '32MB', true), set_config('random_page_cost', '1.1', true), set_config('jit', 'off', true)", [tenantId]);
    return fn(tx);
  });
}
