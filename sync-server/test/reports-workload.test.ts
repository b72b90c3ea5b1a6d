import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withTenant } from '../src/db/tenant-scope';
import { REPORTS } from '../src/reports';
import type { ReportSource } from '../src/reports/relations';
import { answerReport } from '../src/reports/report-route';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';
import { WORKLOAD_COLLECTIONS, type Workload, type WorkloadCollection, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;
type Row = Record<string, unknown>;
const rowsOf = (docs: Doc[]) => ({ rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });

async function pushAll(device: Client, wl: Workload, order: readonly WorkloadCollection[]) {
  for (const collection of order)
    for (const batch of chunk(wl.docs[collection], 400)) {
      const res = await device.post(`/sync/v1/${collection}/push`, rowsOf(batch));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
}

/** Revenue by tag type straight from the documents, as of an instant (the seed's semantics). */
function referenceRevenueByTag(wl: Workload, asOf: string) {
  const at = Date.parse(asOf);
  const revenue = new Map<string, number>();
  const sales = new Map<string, number>();
  for (const o of wl.docs.orders) {
    if (o.status !== 'COMPLETED' || !o.customerId || Date.parse(String(o.createdAt)) > at) continue;
    const c = String(o.customerId);
    revenue.set(c, (revenue.get(c) ?? 0) + Number(o.totalCents));
    if (o.kind === 'SALE') sales.set(c, (sales.get(c) ?? 0) + 1);
  }
  const out: Record<string, { customers: Set<string>; activeTags: number; totalRevenueCents: number; orderCount: number }> = {};
  for (const t of wl.docs.customer_tags) {
    const active = Date.parse(String(t.addedAt)) <= at && (t.removedAt === null || Date.parse(String(t.removedAt)) > at);
    if (!active) continue;
    const c = String(t.customerId);
    const a = (out[String(t.tagType)] ??= { customers: new Set(), activeTags: 0, totalRevenueCents: 0, orderCount: 0 });
    a.customers.add(c);
    a.activeTags++;
    a.totalRevenueCents += revenue.get(c) ?? 0;
    a.orderCount += sales.get(c) ?? 0;
  }
  return Object.fromEntries(
    Object.entries(out).map(([type, a]) => [
      type,
      {
        customers: a.customers.size,
        activeTags: a.activeTags,
        totalRevenueCents: a.totalRevenueCents,
        orderCount: a.orderCount,
        distinctCustomerRevenueCents: [...a.customers].reduce((s, c) => s + (revenue.get(c) ?? 0), 0),
        distinctCustomerOrderCount: [...a.customers].reduce((s, c) => s + (sales.get(c) ?? 0), 0),
      },
    ]),
  );
}

const asExpected = (rows: Row[]) =>
  Object.fromEntries(
    rows.map((r) => [
      r.tagType,
      {
        customers: r.customerCount,
        activeTags: r.activeTags,
        totalRevenueCents: r.totalRevenueCents,
        orderCount: r.totalOrders,
        distinctCustomerRevenueCents: r.distinctCustomerRevenueCents,
        distinctCustomerOrderCount: r.distinctCustomerOrderCount,
      },
    ]),
  );

/** The calendar day of an order at its venue (the workload's venues are all in Los Angeles). */
const venueDay = (order: Doc) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(String(order.createdAt)));

/** Parameters that make every report show something for the workload. */
function sampleParams(wl: Workload): Record<string, Record<string, unknown>> {
  const tagged = wl.docs.customer_tags.find((t) => t.removedAt === null)!;
  return {
    'customers-by-tag': { tagType: 'PREFERENCE', limit: 25 },
    'customer-tags': { customerId: tagged.customerId },
    'revenue-by-tag': {},
    'top-customers': { limit: 5 },
    'event-sales': { months: 24 },
    'multi-tag-guests': { minTypes: 2, limit: 50 },
    'tag-growth': { months: 24 },
    'lifetime-value': {},
    're-engagement': { minRevenueCents: 20_000, inactiveDays: 60, limit: 50 },
    'club-conversion': { months: 24 },
    'close-out': { date: venueDay(wl.docs.orders[wl.docs.orders.length - 1]!) },
  };
}

const SEEDS = [
  { seed: 3, guests: 260, orders: 800, order: WORKLOAD_COLLECTIONS },
  // Documents arrive before what they refer to: orders and tags before their guests.
  { seed: 17, guests: 200, orders: 700, order: ['orders', 'customer_tags', 'customers', 'events', 'products', 'tag_definitions', 'venues'] as const },
  { seed: 2024, guests: 240, orders: 900, order: ['customer_tags', 'venues', 'orders', 'tag_definitions', 'customers', 'events', 'products'] as const },
];

describe.each(SEEDS)(`reports on the workload, seed $seed (${DRIVER})`, ({ seed, guests, orders, order }) => {
  let server: TestServer;
  let manager: Client;
  let tenantId: string;
  let wl: Workload;

  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  it('pushes the workload through the sync protocol', async () => {
    wl = generateWorkload({ seed, guests, orders });
    server = await startTestServer();
    manager = await managerClient(server.url);
    const device = await enrolDevice(manager, 'Tablet 1', { role: 'MANAGER' });
    tenantId = device.tenantId;
    await pushAll(device.client, wl, order);
  });

  it('answers revenue by tag exactly as expected.json', async () => {
    const res = await manager.get<{ asOf: string; computedFrom: string; rows: Row[] }>(`/api/v1/reports/revenue-by-tag?asOf=${wl.expected.asOf}`);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(wl.expected.asOf);
    expect(res.body.computedFrom).toBe('summaries');
    expect(asExpected(res.body.rows)).toEqual(wl.expected.revenueByTagType);
    for (const r of res.body.rows) {
      expect(r.avgRevenuePerCustomerCents).toBe(Math.round(Number(r.distinctCustomerRevenueCents) / Number(r.customerCount)));
      expect(typeof r.displayName).toBe('string');
    }
    expect(res.body.rows.find((r) => r.tagType === 'WINE_CLUB')?.displayName).toBe('Wine Club Member');
  });

  it('answers event sales by type exactly as expected.json, and per month adding up to it', async () => {
    const res = await manager.get<{ rows: Row[]; byType: Row[] }>(`/api/v1/reports/event-sales?asOf=${wl.expected.asOf}`);
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(res.body.byType.map((t) => [t.eventType, { sales: t.sales, uniqueCustomers: t.uniqueCustomers, revenueCents: t.revenueCents }]));
    expect(byType).toEqual(wl.expected.eventSalesByType);
    for (const t of res.body.byType) {
      const months = res.body.rows.filter((r) => r.eventType === t.eventType);
      expect(months.reduce((s, r) => s + Number(r.sales), 0)).toBe(t.sales);
      expect(months.reduce((s, r) => s + Number(r.revenueCents), 0)).toBe(t.revenueCents);
      for (const m of months) expect(m.month).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it('computes an earlier asOf from the documents, matching a reference computation', async () => {
    const start = Date.parse(String(wl.docs.orders[0]!.createdAt));
    const mid = new Date(start + (Date.parse(wl.expected.asOf) - start) * 0.6).toISOString();
    const res = await manager.get<{ computedFrom: string; rows: Row[] }>(`/api/v1/reports/revenue-by-tag?asOf=${mid}`);
    expect(res.status).toBe(200);
    expect(res.body.computedFrom).toBe('documents');
    expect(asExpected(res.body.rows)).toEqual(referenceRevenueByTag(wl, mid));
  });

  it('gives the same answer for every report from the summaries and from the documents', async () => {
    const params = sampleParams(wl);
    const asOf = new Date(wl.expected.asOf);
    for (const report of REPORTS) {
      const p = z.strictObject(report.params).parse(params[report.name]);
      const answer = (source: ReportSource) =>
        withTenant(server.db, tenantId, (tx) => answerReport(tx, tenantId, report as never, p as never, { asOf, source }));
      const fromSummaries = await answer('summaries');
      const fromDocuments = await answer('documents');
      expect(fromSummaries.result.rows.length, `${report.name} shows something`).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(fromDocuments.result)), report.name).toEqual(JSON.parse(JSON.stringify(fromSummaries.result)));
    }
  });
});
