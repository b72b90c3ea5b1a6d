import { mergeGuests } from '../sync-server/src/customers/merge';
import { migrate } from '../sync-server/src/db/migrate';
import { openPostgres } from '../sync-server/src/db/postgres-driver';
import { eraseGuest } from '../sync-server/src/privacy/erase';
import { createExport } from '../sync-server/src/privacy/exports';
import { pushBatch } from '../sync-server/src/sync/push';
import { createTenant } from '../sync-server/src/tenants/create-tenant';
import { WORKLOAD_COLLECTIONS, chunk, generateWorkload } from '../sync-server/test/workload';
import { type BenchModule, metric, summarise } from './harness';
import { benchDatabase } from './server-child';

/** How long a guest's GDPR/CCPA export, an erasure and a duplicate merge take on PostgreSQL. */
const bench: BenchModule = {
  title: 'Privacy: guest export, erasure and duplicate merge',
  async run(ctx) {
    const size = ctx.scale === 'full' ? { guests: 5000, orders: 20000 } : { guests: 500, orders: 2000 };
    const database = await benchDatabase(ctx.pgUrl);
    const db = await openPostgres(database.url);
    const wl = generateWorkload({ seed: 42, ...size });
    try {
      await migrate(db);
      const { tenantId, userId } = await createTenant(db, { name: 'Bench', slug: 'bench', ownerEmail: 'bench@example.test', ownerName: 'Bench', ownerPassword: 'bench-password' });
      for (const c of WORKLOAD_COLLECTIONS)
        for (const batch of chunk(wl.docs[c], 500))
          await pushBatch(db, { tenantId, deviceId: null }, c, batch.map((d) => ({ assumedMasterState: null, newDocumentState: d })));
      ctx.log(`loaded ${size.guests} guests and ${wl.docs.orders.length} orders`);

      const busiest = await db.query<{ customer_id: string; n: number }>(
        `SELECT customer_id, count(*)::int AS n FROM orders WHERE tenant_id = $1 AND customer_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 7`,
        [tenantId],
      );
      const exportMs: number[] = [];
      let bytes = 0;
      for (const g of busiest.slice(0, 5)) {
        const t0 = performance.now();
        const e = await createExport(db, tenantId, { userId, deviceId: null }, g.customer_id);
        exportMs.push(performance.now() - t0);
        bytes = Math.max(bytes, e.sizeBytes ?? 0);
      }
      const ex = summarise(exportMs);

      // Merge the workload's duplicate guests (same email), then erase some of the busiest guests.
      const dupes = await db.query<{ ids: string[] }>(
        `SELECT array_agg(id ORDER BY created_at, id) AS ids FROM customers WHERE tenant_id = $1 AND email_norm IS NOT NULL
          GROUP BY email_norm HAVING count(*) > 1`,
        [tenantId],
      );
      const mergeMs: number[] = [];
      for (const d of dupes) {
        const t0 = performance.now();
        await mergeGuests(db, tenantId, userId, d.ids[0]!, d.ids[1]!);
        mergeMs.push(performance.now() - t0);
      }
      const eraseMs: number[] = [];
      const merged = new Set(dupes.map((d) => d.ids[1]));
      for (const g of busiest.filter((b) => !merged.has(b.customer_id)).slice(0, 5)) {
        const t0 = performance.now();
        await eraseGuest(db, tenantId, userId, g.customer_id);
        eraseMs.push(performance.now() - t0);
      }
      const er = summarise(eraseMs);
      const mg = mergeMs.length ? summarise(mergeMs) : null;
      const note = `${size.guests} guests, ${wl.docs.orders.length} orders; PostgreSQL`;
      return [
        metric({ name: 'guest export (zip of JSON + CSV), busiest guests', value: Math.round(ex.median), unit: 'ms', target: 5000, better: 'lower', note: `median of ${exportMs.length}; up to ${busiest[0]?.n ?? 0} orders, ${bytes} bytes; p95 ${Math.round(ex.p95)} ms; ${note}` }),
        metric({ name: 'guest erasure (anonymise + propagate)', value: Math.round(er.median), unit: 'ms', target: 5000, better: 'lower', note: `median of ${eraseMs.length}; p95 ${Math.round(er.p95)} ms; ${note}` }),
        ...(mg ? [metric({ name: 'duplicate guest merge', value: Math.round(mg.median), unit: 'ms', target: null, better: 'lower', note: `median of ${mergeMs.length} workload duplicates; p95 ${Math.round(mg.p95)} ms; ${note}` })] : []),
      ];
    } finally {
      wl.cleanup();
      await db.close();
      await database.drop();
    }
  },
};

export default bench;
