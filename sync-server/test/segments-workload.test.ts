import { CustomerInsight, type SegmentRule } from '@cellardoor/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';
import { pullAll } from './people';
import { WORKLOAD_COLLECTIONS, type Workload, type WorkloadCollection, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;
const rowsOf = (docs: Doc[]) => ({ rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });

async function pushAll(device: Client, wl: Workload, order: readonly WorkloadCollection[]) {
  for (const collection of order)
    for (const batch of chunk(wl.docs[collection], 400)) {
      const res = await device.post(`/sync/v1/${collection}/push`, rowsOf(batch));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
}

/** expected.json's builtInSegments in the API's flat keys. */
function flatExpected(wl: Workload): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [family, counts] of Object.entries(wl.expected.builtInSegments as Record<string, Record<string, number>>))
    for (const [key, n] of Object.entries(counts)) out[`${family}.${key}`] = n;
  return out;
}

/** Favourite category and event type per guest straight from the documents (the documented rules). */
function referenceFavourites(wl: Workload) {
  const spend = new Map<string, Map<string, number>>();
  const events = new Map<string, Map<string, Set<string>>>();
  for (const o of wl.docs.orders) {
    if (o.status !== 'COMPLETED' || !o.customerId) continue;
    const c = String(o.customerId);
    for (const it of o.items as Array<{ category: string; totalCents: number }>) {
      const m = spend.get(c) ?? new Map<string, number>();
      m.set(it.category, (m.get(it.category) ?? 0) + it.totalCents);
      spend.set(c, m);
    }
    if (o.kind === 'SALE' && o.isEventSale && o.eventType) {
      const m = events.get(c) ?? new Map<string, Set<string>>();
      const s = m.get(String(o.eventType)) ?? new Set<string>();
      s.add(String(o.eventId ?? o.id));
      m.set(String(o.eventType), s);
      events.set(c, m);
    }
  }
  const best = <V>(m: Map<string, V> | undefined, score: (v: V) => number) =>
    m ? ([...m].filter(([, v]) => score(v) > 0).sort(([a, x], [b, y]) => score(y) - score(x) || (a < b ? -1 : 1))[0]?.[0] ?? 'NONE') : 'NONE';
  const counts: Record<string, number> = {};
  for (const c of wl.docs.customers) {
    const id = String(c.id);
    const cat = best(spend.get(id), (v) => v);
    const ev = best(events.get(id), (v) => v.size);
    counts[`favouriteCategory.${cat}`] = (counts[`favouriteCategory.${cat}`] ?? 0) + 1;
    counts[`favouriteEventType.${ev}`] = (counts[`favouriteEventType.${ev}`] ?? 0) + 1;
  }
  return counts;
}

