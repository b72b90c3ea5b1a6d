import { execFile } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import pg from 'pg';
import { workloadGenerator } from '../scripts/kit';
import { migrate } from '../sync-server/src/db/migrate';
import { openPostgres } from '../sync-server/src/db/postgres-driver';
import { withTenant } from '../sync-server/src/db/tenant-scope';
import { refreshReportSummaries } from '../sync-server/src/reports/summaries';
import { type RunningServer, startServer } from '../sync-server/src/server';
import { bulkIngest, finishBulkIngest } from '../sync-server/src/sync/bulk-ingest';
import { addUser } from '../sync-server/src/tenants/create-tenant';
import { type BenchContext, type BenchModule, type Metric, metric, summarise } from './harness';

const COLLECTIONS = ['venues', 'tag_definitions', 'products', 'events', 'customers', 'customer_tags', 'orders'] as const;
const BATCH = 4000;
const RUNS = 25;
const TARGET_MS = 100;

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** Streams one NDJSON file into the real tables through the bulk write path, BATCH documents at a time. */
async function loadFile(load: (docs: Record<string, unknown>[]) => Promise<void>, file: string): Promise<number> {
  let batch: Record<string, unknown>[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as Record<string, unknown>);
    if (batch.length === BATCH) {
      await load(batch);
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length) await load(batch);
  return n + batch.length;
}

/** The reports and the parameters each is timed with (rotating through a few, as a manager would). */
function scenarios(tagTypes: string[], customerIds: string[], day: string): Array<{ name: string; queries: string[] }> {
  return [
    { name: 'revenue-by-tag', queries: [''] },
    { name: 'customers-by-tag', queries: tagTypes.map((t) => `tagType=${t}&limit=50`).concat(['tagType=PREFERENCE&tagValue=ORGANIC&limit=50']) },
    { name: 'customer-tags', queries: customerIds.map((c) => `customerId=${c}`) },
    { name: 'top-customers', queries: ['limit=10'] },
    { name: 'event-sales', queries: ['', 'months=12', 'eventType=PUBLIC_EVENT'] },
    { name: 'multi-tag-guests', queries: ['minTypes=2&limit=100', 'minTypes=4&limit=100'] },
    { name: 'tag-growth', queries: ['months=12', 'months=24&tagType=VIP'] },
    { name: 'lifetime-value', queries: ['', 'tagType=REGION'] },
    { name: 're-engagement', queries: ['minRevenueCents=50000&inactiveDays=90&limit=100', 'minRevenueCents=20000&inactiveDays=180&tagType=WINE_CLUB&limit=100'] },
    { name: 'club-conversion', queries: ['months=12', 'months=24'] },
    { name: 'close-out', queries: [`date=${day}`] },
  ];
}

