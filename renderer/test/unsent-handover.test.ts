import { type Order, newId, readUnsentExport } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../../sync-server/test/harness';
import { ChangeRecorder } from '../src/data/record-change';
import { setAside } from '../src/sync/attention';
import { totalPending } from '../src/sync/pending';
import { exportUnsent, importUnsentOnDevice, unsentCount } from '../src/sync/unsent';
import { openNodeDevice } from '../test-support/node-device';

function sale(deviceId: string, seq: number): Order {
  const at = new Date().toISOString();
  return {
    id: newId(), venueId: newId(), deviceId, staffId: 'leo', customerId: null, kind: 'SALE', refundOf: null, status: 'COMPLETED',
    isEventSale: false, eventId: null, eventType: null, salesChannel: 'IN_STORE',
    items: [{ productId: null, sku: 'MER-0701', name: 'Logo Stemless Glass', category: 'MERCH', quantity: 3, unitPriceCents: 1200, discountCents: 0, totalCents: 3600 }],
    subtotalCents: 3600, discountCents: 0, taxCents: 315, totalCents: 3915, paymentMethod: 'CARD', createdAt: at, updatedAt: at,
    deviceSeq: seq, receiptNumber: `T1-${String(seq).padStart(6, '0')}`, taxRateBps: 875,
  };
}

describe(`unsent documents carried from one tablet to another in a file (${DRIVER})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('exports what a tablet could not send, and another tablet of the account delivers it exactly once', async () => {
    const manager = await managerClient(server.url);
    const broken = await enrolDevice(manager, 'Broken tablet', { role: 'STAFF' });
    const a = await openNodeDevice({ serverUrl: server.url, deviceToken: broken.deviceToken });
    const orders = [sale(broken.deviceId, 1), sale(broken.deviceId, 2), sale(broken.deviceId, 3)];
    const recorderA = new ChangeRecorder(a.db, broken.deviceId);
    for (const o of orders) await recorderA.put('orders', o);
    const at = new Date().toISOString();
    const guest = await recorderA.put('customers', {
      id: newId(), email: 'ada@example.com', phone: null, firstName: 'Ada', lastName: 'Lovelace', postalCode: null, dateOfBirth: null,
      emailOptIn: true, smsOptIn: false, createdAt: at, updatedAt: at,
    });
    // One sale was refused earlier and set aside: it is unsent too, and travels in the file.
    const refused = sale(broken.deviceId, 4);
    await setAside(a.db, [{ collection: 'orders', id: refused.id, reason: 'test', refusedAt: new Date().toISOString(), doc: refused }]);
    expect(await unsentCount(a.db)).toBe(5);
    // Given the tablet's credentials, as the app does: the device token must not travel in the file.
    const credentials = { serverUrl: server.url, tenantId: broken.tenantId, deviceId: broken.deviceId, deviceToken: broken.deviceToken, deviceNumber: broken.deviceNumber, deviceName: 'Broken tablet' };
    const exported = await exportUnsent(a.db, credentials, 'Maya');
    expect(JSON.stringify(exported)).not.toContain(broken.deviceToken);
    await a.close();
    const file = readUnsentExport(JSON.stringify(exported));
    expect(file.collections.orders).toHaveLength(4);
    expect(Object.keys(file.collections.orders![0]!)).not.toContain('seqKey');

    const spare = await enrolDevice(manager, 'Spare tablet', { role: 'STAFF' });
    const b = await openNodeDevice({ serverUrl: server.url, deviceToken: spare.deviceToken });
    const recorderB = new ChangeRecorder(b.db, spare.deviceId);
    try {
      const first = await importUnsentOnDevice(b.db, recorderB, { tenantId: spare.tenantId, role: 'STAFF' }, file);
      expect(first).toEqual({ written: 5, unchanged: 0, refused: [] });
      // The guest keeps the broken tablet's clock stamps, so later merges decide as they would have there.
      expect((await b.db.customers.findOne(guest.id).exec())!.toJSON().clock).toEqual(guest.clock);
      const again = await importUnsentOnDevice(b.db, recorderB, { tenantId: spare.tenantId, role: 'STAFF' }, file);
      expect(again).toEqual({ written: 0, unchanged: 5, refused: [] });
      await expect(importUnsentOnDevice(b.db, recorderB, { tenantId: newId(), role: 'STAFF' }, file)).rejects.toThrow(/another account/);

      const sync = b.startSync({ live: false });
      expect(await sync.syncNow(30_000)).toBe(true);
      expect(await totalPending(b.db)).toBe(0);
      const rows = await server.db.query<{ id: string; doc: Order; pushed_by: string }>('SELECT id, doc, pushed_by FROM orders WHERE id = ANY($1::uuid[])', [
        [...orders, refused].map((o) => o.id),
      ]);
      expect(rows).toHaveLength(4);
      // The sales keep the broken tablet's identity and numbers; the spare only carried them.
      expect(rows.every((r) => r.doc.deviceId === broken.deviceId)).toBe(true);
      expect(rows.map((r) => r.doc.deviceSeq).sort()).toEqual([1, 2, 3, 4]);
      expect(rows.every((r) => r.pushed_by === spare.deviceId)).toBe(true);
    } finally {
      await b.close();
    }
  });
});