/** Rules over every per-guest fact the sync maintains: categories, favourites, events, venues, tags, totals. */
const LIVE_RULES: Array<[string, unknown]> = [
  ['Sparkling buyers', { field: 'categoryBought', op: 'anyOf', value: ['SPARKLING'] }],
  ['Red and white', { field: 'categoryBought', op: 'allOf', value: ['RED', 'WHITE'] }],
  ['Favourite red', { field: 'favouriteCategory', op: 'in', value: ['RED'] }],
  ['Event goers', { field: 'eventTypeAttended', op: 'anyOf', value: ['PUBLIC_EVENT', 'PRIVATE_TASTING', 'WINE_CLUB_PICKUP'] }],
  ['Favourite event public', { field: 'favouriteEventType', op: 'in', value: ['PUBLIC_EVENT'] }],
  ['Club members', { field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB' } }],
  ['Regulars who spend', { all: [{ field: 'orderCount', op: 'gte', value: 3 }, { not: { field: 'totalSpentCents', op: 'lt', value: 20_000 } }] }],
];

/** What the sync maintains per guest, in a comparable order. */
async function maintainedState(db: TestServer['database']['db']) {
  const q = (sql: string) => db.query(sql);
  return {
    stats: await q('SELECT customer_id, revenue_cents, sale_count, refund_count, first_sale_at, last_sale_at FROM customer_stats WHERE sale_count > 0 OR refund_count > 0 ORDER BY customer_id'),
    tagRevenue: await q('SELECT tag_id, customer_id, revenue_cents, order_count, last_order_at, revenue_since_added_cents, orders_since_added FROM tag_revenue ORDER BY tag_id'),
    facts: await q(`SELECT customer_id, favourite_category, favourite_event_type, categories, event_types, venue_ids, tag_keys, do_not_contact
                      FROM customer_segment_facts ORDER BY customer_id`),
    members: await q('SELECT segment_id, customer_id FROM segment_members ORDER BY segment_id, customer_id'),
    counts: await q('SELECT id, member_count FROM segments ORDER BY id'),
  };
}

const SEEDS = [
  { seed: 5, guests: 260, orders: 900, order: WORKLOAD_COLLECTIONS },
  // Orders and tags arrive before their guests: the calculations converge when the rest comes.
  { seed: 99, guests: 220, orders: 800, order: ['orders', 'customer_tags', 'events', 'customers', 'venues', 'products', 'tag_definitions'] as const },
];

describe.each(SEEDS)(`built-in segments and insights on the workload, seed $seed (${DRIVER})`, ({ seed, guests, orders, order }) => {
  let server: TestServer;
  let manager: Client;
  let device: Client;
  let wl: Workload;

  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  it('pushes the workload through the sync protocol', async () => {
    wl = generateWorkload({ seed, guests, orders });
    server = await startTestServer();
    manager = await managerClient(server.url);
    device = (await enrolDevice(manager, 'Tablet 1', { role: 'MANAGER' })).client;
    // Segments exist before the data arrives, so their membership is kept by the sync alone.
    for (const [name, rule] of LIVE_RULES) {
      const res = await manager.post('/api/v1/segments', { name, rule });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await pushAll(device, wl, order);
  });

  it('counts the built-in segments exactly as expected.json', async () => {
    const res = await manager.get<{ asOf: string; counts: Record<string, number>; thresholds: unknown }>(`/api/v1/segments/built-in?asOf=${wl.expected.asOf}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.asOf).toBe(wl.expected.asOf);
    const expected = flatExpected(wl);
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, res.body.counts[k]]));
    expect(got).toEqual(expected);
    // The favourites count every guest once, under the documented rules.
    const fav = Object.fromEntries(Object.entries(res.body.counts).filter(([k, n]) => k.startsWith('favourite') && n > 0));
    expect(fav).toEqual(referenceFavourites(wl));
  });

  it('answers an earlier asOf from the documents with every guest counted once per family', async () => {
    const start = Date.parse(String(wl.docs.orders[0]!.createdAt));
    const mid = new Date(start + (Date.parse(wl.expected.asOf) - start) * 0.5).toISOString();
    const res = await manager.get<{ counts: Record<string, number>; computedFrom: string }>(`/api/v1/segments/built-in?asOf=${mid}`);
    expect(res.status).toBe(200);
    expect(res.body.computedFrom).toBe('documents');
    const existing = wl.docs.customers.filter((c) => Date.parse(String(c.createdAt)) <= Date.parse(mid)).length;
    for (const family of ['spendingTier', 'frequencyTier', 'lifecycle', 'favouriteCategory', 'favouriteEventType'])
      expect(Object.entries(res.body.counts).filter(([k]) => k.startsWith(`${family}.`)).reduce((s, [, n]) => s + n, 0), family).toBe(existing);
    const buyers = new Set(wl.docs.orders.filter((o) => o.kind === 'SALE' && o.customerId && Date.parse(String(o.createdAt)) <= Date.parse(mid)).map((o) => o.customerId));
    expect(res.body.counts['lifecycle.PROSPECT']).toBe(existing - [...buyers].filter((id) => wl.docs.customers.some((c) => c.id === id && Date.parse(String(c.createdAt)) <= Date.parse(mid))).length);
  });

  it('keeps per-guest figures and memberships equal to a from-scratch recomputation', async () => {
    const bySync = await maintainedState(server.database.db);
    expect(bySync.facts.length).toBeGreaterThan(wl.docs.customers.length / 2);
    expect(bySync.members.length).toBeGreaterThan(0);
    const res = await manager.post<{ segments: Array<{ entered: number; exited: number }> }>('/api/v1/segments/recalculate', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.segments.map((s) => s.entered + s.exited)).toEqual(LIVE_RULES.map(() => 0));
    expect(await maintainedState(server.database.db)).toEqual(bySync);
  });

  it('repairs derived rows that drifted when recalculating: changed, missing and stray rows alike', async () => {
    const db = server.database.db;
    // What a recalculation writes only where it differs (replace-rows.ts) must still end equal
    // to the documents: damage every derived table three ways, then recalculate.
    const damage: Array<[string, string]> = [
      ['customer_stats', 'revenue_cents = revenue_cents + 1'],
      ['tag_revenue', 'revenue_since_added_cents = revenue_since_added_cents + 1'],
      ['customer_tag_types', 'active_tags = active_tags + 1'],
      ['customer_report_facts', 'sale_count = sale_count + 1'],
      ['event_customer_months', 'sales = sales + 1'],
      ['customer_segment_facts', "favourite_category = 'NOT_A_CATEGORY'"],
      ['tag_type_totals', 'revenue_cents = revenue_cents + 1'],
    ];
    const dump = async () => {
      const out: Record<string, string[]> = {};
      for (const [table] of damage) out[table] = (await db.query(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
      return out;
    };
    // Zero rows for guests without sales are the same as no row (the sync keeps them, a recalculation does not).
    await db.query('DELETE FROM customer_stats WHERE sale_count = 0 AND refund_count = 0 AND revenue_cents = 0');
    const before = await dump();
    for (const [table, change] of damage) {
      expect(before[table]!.length, table).toBeGreaterThan(2);
      // Deleted first: an updated row moves to a new place, where the delete could find it.
      await db.query(`DELETE FROM ${table} WHERE ctid = (SELECT ctid FROM ${table} ORDER BY ctid DESC LIMIT 1)`);
      await db.query(`UPDATE ${table} SET ${change} WHERE ctid = (SELECT ctid FROM ${table} ORDER BY ctid LIMIT 1)`);
      if (table !== 'tag_type_totals')
        await db.query(
          `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object('customer_id', gen_random_uuid()))).*
             FROM ${table} x LIMIT 1`,
        );
    }
    expect(await dump()).not.toEqual(before);
    const res = await manager.post('/api/v1/segments/recalculate', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await dump()).toEqual(before);
  });

  it('answers windowed rules as the documents within the window say', async () => {
    const now = Date.now();
    const inWindow = (at: unknown, days: number) => {
      const t = Date.parse(String(at));
      return t > now - days * 86_400_000 && t <= now;
    };
    const venue = String(wl.docs.venues[0]!.id);
    const sales = wl.docs.orders.filter((o) => o.customerId && o.status === 'COMPLETED');
    const per = <T>(rows: Doc[], key: (d: Doc) => T | undefined) => {
      const m = new Map<string, T[]>();
      for (const d of rows) {
        const v = key(d);
        if (v !== undefined) m.set(String(d.customerId), [...(m.get(String(d.customerId)) ?? []), v]);
      }
      return m;
    };
    const guests = (test: (id: string) => boolean) => wl.docs.customers.filter((c) => test(String(c.id))).length;
    for (const days of [30, 90, 365]) {
      const inW = sales.filter((o) => inWindow(o.createdAt, days));
      const spent = per(inW, (o) => Number(o.totalCents));
      const visits = per(inW, (o) => (o.kind === 'SALE' ? 1 : undefined));
      const cats = per(
        inW.filter((o) => o.kind === 'SALE').flatMap((o) => (o.items as Doc[]).filter((i) => Number(i.quantity) > 0).map((i) => ({ customerId: o.customerId, category: i.category }))),
        (i) => String(i.category),
      );
      const events = per(inW, (o) => (o.kind === 'SALE' && o.isEventSale && o.eventType ? String(o.eventType) : undefined));
      const venues = per(inW, (o) => (o.kind === 'SALE' ? String(o.venueId) : undefined));
      const club = per(
        wl.docs.customer_tags.filter((t) => t.tagType === 'WINE_CLUB' && !t.removedAt && inWindow(t.addedAt, days)),
        () => 1,
      );
      const has = (m: Map<string, string[]>, id: string, v: string) => (m.get(id) ?? []).includes(v);
      const cases: Array<[SegmentRule, number]> = [
        [{ field: 'totalSpentCents', op: 'gt', value: 20_000, withinDays: days }, guests((id) => (spent.get(id) ?? []).reduce((a, b) => a + b, 0) > 20_000)],
        [{ field: 'orderCount', op: 'gte', value: 2, withinDays: days }, guests((id) => (visits.get(id) ?? []).length >= 2)],
        [{ field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB' }, withinDays: days }, guests((id) => club.has(id))],
        [{ field: 'categoryBought', op: 'anyOf', value: ['SPARKLING', 'DESSERT'], withinDays: days }, guests((id) => has(cats, id, 'SPARKLING') || has(cats, id, 'DESSERT'))],
        [{ field: 'categoryBought', op: 'allOf', value: ['RED', 'WHITE'], withinDays: days }, guests((id) => has(cats, id, 'RED') && has(cats, id, 'WHITE'))],
        [{ field: 'categoryBought', op: 'noneOf', value: ['RED'], withinDays: days }, guests((id) => !has(cats, id, 'RED'))],
        [{ field: 'eventTypeAttended', op: 'anyOf', value: ['PUBLIC_EVENT'], withinDays: days }, guests((id) => has(events, id, 'PUBLIC_EVENT'))],
        [{ field: 'venueVisited', op: 'anyOf', value: [venue], withinDays: days }, guests((id) => has(venues, id, venue))],
      ];
      for (const [rule, expected] of cases) {
        const res = await manager.post<{ count: number }>('/api/v1/segments/preview', { rule });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.count, JSON.stringify(rule)).toBe(expected);
      }
    }
  });

  it('writes every guest an insight the device pulls, valid and equal to the guest’s totals', async () => {
    const insights = await pullAll(device, 'customer_insights');
    expect(insights.length).toBe(wl.docs.customers.length);
    const revenue = new Map<string, number>();
    const sales = new Map<string, number>();
    for (const o of wl.docs.orders)
      if (o.customerId && o.status === 'COMPLETED') {
        revenue.set(String(o.customerId), (revenue.get(String(o.customerId)) ?? 0) + Number(o.totalCents));
        if (o.kind === 'SALE') sales.set(String(o.customerId), (sales.get(String(o.customerId)) ?? 0) + 1);
      }
    for (const doc of insights) {
      const { _deleted, ...body } = doc;
      expect(_deleted).toBe(false);
      const parsed = CustomerInsight.safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(body.totalRevenueCents).toBe(revenue.get(String(body.customerId)) ?? 0);
      expect(body.orderCount).toBe(sales.get(String(body.customerId)) ?? 0);
    }
  });
});
