import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTION_NAMES, type CollectionName, canonicalJson } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceProcess } from '../../../renderer/test-support/device-process';
import { refreshCustomerDerived } from '../../src/calculations/customer-derived';
import type { Db } from '../../src/db/driver';
import { openPglite } from '../../src/db/pglite-driver';
import { withTenant } from '../../src/db/tenant-scope';
import { DEMO } from '../../src/tenants/demo-seed';
import { DRIVER, type TestDatabase, enrolDevice, freshDatabase, managerClient } from '../harness';
import { type Workload, chunk, generateWorkload } from '../workload';
import { FaultProxy, seededRandom } from './fault-proxy';
import { ServerProcess } from './server-process';

type Doc = Record<string, unknown>;

/** Fixed, so the plan of documents and faults is the same every run. */
const SEED = 20261123;
const DEVICES = 8;
const ROUNDS = 6;
const DEVICE_COLLECTIONS = ['customers', 'customer_tags', 'orders'] as const satisfies readonly CollectionName[];
const CATALOGUE = ['venues', 'tag_definitions', 'products', 'events'] as const satisfies readonly CollectionName[];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const t0 = Date.now();
/** FAULTS_VERBOSE=1 prints the run's progress (which fault, when). */
const progress = (what: string) => {
  if (process.env.FAULTS_VERBOSE === '1') console.info(`[faults ${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
};

interface DevicePlan {
  name: string;
  deviceId: string;
  token: string;
  /** Per round: the documents the tablet writes, and the edits it makes to earlier ones. */
  rounds: Array<{
    customers: Doc[];
    customer_tags: Doc[];
    orders: Doc[];
    phoneEdits: Array<{ id: string; patch: Doc }>;
    tagRemovals: Array<{ id: string; patch: Doc }>;
  }>;
  orders: number;
}

/**
 * Splits a day's workload over the tablets: each sells on its own gapless receipt numbers, adds
 * its guests and their tags, later edits some guests' phone numbers and removes the tags the
 * workload removes. Returns what the server must end up holding, per collection.
 */
function planDay(wl: Workload, enrolled: Array<{ deviceId: string; deviceToken: string }>) {
  const sourceDevices = [...new Set(wl.docs.orders.map((o) => String(o.deviceId)))].sort();
  const deviceOf = (source: unknown) => Math.max(0, sourceDevices.indexOf(String(source))) % DEVICES;
  const plans: DevicePlan[] = enrolled.map((e, i) => ({
    name: `Tablet ${i + 1}`,
    deviceId: e.deviceId,
    token: e.deviceToken,
    rounds: Array.from({ length: ROUNDS }, () => ({ customers: [], customer_tags: [], orders: [], phoneEdits: [], tagRemovals: [] })),
    orders: 0,
  }));
  const expected: Record<(typeof DEVICE_COLLECTIONS)[number], Map<string, Doc>> = { customers: new Map(), customer_tags: new Map(), orders: new Map() };
  const roundOf = (i: number, n: number) => Math.min(ROUNDS - 1, Math.floor((i * ROUNDS) / Math.max(1, n)));

  const customerDevice = new Map<string, number>();
  wl.docs.customers.forEach((c, i) => {
    const d = deviceOf(c.createdByDevice);
    customerDevice.set(String(c.id), d);
    const doc = { ...c, createdByDevice: plans[d]!.deviceId };
    plans[d]!.rounds[roundOf(i, wl.docs.customers.length)]!.customers.push(doc);
    expected.customers.set(String(c.id), doc);
    // Every ninth guest's phone is corrected later in the day, on the tablet that added them.
    if (i % 9 === 4) {
      const r = Math.min(ROUNDS - 1, roundOf(i, wl.docs.customers.length) + 2);
      const phone = `+1 707 555 ${String(1000 + i).slice(-4)}`;
      plans[d]!.rounds[r]!.phoneEdits.push({ id: String(c.id), patch: { phone } });
      expected.customers.set(String(c.id), { ...doc, phone });
    }
  });
  wl.docs.customer_tags.forEach((t, i) => {
    const d = customerDevice.get(String(t.customerId)) ?? i % DEVICES;
    const r = roundOf(i, wl.docs.customer_tags.length);
    // Tags arrive active; the ones the workload removes are removed in a later round (soft delete).
    plans[d]!.rounds[r]!.customer_tags.push({ ...t, removedAt: null, removedBy: null, updatedAt: t.addedAt });
    if (t.removedAt) plans[d]!.rounds[Math.min(ROUNDS - 1, r + 1)]!.tagRemovals.push({ id: String(t.id), patch: { removedAt: t.removedAt, removedBy: t.removedBy } });
    expected.customer_tags.set(String(t.id), t);
  });
  const seq = new Array<number>(DEVICES).fill(0);
  const orders = [...wl.docs.orders].sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  orders.forEach((o, i) => {
    const d = deviceOf(o.deviceId);
    const n = ++seq[d]!;
    const doc = { ...o, deviceId: plans[d]!.deviceId, deviceSeq: n, receiptNumber: `T${d + 1}-${String(n).padStart(6, '0')}` };
    plans[d]!.rounds[roundOf(i, orders.length)]!.orders.push(doc);
    plans[d]!.orders = n;
    expected.orders.set(String(o.id), doc);
  });
  return { plans, expected };
}

/** What a fault round does to the world while the tablets write. */
type Fault = 'kill-mid-push' | 'cut' | 'delay-drop' | 'kill-and-restart-clients' | 'cut-and-restart-clients' | 'delay-drop-kill';
const PLAN: Fault[] = ['kill-mid-push', 'cut', 'delay-drop', 'kill-and-restart-clients', 'cut-and-restart-clients', 'delay-drop-kill'];

describe(`exactly once under faults: ${DEVICES} tablets, server killed, network cut (${DRIVER})`, () => {
  const random = seededRandom(SEED);
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  let server: ServerProcess;
  let proxy: FaultProxy;
  let devices: DeviceProcess[] = [];
  let wl: Workload;
  const killAll = () => {
    for (const d of devices) d.kill();
    void server?.kill();
  };

  beforeAll(async () => {
    process.once('exit', killAll);
    wl = generateWorkload({ seed: SEED % 1000, devices: DEVICES, guests: 64, orders: 160 });
    if (DRIVER === 'postgres') database = await freshDatabase();
    else dataDir = mkdtempSync(join(tmpdir(), 'cd-faults-'));
    server = await ServerProcess.create(database ? { databaseUrl: database.url! } : { dataDir: dataDir! });
    await server.start();
    proxy = new FaultProxy(server.port, random);
    await proxy.listen();
  });

  afterAll(async () => {
    killAll();
    await Promise.all(devices.map((d) => d.close().catch(() => undefined)));
    await proxy?.close();
    await server?.kill();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    wl?.cleanup();
    process.removeListener('exit', killAll);
  });

  it('holds every document once, every tablet converges, and tag revenue equals a from-scratch recomputation', async () => {
    const manager = await managerClient(server.url);
    // The back office enters the catalogue from a manager's tablet before the day starts.
    const office = await enrolDevice(manager, 'Back office', { role: 'MANAGER' });
    for (const c of CATALOGUE)
      for (const rows of chunk(wl.docs[c], 200)) {
        const res = await office.client.post(`/sync/v1/${c}/push`, { rows: rows.map((d) => ({ assumedMasterState: null, newDocumentState: d })) });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    const enrolled = [];
    for (let i = 0; i < DEVICES; i++) enrolled.push(await enrolDevice(manager, `Tablet ${i + 1}`));
    const { plans, expected } = planDay(wl, enrolled);

    devices = await Promise.all(plans.map((p) => DeviceProcess.open({ serverUrl: `http://127.0.0.1:${proxy.port}`, deviceToken: p.token, deviceId: p.deviceId })));
    await Promise.all(devices.map((d) => d.live(true)));
    progress('tablets open and syncing');

    const restartServer = async () => {
      await server.kill();
      progress('server killed');
      await sleep(200 + Math.floor(random() * 400));
      await server.start();
      progress('server up again');
    };
    const killMidPush = async () => {
      // Killed a few milliseconds after a push's bytes reached it: inside the transaction, or
      // just after its commit and before the answer, whichever the timing gives.
      const pushed = new Promise<void>((resolve) => {
        proxy.onNextPush = () => resolve();
      });
      await Promise.race([pushed, sleep(4000)]);
      proxy.onNextPush = null;
      await sleep(Math.floor(random() * 25));
      await restartServer();
    };
    const restartClients = async () => {
      const picked = [Math.floor(random() * DEVICES), Math.floor(random() * DEVICES)];
      await Promise.all([...new Set(picked)].map((i) => devices[i]!.restart()));
    };
    const cut = async () => {
      proxy.faults.cut = true;
      proxy.cutAll();
      await sleep(800 + Math.floor(random() * 800));
      proxy.faults.cut = false;
    };
    const delayDrop = async (ms: number) => {
      proxy.faults.delayMs = [5, 250];
      proxy.faults.dropResponses = 0.25;
      const dropped = proxy.counts.dropped;
      // At least the window, and on until some answers were really lost (traffic comes in bursts).
      const until = Date.now() + 4 * ms;
      await sleep(ms);
      while (proxy.counts.dropped < dropped + 3 && Date.now() < until) await sleep(100);
      proxy.faults.delayMs = [0, 0];
      proxy.faults.dropResponses = 0;
    };
    // Staff tap "Sync now" at the start of each round: a tablet that backed off while the server
    // was down (up to 30 s) is talking again when the next fault strikes.
    const nudge = () => Promise.all(devices.map((d) => d.settle(300)));

    for (let r = 0; r < ROUNDS; r++) {
      const writes = Promise.all(
        devices.map(async (d, i) => {
          const round = plans[i]!.rounds[r]!;
          // A tablet works through its day in small steps, so the faults land between and inside pushes.
          for (const part of chunk(round.customers, 6)) await d.putMany('customers', part);
          for (const part of chunk(round.customer_tags, 10)) await d.putMany('customer_tags', part);
          for (const part of chunk(round.orders, 5)) await d.putMany('orders', part);
          if (round.phoneEdits.length) await d.patchMany('customers', round.phoneEdits);
          if (round.tagRemovals.length) await d.patchMany('customer_tags', round.tagRemovals);
        }),
      );
      await nudge();
      const fault = PLAN[r]!;
      progress(`round ${r + 1}: ${fault}`);
      const faulting = (async () => {
        if (fault === 'kill-mid-push') await killMidPush();
        if (fault === 'cut') await cut();
        if (fault === 'delay-drop') await delayDrop(2500);
        if (fault === 'kill-and-restart-clients') await Promise.all([killMidPush(), restartClients()]);
        if (fault === 'cut-and-restart-clients') await Promise.all([cut(), restartClients()]);
        if (fault === 'delay-drop-kill') await Promise.all([delayDrop(3000), killMidPush()]);
      })();
      await Promise.all([writes.then(() => progress(`round ${r + 1} written`)), faulting.then(() => progress(`round ${r + 1} fault done`))]);
    }

    // The faults end; every tablet sends what it holds, then every tablet catches up with the rest.
    if (!server.running) await server.start();
    for (let pass = 0; pass < 2; pass++)
      for (const [i, d] of devices.entries()) {
        let settled = await d.settle(60_000);
        for (let tries = 0; (!settled.done || settled.pending > 0) && tries < 3; tries++) settled = await d.settle(60_000);
        progress(`pass ${pass + 1}: ${plans[i]!.name} settled ${JSON.stringify({ done: settled.done, pending: settled.pending })}`);
        expect(settled, `${plans[i]!.name} did not settle`).toMatchObject({ done: true, pending: 0 });
      }
    await Promise.all(devices.map((d) => d.live(false)));
    progress(`faults: ${server.kills} kills, ${JSON.stringify(proxy.counts)}`);
    expect(server.kills).toBeGreaterThanOrEqual(3);
    expect(proxy.counts.dropped).toBeGreaterThan(0);
    expect(proxy.counts.cuts).toBeGreaterThan(0);

    // Nothing left behind on a tablet: every receipt number arrived, none is missing.
    const health = await (await managerClient(server.url)).get<{ devices: Array<{ deviceId: string; lastSeqReceived: number | null; lastSeqIssued: number | null; missing: number[][] }> }>(
      '/api/v1/devices/sync-health',
    );
    expect(health.status).toBe(200);
    for (const p of plans) {
      const h = health.body.devices.find((d) => d.deviceId === p.deviceId);
      expect(h, p.name).toMatchObject({ lastSeqReceived: p.orders, lastSeqIssued: p.orders, missing: [] });
    }

    const dumps = await Promise.all(devices.map((d) => d.dump([...COLLECTION_NAMES])));
    await server.stop();
    const db: Db = database ? database.db : await openPglite(dataDir);
    try {
      const [tenant] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [DEMO.slug]);
      const tenantId = tenant!.id;
      const onServer = async (c: CollectionName) =>
        new Map((await db.query<{ id: string; doc: Doc }>(`SELECT id, doc FROM ${c} WHERE tenant_id = $1`, [tenantId])).map((r) => [r.id, r.doc]));

      // Every document exactly once, as the tablets last wrote it.
      for (const c of DEVICE_COLLECTIONS) {
        const held = await onServer(c);
        expect(held.size, c).toBe(expected[c].size);
        for (const [id, want] of expected[c]) {
          const got = held.get(id);
          expect(got, `${c} ${id}`).toBeDefined();
          if (c === 'orders') expect(canonicalJson(got)).toBe(canonicalJson(want));
          if (c === 'customers') expect({ email: got!.email, phone: got!.phone, createdByDevice: got!.createdByDevice }).toEqual({ email: want.email, phone: want.phone, createdByDevice: want.createdByDevice });
          if (c === 'customer_tags') expect({ customerId: got!.customerId, removedAt: got!.removedAt ?? null }).toEqual({ customerId: want.customerId, removedAt: want.removedAt ?? null });
        }
      }
      const lines = wl.docs.orders.reduce((n, o) => n + (o.items as unknown[]).length, 0);
      const [{ n: itemRows }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM order_items WHERE tenant_id = $1', [tenantId])) as [{ n: number }];
      expect(itemRows, 'order lines extracted once each').toBe(lines);

      // Every tablet holds exactly what the server holds.
      for (const c of COLLECTION_NAMES) {
        const held = await onServer(c);
        const want = [...held.values()].map((d) => canonicalJson(d)).sort();
        for (const [i, dump] of dumps.entries()) {
          const got = (dump[c] ?? []).map((d) => canonicalJson(d)).sort();
          expect(got.length, `${plans[i]!.name} ${c}`).toBe(want.length);
          expect(got, `${plans[i]!.name} ${c}`).toEqual(want);
        }
      }

      // Tag revenue kept on ingest under all of this equals a from-scratch recomputation.
      const snapshot = () =>
        Promise.all([
          db.query('SELECT tag_id, customer_id, tag_type, tag_value, added_at, revenue_cents, order_count, last_order_at, revenue_since_added_cents, orders_since_added FROM tag_revenue WHERE tenant_id = $1 ORDER BY tag_id', [tenantId]),
          // Ingest keeps a zero row for a guest it touched who has bought nothing yet; a full
          // recomputation writes rows only for guests with orders. Both say "no sales".
          db.query(
            `SELECT customer_id, revenue_cents, sale_count, refund_count, first_sale_at, last_sale_at FROM customer_stats
              WHERE tenant_id = $1 AND NOT (revenue_cents = 0 AND sale_count = 0 AND refund_count = 0 AND first_sale_at IS NULL AND last_sale_at IS NULL)
              ORDER BY customer_id`,
            [tenantId],
          ),
        ]);
      const kept = await snapshot();
      expect(kept[0].length).toBe([...expected.customer_tags.values()].filter((t) => !t.removedAt).length);
      await withTenant(db, tenantId, (tx) => refreshCustomerDerived(tx, tenantId, null));
      expect(kept).toEqual(await snapshot());
    } finally {
      if (!database) await db.close();
    }
  }, 300_000);
});
