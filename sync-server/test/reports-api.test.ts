import { newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../src/reports';
import { Client, DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';
import { WORKLOAD_COLLECTIONS, type Workload, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;
type Row = Record<string, unknown>;
const rowsOf = (docs: Doc[]) => ({ rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });

describe(`report endpoints (${DRIVER})`, () => {
  let server: TestServer;
  let manager: Client;
  let device: Awaited<ReturnType<typeof enrolDevice>>;
  let wl: Workload;
  let asOf: string;

  beforeAll(async () => {
    server = await startTestServer();
    manager = await managerClient(server.url);
    device = await enrolDevice(manager, 'Counter tablet', { role: 'MANAGER' });
    wl = generateWorkload({ seed: 5, guests: 120, orders: 400 });
    asOf = wl.expected.asOf;
    for (const c of WORKLOAD_COLLECTIONS) for (const b of chunk(wl.docs[c], 400)) expect((await device.client.post(`/sync/v1/${c}/push`, rowsOf(b))).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  const tagged = () => String(wl.docs.customer_tags.find((t) => t.removedAt === null)!.customerId);
  const paramsOf = (name: string): string =>
    ({
      'customers-by-tag': 'tagType=PREFERENCE&limit=5',
      'customer-tags': `customerId=${tagged()}`,
      'top-customers': 'limit=3',
      'multi-tag-guests': 'minTypes=2&limit=5',
      're-engagement': 'minRevenueCents=10000&inactiveDays=30&limit=5',
      'close-out': 'date=2026-10-30',
    })[name] ?? '';

  it('answers every report as JSON with asOf and rows, and as CSV with a header and a file name', async () => {
    for (const report of REPORTS) {
      const q = paramsOf(report.name);
      const json = await manager.get<{ asOf: string; rows: Row[] }>(`/api/v1/reports/${report.name}?${q}&asOf=${asOf}`);
      expect(json.status, `${report.name}: ${JSON.stringify(json.body)}`).toBe(200);
      expect(json.body.asOf).toBe(asOf);
      expect(Array.isArray(json.body.rows)).toBe(true);
      for (const r of json.body.rows) for (const v of Object.values(r)) expect(typeof v === 'bigint').toBe(false);
      const csv = await manager.get<string>(`/api/v1/reports/${report.name}?${q}&asOf=${asOf}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${report.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      const lines = String(csv.body).split('\r\n');
      expect(lines[0]).toBe(report.columns.join(','));
      expect(lines.length - 1).toBe(json.body.rows.length);
    }
  });

  it('honours parameters: limit, tag type and value, months, thresholds', async () => {
    const top = await manager.get<{ rows: Row[] }>(`/api/v1/reports/customers-by-tag?tagType=REGION&limit=3&asOf=${asOf}`);
    expect(top.body.rows.length).toBeLessThanOrEqual(3);
    const revenues = top.body.rows.map((r) => Number(r.totalRevenueCents));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const napa = await manager.get<{ rows: Row[] }>(`/api/v1/reports/customers-by-tag?tagType=REGION&tagValue=NAPA&asOf=${asOf}`);
    for (const r of napa.body.rows) expect(r.tagValues).toEqual(['NAPA']);
    const vip = await manager.get<{ rows: Row[] }>(`/api/v1/reports/revenue-by-tag?tagType=VIP&asOf=${asOf}`);
    expect(vip.body.rows.map((r) => r.tagType)).toEqual(['VIP']);
    const growth = await manager.get<{ rows: Row[] }>(`/api/v1/reports/tag-growth?months=3&asOf=${asOf}`);
    expect(new Set(growth.body.rows.map((r) => r.month))).toEqual(new Set(['2026-08', '2026-09', '2026-10'].filter((m) => growth.body.rows.some((r) => r.month === m))));
    for (const r of growth.body.rows) expect(['2026-08', '2026-09', '2026-10']).toContain(r.month);
    const lapsed = await manager.get<{ rows: Row[] }>(`/api/v1/reports/re-engagement?minRevenueCents=30000&inactiveDays=45&asOf=${asOf}`);
    for (const r of lapsed.body.rows) {
      expect(Number(r.totalRevenueCents)).toBeGreaterThanOrEqual(30000);
      expect(Number(r.daysSinceLastOrder)).toBeGreaterThanOrEqual(45);
    }
    const multi = await manager.get<{ rows: Row[]; totalGuests: number }>(`/api/v1/reports/multi-tag-guests?minTypes=3&asOf=${asOf}`);
    for (const r of multi.body.rows) expect(Number(r.tagTypeCount)).toBeGreaterThanOrEqual(3);
    expect(multi.body.totalGuests).toBeGreaterThanOrEqual(multi.body.rows.length);
  });

  it('refuses bad parameters with 400 and a reason', async () => {
    for (const path of [
      'revenue-by-tag?limit=5',
      'customers-by-tag',
      'customers-by-tag?tagType=not-a-code',
      'customers-by-tag?tagType=VIP&limit=0',
      'customers-by-tag?tagType=VIP&limit=abc',
      'tag-growth?months=0',
      'tag-growth?months=500',
      'revenue-by-tag?asOf=yesterday',
      'event-sales?venueId=42',
      're-engagement?minRevenueCents=-1',
      'close-out?date=2026-13-45',
      'customer-tags?customerId=nope',
      'revenue-by-tag?format=xml',
    ]) {
      const res = await manager.get<{ error: { code: string; message: string } }>(`/api/v1/reports/${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses a tag or event type the tenant has never named, and answers a known one with no rows', async () => {
    for (const path of [
      'customers-by-tag?tagType=NO_SUCH_TYPE',
      'revenue-by-tag?tagType=WINECLUB',
      'top-customers?tagType=NO_SUCH_TYPE',
      'lifetime-value?tagType=NO_SUCH_TYPE',
      'tag-growth?tagType=NO_SUCH_TYPE',
      're-engagement?tagType=NO_SUCH_TYPE',
      'event-sales?eventType=NO_SUCH_EVENT',
    ]) {
      const res = await manager.get<{ error: { code: string; message: string } }>(`/api/v1/reports/${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message, path).toMatch(/NO_SUCH_TYPE|WINECLUB|NO_SUCH_EVENT/);
    }
    // A standard event type with no events yet, and a defined tag type nobody has yet: known, empty.
    const events = await manager.get<{ rows: Row[] }>('/api/v1/reports/event-sales?eventType=PRIVATE_TASTING&asOf=2020-01-01T00:00:00.000Z');
    expect(events.status).toBe(200);
    expect(events.body.rows).toEqual([]);
    const definition = { ...wl.docs.tag_definitions.find((d) => d.parentId === null)!, id: newId(), tagType: 'GARDEN_PARTY', tagValue: null, displayName: 'Garden party' };
    const pushed = await device.client.post('/sync/v1/tag_definitions/push', rowsOf([definition]));
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    const party = await manager.get<{ rows: Row[] }>('/api/v1/reports/customers-by-tag?tagType=GARDEN_PARTY');
    expect(party.status).toBe(200);
    expect(party.body.rows).toEqual([]);
  });

  it("names the close-out's CSV after the day it covers", async () => {
    const csv = await manager.get<string>('/api/v1/reports/close-out?date=2026-03-14&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="close-out-2026-03-14.csv"');
  });

  it('needs a signed-in manager: 401 without a token, 403 for a device', async () => {
    for (const report of REPORTS) {
      expect((await new Client(server.url).get(`/api/v1/reports/${report.name}`)).status).toBe(401);
      expect((await device.client.get(`/api/v1/reports/${report.name}?${paramsOf(report.name)}`)).status).toBe(403);
    }
  });

  it('closes out a day per device and shows a gap in the sale numbers received', async () => {
    const venue = wl.docs.venues[0]!;
    const day = '2026-11-20';
    const sale = (seq: number, payment: string, total: number, event = false): Doc => ({
      id: `0196${String(seq).padStart(4, '0')}-0000-7000-8000-00000000a0${String(seq).padStart(2, '0')}`,
      venueId: venue.id, deviceId: device.deviceId, staffId: 'staff-1', customerId: null, kind: 'SALE', refundOf: null, status: 'COMPLETED',
      isEventSale: event, eventId: event ? String(wl.docs.events[0]!.id) : null, eventType: event ? 'PUBLIC_EVENT' : null,
      salesChannel: event ? 'EVENT' : 'IN_STORE',
      items: [{ productId: String(wl.docs.products[0]!.id), sku: 'X', name: 'X', category: 'RED', quantity: 1, unitPriceCents: total, discountCents: 0, totalCents: total }],
      subtotalCents: total, discountCents: 0, taxCents: 0, totalCents: total, paymentMethod: payment,
      // Between 17:00 and 23:00 in Los Angeles on the day.
      createdAt: `2026-11-21T0${seq}:00:00.000Z`,
      updatedAt: `2026-11-21T0${seq}:00:00.000Z`, deviceSeq: seq, receiptNumber: `T${device.deviceNumber}-${String(seq).padStart(6, '0')}`,
    });
    // Sales 1, 2, 5 and 6 arrive; 3 and 4 are still on the tablet, which says it has issued 7.
    const docs = [sale(1, 'CARD', 1000), sale(2, 'CASH', 2500, true), sale(5, 'OTHER', 700), sale(6, 'CARD', 300)];
    const refund = { ...sale(6, 'CARD', 300), id: '01960007-0000-7000-8000-00000000a007', kind: 'REFUND', refundOf: docs[3]!.id, deviceSeq: 7,
      items: [{ ...(docs[3]!.items as Doc[])[0]!, quantity: -1, totalCents: -300 }], subtotalCents: -300, totalCents: -300 };
    const push = await device.client.post('/sync/v1/orders/push', rowsOf([...docs, refund]), { 'x-cellardoor-last-seq': '8' });
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    const res = await manager.get<{ rows: Row[]; devices: Row[]; venues: Row[] }>(`/api/v1/reports/close-out?date=${day}&venueId=${String(venue.id)}`);
    expect(res.status).toBe(200);
    const mine = res.body.rows.find((r) => r.deviceId === device.deviceId)!;
    expect(mine).toMatchObject({
      date: day, salesCount: 4, salesCents: 4500, refundsCount: 1, refundsCents: -300, netCents: 4200,
      cardCents: 1000, cashCents: 2500, otherCents: 700, eventSalesCount: 1, eventSalesCents: 2500, counterSalesCount: 3, counterSalesCents: 2000,
      firstSeq: 1, lastSeq: 7, lastSeqReceived: 7, missing: [[3, 4], [8, 8]],
    });
    const seq = res.body.devices.find((d) => d.deviceId === device.deviceId)!;
    expect(seq).toMatchObject({ deviceName: 'Counter tablet', lastSeqReceived: 7, missing: [[3, 4], [8, 8]] });
    expect(res.body.venues[0]).toMatchObject({ venueId: venue.id, salesCount: 4, netCents: 4200 });

    // The missing sales arrive: the gap closes.
    const late = await device.client.post('/sync/v1/orders/push', rowsOf([sale(3, 'CARD', 100), sale(4, 'CARD', 100)]));
    expect(late.status).toBe(200);
    const after = await manager.get<{ devices: Row[] }>(`/api/v1/reports/close-out?date=${day}&venueId=${String(venue.id)}`);
    expect(after.body.devices.find((d) => d.deviceId === device.deviceId)).toMatchObject({ missing: [[8, 8]] });
  });
});
