import { SEGMENT_FIELDS, type SegmentRule, newId } from '@cellardoor/shared';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER, type TestServer, startTestServer } from './harness';
import { guestDoc, saleDoc, tagDoc } from './guest-docs';
import { type TenantPeople, asNew, otherTenant, pullAll } from './people';

type Doc = Record<string, unknown>;
interface Seg {
  id: string;
  name: string;
  memberCount: number;
  lastCalculatedAt: string | null;
}

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe(`segments API (${DRIVER})`, () => {
  let server: TestServer;
  let t: TenantPeople;
  let venueId: string;
  const guests: Record<string, Doc> = {};

  async function push(collection: string, docs: Doc[]) {
    const res = await t.managerDevice.post(`/sync/v1/${collection}/push`, asNew(docs));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const sale = (g: Doc, cents: number, at: string, extra: Doc = {}) =>
    saleDoc({ customerId: String(g.id), deviceId: t.managerDevice.deviceId, venueId, cents, createdAt: at, updatedAt: at, ...extra });

  beforeAll(async () => {
    server = await startTestServer();
    t = await otherTenant(server);
    [{ id: venueId }] = (await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1', [t.tenantId])) as [{ id: string }];
    guests.ana = guestDoc({ firstName: 'Ana', email: 'ana@example.com', emailOptIn: true, postalCode: '94 558', dateOfBirth: '1980-04-23' });
    guests.ben = guestDoc({ firstName: 'Ben', email: 'ben@example.com', phone: '+17075550102', smsOptIn: true });
    guests.cy = guestDoc({ firstName: 'Cy', email: 'cy@example.com' });
    guests.dot = guestDoc({ firstName: 'Dot' });
    await push('customers', Object.values(guests));
    await push('orders', [
      sale(guests.ana!, 60_000, daysAgo(200)),
      sale(guests.ana!, 70_000, daysAgo(10), { items: [{ productId: null, sku: 'RED-1', name: 'Cab', category: 'RED', quantity: 1, unitPriceCents: 70_000, discountCents: 0, totalCents: 70_000 }] }),
      sale(guests.ben!, 8_000, daysAgo(100)),
      sale(guests.cy!, 12_000, daysAgo(400)),
    ]);
    await push('customer_tags', [tagDoc(String(guests.ana!.id), 'WINE_CLUB', 'GOLD'), tagDoc(String(guests.ben!.id), 'WINE_CLUB', 'SILVER')]);
  });
  afterAll(async () => server?.stop());

  it('is for managers only: staff logins and tablets are refused', async () => {
    for (const c of [t.staff, t.staffDevice, t.managerDevice]) {
      expect((await c.get('/api/v1/segments')).status).toBe(403);
      expect((await c.post('/api/v1/segments/preview', { rule: { field: 'orderCount', op: 'gt', value: 0 } })).status).toBe(403);
    }
  });

  it('describes the whitelisted fields for a builder', async () => {
    const res = await t.manager.get<{ fields: Array<{ name: string; label: string; type: string; operators: string[] }> }>('/api/v1/segments/fields');
    expect(res.status).toBe(200);
    expect(res.body.fields.map((f) => f.name)).toEqual(SEGMENT_FIELDS.map((f) => f.name));
    expect(res.body.fields.find((f) => f.name === 'spendingTier')).toMatchObject({ type: 'enum', operators: ['in', 'notIn'], allowedValues: ['VIP', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] });
  });

  it('refuses an invalid rule with 422 naming the bad part', async () => {
    const bad = { name: 'Bad', rule: { all: [{ field: 'orderCount', op: 'gt', value: 1 }, { any: [{ field: 'favouriteColour', op: 'eq', value: 'red' }] }] } };
    const res = await t.manager.post<{ error: { message: string; details: Array<{ path: string }> } }>('/api/v1/segments', bad);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('rule.all.1.any.0.field: unknown field "favouriteColour"');
    const cases: Array<[unknown, string]> = [
      [{ field: 'spendingTier', op: 'in', value: ['GOLDEN'] }, 'rule.value.0'],
      [{ field: 'orderCount', op: 'startsWith', value: 1 }, 'rule.op'],
      [{ field: 'avgOrderCents', op: 'gt', value: 10, withinDays: 30 }, 'rule.withinDays'],
      [{ field: 'orderCount', op: 'between', value: [5, 2] }, 'rule.value'],
      [{ all: [] }, 'rule.all'],
      [{ field: 'tag', op: 'has', value: { tagType: 'wine club' } }, 'rule.value.tagType'],
      [{ field: 'orderCount', op: 'gt', value: "1; DROP TABLE customers" }, 'rule.value'],
    ];
    for (const [rule, path] of cases) {
      const r = await t.manager.post<{ error: { message: string } }>('/api/v1/segments/preview', { rule });
      expect(r.status, JSON.stringify(rule)).toBe(422);
      expect(r.body.error.message, JSON.stringify(rule)).toContain(path);
    }
    // A missing name is not the rule's fault: an ordinary 400.
    expect((await t.manager.post('/api/v1/segments', { rule: { field: 'orderCount', op: 'gt', value: 1 } })).status).toBe(400);
  });

  it('previews before saving: count and a sample', async () => {
    const res = await t.manager.post<{ count: number; sample: Array<{ customerId: string; firstName: string; revenueCents: number }> }>('/api/v1/segments/preview', {
      rule: { field: 'totalSpentCents', op: 'gte', value: 10_000 },
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.sample.map((s) => s.firstName)).toEqual(['Ana', 'Cy']);
    expect(res.body.sample[0]!.revenueCents).toBe(130_000);
  });

  it('runs every field and operator as SQL', async () => {
    const sample: Record<string, unknown> = {
      money: 1000,
      integer: 2,
      date: '2026-01-01',
      enum: null,
      code: ['RED'],
      boolean: true,
      text: '94',
      tag: { tagType: 'WINE_CLUB', tagValue: 'GOLD' },
      set: ['RED'],
      month: [4],
    };
    for (const f of SEGMENT_FIELDS)
      for (const op of f.operators) {
        let value: unknown = f.type === 'enum' ? [f.allowedValues![0]] : sample[f.type];
        if (op === 'between') value = [1, 100_000];
        if (op === 'withinLastDays' || op === 'notWithinLastDays') value = 30;
        if (op === 'isEmpty' || op === 'isNotEmpty') value = undefined;
        if (f.type === 'text' && op === 'in') value = ['94558'];
        if (f.name === 'venueVisited') value = [venueId];
        if (f.name === 'eventTypeAttended') value = ['PUBLIC_EVENT'];
        const rules: Doc[] = [{ field: f.name, op, ...(value === undefined ? {} : { value }) }];
        if (f.window) rules.push({ ...rules[0], withinDays: 90 });
        for (const rule of rules) {
          const res = await t.manager.post<{ count: number }>('/api/v1/segments/preview', { rule: { not: rule } });
          expect(res.status, `${JSON.stringify(rule)} ${JSON.stringify(res.body)}`).toBe(200);
        }
      }
  });

  it('answers groups, windows and not as their meaning', async () => {
    const count = async (rule: SegmentRule) => (await t.manager.post<{ count: number }>('/api/v1/segments/preview', { rule })).body.count;
    expect(await count({ field: 'totalSpentCents', op: 'gt', value: 50_000, withinDays: 30 })).toBe(1);
    expect(await count({ field: 'orderCount', op: 'eq', value: 0, withinDays: 30 })).toBe(3);
    expect(await count({ field: 'avgOrderCents', op: 'gt', value: 0 })).toBe(3);
    // Dot never bought: "not average > 0" is exactly the complement.
    expect(await count({ not: { field: 'avgOrderCents', op: 'gt', value: 0 } })).toBe(1);
    expect(await count({ field: 'lifecycleStage', op: 'in', value: ['AT_RISK'] })).toBe(1);
    expect(await count({ field: 'lifecycleStage', op: 'in', value: ['PROSPECT'] })).toBe(1);
    expect(await count({ field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB' } })).toBe(2);
    expect(await count({ all: [{ field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB' } }, { field: 'daysSinceLastOrder', op: 'gte', value: 90 }] })).toBe(1);
    expect(await count({ any: [{ field: 'postalCode', op: 'startsWith', value: '945' }, { field: 'smsOptIn', op: 'is', value: true }] })).toBe(2);
    expect(await count({ field: 'birthdayMonth', op: 'in', value: [4] })).toBe(1);
    // Ana spent $700 on reds and $600 on tastings.
    expect(await count({ field: 'favouriteCategory', op: 'in', value: ['RED'] })).toBe(1);
    expect(await count({ field: 'favouriteCategory', op: 'notIn', value: ['RED'] })).toBe(3);
    expect(await count({ field: 'categoryBought', op: 'anyOf', value: ['RED'] })).toBe(1);
    expect(await count({ field: 'categoryBought', op: 'allOf', value: ['RED', 'TASTING'], withinDays: 365 })).toBe(1);
    expect(await count({ field: 'venueVisited', op: 'anyOf', value: [venueId] })).toBe(3);
    expect(await count({ field: 'spendingTier', op: 'in', value: ['VIP'] })).toBe(1);
    expect(await count({ field: 'firstOrderAt', op: 'isEmpty' })).toBe(1);
  });

  let big: Seg;
  it('creates a segment (201) and materialises its members', async () => {
    const res = await t.manager.post<Seg>('/api/v1/segments', { name: 'Big spenders', description: 'Over $1,000 a year', rule: { field: 'totalSpentCents', op: 'gt', value: 100_000, withinDays: 365 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    big = res.body;
    expect(big.memberCount).toBe(1);
    expect(big.lastCalculatedAt).not.toBeNull();
    expect((await t.manager.post('/api/v1/segments', { name: 'big SPENDERS', rule: { field: 'orderCount', op: 'gt', value: 1 } })).status).toBe(409);
    const list = await t.manager.get<{ segments: Seg[] }>('/api/v1/segments');
    expect(list.body.segments.map((s) => [s.name, s.memberCount])).toEqual([['Big spenders', 1]]);
    const members = await t.manager.get<{ total: number; members: Doc[] }>(`/api/v1/segments/${big.id}/members?limit=10&offset=0`);
    expect(members.body.total).toBe(1);
    expect(members.body.members[0]).toMatchObject({ customerId: guests.ana!.id, firstName: 'Ana', email: 'ana@example.com', emailOptIn: true, smsOptIn: false, revenueCents: 130_000, orderCount: 2 });
    expect(typeof members.body.members[0]!.enteredAt).toBe('string');
  });

  it('moves guests in and out on sync, with history, and the tablet pulls their insight', async () => {
    // Ben's new sale takes him over $1,000 in the year: he enters on the push.
    await push('orders', [sale(guests.ben!, 95_000, daysAgo(1))]);
    let members = await t.manager.get<{ total: number; members: Doc[] }>(`/api/v1/segments/${big.id}/members`);
    expect(members.body.members.map((m) => m.firstName).sort()).toEqual(['Ana', 'Ben']);
    expect(members.body.total).toBe(2);
    const insights = await pullAll(t.staffDevice, 'customer_insights');
    expect(insights.find((i) => i.customerId === guests.ben!.id)).toMatchObject({ segments: ['Big spenders'], totalRevenueCents: 103_000, orderCount: 2, spendingTier: 'VIP' });

    // A refund takes him back under: he exits.
    const refund = saleDoc({
      customerId: String(guests.ben!.id),
      deviceId: t.managerDevice.deviceId,
      venueId,
      kind: 'REFUND',
      refundOf: guests.ben!.id,
      cents: -95_000,
      items: [{ productId: null, sku: 'FLIGHT', name: 'Tasting flight', category: 'TASTING', quantity: -1, unitPriceCents: 95_000, discountCents: 0, totalCents: -95_000 }],
    });
    await push('orders', [refund]);
    members = await t.manager.get(`/api/v1/segments/${big.id}/members`);
    expect(members.body.members.map((m) => m.firstName)).toEqual(['Ana']);
    const history = await t.manager.get<{ total: number; entries: Array<{ customerId: string; change: string; reason: string }> }>(`/api/v1/segments/${big.id}/history`);
    expect(history.body.entries.filter((e) => e.customerId === guests.ben!.id).map((e) => [e.change, e.reason])).toEqual([
      ['EXITED', 'sync'],
      ['ENTERED', 'sync'],
    ]);
    const after = await pullAll(t.staffDevice, 'customer_insights');
    expect(after.find((i) => i.customerId === guests.ben!.id)).toMatchObject({ segments: [], totalRevenueCents: 8_000 });
  });

  it("takes a guest out when a sync removes the last thing a rule saw (the guest's facts row goes)", async () => {
    // Dot has no sales, events or venues: one tag is all the segment facts hold about her.
    const tag = tagDoc(String(guests.dot!.id), 'PREFERENCE', 'ROSE');
    await push('customer_tags', [tag]);
    const res = await t.manager.post<Seg>('/api/v1/segments', { name: 'Rosé fans', rule: { field: 'tag', op: 'has', value: { tagType: 'PREFERENCE', tagValue: 'ROSE' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const members = async () => (await t.manager.get<{ members: Doc[] }>(`/api/v1/segments/${res.body.id}/members`)).body.members.map((m) => m.firstName);
    expect(await members()).toEqual(['Dot']);
    const at = new Date().toISOString();
    const removal = await t.managerDevice.post<{ conflicts: unknown[] }>('/sync/v1/customer_tags/push', {
      rows: [{ assumedMasterState: { ...tag, _deleted: false }, newDocumentState: { ...tag, removedAt: at, removedBy: 'staff-1', updatedAt: at, _deleted: false } }],
    });
    expect(removal.status, JSON.stringify(removal.body)).toBe(200);
    expect(removal.body.conflicts).toEqual([]);
    expect(await members()).toEqual([]);
    const [facts] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customer_segment_facts WHERE tenant_id = $1 AND customer_id = $2', [t.tenantId, guests.dot!.id]);
    expect(facts!.n).toBe(0);
    expect((await t.manager.request('DELETE', `/api/v1/segments/${res.body.id}`)).status).toBe(204);
  });

  it('recalculates on demand and counts nothing twice', async () => {
    const res = await t.manager.post<{ memberCount: number; entered: number; exited: number }>(`/api/v1/segments/${big.id}/recalculate`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ memberCount: 1, entered: 0, exited: 0 });
  });

  it('exports CSV that leaves out guests without consent unless asked', async () => {
    const wide = await t.manager.post<Seg>('/api/v1/segments', { name: 'Buyers', rule: { field: 'orderCount', op: 'gte', value: 1 } });
    expect(wide.body.memberCount).toBe(3);
    const rows = async (q: string) => {
      const res = await t.manager.get<string>(`/api/v1/segments/${wide.body.id}/export${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      return Papa.parse<Record<string, string>>(res.body, { header: true, skipEmptyLines: true }).data.map((r) => r.firstName).sort();
    };
    expect(await rows('?channel=email')).toEqual(['Ana']);
    expect(await rows('?channel=sms')).toEqual(['Ben']);
    expect(await rows('')).toEqual(['Ana', 'Ben']);
    expect(await rows('?channel=email&includeWithoutConsent=true')).toEqual(['Ana', 'Ben', 'Cy']);
    const audit = await server.db.query<{ details: Doc; customer_ids: string[] }>(
      `SELECT details, customer_ids FROM audit_log WHERE tenant_id = $1 AND action = 'customer.list.read' AND details->>'purpose' = 'segment export' ORDER BY id`,
      [t.tenantId],
    );
    expect(audit).toHaveLength(4);
    expect(audit[3]!.details).toMatchObject({ channel: 'email', includeWithoutConsent: true, rows: 3 });
    expect(audit[3]!.customer_ids).toHaveLength(3);
  });

  it('renames, changes the rule (recalculating), and deletes', async () => {
    const renamed = await t.manager.request<Seg>('PUT', `/api/v1/segments/${big.id}`, { name: 'Top spenders' });
    expect(renamed.status).toBe(200);
    expect((await pullAll(t.staffDevice, 'customer_insights')).find((i) => i.customerId === guests.ana!.id)!.segments).toEqual(['Buyers', 'Top spenders']);
    const changed = await t.manager.request<Seg>('PUT', `/api/v1/segments/${big.id}`, { rule: { field: 'orderCount', op: 'gte', value: 1 } });
    expect(changed.body.memberCount).toBe(3);
    expect((await t.manager.request('PUT', `/api/v1/segments/${big.id}`, { rule: { field: 'nope' } })).status).toBe(422);
    expect((await t.manager.request('DELETE', `/api/v1/segments/${big.id}`)).status).toBe(204);
    expect((await t.manager.get(`/api/v1/segments/${big.id}`)).status).toBe(404);
    const history = await t.manager.get<{ entries: Array<{ reason: string }> }>(`/api/v1/segments/${big.id}/history`);
    expect(history.body.entries.filter((e) => e.reason === 'segment deleted')).toHaveLength(3);
    expect((await pullAll(t.staffDevice, 'customer_insights')).find((i) => i.customerId === guests.ana!.id)!.segments).toEqual(['Buyers']);
  });

  it('keeps thresholds per tenant, validated, with who changed them', async () => {
    const get = await t.manager.get<{ thresholds: { spending: { vipAboveCents: number } }; history: unknown[] }>('/api/v1/segments/settings');
    expect(get.body.thresholds.spending.vipAboveCents).toBe(100_000);
    expect(get.body.history).toEqual([]);
    const bad = await t.manager.request('PUT', '/api/v1/segments/settings', {
      thresholds: { spending: { vipAboveCents: 100, highFromCents: 500, mediumFromCents: 10 }, frequency: { frequentAbove: 10, regularFrom: 5, occasionalFrom: 2 }, lifecycle: { newWithinDays: 30, activeWithinDays: 90, atRiskUpToDays: 180 } },
    });
    expect(bad.status).toBe(400);
    const next = { spending: { vipAboveCents: 200_000, highFromCents: 50_000, mediumFromCents: 10_000 }, frequency: { frequentAbove: 10, regularFrom: 5, occasionalFrom: 2 }, lifecycle: { newWithinDays: 30, activeWithinDays: 90, atRiskUpToDays: 180 } };
    expect((await t.staff.request('PUT', '/api/v1/segments/settings', { thresholds: next })).status).toBe(403);
    const put = await t.manager.request<{ updatedBy: string; history: Array<{ changedBy: string; previous: unknown }> }>('PUT', '/api/v1/segments/settings', { thresholds: next });
    expect(put.status).toBe(200);
    const [user] = await server.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [t.emails.manager]);
    expect(put.body.updatedBy).toBe(user!.id);
    expect(put.body.history).toHaveLength(1);
    expect(put.body.history[0]!.changedBy).toBe(user!.id);
    // Ana's $1,300 is no longer VIP under a $2,000 threshold; her insight follows.
    const counts = await t.manager.get<{ counts: Record<string, number> }>('/api/v1/segments/built-in');
    expect(counts.body.counts['spendingTier.VIP']).toBe(0);
    expect(counts.body.counts['spendingTier.HIGH']).toBe(1);
    expect((await pullAll(t.staffDevice, 'customer_insights')).find((i) => i.customerId === guests.ana!.id)!.spendingTier).toBe('HIGH');
  });
  it('counts attendance tagged at an event, within a window and without', async () => {
    const at = (d: number) => daysAgo(d);
    const event = (type: string, d: number) => ({
      id: newId(), venueId, eventType: type, name: `${type} ${d}`, startsAt: at(d), endsAt: at(d - 0.1), status: 'COMPLETED', createdAt: at(d + 10), updatedAt: at(d + 10),
    });
    const recent = event('PUBLIC_EVENT', 5);
    const older = event('PUBLIC_EVENT', 200);
    const other = event('PRIVATE_TASTING', 5);
    await push('events', [recent, older, other]);
    const attended = (g: Doc, e: Doc) => tagDoc(String(g.id), 'EVENTS', String(e.name), { eventId: e.id, source: 'EVENT', addedAt: e.startsAt, updatedAt: e.startsAt });
    await push('customer_tags', [attended(guests.dot!, recent), attended(guests.cy!, older), attended(guests.ben!, other)]);
    const count = async (rule: SegmentRule) => {
      const res = await t.manager.post<{ count: number }>('/api/v1/segments/preview', { rule });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.count;
    };
    expect(await count({ field: 'eventTypeAttended', op: 'anyOf', value: ['PUBLIC_EVENT'] })).toBe(2);
    expect(await count({ field: 'eventTypeAttended', op: 'anyOf', value: ['PUBLIC_EVENT'], withinDays: 30 })).toBe(1);
    expect(await count({ field: 'eventTypeAttended', op: 'anyOf', value: ['PUBLIC_EVENT'], withinDays: 365 })).toBe(2);
    expect(await count({ field: 'eventTypeAttended', op: 'allOf', value: ['PUBLIC_EVENT', 'PRIVATE_TASTING'], withinDays: 30 })).toBe(0);
    expect(await count({ field: 'eventTypeAttended', op: 'noneOf', value: ['PUBLIC_EVENT', 'PRIVATE_TASTING'], withinDays: 30 })).toBe(2);
    expect(await count({ field: 'tag', op: 'has', value: { tagType: 'EVENTS' }, withinDays: 30 })).toBe(2);
  });

  it("counts an order's lines for the guest who has the order now: a merged duplicate's sales count for the survivor", async () => {
    const line = (category: string, cents: number) => ({ productId: null, sku: category, name: category, category, quantity: 1, unitPriceCents: cents, discountCents: 0, totalCents: cents });
    const eve = guestDoc({ firstName: 'Eve', email: 'eve@example.com' });
    const fay = guestDoc({ firstName: 'Fay', email: 'eve.dup@example.com' });
    await push('customers', [eve, fay]);
    await push('orders', [
      sale(eve, 2_000, daysAgo(3), { items: [line('SPARKLING', 2_000)], subtotalCents: 2_000, totalCents: 2_000 }),
      sale(fay, 3_000, daysAgo(3), { items: [line('DESSERT', 3_000)], subtotalCents: 3_000, totalCents: 3_000 }),
    ]);
    const count = async (rule: SegmentRule) => {
      const res = await t.manager.post<{ count: number }>('/api/v1/segments/preview', { rule });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.count;
    };
    const both: SegmentRule = { field: 'categoryBought', op: 'allOf', value: ['SPARKLING', 'DESSERT'] };
    const dessert: SegmentRule = { field: 'categoryBought', op: 'anyOf', value: ['DESSERT'] };
    expect([await count(both), await count({ ...both, withinDays: 30 }), await count(dessert), await count({ ...dessert, withinDays: 30 })]).toEqual([0, 0, 1, 1]);
    const merged = await t.manager.post('/api/v1/customers/merge', { survivorId: eve.id, mergedId: fay.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // Eve now holds both sales (the windowed rule reads the lines themselves); Fay is gone.
    expect([await count(both), await count({ ...both, withinDays: 30 }), await count(dessert), await count({ ...dessert, withinDays: 30 })]).toEqual([1, 1, 1, 1]);
  });
});
