import { COLLECTION_NAMES, newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant-scope';
import { DRIVER, type TestServer, startTestServer } from './harness';
import { type TenantPeople, asNew, demoPeople, otherTenant, pullAll } from './people';
import { type Workload, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;

/**
 * Tenancy: every query carries the tenant, and PostgreSQL row-level security is a second wall
 * behind it. These tests take the first wall away on purpose and show the second one holds.
 */
describe(`tenancy and row-level security (${DRIVER})`, () => {
  let server: TestServer;
  let a: TenantPeople;
  let b: TenantPeople;
  let wl: Workload;

  beforeAll(async () => {
    server = await startTestServer();
    a = await demoPeople(server);
    b = await otherTenant(server);
    wl = generateWorkload({ seed: 21, guests: 80, orders: 200 });
    // Tenant B's tablet syncs a venue's history; tenant A has only its seeded catalogue and one sale.
    for (const c of ['venues', 'tag_definitions', 'products', 'events', 'customers', 'customer_tags', 'orders'] as const)
      for (const batch of chunk(wl.docs[c], 500)) {
        const res = await b.managerDevice.post(`/sync/v1/${c}/push`, asNew(batch));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    const res = await a.managerDevice.post('/sync/v1/orders/push', asNew([{ ...wl.docs.orders[0]!, id: newId() }]));
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  it('has row-level security with the tenant wall on every table that carries tenant_id', async () => {
    const tables = await server.db.query<{ table_name: string; rls: boolean; policies: number }>(
      `SELECT c.table_name, cl.relrowsecurity AS rls,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.table_name AND p.policyname = 'tenant_wall') AS policies
         FROM information_schema.columns c
         JOIN pg_class cl ON cl.relname = c.table_name AND cl.relnamespace = 'public'::regnamespace
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND cl.relkind = 'r'
        ORDER BY c.table_name`,
    );
    expect(tables.length).toBeGreaterThan(20);
    const unwalled = tables.filter((t) => !t.rls || t.policies !== 1).map((t) => t.table_name);
    expect(unwalled).toEqual([]);
  });

  it("shows a deliberately unscoped query only the current tenant's rows", async () => {
    const total = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
    expect(total[0]!.n).toBe(wl.docs.orders.length + 1);
    // No WHERE tenant_id: the first wall is gone on purpose. RLS must stop B's rows.
    const seenByA = await withTenant(server.db, a.tenantId, (tx) => tx.query<{ tenant_id: string }>('SELECT * FROM orders'));
    expect(seenByA).toHaveLength(1);
    expect(seenByA.every((r) => r.tenant_id === a.tenantId)).toBe(true);
    const customersSeenByA = await withTenant(server.db, a.tenantId, (tx) => tx.query('SELECT * FROM customers'));
    expect(customersSeenByA).toHaveLength(0);
    const seenByB = await withTenant(server.db, b.tenantId, (tx) => tx.query<{ tenant_id: string }>('SELECT tenant_id FROM orders'));
    expect(seenByB).toHaveLength(wl.docs.orders.length);
  });

  it("refuses to write, change or delete another tenant's rows from inside a tenant's scope", async () => {
    const write = withTenant(server.db, a.tenantId, (tx) =>
      tx.query(`INSERT INTO customer_history (tenant_id, customer_id, field, reason) VALUES ($1, $2, 'email', 'test')`, [b.tenantId, newId()]),
    );
    await expect(write).rejects.toThrow(/row-level security/);
    // UPDATE and DELETE of B's rows silently match nothing: B's rows are invisible.
    const updated = await withTenant(server.db, a.tenantId, (tx) => tx.query("UPDATE customers SET first_name = 'x' RETURNING id"));
    expect(updated).toHaveLength(0);
    const deleted = await withTenant(server.db, a.tenantId, (tx) => tx.query('DELETE FROM orders WHERE tenant_id = $1 RETURNING id', [b.tenantId]));
    expect(deleted).toHaveLength(0);
    const still = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE tenant_id = $1', [b.tenantId]);
    expect(still[0]!.n).toBe(wl.docs.orders.length);
  });

  it('refuses to run tenant work without a tenant set', async () => {
    const rows = await server.db.transaction(async (tx) => {
      await tx.query("SELECT set_config('role', 'cellardoor_app', true)");
      return tx.query('SELECT * FROM orders');
    });
    expect(rows).toHaveLength(0);
  });

  it("gives a device of tenant A nothing of tenant B's, in any collection", async () => {
    const bIds = new Set<string>();
    for (const c of COLLECTION_NAMES) for (const d of await pullAll(b.managerDevice, c)) bIds.add(String(d.id));
    expect(bIds.size).toBeGreaterThan(wl.docs.orders.length);
    for (const device of [a.staffDevice, a.managerDevice])
      for (const c of COLLECTION_NAMES) {
        const docs = await pullAll(device, c);
        expect(docs.filter((d) => bIds.has(String(d.id))), c).toEqual([]);
      }
  });

  it("keeps B's document untouched when A's device pushes one with the same id", async () => {
    const victim = wl.docs.customers[0]!;
    const forged = { ...victim, firstName: 'Mallory', email: 'mallory@example.test', updatedAt: new Date().toISOString() };
    // As if A's device knew B's version: it still only reaches A's own rows.
    const res = await a.managerDevice.post<{ conflicts: Doc[] }>('/sync/v1/customers/push', {
      rows: [{ assumedMasterState: { ...victim, _deleted: false }, newDocumentState: { ...forged, _deleted: false } }],
    });
    expect(res.status).toBe(200);
    const inB = (await pullAll(b.managerDevice, 'customers')).find((d) => d.id === victim.id)!;
    expect(inB.firstName).toBe(victim.firstName);
    expect(inB.email).toBe(victim.email);
    const inA = (await pullAll(a.managerDevice, 'customers')).filter((d) => d.id === victim.id);
    expect(inA).toHaveLength(1);
    expect(inA[0]!.firstName).toBe('Mallory');
  });

  it("answers 404 to tenant A's manager for tenant B's guests, merges, exports and devices", async () => {
    const guest = String(wl.docs.customers[1]!.id);
    const other = String(wl.docs.customers[2]!.id);
    expect((await a.owner.get(`/api/v1/customers/${guest}`)).status).toBe(404);
    expect((await a.owner.get(`/api/v1/customers/${guest}/history`)).status).toBe(404);
    expect((await a.owner.post(`/api/v1/customers/${guest}/export`)).status).toBe(404);
    expect((await a.owner.request('DELETE', `/api/v1/customers/${guest}`)).status).toBe(404);
    expect((await a.owner.post('/api/v1/customers/merge', { survivorId: guest, mergedId: other })).status).toBe(404);
    expect((await a.owner.post(`/api/v1/devices/${b.staffDevice.deviceId}/revoke`, { allowHandover: false })).status).toBe(404);
    const dupes = await a.owner.get<{ groups: unknown[] }>('/api/v1/customers/duplicates');
    expect(dupes.body.groups).toEqual([]);
    // B's export and its link are out of A's reach too.
    const exp = await b.owner.post<{ exportId: string; downloadUrl: string }>(`/api/v1/customers/${guest}/export`);
    expect(exp.status).toBe(201);
    expect((await a.owner.get(`/api/v1/exports/${exp.body.exportId}`)).status).toBe(404);
    const audit = await a.owner.get<{ entries: unknown[] }>(`/api/v1/audit?customerId=${guest}`);
    expect(audit.body.entries).toEqual([]);
    // B's device still syncs: nothing above touched it.
    expect((await b.staffDevice.get('/sync/v1/customers/pull?limit=1')).status).toBe(200);
  });
});
