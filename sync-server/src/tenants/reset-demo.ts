import type { Db } from '../db/driver';
import { DEMO } from './demo-seed';

/** Tables holding a tenant's rows, children before parents. */
const TENANT_TABLES = [
  'audit_log', 'customer_history', 'data_horizon', 'tag_revenue', 'customer_stats', 'order_items',
  'customer_insights', 'communication_preferences', 'customer_notes', 'orders', 'customer_tags', 'customers',
  'events', 'products', 'tag_definitions', 'staff', 'venues', 'sync_counters', 'devices', 'sessions', 'users',
] as const;

export async function deleteTenant(db: Db, tenantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const extra = await tx.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name <> ALL($1::text[])`,
      [[...TENANT_TABLES]],
    );
    // Tables added by later migrations go first: they hang off the core ones.
    for (const t of [...extra.map((r) => r.table_name), ...TENANT_TABLES]) await tx.query(`DELETE FROM ${quoteIdent(t)} WHERE tenant_id = $1`, [tenantId]);
    await tx.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
  });
}

export async function resetDemo(db: Db): Promise<void> {
  const [t] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [DEMO.slug]);
  if (t) await deleteTenant(db, t.id);
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return `"${name}"`;
}
