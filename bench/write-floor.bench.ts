import { type CustomerInsight, newId } from '@cellardoor/shared';
import { migrate } from '../sync-server/src/db/migrate';
import { openPostgres } from '../sync-server/src/db/postgres-driver';
import { type BenchModule, type Metric, metric, summarise } from './harness';
import { benchDatabase } from './server-child';

const TOUCHED = 5000;
const RUNS = 7;
const INCREMENTAL_TARGET_MS = 200;
/** Tag assignments per guest: the workload generator's ratio (2,787,593 for 1,000,000 guests). */
const TAGS_PER_GUEST = 2.8;

/** An insight document of the shape the server writes (the id fields are set per guest). */
const INSIGHT: CustomerInsight = {
  id: '00000000-0000-7000-8000-000000000000',
  customerId: '00000000-0000-7000-8000-000000000000',
  totalRevenueCents: 184_500,
  orderCount: 11,
  avgOrderCents: 16_773,
  firstOrderAt: '2025-06-14T17:02:11.000Z',
  lastOrderAt: '2026-10-30T15:44:09.000Z',
  spendingTier: 'VIP',
  frequencyTier: 'FREQUENT',
  lifecycleStage: 'ACTIVE',
  loyaltyTier: null,
  favouriteCategory: 'RED',
  favouriteEventType: 'WINE_CLUB_PICKUP',
  segments: ['Big spenders', 'Gold club', 'Red and white'],
  clvCents: null,
  predictedClvCents: null,
  churnRisk: null,
  computedAt: '2026-11-30T08:00:00.000Z',
  updatedAt: '2026-11-30T08:00:00.000Z',
};

class RolledBack extends Error {}

/**
 * The floor under the incremental target, with nothing computed: how long PostgreSQL on this
 * machine takes just to write the rows that the issue's own requirements make a sale change, for
 * 5,000 different guests among 1,000,000 (the bench of segments' hard case). Each guest's
 * figures kept current means her `customer_stats` row; "for each active customer tag its
 * customer's revenue … kept current" means each of her `tag_revenue` rows; insights carrying
 * totals to the tablets mean a new `customer_insights` document with the next sequence number.
 * The tables are the migrations' own, with their indexes; each write is a single set-based
 * delta statement (the cheapest form there is), in a transaction rolled back after each run.
 * If these alone exceed the target, no design keeping these rows can meet it.
 */
