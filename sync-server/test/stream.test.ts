import type { StreamMessage } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver';
import { openPostgres } from '../src/db/postgres-driver';
import { type RunningServer, startServer } from '../src/server';
import { DRIVER, type TestServer, enrolDevice, managerClient, startTestServer, testConfig } from './harness';
import { generateWorkload } from './workload';

/** Reads server-sent events from the stream until `until` says stop or the timeout passes. */
async function collect(url: string, token: string, until: (m: StreamMessage[]) => boolean, timeoutMs = 10_000): Promise<StreamMessage[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  const got: StreamMessage[] = [];
  try {
    const res = await fetch(`${url}/sync/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!until(got)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (data) got.push(JSON.parse(data.slice(6)) as StreamMessage);
      }
    }
  } catch (err) {
    if (!ctrl.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return got;
}

describe(`event stream across server processes (${DRIVER})`, () => {
  let first: TestServer;
  let second: RunningServer;
  let secondDb: Db | null = null;

  beforeAll(async () => {
    first = await startTestServer();
    // A second server on the same database: its own pool on PostgreSQL; on PGlite (one process
    // by nature) a second app over the same embedded database.
    if (first.database.url) secondDb = await openPostgres(first.database.url);
    second = await startServer(testConfig({ seedDemo: false }), { db: secondDb ?? first.database.db, logger: false });
  });
  afterAll(async () => {
    await second?.close();
    await secondDb?.close();
    await first?.stop();
  });

  it('starts every stream with RESYNC and refuses a bad token', async () => {
    const manager = await managerClient(first.url);
    const { deviceToken } = await enrolDevice(manager);
    const msgs = await collect(first.url, deviceToken, (m) => m.length >= 1);
    expect(msgs[0]).toEqual({ type: 'RESYNC' });
    const bad = await fetch(`${first.url}/sync/v1/stream`, { headers: { authorization: 'Bearer cdd_nope' } });
    expect(bad.status).toBe(401);
  });

  it('wakes a device connected to one server when another server takes a push', async () => {
    const manager = await managerClient(first.url);
    const listener = await enrolDevice(manager, 'Listener');
    const pusher = await enrolDevice(manager, 'Pusher');
    const wl = generateWorkload({ seed: 3, guests: 20, orders: 10 });
    try {
      const listening = collect(second.url, listener.deviceToken, (m) => m.some((x) => x.type === 'CHANGES' && x.collections.includes('customers')));
      await new Promise((r) => setTimeout(r, 300));
      const res = await pusher.client.post('/sync/v1/customers/push', {
        rows: wl.docs.customers.slice(0, 5).map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })),
      });
      expect(res.status).toBe(200);
      const msgs = await listening;
      // The guests' server-computed insights are written in the same transaction, so they wake too.
      const changes = msgs.find((m) => m.type === 'CHANGES' && m.collections.includes('customers'));
      expect(changes?.type === 'CHANGES' && [...changes.collections].sort()).toEqual(['customer_insights', 'customers']);
    } finally {
      wl.cleanup();
    }
  });

  it('tells a revoked device to wipe on its open stream', async () => {
    const manager = await managerClient(first.url);
    const d = await enrolDevice(manager, 'To retire');
    const listening = collect(second.url, d.deviceToken, (m) => m.some((x) => x.type === 'REVOKED'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await manager.post(`/api/v1/devices/${d.deviceId}/revoke`, { allowHandover: false })).status).toBe(200);
    expect(await listening).toContainEqual({ type: 'REVOKED', wipe: true, handover: false });
  });
});

describe.runIf(DRIVER === 'postgres')('event stream after the database connection drops (postgres)', () => {
  it('re-listens and tells connected devices to resync', async () => {
    const server = await startTestServer();
    try {
      const manager = await managerClient(server.url);
      const d = await enrolDevice(manager, 'Survivor');
      const listening = collect(server.url, d.deviceToken, (m) => m.filter((x) => x.type === 'RESYNC').length >= 2, 20_000);
      await new Promise((r) => setTimeout(r, 300));
      // Kill the server's LISTEN connection from the database side.
      const killed = await server.db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`,
      );
      expect(killed[0]!.n).toBeGreaterThan(0);
      const msgs = await listening;
      expect(msgs.filter((m) => m.type === 'RESYNC').length).toBeGreaterThanOrEqual(2);
      // And notifications flow again afterwards.
      const after = collect(server.url, d.deviceToken, (m) => m.some((x) => x.type === 'CHANGES'), 20_000);
      await new Promise((r) => setTimeout(r, 300));
      const wl = generateWorkload({ seed: 4, guests: 5, orders: 1 });
      try {
        await d.client.post('/sync/v1/customers/push', { rows: wl.docs.customers.map((c) => ({ assumedMasterState: null, newDocumentState: c })) });
      } finally {
        wl.cleanup();
      }
      expect((await after).some((m) => m.type === 'CHANGES')).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
