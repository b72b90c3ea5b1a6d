import type { CliCommand } from '../cli';
import { refreshCustomerDerived } from '../calculations/customer-derived';
import { withTenant } from '../db/tenant-scope';

/** `recompute-reports --tenant <slug>`: tag revenue and every report summary from the documents. */
export const recomputeReports: CliCommand = {
  summary: "recompute a tenant's tag revenue and report summaries from scratch (after changing its reportTimeZone)",
  usage: 'recompute-reports <tenant-slug>',
  async run(db, args) {
    const slug = args[0];
    if (!slug) throw new Error('recompute-reports needs a tenant slug');
    const [t] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
    if (!t) throw new Error(`no tenant with slug ${slug}`);
    const started = Date.now();
    await withTenant(db, t.id, async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', '0', true)`);
      await refreshCustomerDerived(tx, t.id, null);
    });
    return `recomputed ${slug} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  },
};
