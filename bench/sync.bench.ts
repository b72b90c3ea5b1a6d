import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CollectionName, withLocalFields } from "@cellardoor/shared";
import { openNodeDevice } from "../renderer/test-support/node-device";
import { markPending, totalPending } from "../renderer/src/sync/pending";
import { workloadGenerator } from "../scripts/kit";
import {
  type BenchContext,
  type BenchModule,
  type Metric,
  metric,
} from "./harness";
import { benchDatabase, startServerProcess } from "./server-child";

const COLLECTIONS = [
  "customers",
  "customer_tags",
  "orders",
] as const satisfies readonly CollectionName[];
type Doc = Record<string, unknown>;

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "demo@cellardoor.local",
      password: "cellardoor-demo",
    }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function enrol(
  url: string,
  token: string,
  name: string,
): Promise<string> {
  const res = await fetch(`${url}/api/v1/devices`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ name }),
  });
  return ((await res.json()) as { deviceToken: string }).deviceToken;
}

/** Push everything from one device, then pull it all into a fresh device, through the app's RxDB replication. */
async function measure(
  ctx: BenchContext,
  label: string,
  url: string,
  docs: Record<(typeof COLLECTIONS)[number], Doc[]>,
  storage: "dexie" | "memory",
): Promise<Metric[]> {
  const total = COLLECTIONS.reduce((s, c) => s + docs[c].length, 0);
  const token = await login(url);
  const pusher = await openNodeDevice({
    serverUrl: url,
    deviceToken: await enrol(url, token, `bench pusher ${label}`),
    storage,
  });
  for (const c of COLLECTIONS) {
    await markPending(
      pusher.db,
      c,
      docs[c].map((d) => String(d.id)),
    );
    await pusher.db.collections[c].bulkInsert(
      docs[c].map((d) => withLocalFields(c, d)) as never[],
    );
  }
  const t0 = performance.now();
  const sync = pusher.startSync({ live: true });
  const ok = await sync.syncNow(15 * 60_000);
  const pushSeconds = (performance.now() - t0) / 1000;
  const left = await totalPending(pusher.db);
  await pusher.close();
  if (!ok || left !== 0)
    throw new Error(
      `${label}: push did not finish (${left} documents still pending)`,
    );
  ctx.log(`${label}: pushed ${total} documents in ${pushSeconds.toFixed(1)} s`);

  const puller = await openNodeDevice({
    serverUrl: url,
    deviceToken: await enrol(url, token, `bench puller ${label}`),
    storage,
  });
  const t1 = performance.now();
  const pullSync = puller.startSync({ live: true });
  await pullSync.syncNow(15 * 60_000);
  const pullSeconds = (performance.now() - t1) / 1000;
  const pulled = await Promise.all(
    COLLECTIONS.map((c) => puller.db.collections[c].count().exec()),
  );
  await puller.close();
  const pulledTotal = pulled.reduce((s, n) => s + n, 0);
  if (pulledTotal !== total)
    throw new Error(`${label}: pulled ${pulledTotal} of ${total} documents`);
  ctx.log(`${label}: pulled ${total} documents in ${pullSeconds.toFixed(1)} s`);
  const note = `${total} workload documents (customers, customer_tags, orders) through the app's RxDB replication in Node on ${storage === "memory" ? "RxDB's memory storage" : "Dexie over fake-indexeddb"}; server in its own process`;
  return [
    metric({
      name: `push throughput (${label})`,
      value: Math.round(total / pushSeconds),
      unit: "documents/s",
      target: null,
      better: "higher",
      note,
    }),
    metric({
      name: `pull throughput (${label})`,
      value: Math.round(total / pullSeconds),
      unit: "documents/s",
      target: null,
      better: "higher",
      note,
    }),
  ];
}

const bench: BenchModule = {
  title: "Sync throughput through the RxDB replication client",
  async run(ctx) {
    const size =
      ctx.scale === "full"
        ? { guests: 6000, orders: 15000 }
        : { guests: 600, orders: 1500 };
    mkdirSync(ctx.workDir, { recursive: true });
    execFileSync(process.execPath, [
      workloadGenerator(),
      "--seed",
      "2026",
      "--guests",
      String(size.guests),
      "--orders",
      String(size.orders),
      "--out",
      ctx.workDir,
    ]);
    const read = (c: string) =>
      readFileSync(join(ctx.workDir, `${c}.ndjson`), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Doc);
    const docs = {
      customers: read("customers"),
      customer_tags: read("customer_tags"),
      orders: read("orders"),
    };
    const metrics: Metric[] = [];
    // fake-indexeddb (a pure-JS IndexedDB) dominates the client's time in Node and slows down as
    // its store grows, so the Dexie run takes a slice of the workload; the memory storage carries
    // the whole workload and shows what the replication protocol and the server sustain.
    const dexieSlice = ctx.scale === "full" ? 5000 : 1000;
    const slice = (n: number) => {
      const share = n / COLLECTIONS.reduce((s, c) => s + docs[c].length, 0);
      return Object.fromEntries(
        COLLECTIONS.map((c) => [
          c,
          docs[c].slice(0, Math.ceil(docs[c].length * share)),
        ]),
      ) as typeof docs;
    };
    for (const storage of ["memory", "dexie"] as const) {
      const these = storage === "memory" ? docs : slice(dexieSlice);
      const runs: Array<
        [string, () => Promise<{ url: string; stop(): Promise<void> }>]
      > = [
        [`PGlite, ${storage}`, () => startServerProcess({})],
        [
          `PostgreSQL, ${storage}`,
          async () => {
            const db = await benchDatabase(ctx.pgUrl);
            const server = await startServerProcess({ DATABASE_URL: db.url });
            return {
              url: server.url,
              async stop() {
                await server.stop();
                await db.drop();
              },
            };
          },
        ],
      ];
      for (const [label, start] of runs) {
        const server = await start();
        try {
          metrics.push(
            ...(await measure(ctx, label, server.url, these, storage)),
          );
        } catch (err) {
          // One failed run must not hide the others' figures.
          ctx.log(
            `${label}: failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        } finally {
          await server.stop();
        }
      }
    }
    return metrics;
  },
};
export default bench;