const bench: BenchModule = {
  title: 'Reports and tag revenue',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const full = ctx.scale === 'full';
    // REPORTS_BENCH_GUESTS / REPORTS_BENCH_ORDERS pick another size (an intermediate run on a small machine).
    const guests = Number(process.env.REPORTS_BENCH_GUESTS) || (full ? 1_000_000 : 20_000);
    const orders = Number(process.env.REPORTS_BENCH_ORDERS) || (full ? 10_000_000 : 100_000);
    const size = `${guests.toLocaleString('en')} guests / ${orders.toLocaleString('en')} orders`;
    mkdirSync(ctx.workDir, { recursive: true });
    const dataDir = join(ctx.workDir, 'workload');
    const dbName = `cellardoor_bench_reports_${Date.now().toString(36)}`;
    const metrics: Metric[] = [];

    ctx.log(`generating the workload (${size})`);
    let t = Date.now();
    await promisify(execFile)(process.execPath, [workloadGenerator(), '--seed', '7', '--guests', String(guests), '--orders', String(orders), '--out', dataDir], {
      maxBuffer: 1 << 20,
    });
    ctx.log(`generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    const expected = JSON.parse(readFileSync(join(dataDir, 'expected.json'), 'utf8')) as { asOf: string; revenueByTagType: Record<string, unknown> };

    const url = await createDatabase(ctx.pgUrl, dbName);
    const db = await openPostgres(url, 4);
    let server: RunningServer | null = null;
    try {
      await migrate(db);
      const tenantId = '0190a000-0000-7000-8000-000000000001';
      await db.query(`INSERT INTO tenants (id, name, slug, settings) VALUES ($1, 'Bench Winery', 'bench', $2)`, [tenantId, { reportTimeZone: 'America/Los_Angeles' }]);

      ctx.log('loading through the bulk write path');
      t = Date.now();
      const counts: Record<string, number> = {};
      // Orders load alongside the other collections: each collection has its own sequence lock.
      const load = (c: (typeof COLLECTIONS)[number]) => loadFile((docs) => bulkIngest(db, tenantId, c, docs), join(dataDir, `${c}.ndjson`)).then((n) => (counts[c] = n));
      await Promise.all([
        load('orders'),
        (async () => {
          for (const c of COLLECTIONS) if (c !== 'orders') await load(c);
        })(),
      ]);
      const loadSeconds = (Date.now() - t) / 1000;
      ctx.log(`loaded ${JSON.stringify(counts)} in ${loadSeconds.toFixed(0)} s`);
      rmSync(dataDir, { recursive: true, force: true });
      // Fresh tables have no statistics yet; a real database has autovacuum's.
      await db.exec('ANALYZE');

      t = Date.now();
      await finishBulkIngest(db, tenantId, expected.asOf);
      const recomputeSeconds = (Date.now() - t) / 1000;
      ctx.log(`full recompute (tag revenue + report summaries) in ${recomputeSeconds.toFixed(1)} s`);
      t = Date.now();
      await withTenant(db, tenantId, async (tx) => {
        await tx.query(`SELECT set_config('statement_timeout', '0', true)`);
        await refreshReportSummaries(tx, tenantId, null);
      });
      const summariesSeconds = (Date.now() - t) / 1000;
      ctx.log(`report summaries alone in ${summariesSeconds.toFixed(1)} s; vacuum analyze`);
      await db.exec('VACUUM ANALYZE');
      const [{ bytes }] = (await db.query<{ bytes: number }>('SELECT pg_database_size(current_database()) AS bytes')) as [{ bytes: number }];

      server = await startServer(
        { databaseUrl: undefined, port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent', seedDemo: false, rendererDir: undefined, sessionHours: 1, bodyLimitBytes: 8 << 20 },
        { db, logger: false },
      );
      await addUser(db, tenantId, { email: 'bench-manager@cellardoor.local', name: 'Bench', role: 'MANAGER', password: 'bench-password-1' });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench-manager@cellardoor.local', password: 'bench-password-1' }),
      });
      const { token } = (await login.json()) as { token: string };

      // Sanity: the loaded data answers the generator's ground truth before anything is timed.
      const check = await fetch(`${server.url}/api/v1/reports/revenue-by-tag?asOf=${expected.asOf}`, { headers: { authorization: `Bearer ${token}` } });
      const checked = (await check.json()) as { rows: Array<Record<string, number | string>> };
      const ok = checked.rows.every((r) => {
        const e = expected.revenueByTagType[String(r.tagType)] as Record<string, number> | undefined;
        return e && e.customers === r.customerCount && e.totalRevenueCents === r.totalRevenueCents && e.orderCount === r.totalOrders;
      });
      ctx.log(`revenue-by-tag equals expected.json: ${ok}`);

      const tagTypes = (await db.query<{ t: string }>(`SELECT DISTINCT tag_type AS t FROM tag_type_totals ORDER BY 1`)).map((r) => r.t);
      const customerIds = (await db.query<{ id: string }>(`SELECT customer_id AS id FROM customer_report_facts ORDER BY customer_id LIMIT 5`)).map((r) => r.id);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(Date.parse(expected.asOf) - 86_400_000));
      for (const s of scenarios(tagTypes, customerIds, day)) {
        const samples: number[] = [];
        for (let i = -2; i < RUNS; i++) {
          const q = s.queries[(i + 2) % s.queries.length]!;
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/v1/reports/${s.name}?${q}${q ? '&' : ''}asOf=${expected.asOf}`, { headers: { authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          const ms = performance.now() - t0;
          if (res.status !== 200) throw new Error(`${s.name}?${q}: HTTP ${res.status}`);
          if (i >= 0) samples.push(ms);
        }
        const { p95, median } = summarise(samples);
        ctx.log(`${s.name}: p95 ${p95.toFixed(1)} ms, median ${median.toFixed(1)} ms`);
        metrics.push(
          metric({ name: `report ${s.name} p95`, value: Math.round(p95 * 10) / 10, unit: 'ms', target: TARGET_MS, better: 'lower', note: `${size}, ${RUNS} runs over HTTP after 2 warm-ups, asOf at the horizon; median ${median.toFixed(1)} ms` }),
        );
      }
      metrics.push(
        metric({ name: 'tag revenue full recompute', value: Math.round(recomputeSeconds * 10) / 10, unit: 's', target: null, better: 'lower', note: `${size}: customer_stats, tag_revenue and every report summary from the documents` }),
        metric({ name: 'report summaries full recompute', value: Math.round(summariesSeconds * 10) / 10, unit: 's', target: null, better: 'lower', note: `${size}: the report summaries alone` }),
        metric({ name: 'bulk load through the write path', value: Math.round(loadSeconds), unit: 's', target: null, better: 'lower', note: `${size}, ${BATCH} documents per transaction` }),
        metric({ name: 'database size', value: Math.round((bytes / 2 ** 30) * 100) / 100, unit: 'GiB', target: null, better: 'lower', note: size }),
      );
      return metrics;
    } finally {
      await server?.close();
      await db.close();
      if (!process.argv.includes('--keep')) await dropDatabase(ctx.pgUrl, dbName);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
