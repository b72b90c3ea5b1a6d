import type { Db, Queryable } from './driver';

/**
 * Runs work for one tenant in one transaction as the restricted role, so row-level security
 * holds even if a query forgets its tenant filter.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('app.tenant_id', $1, true), set_config('role', 'cellardoor_app', true)", [tenantId]);
    return fn(tx);
  });
}
