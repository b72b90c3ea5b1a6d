import { type CollectionName, canonicalJson, withLocalFields } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../../sync-server/test/harness';
import { type Workload, generateWorkload } from '../../sync-server/test/workload';
import { markPending, totalPending } from '../src/sync/pending';
import { type NodeDevice, openNodeDevice } from '../test-support/node-device';

type Doc = Record<string, unknown>;
const DEVICE_COLLECTIONS = ['customers', 'customer_tags', 'orders'] as const satisfies readonly CollectionName[];

async function serverDocs(server: TestServer, collection: CollectionName): Promise<Map<string, Doc>> {
  const rows = await server.db.query<{ id: string; doc: Doc }>(`SELECT id, doc FROM ${collection} ORDER BY seq`);
  return new Map(rows.map((r) => [r.id, r.doc]));
}

describe(`RxDB replication end to end (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  let device: NodeDevice;
  let wl: Workload;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    manager = await managerClient(server.url);
    const enrolled = await enrolDevice(manager, 'Node tablet');
    device = await openNodeDevice({ serverUrl: server.url, deviceToken: enrolled.deviceToken });
    wl = generateWorkload({ seed: 5, guests: 120, orders: 300 });
  });
  afterAll(async () => {
    await device?.close();
    await server?.stop();
    wl?.cleanup();
  });

  it('pulls the venue catalogue the server seeded', async () => {
    const sync = device.startSync();
    expect(await sync.syncNow(30_000)).toBe(true);
    expect(await device.db.products.count().exec()).toBeGreaterThan(5);
    expect(await device.db.tag_definitions.count().exec()).toBeGreaterThan(5);
    await sync.stop();
    device.sync = null;
  });

  it('keeps changes made while the server is down and delivers each exactly once when it is back', async () => {
    // Server down: stop it, keeping its database.
    await server.close();
    const sync = device.startSync();
    for (const c of DEVICE_COLLECTIONS) {
      const docs = wl.docs[c];
      await markPending(device.db, c, docs.map((d) => String(d.id)));
      await device.db.collections[c].bulkInsert(docs.map((d) => withLocalFields(c, d)) as never[]);
    }
    expect(await totalPending(device.db)).toBe(wl.docs.customers.length + wl.docs.customer_tags.length + wl.docs.orders.length);
    expect(await sync.syncNow(1500)).toBe(false);
    expect(device.events.some((e) => e.type === 'error')).toBe(true);

    // Server up again on the same port and database.
    const { startServer } = await import('../../sync-server/src/server');
    const { testConfig } = await import('../../sync-server/test/harness');
    const again = await startServer(testConfig({ port, seedDemo: false }), { db: server.database.db, logger: false });
    try {
      expect(await sync.syncNow(60_000)).toBe(true);
      expect(await totalPending(device.db)).toBe(0);
      for (const c of DEVICE_COLLECTIONS) {
        const onServer = await serverDocs(server, c);
        expect(onServer.size).toBe(wl.docs[c].length);
        for (const d of wl.docs[c]) expect(canonicalJson(onServer.get(String(d.id)))).toBe(canonicalJson(d));
      }
      const [{ n }] = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tag_revenue')) as [{ n: number }];
      expect(n).toBe(wl.docs.customer_tags.filter((t) => t.removedAt === null).length);
    } finally {
      await sync.stop();
      device.sync = null;
      await again.close();
    }
  });
});