const bench: BenchModule = {
  title: 'Write floor under the incremental target (bare writes, nothing computed)',
  async run(ctx): Promise<Metric[]> {
    const guests = Number(process.env.FLOOR_BENCH_GUESTS) || (ctx.scale === 'full' ? 1_000_000 : 20_000);
    const database = await benchDatabase(ctx.pgUrl);
    const db = await openPostgres(database.url, 2);
    const metrics: Metric[] = [];
    try {
      await migrate(db);
      const tenantId = newId();
      await db.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'Floor Winery', 'bench-floor')`, [tenantId]);
      const fillStart = Date.now();
      await db.query('CREATE TABLE bench_guests AS SELECT gen_random_uuid() AS id, g AS n FROM generate_series(1, $1::int) g', [guests]);
      await db.query(
        `INSERT INTO customer_stats (tenant_id, customer_id, revenue_cents, sale_count, refund_count, first_sale_at, last_sale_at)
         SELECT $1, id, (random() * 200000)::bigint, 1 + (random() * 15)::int, 0, now() - interval '500 days', now() - (random() * 400)::int * interval '1 day'
           FROM bench_guests`,
        [tenantId],
      );
      await db.query(
        `INSERT INTO tag_revenue (tenant_id, tag_id, customer_id, tag_type, tag_value, added_at, revenue_cents, order_count, last_order_at, revenue_since_added_cents, orders_since_added)
         SELECT $1, gen_random_uuid(), s.customer_id,
                (ARRAY['WINE_CLUB', 'PREFERENCE', 'EVENTS', 'VIP', 'SOURCE'])[1 + (random() * 4)::int],
                (ARRAY['GOLD', 'SILVER', 'ORGANIC', 'RED', 'WHITE', 'HARVEST'])[1 + (random() * 5)::int],
                now() - interval '200 days', s.revenue_cents, s.sale_count, s.last_sale_at, s.revenue_cents / 2, s.sale_count / 2
           FROM customer_stats s
          -- two or three tags a guest (by a hash of her id), averaging TAGS_PER_GUEST
          CROSS JOIN LATERAL generate_series(1, CASE WHEN abs(hashtext(s.customer_id::text)) % 100 < 100 * ($2::float8 - 2) THEN 3 ELSE 2 END) k
          WHERE s.tenant_id = $1`,
        [tenantId, TAGS_PER_GUEST],
      );
      await db.query(
        `INSERT INTO customer_insights (tenant_id, id, seq, doc, customer_id)
         SELECT $1, id, n, $2::jsonb || jsonb_build_object('id', id, 'customerId', id), id FROM bench_guests`,
        [tenantId, JSON.stringify(INSIGHT)],
      );
      await db.query(`INSERT INTO sync_counters (tenant_id, collection, value) VALUES ($1, 'customer_insights', $2)`, [tenantId, guests]);
      await db.exec('VACUUM ANALYZE');
      const [size] = await db.query<{ tags: number; bytes: number }>(
        'SELECT (SELECT count(*) FROM tag_revenue)::int AS tags, pg_database_size(current_database())::float8 AS bytes',
      );
      ctx.log(`filled ${guests} guests, ${size!.tags} tag rows in ${((Date.now() - fillStart) / 1000).toFixed(0)} s`);

      const samples = { stats: [] as number[], tags: [] as number[], insights: [] as number[], total: [] as number[] };
      const saleCents = 4_500;
      const timed = async (into: number[], fn: () => Promise<unknown>) => {
        const a = performance.now();
        await fn();
        into.push(performance.now() - a);
      };
      for (let r = 0; r < RUNS; r++) {
        const picked = new Set<number>();
        while (picked.size < TOUCHED) picked.add(1 + Math.floor(Math.random() * guests));
        const ids = (await db.query<{ id: string }>('SELECT id FROM bench_guests WHERE n = ANY($1::int[])', [[...picked]])).map((g) => g.id);
        await db
          .transaction(async (tx) => {
            const start = performance.now();
            await timed(samples.stats, () =>
              tx.query(
                `UPDATE customer_stats SET revenue_cents = revenue_cents + $3, sale_count = sale_count + 1, last_sale_at = greatest(last_sale_at, now())
                  WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
                [tenantId, ids, saleCents],
              ),
            );
            await timed(samples.tags, () =>
              tx.query(
                `UPDATE tag_revenue SET revenue_cents = revenue_cents + $3, order_count = order_count + 1, last_order_at = now(),
                        revenue_since_added_cents = revenue_since_added_cents + $3, orders_since_added = orders_since_added + 1
                  WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
                [tenantId, ids, saleCents],
              ),
            );
            await timed(samples.insights, () =>
              tx.query(
                `WITH counter AS (
                   UPDATE sync_counters SET value = value + cardinality($2::uuid[])
                    WHERE tenant_id = $1 AND collection = 'customer_insights' RETURNING value - cardinality($2::uuid[]) AS base
                 )
                 UPDATE customer_insights i
                    SET seq = (SELECT base FROM counter) + x.ord, server_updated_at = now(),
                        doc = i.doc || jsonb_build_object('totalRevenueCents', s.revenue_cents, 'orderCount', s.sale_count)
                   FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, ord)
                   JOIN customer_stats s ON s.tenant_id = $1 AND s.customer_id = x.id
                  WHERE i.tenant_id = $1 AND i.id = x.id`,
                [tenantId, ids],
              ),
            );
            samples.total.push(performance.now() - start);
            throw new RolledBack();
          })
          .catch((err: unknown) => {
            if (!(err instanceof RolledBack)) throw err;
          });
        // What autovacuum does between a venue's syncs: without it each rolled-back run would
        // leave the next one more dead rows to step over.
        for (const statement of ['VACUUM customer_stats', 'VACUUM tag_revenue', 'VACUUM customer_insights', 'CHECKPOINT']) await db.exec(statement);
      }

      const described = `${guests.toLocaleString('en')} guests, ${size!.tags.toLocaleString('en')} tag revenue rows, database ${(size!.bytes / 2 ** 30).toFixed(2)} GiB`;
      const how = (what: string, s: number[]) => {
        const v = summarise(s);
        return `${what} for ${TOUCHED.toLocaleString('en')} random guests of ${described}; median of ${RUNS} rolled-back runs (min ${v.min.toFixed(0)}, max ${v.max.toFixed(0)} ms)`;
      };
      const one = (name: string, what: string, s: number[], target: number | null) =>
        metric({ name, value: Math.round(summarise(s).median), unit: 'ms', target, better: 'lower', note: how(what, s) });
      metrics.push(
        one('bare writes a 5,000-guest sale batch must make, nothing computed', 'customer_stats + tag_revenue + customer_insights, one delta statement each', samples.total, INCREMENTAL_TARGET_MS),
        one('bare write: customer_stats rows', 'one delta UPDATE', samples.stats, null),
        one('bare write: tag_revenue rows', `one delta UPDATE of every row of theirs (~${TAGS_PER_GUEST} a guest)`, samples.tags, null),
        one('bare write: customer_insights documents with new sequence numbers', 'one UPDATE taking the counter', samples.insights, null),
      );
    } finally {
      await db.close();
      await database.drop();
    }
    return metrics;
  },
};
export default bench;
