import { type UnsentExport, buildUnsentExport, newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../src/tenants/create-tenant';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';

type Doc = Record<string, unknown>;

function sale(deviceId: string, seq: number, customerId: string | null): Doc {
  const at = new Date(Date.UTC(2025, 5, 1, 12, seq)).toISOString();
  return {
    id: newId(),
    venueId: newId(),
    deviceId,
    staffId: 'leo',
    customerId,
    kind: 'SALE',
    refundOf: null,
    status: 'COMPLETED',
    isEventSale: false,
    eventId: null,
    eventType: null,
    salesChannel: 'IN_STORE',
    items: [{ productId: null, sku: 'RED-0101', name: 'Estate Cabernet', category: 'RED', quantity: 2, unitPriceCents: 6800, discountCents: 0, totalCents: 13600 }],
    subtotalCents: 13600,
    discountCents: 0,
    taxCents: 1190,
    totalCents: 14790,
    paymentMethod: 'CARD',
    createdAt: at,
    updatedAt: at,
    deviceSeq: seq,
    receiptNumber: `T1-${String(seq).padStart(6, '0')}`,
    taxRateBps: 875,
  };
}

function guest(): Doc {
  const at = '2025-06-01T11:00:00.000Z';
  return { id: newId(), email: 'ada@example.com', phone: null, firstName: 'Ada', lastName: 'Lovelace', postalCode: null, dateOfBirth: null, emailOptIn: true, smsOptIn: false, createdAt: at, updatedAt: at };
}

describe(`import of a tablet's unsent documents (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  let device: Awaited<ReturnType<typeof enrolDevice>>;
  let file: UnsentExport;
  let ada: Doc;
  let orders: Doc[];

  const serverRows = (table: string, ids: string[]) =>
    server.db.query<{ id: string; seq: number; pushed_by: string | null; doc: Doc }>(`SELECT id, seq, pushed_by, doc FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY seq`, [ids]);

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
    device = await enrolDevice(manager, 'Counter tablet', { role: 'MANAGER' });
    ada = guest();
    orders = [sale(device.deviceId, 1, String(ada.id)), sale(device.deviceId, 2, null)];
    file = buildUnsentExport({
      tenantId: device.tenantId,
      deviceId: device.deviceId,
      deviceNumber: device.deviceNumber,
      exportedAt: new Date().toISOString(),
      collections: { customers: [ada], orders },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('writes the documents as the tablet that made them, and a second import writes nothing', async () => {
    const first = await manager.post<{ received: number; written: number; refused: number; collections: Record<string, { written: number; unchanged: number }> }>(
      '/api/v1/imports/unsent',
      file,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 3, written: 3, refused: 0, collections: { orders: { written: 2, unchanged: 0 }, customers: { written: 1 } } });
    const stored = await serverRows('orders', orders.map((o) => String(o.id)));
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.pushed_by === device.deviceId)).toBe(true);
    expect(stored.map((r) => r.doc.deviceSeq)).toEqual([1, 2]);
    // The sale counts for the guest, as if the tablet had synced it.
    const [stats] = await server.db.query<{ revenue_cents: string }>('SELECT revenue_cents FROM customer_stats WHERE customer_id = $1', [ada.id]);
    expect(Number(stats!.revenue_cents)).toBe(14790);

    const again = await manager.post<{ written: number; collections: Record<string, { unchanged: number }> }>('/api/v1/imports/unsent', file);
    expect(again.status).toBe(200);
    expect(again.body.written).toBe(0);
    expect(again.body.collections.orders!.unchanged).toBe(2);
    const after = await serverRows('orders', orders.map((o) => String(o.id)));
    expect(after.map((r) => r.seq)).toEqual(stored.map((r) => r.seq));
  });

  it('writes nothing twice when the tablet later syncs the same documents itself', async () => {
    const before = await serverRows('orders', orders.map((o) => String(o.id)));
    const push = await device.client.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', {
      rows: orders.map((o) => ({ assumedMasterState: null, newDocumentState: o })),
    });
    expect(push.status).toBe(200);
    expect(push.body.conflicts).toEqual([]);
    const after = await serverRows('orders', orders.map((o) => String(o.id)));
    expect(after.map((r) => r.seq)).toEqual(before.map((r) => r.seq));
  });

  it('takes a newer catalogue change over the server version, as a tablet sync would', async () => {
    const [product] = await server.db.query<{ doc: Doc }>("SELECT doc FROM products WHERE doc->>'sku' = 'RED-0101'");
    const changed: Doc = { ...product!.doc, priceCents: 7200, updatedAt: new Date(Date.now() + 1000).toISOString() };
    const stale: Doc = { ...product!.doc, priceCents: 100, updatedAt: '2001-01-01T00:00:00.000Z' };
    const f = buildUnsentExport({ ...envelope(), collections: { products: [changed] } });
    const res = await manager.post<{ written: number }>('/api/v1/imports/unsent', f);
    expect(res.body.written).toBe(1);
    const older = await manager.post<{ written: number; collections: Record<string, { unchanged: number }> }>('/api/v1/imports/unsent', buildUnsentExport({ ...envelope(), collections: { products: [stale] } }));
    expect(older.body.written).toBe(0);
    const [now] = await server.db.query<{ doc: Doc }>('SELECT doc FROM products WHERE id = $1', [changed.id]);
    expect(now!.doc.priceCents).toBe(7200);
  });

  it('reports a document the server refuses, with its reason, and imports the rest', async () => {
    const good = sale(device.deviceId, 3, null);
    const bad: Doc = { ...sale(device.deviceId, 4, null), totalCents: 1 };
    const res = await manager.post<{ written: number; refused: number; collections: Record<string, { refused: Array<{ id: string; reason: string }> }> }>(
      '/api/v1/imports/unsent',
      buildUnsentExport({ ...envelope(), collections: { orders: [bad, good] } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(1);
    expect(res.body.collections.orders!.refused).toEqual([{ id: bad.id, reason: expect.stringContaining('total must equal subtotal + tax') }]);
    expect(await serverRows('orders', [String(bad.id)])).toHaveLength(0);
  });

  it('refuses a changed file, another account’s file, an unknown tablet, and anyone but a manager', async () => {
    const tampered = { ...file, collections: { orders: [{ ...orders[0], totalCents: 1 }] } };
    const t = await manager.post<{ error: { message: string } }>('/api/v1/imports/unsent', tampered);
    expect(t.status).toBe(400);
    expect(t.body.error.message).toMatch(/checksum/);

    const unknown = buildUnsentExport({ ...envelope(), deviceId: newId(), collections: { orders: [sale(device.deviceId, 9, null)] } });
    const u = await manager.post<{ error: { message: string } }>('/api/v1/imports/unsent', unknown);
    expect(u.status).toBe(400);
    expect(u.body.error.message).toMatch(/not enrolled in this account/);

    await createTenant(server.db, { name: 'Other', slug: 'other', ownerEmail: 'owner@other.example', ownerName: 'O', ownerPassword: 'other-password-1' });
    const other = await managerClient(server.url, 'owner@other.example', 'other-password-1');
    const o = await other.post<{ error: { message: string } }>('/api/v1/imports/unsent', file);
    expect(o.status).toBe(400);
    expect(o.body.error.message).toMatch(/another account/);

    expect((await device.client.post('/api/v1/imports/unsent', file)).status).toBe(403);
    expect((await new Client(server.url).post('/api/v1/imports/unsent', file)).status).toBe(401);
    const notAFile = await manager.post<{ error: { message: string } }>('/api/v1/imports/unsent', { hello: 1 });
    expect(notAFile.status).toBe(400);
    expect(notAFile.body.error.message).toMatch(/not a Cellardoor unsent-documents file/);
  });

  function envelope() {
    return { tenantId: device.tenantId, deviceId: device.deviceId, deviceNumber: device.deviceNumber, exportedAt: new Date().toISOString() };
  }
});
