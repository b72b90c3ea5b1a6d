import { canonicalJson, newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';
import { WORKLOAD_COLLECTIONS, type Workload, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;
const rowsOf = (docs: Doc[]) => ({ rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });

async function pullAll(c: Client, collection: string, limit = 200): Promise<Doc[]> {
  const out: Doc[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const q: string = `/sync/v1/${collection}/pull?limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`;
    const res = await c.get<{ documents: Doc[]; checkpoint: string | null }>(q);
    expect(res.status).toBe(200);
    out.push(...res.body.documents);
    checkpoint = res.body.checkpoint;
    if (res.body.documents.length < limit) return out;
  }
}

describe(`sync protocol (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  let device: Client;
  let wl: Workload;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
    device = (await enrolDevice(manager, 'Tablet A', { role: 'MANAGER' })).client;
    wl = generateWorkload({ seed: 11, guests: 250, orders: 700 });
  });
  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  it('refuses a missing or unknown token with 401', async () => {
    expect((await new Client(server.url).get('/sync/v1/orders/pull')).status).toBe(401);
    const bad = await new Client(server.url, 'cdd_not-a-token').get<{ error: { code: string } }>('/sync/v1/orders/pull');
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 404 for an unknown collection and 400 for a bad limit or checkpoint', async () => {
    expect((await device.get('/sync/v1/nope/pull')).status).toBe(404);
    expect((await device.get('/sync/v1/orders/pull?limit=0')).status).toBe(400);
    expect((await device.get('/sync/v1/orders/pull?limit=1001')).status).toBe(400);
    expect((await device.get('/sync/v1/orders/pull?checkpoint=garbage')).status).toBe(400);
  });

  it('returns every pushed workload document from pull exactly once, unchanged', async () => {
    for (const collection of WORKLOAD_COLLECTIONS) {
      for (const batch of chunk(wl.docs[collection], 500)) {
        const res = await device.post<{ conflicts: Doc[] }>(`/sync/v1/${collection}/push`, rowsOf(batch));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.conflicts).toEqual([]);
      }
    }
    for (const collection of ['customers', 'customer_tags', 'orders'] as const) {
      const pulled = await pullAll(device, collection, 137);
      const byId = new Map<string, Doc>();
      for (const d of pulled) {
        expect(byId.has(String(d.id)), `${collection} ${String(d.id)} pulled twice`).toBe(false);
        byId.set(String(d.id), d);
      }
      expect(byId.size).toBe(wl.docs[collection].length);
      for (const d of wl.docs[collection]) expect(canonicalJson(byId.get(String(d.id)))).toBe(canonicalJson({ ...d, _deleted: false }));
    }
  });

  it('writes nothing twice when a push is retried', async () => {
    const batch = wl.docs.orders.slice(0, 50);
    const before = await server.db.query<{ value: number }>("SELECT value FROM sync_counters WHERE collection = 'orders'");
    const again = await device.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', rowsOf(batch));
    expect(again.status).toBe(200);
    expect(again.body.conflicts).toEqual([]);
    const after = await server.db.query<{ value: number }>("SELECT value FROM sync_counters WHERE collection = 'orders'");
    expect(after).toEqual(before);
    const [{ n }] = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')) as [{ n: number }];
    expect(n).toBe(wl.docs.orders.length);
  });

  it('refuses a batch with one invalid row whole, with 422 and a reason per row', async () => {
    const good = { ...wl.docs.customers[0]!, id: '01a00000-0000-7000-8000-000000000001' };
    const bad = { ...wl.docs.customers[1]!, id: '01a00000-0000-7000-8000-000000000002', email: 42 };
    const res = await device.post<{ error: { code: string; rows: Array<{ index: number; id: string; reason: string }> } }>(
      '/sync/v1/customers/push',
      rowsOf([good, bad]),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_BATCH');
    expect(res.body.error.rows).toHaveLength(1);
    expect(res.body.error.rows[0]).toMatchObject({ index: 1, id: bad.id });
    expect(res.body.error.rows[0]!.reason).toMatch(/email/);
    const rows = await server.db.query('SELECT 1 FROM customers WHERE id = ANY($1::uuid[])', [[good.id, bad.id]]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a _deleted flag that is not true or false, and a sale with a negative total', async () => {
    const guest = { ...wl.docs.customers[2]!, id: newId() };
    const flag = await device.post<{ error: { rows: Array<{ reason: string }> } }>('/sync/v1/customers/push', {
      rows: [{ assumedMasterState: null, newDocumentState: { ...guest, _deleted: 'no' } }],
    });
    expect(flag.status).toBe(422);
    expect(flag.body.error.rows[0]!.reason).toMatch(/_deleted/);
    const sale = wl.docs.orders.find((o) => o.kind === 'SALE' && (o.items as Doc[]).length === 1)!;
    const [line] = sale.items as Doc[];
    const negativeLine = { ...line, quantity: -Number(line!.quantity), discountCents: -Number(line!.discountCents), totalCents: -Number(line!.totalCents) };
    const negative = { ...sale, id: newId(), items: [negativeLine], subtotalCents: -Number(sale.subtotalCents), taxCents: -Number(sale.taxCents), totalCents: -Number(sale.totalCents) };
    const res = await device.post<{ error: { rows: Array<{ reason: string }> } }>('/sync/v1/orders/push', rowsOf([negative]));
    expect(res.status).toBe(422);
    expect(res.body.error.rows[0]!.reason).toMatch(/sale total must not be negative/);
    expect(await server.db.query('SELECT 1 FROM customers WHERE id = $1 UNION ALL SELECT 1 FROM orders WHERE id = $2', [guest.id, negative.id])).toHaveLength(0);
  });

  it('answers a tablet deleting a guest with the guest as the server keeps them: guests leave by erasure or merge', async () => {
    const guest = wl.docs.customers[5]!;
    const res = await device.post<{ conflicts: Doc[] }>('/sync/v1/customers/push', {
      rows: [{ assumedMasterState: null, newDocumentState: { ...guest, _deleted: true } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toHaveLength(1);
    expect(res.body.conflicts[0]).toMatchObject({ id: guest.id, _deleted: false });
    const [row] = await server.db.query<{ deleted: boolean }>('SELECT deleted FROM customers WHERE id = $1', [guest.id]);
    expect(row!.deleted).toBe(false);
  });

  it('keeps a completed sale immutable: different content is a conflict the server wins', async () => {
    const original = wl.docs.orders[0]!;
    const tampered = { ...original, paymentMethod: original.paymentMethod === 'CASH' ? 'CARD' : 'CASH' };
    const res = await device.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', {
      rows: [{ assumedMasterState: { ...original, _deleted: false }, newDocumentState: { ...tampered, _deleted: false } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toHaveLength(1);
    expect(canonicalJson(res.body.conflicts[0])).toBe(canonicalJson({ ...original, _deleted: false }));
  });

  it('keeps two devices\' edits to different fields of a guest when the documents carry no per-field clock', async () => {
    const other = (await enrolDevice(manager, 'Tablet B', { role: 'STAFF' })).client;
    const base: Doc = { ...wl.docs.customers[3]!, id: newId(), email: 'before@example.com', phone: '+17070000001', updatedAt: '2026-11-20T10:00:00.000Z' };
    delete base.clock;
    expect((await device.post('/sync/v1/customers/push', rowsOf([base]))).status).toBe(200);
    const [stored] = (await pullAll(device, 'customers', 1000)).filter((d) => d.id === base.id);
    const edit = (fields: Doc, at: string) => ({ rows: [{ assumedMasterState: stored, newDocumentState: { ...stored, ...fields, updatedAt: at, _deleted: false } }] });
    const first = await device.post<{ conflicts: Doc[] }>('/sync/v1/customers/push', edit({ email: 'first.edit@example.com' }, '2026-11-20T10:00:01.000Z'));
    expect(first.body.conflicts).toEqual([]);
    const second = await other.post<{ conflicts: Doc[] }>('/sync/v1/customers/push', edit({ phone: '+17070000002' }, '2026-11-20T10:00:02.000Z'));
    expect(second.status).toBe(200);
    const [merged] = (await pullAll(device, 'customers', 1000)).filter((d) => d.id === base.id);
    expect(merged).toMatchObject({ email: 'first.edit@example.com', phone: '+17070000002' });
  });

  it('refuses a staff device writing the catalogue and any device writing insights', async () => {
    const staff = (await enrolDevice(manager, 'Staff tablet')).client;
    const p = wl.docs.products[0]!;
    expect((await staff.post('/sync/v1/products/push', rowsOf([{ ...p, name: 'Changed' }]))).status).toBe(403);
    expect((await device.post('/sync/v1/customer_insights/push', { rows: [] })).status).toBe(403);
  });

  it('asks a device with a too-old app to update (426)', async () => {
    const res = await device.get<{ error: { code: string; message: string } }>('/sync/v1/orders/pull', { 'x-cellardoor-schema': '0' });
    expect(res.status).toBe(426);
    expect(res.body.error.message).toMatch(/Update this device/);
  });

  it('enrols devices only for a signed-in manager', async () => {
    expect((await new Client(server.url).post('/api/v1/devices', { name: 'x' })).status).toBe(401);
    expect((await device.post('/api/v1/devices', { name: 'x' })).status).toBe(403);
    expect((await manager.post('/api/v1/devices', { name: '' })).status).toBe(400);
  });

  it('accepts documents in any collection order and converges (a tag before its guest)', async () => {
    const { createTenant } = await import('../src/tenants/create-tenant');
    await createTenant(server.db, { name: 'Reverse Cellars', slug: 'reverse', ownerEmail: 'owner@reverse.example', ownerName: 'Owner', ownerPassword: 'reverse-password' });
    const owner = await managerClient(server.url, 'owner@reverse.example', 'reverse-password');
    const dev = (await enrolDevice(owner, 'Reverse tablet', { role: 'MANAGER' })).client;
    const small = generateWorkload({ seed: 21, guests: 60, orders: 150 });
    try {
      for (const collection of ['orders', 'customer_tags', 'events', 'customers'] as const) {
        const res = await dev.post<{ conflicts: Doc[] }>(`/sync/v1/${collection}/push`, rowsOf(small.docs[collection]));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const active = small.docs.customer_tags.filter((t) => t.removedAt === null);
      const rows = await server.db.query<{ n: number; revenue: number }>(
        `SELECT count(*)::int AS n, coalesce(sum(revenue_cents), 0)::bigint AS revenue FROM tag_revenue r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'reverse'`,
      );
      expect(rows[0]!.n).toBe(active.length);
      const expected = Object.values(small.expected.revenueByTagType as Record<string, { totalRevenueCents: number }>).reduce((s, r) => s + r.totalRevenueCents, 0);
      expect(rows[0]!.revenue).toBe(expected);
    } finally {
      small.cleanup();
    }
  });

  it('signs in with the demo manager and refuses a wrong password', async () => {
    const c = new Client(server.url);
    expect((await c.post('/api/v1/auth/login', { email: 'demo@cellardoor.local', password: 'wrong-password' })).status).toBe(401);
    expect((await c.post('/api/v1/auth/login', { email: 'demo@cellardoor.local' })).status).toBe(400);
  });
});
