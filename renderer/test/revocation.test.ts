import { type Order, newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../../sync-server/test/harness';
import { ChangeRecorder } from '../src/data/record-change';
import { runRevocation } from '../src/sync/revocation';
import { totalPending } from '../src/sync/pending';
import { openNodeDevice } from '../test-support/node-device';

function sale(deviceId: string, seq: number): Order {
  const at = new Date().toISOString();
  return {
    id: newId(),
    venueId: newId(),
    deviceId,
    staffId: 'leo',
    customerId: null,
    kind: 'SALE',
    refundOf: null,
    status: 'COMPLETED',
    isEventSale: false,
    eventId: null,
    eventType: null,
    salesChannel: 'IN_STORE',
    items: [{ productId: null, sku: 'TAS-0601', name: 'Classic Tasting Flight', category: 'TASTING', quantity: 1, unitPriceCents: 2500, discountCents: 0, totalCents: 2500 }],
    subtotalCents: 2500,
    discountCents: 0,
    taxCents: 219,
    totalCents: 2719,
    paymentMethod: 'CASH',
    createdAt: at,
    updatedAt: at,
    deviceSeq: seq,
    receiptNumber: `T9-${String(seq).padStart(6, '0')}`,
    taxRateBps: 875,
  };
}

describe(`a tablet removed by a manager (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function removedTablet(allowHandover: boolean) {
    const enrolled = await enrolDevice(manager, allowHandover ? 'Retired tablet' : 'Stolen tablet');
    const name = `device-${newId()}`;
    const device = await openNodeDevice({ serverUrl: server.url, deviceToken: enrolled.deviceToken, name });
    const recorder = new ChangeRecorder(device.db, enrolled.deviceId);
    const orders = [sale(enrolled.deviceId, 1), sale(enrolled.deviceId, 2)];
    for (const o of orders) await recorder.put('orders', o);
    expect(await totalPending(device.db)).toBe(2);
    expect((await manager.post(`/api/v1/devices/${enrolled.deviceId}/revoke`, { allowHandover })).status).toBe(200);
    device.startSync();
    let wiped = false;
    const wipe = async () => {
      await device.close();
      wiped = true;
    };
    const revoked = await new Promise<{ handover: boolean }>((resolve) => {
      const t = setInterval(() => {
        const e = device.events.find((x) => x.type === 'revoked');
        if (e && e.type === 'revoked') {
          clearInterval(t);
          resolve(e);
        }
      }, 50);
    });
    const ordersOnServer = () => server.db.query<{ id: string; pushed_by: string }>('SELECT id, pushed_by FROM orders WHERE id = ANY($1::uuid[])', [orders.map((o) => o.id)]);
    return { revoked, wipe, wasWiped: () => wiped, ordersOnServer, deviceId: enrolled.deviceId, device };
  }

  it('hands over its unsent sales first when the manager allowed it, then wipes itself', async () => {
    const t = await removedTablet(true);
    expect(t.revoked.handover).toBe(true);
    const outcome = await runRevocation({ db: t.device.db, wipe: t.wipe, timeoutMs: 60_000 }, t.revoked);
    expect(outcome).toEqual({ kind: 'wiped', handedOver: true });
    expect(t.wasWiped()).toBe(true);
    const onServer = await t.ordersOnServer();
    expect(onServer).toHaveLength(2);
    expect(onServer.every((r) => r.pushed_by === t.deviceId)).toBe(true);
  });

  it('wipes at once when the tablet was reported stolen, sending nothing', async () => {
    const t = await removedTablet(false);
    expect(t.revoked.handover).toBe(false);
    const outcome = await runRevocation({ db: t.device.db, wipe: t.wipe }, t.revoked);
    expect(outcome).toEqual({ kind: 'wiped', handedOver: false });
    expect(t.wasWiped()).toBe(true);
    expect(await t.ordersOnServer()).toHaveLength(0);
  });
});
