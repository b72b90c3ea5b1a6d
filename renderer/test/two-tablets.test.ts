import { newId, withoutLocalFields } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../../sync-server/test/harness';
import { ERASED_NAME } from '../../sync-server/src/privacy/anonymise';
import { DeviceProcess } from '../test-support/device-process';

type Doc = Record<string, unknown>;

/** The document as the device holds it, without RxDB's bookkeeping or device-only fields. */
function plain(collection: 'customers' | 'customer_notes', doc: Doc | null): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(withoutLocalFields(collection, doc ?? {}))) if (!k.startsWith('_')) out[k] = v;
  return out;
}

/**
 * Two tablets, each the app's own database and replication code in its own process, editing the
 * same guest while offline, then the guest's erasure reaching both.
 */
describe(`two tablets: offline edits of one guest, and erasure (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  let a: DeviceProcess;
  let b: DeviceProcess;
  let aId: string;
  let bId: string;
  const guestId = newId();

  const onServer = async (id: string) => (await server.db.query<{ doc: Doc }>('SELECT doc FROM customers WHERE id = $1', [id]))[0]!.doc;
  const history = async (id: string) =>
    server.db.query<{ field: string; old_value: unknown; new_value: unknown; reason: string; device_id: string | null }>(
      "SELECT field, old_value, new_value, reason, device_id FROM customer_history WHERE customer_id = $1 AND reason = 'merge-lost' ORDER BY id",
      [id],
    );
  const syncBoth = async () => {
    expect((await a.sync()).done).toBe(true);
    expect((await b.sync()).done).toBe(true);
    expect((await a.sync()).done).toBe(true);
  };

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
    const ea = await enrolDevice(manager, 'Tablet A (bar)');
    const eb = await enrolDevice(manager, 'Tablet B (terrace)');
    aId = ea.deviceId;
    bId = eb.deviceId;
    // Tablet B's clock runs two minutes ahead of A's, so its edits are the later ones.
    [a, b] = await Promise.all([
      DeviceProcess.open({ serverUrl: server.url, deviceToken: ea.deviceToken, deviceId: aId }),
      DeviceProcess.open({ serverUrl: server.url, deviceToken: eb.deviceToken, deviceId: bId, clockOffsetMs: 120_000 }),
    ]);
    const now = new Date().toISOString();
    await a.put('customers', {
      id: guestId,
      email: 'marisol.quintana@example.test',
      phone: '+1 707 555 0123',
      firstName: 'Marisol',
      lastName: 'Quintana',
      postalCode: '95476',
      dateOfBirth: null,
      emailOptIn: true,
      smsOptIn: false,
      createdAt: now,
      updatedAt: now,
      createdByDevice: aId,
    });
    await a.put('customer_notes', { id: newId(), customerId: guestId, body: 'Marisol is celebrating her anniversary', authorStaffId: 'staff-1', createdAt: now, updatedAt: now });
    expect((await a.sync()).done).toBe(true);
    expect((await b.sync()).done).toBe(true);
    expect(plain('customers', await b.get('customers', guestId)).email).toBe('marisol.quintana@example.test');
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.stop();
  });

  it("keeps both tablets' offline edits to different fields, and records nothing as lost", async () => {
    await a.patch('customers', guestId, { phone: '+1 707 555 0177' });
    await b.patch('customers', guestId, { email: 'marisol@quintana.example' });
    await syncBoth();
    const doc = await onServer(guestId);
    expect(doc).toMatchObject({ phone: '+1 707 555 0177', email: 'marisol@quintana.example' });
    expect(plain('customers', await a.get('customers', guestId))).toEqual(doc);
    expect(plain('customers', await b.get('customers', guestId))).toEqual(doc);
    expect(await history(guestId)).toEqual([]);
    expect(await a.pending()).toBe(0);
    expect(await b.pending()).toBe(0);
  });

  it('gives a field both edited to the later clock, not the later sync, and keeps the losing value in history', async () => {
    await a.patch('customers', guestId, { lastName: 'Quintana-Early' });
    await b.patch('customers', guestId, { lastName: 'Quintana-Late' });
    // B (the later edit) syncs first; A's earlier edit arrives last and still loses.
    expect((await b.sync()).done).toBe(true);
    expect((await a.sync()).done).toBe(true);
    expect((await b.sync()).done).toBe(true);
    const doc = await onServer(guestId);
    expect(doc.lastName).toBe('Quintana-Late');
    expect(plain('customers', await a.get('customers', guestId))).toEqual(doc);
    expect(plain('customers', await b.get('customers', guestId))).toEqual(doc);
    expect(await history(guestId)).toEqual([{ field: 'lastName', old_value: 'Quintana-Early', new_value: 'Quintana-Late', reason: 'merge-lost', device_id: aId }]);

    // And the other way round: the later edit syncs last and wins; the loser is the earlier one.
    await a.patch('customers', guestId, { postalCode: '95400' });
    await b.patch('customers', guestId, { postalCode: '95401' });
    await syncBoth();
    expect((await onServer(guestId)).postalCode).toBe('95401');
    expect((await history(guestId)).at(-1)).toEqual({ field: 'postalCode', old_value: '95400', new_value: '95401', reason: 'merge-lost', device_id: aId });
  });

  it("shows managers the guest's history with the losing values and which tablet's edit lost", async () => {
    const res = await manager.get<{ entries: Array<{ field: string; oldValue: unknown; reason: string; deviceName: string }> }>(`/api/v1/customers/${guestId}/history`);
    expect(res.status).toBe(200);
    const lost = res.body.entries.filter((e) => e.reason === 'merge-lost');
    expect(lost.map((e) => [e.field, e.oldValue, e.deviceName])).toEqual([
      ['postalCode', '95400', 'Tablet A (bar)'],
      ['lastName', 'Quintana-Early', 'Tablet A (bar)'],
    ]);
  });

  it("removes the erased guest's personal data from both tablets at their next sync", async () => {
    const pii = ['Marisol', 'Quintana', 'marisol.quintana@example.test', 'marisol@quintana.example', '555 0123', '555 0177', '95401', '95400', 'anniversary'];
    const before = await a.search(pii);
    expect(before.found.length).toBeGreaterThan(0);
    // Tablet B, offline, writes a note about the guest before it hears of the erasure.
    const now = new Date().toISOString();
    await b.put('customer_notes', { id: newId(), customerId: guestId, body: 'Marisol Quintana asked about the 2019 reserve', authorStaffId: 'staff-2', createdAt: now, updatedAt: now });

    const res = await manager.request('DELETE', `/api/v1/customers/${guestId}`);
    expect(res.status).toBe(200);
    await syncBoth();
    for (const [name, device] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const after = await device.search(pii);
      expect(after.records).toBeGreaterThan(50);
      expect(after.found, `tablet ${name} still holds personal data`).toEqual([]);
      expect(plain('customers', await device.get('customers', guestId))).toMatchObject({ firstName: ERASED_NAME, email: null, phone: null });
      expect(await device.pending()).toBe(0);
    }
  });
});
