import { HEADER_LAST_SEQ, newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../harness';
import { saleDoc } from '../guest-docs';
import { asNew, otherTenant } from '../people';

interface Health {
  deviceId: string;
  name: string | null;
  lastContactAt: string | null;
  lastSeqReceived: number | null;
  lastSeqIssued: number | null;
  missing: Array<[number, number]>;
  revoked: boolean;
  warning: string | null;
}

/**
 * Nothing left behind on a tablet: the server tells a manager, per device, which sale numbers it
 * issued and never sent, whether they fall between received sales or after the last one, and
 * keeps saying so for a tablet wiped or removed before it sent them.
 */
describe(`sync health: sales still on a tablet (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  const venueId = newId();

  const health = async (deviceId: string): Promise<Health> => {
    const res = await manager.get<{ devices: Health[] }>('/api/v1/devices/sync-health');
    expect(res.status).toBe(200);
    const d = res.body.devices.find((x) => x.deviceId === deviceId);
    expect(d).toBeDefined();
    return d!;
  };
  const sales = (deviceId: string, number: number, seqs: number[]) =>
    asNew(seqs.map((s) => saleDoc({ customerId: null, deviceId, venueId, deviceSeq: s, receiptNumber: `T${number}-${String(s).padStart(6, '0')}` })));
  const pushSales = async (device: Client, deviceId: string, number: number, seqs: number[], lastIssued: number) => {
    const res = await device.post('/sync/v1/orders/push', sales(deviceId, number, seqs), { [HEADER_LAST_SEQ]: String(lastIssued) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows a gap between received sales and the tail the tablet has not sent, in plain words, until they arrive', async () => {
    const t = await enrolDevice(manager, 'Tablet 2');
    expect(await health(t.deviceId)).toMatchObject({ lastSeqReceived: null, lastSeqIssued: null, missing: [], warning: null, revoked: false });

    await pushSales(t.client, t.deviceId, t.deviceNumber, [1, 2, 4, 5], 7);
    const h = await health(t.deviceId);
    expect(h).toMatchObject({ name: 'Tablet 2', lastSeqReceived: 5, lastSeqIssued: 7, missing: [[3, 3], [6, 7]], revoked: false });
    expect(h.lastContactAt).not.toBeNull();
    const n = t.deviceNumber;
    expect(h.warning).toBe(`Tablet 2 still holds sales 3, 6–7 (receipts T${n}-000003, T${n}-000006 to T${n}-000007): connect it to the network and let it sync.`);

    // The tail is caught from a pull too: the tablet says what it issued on every call.
    const pulled = await t.client.get('/sync/v1/orders/pull?limit=1', { [HEADER_LAST_SEQ]: '9' });
    expect(pulled.status).toBe(200);
    expect((await health(t.deviceId)).missing).toEqual([[3, 3], [6, 9]]);

    // A tablet never lowers what it said it issued (an older app or a stale header cannot hide a gap).
    await t.client.get('/sync/v1/orders/pull?limit=1', { [HEADER_LAST_SEQ]: '2' });
    expect((await health(t.deviceId)).lastSeqIssued).toBe(9);

    await pushSales(t.client, t.deviceId, t.deviceNumber, [3, 6, 7, 8, 9], 9);
    expect(await health(t.deviceId)).toMatchObject({ lastSeqReceived: 9, lastSeqIssued: 9, missing: [], warning: null });
  });

  it("keeps a wiped or removed tablet's unsent sales visible under its old id", async () => {
    const old = await enrolDevice(manager, 'Tablet 3');
    await pushSales(old.client, old.deviceId, old.deviceNumber, [1, 2], 4);
    // The tablet is wiped and enrolled again: a new id, counting from 1 again.
    const revoke = await manager.post(`/api/v1/devices/${old.deviceId}/revoke`, { allowHandover: false });
    expect(revoke.status).toBe(200);
    const again = await enrolDevice(manager, 'Tablet 3 (re-enrolled)');
    await pushSales(again.client, again.deviceId, again.deviceNumber, [1], 1);

    const h = await health(old.deviceId);
    expect(h).toMatchObject({ revoked: true, lastSeqReceived: 2, lastSeqIssued: 4, missing: [[3, 4]] });
    expect(h.warning).toMatch(/^Tablet 3 was removed before sending sales 3–4 .*import it/);
    expect(await health(again.deviceId)).toMatchObject({ revoked: false, missing: [], warning: null });
  });

  it('lists sales from a device not enrolled here (an imported file) with its gaps', async () => {
    const t = await enrolDevice(manager, 'Importer');
    const stranger = newId();
    await pushSales(t.client, stranger, 9, [1, 3], 0);
    const h = await health(stranger);
    expect(h).toMatchObject({ name: null, lastSeqReceived: 3, missing: [[2, 2]] });
    expect(h.warning).toMatch(/^A device not enrolled here/);
  });

  it("never lists another tenant's devices or sales", async () => {
    const other = await otherTenant(server);
    await pushSales(other.staffDevice, other.staffDevice.deviceId, 1, [1, 3], 3);
    const mine = await manager.get<{ devices: Health[] }>('/api/v1/devices/sync-health');
    expect(mine.body.devices.map((d) => d.deviceId)).not.toContain(other.staffDevice.deviceId);
    const theirs = await other.manager.get<{ devices: Health[] }>('/api/v1/devices/sync-health');
    expect(theirs.body.devices.find((d) => d.deviceId === other.staffDevice.deviceId)).toMatchObject({ missing: [[2, 2]] });
    expect(theirs.body.devices.every((d) => !mine.body.devices.some((m) => m.deviceId === d.deviceId))).toBe(true);
  });

  it('refuses staff and devices: only managers see it', async () => {
    const t = await enrolDevice(manager, 'Tablet 6');
    expect((await t.client.get('/api/v1/devices/sync-health')).status).toBe(403);
  });
});
