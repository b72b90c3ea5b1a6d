import { canonicalJson } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCustomerDerived } from '../src/calculations/customer-derived';
import { withTenant } from '../src/db/tenant-scope';
import { guestDoc, noteDoc, preferencesDoc, saleDoc, tagDoc } from './guest-docs';
import { DRIVER, type TestServer, startTestServer } from './harness';
import { type TenantPeople, asNew, demoPeople, pullAll } from './people';
import { type Workload, chunk, generateWorkload } from './workload';

type Doc = Record<string, unknown>;
type Group = { matchedOn: Array<{ kind: string; value: string }>; customers: Array<{ id: string; saleCount: number }>; suggestedSurvivorId: string };
type MergeResult = { mergeId: string; survivorId: string; mergedId: string; repointed: Record<string, number>; filledFields: string[]; undoableUntil: string };
type ErrorBody = { error: { code: string; message: string } };

const GUEST_OWNED = ['orders', 'customer_tags', 'customer_notes', 'communication_preferences'] as const;

describe(`duplicate guests: detection, merge, redirect, undo (${DRIVER})`, () => {
  let server: TestServer;
  let people: TenantPeople;
  let wl: Workload;
  let venueId: string;
  /** Email duplicate groups in the workload: normalised email → guest ids. */
  let emailGroups: Map<string, string[]>;
  const merges: MergeResult[] = [];
  /** Every guest-owned document before any merge, by id. */
  const before = new Map<string, Doc>();
  const beforeIn = new Map<string, Doc[]>();

  const docsOf = async (collection: string, customerId: string) =>
    (await server.db.query<{ doc: Doc }>(`SELECT doc FROM ${collection} WHERE customer_id = $1 ORDER BY id`, [customerId])).map((r) => r.doc);
  const stats = async () =>
    new Map(
      (await server.db.query<{ customer_id: string; revenue_cents: number; sale_count: number }>('SELECT customer_id, revenue_cents, sale_count FROM customer_stats')).map(
        (r) => [r.customer_id, r],
      ),
    );
  const tagRevenue = () => server.db.query('SELECT * FROM tag_revenue ORDER BY tag_id');

  beforeAll(async () => {
    server = await startTestServer();
    people = await demoPeople(server);
    const [v] = await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1', [people.tenantId]);
    venueId = v!.id;
    wl = generateWorkload({ seed: 7, guests: 800, orders: 1600 });
    for (const c of ['venues', 'tag_definitions', 'products', 'events', 'customers', 'customer_tags', 'orders'] as const)
      for (const batch of chunk(wl.docs[c], 500)) expect((await people.managerDevice.post(`/sync/v1/${c}/push`, asNew(batch))).status).toBe(200);
    emailGroups = new Map();
    for (const c of wl.docs.customers)
      if (typeof c.email === 'string') emailGroups.set(c.email.toLowerCase(), [...(emailGroups.get(c.email.toLowerCase()) ?? []), String(c.id)]);
    for (const [k, ids] of emailGroups) if (ids.length < 2) emailGroups.delete(k);
    // A note and consent record on each later duplicate, so every kind of guest document moves.
    const extras = [...emailGroups.values()].flatMap((ids) => ids.slice(1));
    await people.staffDevice.post('/sync/v1/customer_notes/push', asNew(extras.map((id) => noteDoc(id, 'Prefers the reserve flight'))));
    await people.staffDevice.post('/sync/v1/communication_preferences/push', asNew(extras.map((id) => preferencesDoc(id))));
    for (const c of GUEST_OWNED) {
      const rows = await server.db.query<{ id: string; doc: Doc }>(`SELECT id, doc FROM ${c}`);
      for (const r of rows) before.set(r.id, r.doc);
      beforeIn.set(c, rows.map((r) => r.doc));
    }
  });
  afterAll(async () => {
    await server?.stop();
    wl?.cleanup();
  });

  it("finds the workload's ~1% duplicate guests by normalised email", async () => {
    const extra = [...emailGroups.values()].reduce((n, ids) => n + ids.length - 1, 0);
    expect(extra).toBe(wl.expected.totals.duplicateEmailCustomers);
    expect(extra).toBeGreaterThanOrEqual(4);
    const res = await people.manager.get<{ groups: Group[] }>('/api/v1/customers/duplicates');
    expect(res.status).toBe(200);
    const byEmail = res.body.groups.filter((g) => g.matchedOn.some((m) => m.kind === 'email'));
    const found = new Map(byEmail.map((g) => [g.matchedOn.find((m) => m.kind === 'email')!.value, g.customers.map((c) => c.id).sort()]));
    expect(found).toEqual(new Map([...emailGroups].map(([k, ids]) => [k, [...ids].sort()])));
    for (const g of res.body.groups) expect(g.suggestedSurvivorId).toBe(g.customers[0]!.id);
  });

  it('matches phone numbers written differently', async () => {
    const a = guestDoc({ firstName: 'Ana', phone: '+1 707-555 0100' });
    const b = guestDoc({ firstName: 'Ana', phone: '+1 (707) 5550100' });
    await people.staffDevice.post('/sync/v1/customers/push', asNew([a, b]));
    const res = await people.manager.get<{ groups: Group[] }>('/api/v1/customers/duplicates');
    const g = res.body.groups.find((x) => x.customers.some((c) => c.id === a.id))!;
    expect(g.matchedOn).toEqual([{ kind: 'phone', value: '+17075550100' }]);
    expect(g.customers.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('merges every duplicate in one transaction each: documents re-pointed, empty fields filled, revenue moved, not counted twice', async () => {
    const statsBefore = await stats();
    const totalBefore = [...statsBefore.values()].reduce((s, r) => s + r.revenue_cents, 0);
    const res = await people.manager.get<{ groups: Group[] }>('/api/v1/customers/duplicates');
    for (const g of res.body.groups.filter((x) => x.matchedOn.some((m) => m.kind === 'email')))
      for (const c of g.customers.filter((c) => c.id !== g.suggestedSurvivorId)) {
        const m = await people.manager.post<MergeResult>('/api/v1/customers/merge', { survivorId: g.suggestedSurvivorId, mergedId: c.id });
        expect(m.status, JSON.stringify(m.body)).toBe(200);
        merges.push(m.body);
      }
    expect(merges).toHaveLength(wl.expected.totals.duplicateEmailCustomers);

    const statsAfter = await stats();
    for (const m of merges) {
      // Everything the duplicate had now belongs to the survivor, exactly as counted.
      for (const c of GUEST_OWNED) {
        expect(await docsOf(c, m.mergedId), `${c} left on the duplicate`).toEqual([]);
        expect(m.repointed[c]).toBe(beforeIn.get(c)!.filter((d) => d.customerId === m.mergedId).length);
      }
      const s = statsBefore.get(m.survivorId)?.revenue_cents ?? 0;
      const d = statsBefore.get(m.mergedId)?.revenue_cents ?? 0;
      expect(statsAfter.get(m.survivorId)?.revenue_cents ?? 0).toBe(s + d);
      expect(statsAfter.get(m.mergedId)?.revenue_cents ?? 0).toBe(0);
    }
    const totalAfter = [...statsAfter.values()].reduce((s, r) => s + r.revenue_cents, 0);
    expect(totalAfter).toBe(totalBefore);

    // Tag revenue kept current in the same transactions equals a from-scratch recomputation.
    const incremental = await tagRevenue();
    await withTenant(server.db, people.tenantId, (tx) => refreshCustomerDerived(tx, people.tenantId, null));
    expect(canonicalJson(await tagRevenue())).toBe(canonicalJson(incremental));
    // A tag both records had counts the guest once.
    const active = await server.db.query<{ customer_id: string; k: string; n: number }>(
      `SELECT customer_id, tag_type || '=' || coalesce(tag_value, '') AS k, count(*)::int AS n FROM customer_tags
        WHERE removed_at IS NULL AND customer_id = ANY($1::uuid[]) GROUP BY 1, 2 HAVING count(*) > 1`,
      [merges.map((m) => m.survivorId)],
    );
    const preexisting = [...before.values()].filter((d) => 'tagType' in d && d.removedAt === null && merges.some((m) => m.survivorId === d.customerId));
    for (const row of active)
      expect(preexisting.filter((d) => d.customerId === row.customer_id && `${String(d.tagType)}=${String(d.tagValue ?? '')}` === row.k).length).toBe(row.n);
  });

  it("fills the survivor's empty fields from the duplicate, and marks the duplicate merged for every device", async () => {
    const pulled = new Map((await pullAll(people.staffDevice, 'customers')).map((d) => [String(d.id), d]));
    const original = new Map(wl.docs.customers.map((c) => [String(c.id), c]));
    let filled = 0;
    for (const m of merges) {
      expect(pulled.get(m.mergedId)!.mergedInto).toBe(m.survivorId);
      const s = pulled.get(m.survivorId)!;
      for (const f of ['phone', 'postalCode', 'dateOfBirth']) {
        const was = original.get(m.survivorId)![f];
        if (was === null && original.get(m.mergedId)![f] !== null) {
          expect(m.filledFields).toContain(f);
          expect(s[f]).toBe(original.get(m.mergedId)![f]);
          filled++;
        } else expect(s[f]).toBe(was);
      }
      // Consent is never widened by a merge.
      expect(s.emailOptIn).toBe(original.get(m.survivorId)!.emailOptIn);
    }
    expect(filled).toBeGreaterThan(0);
    const res = await people.manager.get<{ groups: Group[] }>('/api/v1/customers/duplicates');
    expect(res.body.groups.filter((g) => g.matchedOn.some((x) => x.kind === 'email'))).toEqual([]);
  });

  /** The merge whose duplicate had an active tag: a stale offline edit of it is exercised below. */
  const tagged = () => merges.find((m) => beforeIn.get('customer_tags')!.some((d) => d.customerId === m.mergedId && d.removedAt === null))!;

  it('redirects a later push naming the merged guest to the survivor and answers it as a conflict the device adopts', async () => {
    const m = tagged();
    expect(m).toBeDefined();
    const sale = saleDoc({ customerId: m.mergedId, deviceId: people.staffDevice.deviceId, venueId, cents: 4200 });
    const tag = tagDoc(m.mergedId, 'PREFERENCE', 'SPARKLING');
    const s0 = (await stats()).get(m.survivorId)!.revenue_cents;
    const r1 = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', asNew([sale]));
    const r2 = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/customer_tags/push', asNew([tag]));
    expect(r1.body.conflicts).toEqual([{ ...sale, customerId: m.survivorId, _deleted: false }]);
    expect(r2.body.conflicts).toEqual([{ ...tag, customerId: m.survivorId, _deleted: false }]);
    expect((await stats()).get(m.survivorId)!.revenue_cents).toBe(s0 + 4200);
    // A retry of the device's original is not written twice and gets the same answer.
    const again = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', asNew([sale]));
    expect(again.body.conflicts).toEqual([{ ...sale, customerId: m.survivorId, _deleted: false }]);
    expect((await stats()).get(m.survivorId)!.revenue_cents).toBe(s0 + 4200);
    // A stale edit made offline before the merge (removing the guest's tag) lands on the survivor too.
    const old = beforeIn.get('customer_tags')!.find((d) => d.customerId === m.mergedId && d.removedAt === null)!;
    {
      const removal = { ...old, removedAt: new Date().toISOString(), removedBy: 'staff-2', updatedAt: new Date().toISOString() };
      let res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/customer_tags/push', {
        rows: [{ assumedMasterState: { ...old, _deleted: false }, newDocumentState: { ...removal, _deleted: false } }],
      });
      // The device resolves the conflict (its removal wins) and pushes again on the server's version.
      const master = res.body.conflicts[0]!;
      res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/customer_tags/push', {
        rows: [{ assumedMasterState: master, newDocumentState: { ...removal, _deleted: false } }],
      });
      const [stored] = await server.db.query<{ doc: Doc }>('SELECT doc FROM customer_tags WHERE id = $1', [old.id]);
      expect(stored!.doc.customerId).toBe(m.survivorId);
      expect(stored!.doc.removedBy).toBe('staff-2');
    }
  });

  it("undoes a merge exactly: the documents it moved, and those redirected since, go back; the survivor's filled fields empty again", async () => {
    const m = tagged();
    const res = await people.manager.post<{ restored: Record<string, number>; restoredFields: string[] }>(`/api/v1/customers/merges/${m.mergeId}/undo`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.restoredFields.sort()).toEqual([...m.filledFields].sort());
    for (const c of GUEST_OWNED)
      for (const doc of await docsOf(c, m.mergedId)) {
        const was = before.get(String(doc.id));
        // Pre-merge documents are back exactly as they were (the tag removed since stays removed).
        if (was && doc.removedBy !== 'staff-2') expect(canonicalJson(doc), `${c} ${String(doc.id)}`).toBe(canonicalJson(was));
      }
    for (const c of GUEST_OWNED) {
      const back = new Set((await docsOf(c, m.mergedId)).map((d) => String(d.id)));
      for (const was of beforeIn.get(c)!) if (was.customerId === m.mergedId) expect(back.has(String(was.id)), `${c} ${String(was.id)} not back`).toBe(true);
    }
    const redirected = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE customer_id = $1 AND doc->>'totalCents' = '4200'", [m.mergedId]);
    expect(redirected[0]!.n).toBe(1);
    const original = wl.docs.customers.find((c) => c.id === m.survivorId)!;
    const [survivor] = await server.db.query<{ doc: Doc }>('SELECT doc FROM customers WHERE id = $1', [m.survivorId]);
    for (const f of m.filledFields) expect(survivor!.doc[f]).toBe(original[f]);
    const [dup] = await server.db.query<{ doc: Doc }>('SELECT doc FROM customers WHERE id = $1', [m.mergedId]);
    expect(dup!.doc.mergedInto).toBeNull();
    // The duplicate is a duplicate again, for the manager to decide anew.
    const groups = await people.manager.get<{ groups: Group[] }>('/api/v1/customers/duplicates');
    expect(groups.body.groups.some((g) => g.customers.some((c) => c.id === m.mergedId))).toBe(true);
    const tr = await tagRevenue();
    await withTenant(server.db, people.tenantId, (tx) => refreshCustomerDerived(tx, people.tenantId, null));
    expect(canonicalJson(await tagRevenue())).toBe(canonicalJson(tr));
  });

  it('refuses what makes no sense: a second undo, an undo after 30 days, merging twice or into itself', async () => {
    const m0 = tagged();
    const m1 = merges.find((m) => m !== m0)!;
    const twice = await people.manager.post<ErrorBody>(`/api/v1/customers/merges/${m0.mergeId}/undo`);
    expect(twice.status).toBe(409);
    await server.db.query("UPDATE customer_merges SET merged_at = now() - interval '31 days' WHERE id = $1", [m1.mergeId]);
    const late = await people.manager.post<ErrorBody>(`/api/v1/customers/merges/${m1.mergeId}/undo`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/30 days/);
    expect((await people.manager.post('/api/v1/customers/merge', { survivorId: m1.survivorId, mergedId: m1.mergedId })).status).toBe(409);
    expect((await people.manager.post('/api/v1/customers/merge', { survivorId: m1.survivorId, mergedId: m1.survivorId })).status).toBe(400);
    expect((await people.staff.post('/api/v1/customers/merge', { survivorId: m1.survivorId, mergedId: m0.mergedId })).status).toBe(403);
  });

  it('follows chains of merges on ingest and unwinds them one undo at a time', async () => {
    const [a, b, c] = [guestDoc({ firstName: 'Chain A' }), guestDoc({ firstName: 'Chain B' }), guestDoc({ firstName: 'Chain C' })];
    await people.staffDevice.post('/sync/v1/customers/push', asNew([a, b, c]));
    const ab = (await people.manager.post<MergeResult>('/api/v1/customers/merge', { survivorId: b.id, mergedId: a.id })).body;
    const bc = (await people.manager.post<MergeResult>('/api/v1/customers/merge', { survivorId: c.id, mergedId: b.id })).body;
    const sale = saleDoc({ customerId: String(a.id), deviceId: people.staffDevice.deviceId, venueId });
    const res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', asNew([sale]));
    expect(res.body.conflicts[0]!.customerId).toBe(c.id);
    // The earlier merge cannot be undone while its survivor is merged away.
    expect((await people.manager.post(`/api/v1/customers/merges/${ab.mergeId}/undo`)).status).toBe(409);
    expect((await people.manager.post(`/api/v1/customers/merges/${bc.mergeId}/undo`)).status).toBe(200);
    expect((await docsOf('orders', String(b.id))).map((d) => d.id)).toEqual([sale.id]);
    expect((await people.manager.post(`/api/v1/customers/merges/${ab.mergeId}/undo`)).status).toBe(200);
    expect((await docsOf('orders', String(a.id))).map((d) => d.id)).toEqual([sale.id]);
  });

  it("shows managers the guest's merges and history, and records the reads in the audit log", async () => {
    const m = merges.find((x) => x !== tagged())!;
    const res = await people.manager.get<{ entries: Array<{ field: string; reason: string }>; merges: Array<{ mergeId: string; undoableUntil: string | null }> }>(
      `/api/v1/customers/${m.survivorId}/history`,
    );
    expect(res.status).toBe(200);
    expect(res.body.merges.map((x) => x.mergeId)).toContain(m.mergeId);
    expect(res.body.entries.filter((e) => e.reason === 'merge-filled').map((e) => e.field).sort()).toEqual([...m.filledFields].sort());
    const audit = await people.owner.get<{ entries: Array<{ action: string; userEmail: string }> }>(`/api/v1/audit?customerId=${m.survivorId}`);
    const actions = audit.body.entries.map((e) => e.action);
    expect(actions).toContain('customer.merge');
    expect(actions).toContain('customer.history.read');
    expect(actions).toContain('customer.duplicates.read');
  });
});
