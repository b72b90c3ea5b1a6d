import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/pglite-driver';
import { Client, DRIVER, type TestDatabase, freshDatabase, managerClient } from './harness';
import { chunk, generateWorkload } from './workload';

const MAIN = join(__dirname, '..', 'src', 'main.ts');

function startChild(env: Record<string, string>): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      buf += c;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, url };
}

describe(`graceful shutdown (${DRIVER})`, () => {
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes pushes in flight when asked to stop, and commits them', async () => {
    let env: Record<string, string>;
    if (DRIVER === 'postgres') {
      database = await freshDatabase();
      env = { DATABASE_URL: database.url! };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'cd-shutdown-'));
      env = { DATA_DIR: dataDir };
    }
    const { child, url: urlP } = startChild(env);
    const url = await urlP;
    const manager = await managerClient(url);
    const dev = await manager.post<{ deviceToken: string }>('/api/v1/devices', { name: 'Closing tablet' });
    const device = new Client(url, dev.body.deviceToken);
    const wl = generateWorkload({ seed: 9, guests: 200, orders: 1500 });
    try {
      const batches = chunk(wl.docs.orders, 500);
      const pushes = batches.map((b) => device.post('/sync/v1/orders/push', { rows: b.map((d) => ({ assumedMasterState: null, newDocumentState: d })) }));
      // Ask the server to stop while the pushes are in flight.
      await new Promise((r) => setTimeout(r, 30));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const results = await Promise.allSettled(pushes);
      expect(await exited).toBe(0);
      // Every push either completed (200) or was never accepted (connection refused): none half-written.
      const accepted = results.filter((r) => r.status === 'fulfilled' && r.value.status === 200).length;
      expect(accepted).toBeGreaterThan(0);
      const db = database ? database.db : await openPglite(dataDir);
      try {
        const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')) as [{ n: number }];
        const expectedRows = results.reduce((s, r, i) => s + (r.status === 'fulfilled' && r.value.status === 200 ? batches[i]!.length : 0), 0);
        expect(n).toBe(expectedRows);
      } finally {
        if (!database) await db.close();
      }
    } finally {
      wl.cleanup();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
