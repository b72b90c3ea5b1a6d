import { type CollectionName, withLocalFields } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPending, totalPending } from '../../../renderer/src/sync/pending';
import { type NodeDevice, openNodeDevice } from '../../../renderer/test-support/node-device';
import { DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../harness';
import { guestDoc, saleDoc, tagDoc } from '../guest-docs';
import { asNew } from '../people';
import { FaultProxy, seededRandom } from './fault-proxy';

type Doc = Record<string, unknown>;

/**
 * A push whose answer is lost after the server committed it: the device cannot tell it from a
 * push that never arrived, so it sends it again. The second push must write nothing: no new
 * sequence numbers, no second order line, no revenue counted twice.
 */
describe(`lost response after commit: the retry writes nothing twice (${DRIVER})`, () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let tenantId: string;

  /** Everything a write touches: documents with their sequence numbers, counters, derived tables. */
  const footprint = () =>
    Promise.all([
      server.db.query('SELECT id, seq FROM customers WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      server.db.query('SELECT id, seq FROM customer_tags WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      server.db.query('SELECT id, seq FROM orders WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      server.db.query('SELECT collection, value FROM sync_counters WHERE tenant_id = $1 ORDER BY collection', [tenantId]),
      server.db.query('SELECT count(*)::int AS n FROM order_items WHERE tenant_id = $1', [tenantId]),
      server.db.query('SELECT customer_id, revenue_cents, sale_count FROM customer_stats WHERE tenant_id = $1 ORDER BY customer_id', [tenantId]),
      server.db.query('SELECT tag_id, revenue_cents, order_count FROM tag_revenue WHERE tenant_id = $1 ORDER BY tag_id', [tenantId]),
      server.db.query('SELECT count(*)::int AS n FROM customer_history WHERE tenant_id = $1', [tenantId]),
    ]);

  beforeAll(async () => {
    server = await startTestServer();
    [{ id: tenantId }] = (await server.db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'demo'")) as [{ id: string }];
    proxy = new FaultProxy(Number(new URL(server.url).port), seededRandom(11));
    await proxy.listen();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('over HTTP: the answer is dropped, the same push is sent again and changes nothing', async () => {
    const device = await enrolDevice(await managerClient(server.url), 'Counter tablet');
    const [venue] = await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1 LIMIT 1', [tenantId]);
    const guest = guestDoc({ firstName: 'Rosa' });
    const sale = saleDoc({ customerId: String(guest.id), deviceId: device.deviceId, venueId: venue!.id, cents: 4200 });
    const pushes: Array<[CollectionName, Doc]> = [['customers', guest], ['customer_tags', tagDoc(String(guest.id), 'VIP')], ['orders', sale]];

    const viaProxy = `http://127.0.0.1:${proxy.port}`;
    for (const [collection, doc] of pushes) {
      proxy.faults.dropResponses = 1;
      const lost = await fetch(`${viaProxy}/sync/v1/${collection}/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(asNew([doc])),
      }).then(
        () => 'answered',
        () => 'lost',
      );
      expect(lost).toBe('lost');
    }
    proxy.faults.dropResponses = 0;
    const committed = await footprint();
    expect(committed[2]).toHaveLength(1);
    expect(committed[5]).toEqual([{ customer_id: guest.id, revenue_cents: 4200, sale_count: 1 }]);

    for (const [collection, doc] of pushes) {
      const retry = await device.client.post<{ conflicts: Doc[] }>(`/sync/v1/${collection}/push`, asNew([doc]));
      expect(retry.status).toBe(200);
      expect(retry.body.conflicts).toEqual([]);
    }
    expect(await footprint()).toEqual(committed);
  });

  it('with the real replication client: every answer lost at first, the device retries until one arrives, nothing doubles', async () => {
    const enrolled = await enrolDevice(await managerClient(server.url), 'Terrace tablet');
    const device: NodeDevice = await openNodeDevice({ serverUrl: `http://127.0.0.1:${proxy.port}`, deviceToken: enrolled.deviceToken, storage: 'memory' });
    try {
      const [venue] = await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1 LIMIT 1', [tenantId]);
      const guests = Array.from({ length: 5 }, (_, i) => guestDoc({ firstName: `Guest ${i}` }));
      const sales = guests.map((g, i) => saleDoc({ customerId: String(g.id), deviceId: enrolled.deviceId, venueId: venue!.id, cents: 1000 + i, deviceSeq: i + 1 }));
      for (const [c, docs] of [['customers', guests], ['orders', sales]] as const) {
        await markPending(device.db, c, docs.map((d) => String(d.id)));
        await device.db.collections[c].bulkInsert(docs.map((d) => withLocalFields(c, d)) as never[]);
      }
      const before = await footprint();

      // Every answer to a push is lost: the pushes commit, the device hears nothing back.
      proxy.faults.dropResponses = 1;
      proxy.faults.dropOnlyPushes = true;
      const sync = device.startSync({ live: false });
      expect(await sync.syncNow(2500)).toBe(false);
      const afterLost = await footprint();
      expect(afterLost[2].length - before[2].length, 'the sales committed although no answer came').toBe(5);
      expect(await totalPending(device.db)).toBeGreaterThan(0);

      proxy.faults.dropResponses = 0;
      proxy.faults.dropOnlyPushes = false;
      expect(await sync.syncNow(30_000)).toBe(true);
      await sync.stop();
      device.sync = null;
      expect(await totalPending(device.db)).toBe(0);
      expect(await footprint()).toEqual(afterLost);
    } finally {
      proxy.faults.dropResponses = 0;
      await device.close();
    }
  });
});
