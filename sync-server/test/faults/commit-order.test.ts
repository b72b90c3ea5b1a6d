import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/driver';
import { pullPage } from '../../src/sync/pull';
import { pushBatch } from '../../src/sync/push';
import { DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from '../harness';
import { guestDoc } from '../guest-docs';
import { seededRandom } from './fault-proxy';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The same database, but every transaction dawdles for a random moment between its last
 * statement and its commit: concurrent pushes then commit in whatever order the delays give,
 * the order in which a sequence-per-insert design would let a pull overtake one of them.
 */
function slowCommits(db: Db, random: () => number, maxMs: number): Db {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    listen: (c, p, r) => db.listen(c, p, r),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        await sleep(Math.floor(random() * maxMs));
        return result;
      }),
  };
}

/**
 * DESIGN.md: "A pull must never skip a document whose transaction committed after a
 * later-numbered one was read." Pushers race with delayed commits while a reader pulls
 * continuously from its checkpoint, as a device would; every document must reach the reader.
 */
describe(`commit order: pulls running during out-of-order commits skip nothing (${DRIVER})`, () => {
  let server: TestServer;
  let tenantId: string;
  let deviceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const [t] = await server.db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'demo'");
    tenantId = t!.id;
    deviceId = (await enrolDevice(await managerClient(server.url), 'Reader')).deviceId;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('delivers every document committed while pulls run, each exactly once', async () => {
    const random = seededRandom(7);
    const slow = slowCommits(server.db, random, 40);
    const PUSHERS = 6;
    const BATCHES = 8;
    const pushed: string[] = [];
    let pushing = true;

    const pushers = Array.from({ length: PUSHERS }, async () => {
      for (let b = 0; b < BATCHES; b++) {
        const docs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => guestDoc({ firstName: 'Race' }));
        await pushBatch(slow, { tenantId, deviceId }, 'customers', docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })));
        pushed.push(...docs.map((d) => String(d.id)));
      }
    });

    const seen: string[] = [];
    let checkpoint: string | undefined;
    let pullsDuringPushes = 0;
    const pullOnce = async () => {
      const page = await pullPage(server.db, tenantId, 'customers', checkpoint, 3, null);
      if (pushing) pullsDuringPushes++;
      for (const d of page.documents) seen.push(String(d.id));
      checkpoint = page.checkpoint ?? checkpoint;
      return page.documents.length;
    };
    const reader = (async () => {
      while (pushing) {
        await pullOnce();
        await sleep(Math.floor(random() * 5));
      }
      // The pushes are over: read on from the checkpoint until a short page, as RxDB does.
      while ((await pullOnce()) === 3);
    })();

    await Promise.all(pushers);
    pushing = false;
    await reader;

    expect(pushed.length).toBeGreaterThan(PUSHERS * BATCHES);
    // The reader really read while commits were in flight (PGlite runs one transaction at a
    // time, so it interleaves less than PostgreSQL does).
    expect(pullsDuringPushes).toBeGreaterThan(PUSHERS);
    const onceEach = new Set(seen);
    expect(onceEach.size, 'no document read twice').toBe(seen.length);
    expect([...pushed].filter((id) => !onceEach.has(id)), 'documents the reader skipped').toEqual([]);
  });
});
