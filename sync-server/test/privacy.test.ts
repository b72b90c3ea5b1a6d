import { newId } from '@cellardoor/shared';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant-scope';
import { redactUrl } from '../src/http/log-redaction';
import { ERASED_NAME, ERASED_NOTE } from '../src/privacy/anonymise';
import { guestDoc, noteDoc, preferencesDoc, saleDoc, tagDoc } from './guest-docs';
import { Client, DRIVER, type TestServer, startTestServer } from './harness';
import { type TenantPeople, asNew, demoPeople, pullAll } from './people';

type Doc = Record<string, unknown>;
type AuditEntry = { id: number; action: string; customerId: string | null; customerIds: string[]; customerCount: number; details: Doc; userEmail: string | null; deviceId: string | null };
type ExportBody = { exportId: string; status: string; downloadUrl: string | null; expiresAt: string; files: string[] };
type ErrorBody = { error: { code: string; message: string } };

/** Every table holding any of the strings, searched in every row as text (the strongest "is it gone" question). */
async function tablesHolding(server: TestServer, needles: string[]): Promise<string[]> {
  const tables = await server.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const out: string[] = [];
  for (const { table_name } of tables)
    for (const n of needles) {
      const hit = await server.db.query(`SELECT 1 FROM "${table_name}" AS r WHERE lower(r::text) LIKE $1 LIMIT 1`, [`%${n.toLowerCase()}%`]);
      if (hit.length > 0) out.push(`${table_name}: ${n}`);
    }
  return out;
}

async function download(server: TestServer, url: string): Promise<{ status: number; zip: JSZip | null; body: string }> {
  const res = await fetch(server.url + url);
  if (res.status !== 200) return { status: res.status, zip: null, body: await res.text() };
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: 200, zip: await JSZip.loadAsync(Buffer.from(await res.arrayBuffer())), body: '' };
}

describe(`privacy: audit log, GDPR/CCPA export and erasure (${DRIVER})`, () => {
  let server: TestServer;
  let people: TenantPeople;
  let venueId: string;
  // A guest with something of everything: profile, consent, notes, tags (one removed), sales, a refund.
  const guest = guestDoc({
    firstName: 'Quillon',
    lastName: 'Vantasse',
    email: 'quillon.vantasse@example.test',
    phone: '+1 707 555 0199',
    postalCode: '95448',
    dateOfBirth: '1980-04-02',
    emailOptIn: true,
    smsOptIn: true,
  });
  const PII = ['quillon', 'vantasse', '555 0199', '5550199', '95448', '1980-04-02'];
  let sales: Doc[] = [];

  const audit = async (query = '') => (await people.owner.get<{ entries: AuditEntry[] }>(`/api/v1/audit${query}`)).body.entries;

  beforeAll(async () => {
    server = await startTestServer();
    people = await demoPeople(server);
    const [v] = await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1', [people.tenantId]);
    venueId = v!.id;
    const others = Array.from({ length: 4 }, (_, i) => guestDoc({ firstName: `Other ${i}` }));
    await people.staffDevice.post('/sync/v1/customers/push', asNew([guest, ...others]));
    await people.staffDevice.post('/sync/v1/communication_preferences/push', asNew([preferencesDoc(String(guest.id))]));
    await people.staffDevice.post(
      '/sync/v1/customer_notes/push',
      asNew([noteDoc(String(guest.id), 'Quillon is allergic to sulphites; calls on 707 555 0199'), noteDoc(String(guest.id), '=HYPERLINK("http://evil.example")')]),
    );
    const t = new Date(Date.now() - 3600_000).toISOString();
    await people.staffDevice.post(
      '/sync/v1/customer_tags/push',
      asNew([tagDoc(String(guest.id), 'VIP', null, { notes: 'Friend of Quillon Vantasse senior' }), tagDoc(String(guest.id), 'PREFERENCE', 'RED', { removedAt: t, removedBy: 'staff-1' })]),
    );
    sales = [
      saleDoc({ customerId: String(guest.id), deviceId: people.staffDevice.deviceId, venueId, cents: 12_000, note: 'Ship to Quillon at home' }),
      saleDoc({ customerId: String(guest.id), deviceId: people.staffDevice.deviceId, venueId, cents: 8_000 }),
    ];
    const refund = saleDoc({
      customerId: String(guest.id),
      deviceId: people.staffDevice.deviceId,
      venueId,
      kind: 'REFUND',
      refundOf: sales[1]!.id,
      cents: -8_000,
    });
    refund.items = [{ productId: null, sku: 'FLIGHT', name: 'Tasting flight', category: 'TASTING', quantity: -1, unitPriceCents: 8_000, discountCents: 0, totalCents: -8_000 }];
    sales.push(refund);
    await people.staffDevice.post('/sync/v1/orders/push', asNew(sales));
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('audit log', () => {
    it('records each guest document a device pushed: who (device), what (fields), when; never the values', async () => {
      const before = Date.now();
      const edited = { ...guest, phone: '+1 707 555 0198', updatedAt: new Date().toISOString() };
      await people.managerDevice.post('/sync/v1/customers/push', { rows: [{ assumedMasterState: { ...guest, _deleted: false }, newDocumentState: { ...edited, _deleted: false } }] });
      const entries = (await audit(`?customerId=${String(guest.id)}`)).filter((e) => e.action === 'sync.push');
      expect(entries.map((e) => e.details.collection).sort()).toEqual(['communication_preferences', 'customer_notes', 'customer_notes', 'customers', 'customers']);
      const edit = entries.find((e) => e.deviceId === people.managerDevice.deviceId)!;
      expect(edit.details).toMatchObject({ collection: 'customers', documentId: guest.id, created: false, fields: ['phone'] });
      expect(Date.parse((edit as unknown as { at: string }).at)).toBeGreaterThanOrEqual(before - 1000);
      const created = entries.find((e) => e.details.collection === 'customers' && e.details.created === true)!;
      expect(created.deviceId).toBe(people.staffDevice.deviceId);
      // Put the phone back for the rest of the file.
      await people.managerDevice.post('/sync/v1/customers/push', { rows: [{ assumedMasterState: { ...edited, _deleted: false }, newDocumentState: { ...guest, updatedAt: new Date().toISOString(), _deleted: false } }] });
    });

    it('records one entry per pull page that handed a device guests (count and ids), not one per guest', async () => {
      const device = people.managerDevice;
      const before = (await audit()).filter((e) => e.action === 'sync.pull').length;
      const docs = await pullAll(device, 'customers', 2);
      const pages = Math.ceil(docs.length / 2);
      const pulls = (await audit()).filter((e) => e.action === 'sync.pull');
      expect(pulls.length - before).toBe(pages);
      const newest = pulls.slice(0, pages);
      expect(newest.reduce((n, e) => n + e.customerCount, 0)).toBe(docs.length);
      expect(newest.every((e) => e.deviceId === device.deviceId && e.details.collection === 'customers')).toBe(true);
      // The guest's own view of the log includes the page that carried them.
      expect((await audit(`?customerId=${String(guest.id)}`)).some((e) => e.action === 'sync.pull' && e.deviceId === device.deviceId)).toBe(true);
      // Pulling products reads no guest's data and is not an entry.
      await pullAll(device, 'products');
      expect((await audit()).filter((e) => e.action === 'sync.pull').length).toBe(pulls.length);
    });

    it("records a manager's reads of a guest, and shows the log to owners only", async () => {
      expect((await people.manager.get(`/api/v1/customers/${String(guest.id)}`)).status).toBe(200);
      const [read] = (await audit(`?customerId=${String(guest.id)}`)).filter((e) => e.action === 'customer.read');
      expect(read?.userEmail).toBe(people.emails.manager);
      expect((await people.manager.get('/api/v1/audit')).status).toBe(403);
      expect((await people.staff.get('/api/v1/audit')).status).toBe(403);
      expect((await people.managerDevice.get('/api/v1/audit')).status).toBe(403);
    });

    it('keeps no personal data in the log and cannot be changed or emptied by the application', async () => {
      const rows = await server.db.query<{ t: string }>('SELECT a::text AS t FROM audit_log a');
      expect(rows.length).toBeGreaterThan(5);
      for (const r of rows) for (const n of PII) expect(r.t.toLowerCase()).not.toContain(n);
      await expect(withTenant(server.db, people.tenantId, (tx) => tx.query('DELETE FROM audit_log'))).rejects.toThrow(/permission denied/);
      await expect(withTenant(server.db, people.tenantId, (tx) => tx.query("UPDATE audit_log SET action = 'x'"))).rejects.toThrow(/permission denied/);
    });

    it('pages through the log with before=', async () => {
      const first = await people.owner.get<{ entries: AuditEntry[]; next: number | null }>('/api/v1/audit?limit=3');
      expect(first.body.entries).toHaveLength(3);
      const second = await people.owner.get<{ entries: AuditEntry[] }>(`/api/v1/audit?limit=3&before=${first.body.next}`);
      expect(second.body.entries[0]!.id).toBeLessThan(first.body.entries[2]!.id);
    });
  });

  describe('GDPR/CCPA export', () => {
    let created: ExportBody;

    it('builds a zip of JSON and CSV with the profile, tags and their history, orders, notes, consents and audit entries', async () => {
      const res = await people.manager.post<ExportBody>(`/api/v1/customers/${String(guest.id)}/export`);
      expect(res.status).toBe(201);
      created = res.body;
      expect(created.status).toBe('READY');
      expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
      const { zip } = await download(server, created.downloadUrl!);
      const names = Object.keys(zip!.files).filter((f) => !zip!.files[f]!.dir).sort();
      for (const s of ['profile', 'tags', 'orders', 'order_items', 'notes', 'consents', 'history', 'audit']) {
        expect(names).toContain(`json/${s}.json`);
        expect(names).toContain(`csv/${s}.csv`);
      }
      const json = async (s: string) => JSON.parse(await zip!.file(`json/${s}.json`)!.async('string')) as Doc[];
      const csv = async (s: string) => Papa.parse<Doc>(await zip!.file(`csv/${s}.csv`)!.async('string'), { header: true, skipEmptyLines: true }).data;
      expect((await json('profile'))[0]).toMatchObject({ id: guest.id, email: guest.email, lastName: 'Vantasse' });
      expect((await csv('profile'))[0]).toMatchObject({ email: guest.email, dateOfBirth: '1980-04-02' });
      const tags = await json('tags');
      expect(tags).toHaveLength(2);
      expect(tags.filter((t) => t.removedAt !== null)).toHaveLength(1);
      expect((await json('orders')).map((o) => o.totalCents).sort()).toEqual([-8000, 12000, 8000].sort());
      expect(await csv('order_items')).toHaveLength(3);
      expect((await json('notes')).map((n) => n.body)).toContain('Quillon is allergic to sulphites; calls on 707 555 0199');
      const consents = await json('consents');
      expect(consents.some((c) => c.record === 'preferences' && c.emailOptIn === true)).toBe(true);
      expect(consents.some((c) => c.record === 'change' && c.field === 'emailOptIn')).toBe(true);
      const auditRows = await json('audit');
      expect(auditRows.some((a) => a.action === 'customer.read')).toBe(true);
      expect(auditRows.some((a) => a.action === 'sync.push' && a.byDevice === 'Staff tablet demo')).toBe(true);
      // Spreadsheet formulas in free text cannot run when the CSV is opened.
      expect((await csv('notes')).map((n) => n.body)).toContain(`'=HYPERLINK("http://evil.example")`);
    });

    it('gives a fresh link with the status, records each download, and refuses a wrong or borrowed token', async () => {
      const status = await people.manager.get<ExportBody>(`/api/v1/exports/${created.exportId}`);
      expect(status.body.status).toBe('READY');
      expect(status.body.downloadUrl).not.toBe(created.downloadUrl);
      expect((await download(server, status.body.downloadUrl!)).status).toBe(200);
      expect((await download(server, created.downloadUrl!)).status).toBe(200);
      const downloads = (await audit(`?customerId=${String(guest.id)}`)).filter((e) => e.action === 'customer.export.download');
      expect(downloads.length).toBeGreaterThanOrEqual(3);
      const token = new URL(created.downloadUrl!, server.url).searchParams.get('token')!;
      expect((await download(server, `/api/v1/exports/${created.exportId}/download?token=${token.slice(0, -2)}xx`)).status).toBe(404);
      expect((await download(server, `/api/v1/exports/${newId()}/download?token=${token}`)).status).toBe(404);
      // A download token is not a sign-in token, and never reaches the request log.
      expect((await new Client(server.url, token).get('/api/v1/auth/me')).status).toBe(401);
      expect(redactUrl(created.downloadUrl!)).not.toContain(token);
      expect(redactUrl(created.downloadUrl!)).toContain(`/api/v1/exports/${created.exportId}/download?token=REDACTED`);
    });

    it('expires links after 30 days and drops the archive', async () => {
      await server.db.query("UPDATE customer_exports SET expires_at = now() - interval '1 second' WHERE id = $1", [created.exportId]);
      const res = await download(server, created.downloadUrl!);
      expect(res.status).toBe(410);
      expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('GONE');
      const status = await people.manager.get<ExportBody>(`/api/v1/exports/${created.exportId}`);
      expect(status.body).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
      const [row] = await server.db.query<{ archive: unknown }>('SELECT archive FROM customer_exports WHERE id = $1', [created.exportId]);
      expect(row!.archive).toBeNull();
    });
  });

  describe('erasure', () => {
    let liveExport: ExportBody;
    const revenue = async () =>
      (await server.db.query<{ r: number }>('SELECT coalesce(sum(revenue_cents), 0)::bigint AS r FROM customer_stats WHERE tenant_id = $1', [people.tenantId]))[0]!.r;

    it('anonymises the guest irreversibly everywhere, keeps the sales for revenue, and gives every device the anonymised documents', async () => {
      // A conflicting edit leaves a losing value (personal data) in the guest's history.
      const stale = { ...guest, lastName: 'Vantasse-Ortiz', updatedAt: new Date(Date.now() - 86_400_000).toISOString(), clock: undefined };
      await people.managerDevice.post('/sync/v1/customers/push', asNew([stale]));
      liveExport = (await people.manager.post<ExportBody>(`/api/v1/customers/${String(guest.id)}/export`)).body;
      const revenueBefore = await revenue();
      const tagRevenueBefore = await server.db.query('SELECT tag_id, revenue_cents FROM tag_revenue ORDER BY tag_id');
      const pulledBefore = await pullAll(people.staffDevice, 'customers');
      const checkpointDocs = pulledBefore.length;

      const res = await people.manager.request<{ erasedCustomers: string[]; ordersKept: number }>('DELETE', `/api/v1/customers/${String(guest.id)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.ordersKept).toBe(3);
      expect(await revenue()).toBe(revenueBefore);
      expect(await server.db.query('SELECT tag_id, revenue_cents FROM tag_revenue ORDER BY tag_id')).toEqual(tagRevenueBefore);

      // No table holds the guest's name, email, phone, postcode or birth date any more.
      expect(await tablesHolding(server, PII)).toEqual([]);

      const customers = await pullAll(people.staffDevice, 'customers');
      expect(customers).toHaveLength(checkpointDocs);
      const c = customers.find((d) => d.id === guest.id)!;
      expect(c).toMatchObject({ firstName: ERASED_NAME, lastName: '', email: null, phone: null, postalCode: null, dateOfBirth: null, emailOptIn: false, smsOptIn: false });
      expect(c.erasedAt).toEqual(expect.any(String));
      const notes = (await pullAll(people.staffDevice, 'customer_notes')).filter((d) => d.customerId === guest.id);
      expect(notes.map((n) => n.body)).toEqual([ERASED_NOTE, ERASED_NOTE]);
      const prefs = (await pullAll(people.staffDevice, 'communication_preferences')).filter((d) => d.customerId === guest.id);
      expect(prefs[0]).toMatchObject({ emailOptIn: false, smsOptIn: false, doNotContact: true, topics: [] });
      const tags = (await pullAll(people.staffDevice, 'customer_tags')).filter((d) => d.customerId === guest.id);
      expect(tags.map((t) => t.notes)).toEqual([null, null]);
      const orders = (await pullAll(people.staffDevice, 'orders')).filter((d) => d.customerId === guest.id);
      expect(orders).toHaveLength(3);
      expect(orders.every((o) => o.note === null || o.note === undefined)).toBe(true);
    });

    it("removes the guest's exports and refuses a second erasure", async () => {
      expect((await download(server, liveExport.downloadUrl!)).status).toBe(404);
      const status = await people.manager.get<ExportBody>(`/api/v1/exports/${liveExport.exportId}`);
      expect(status.body.status).toBe('ERASED');
      const again = await people.manager.request<ErrorBody>('DELETE', `/api/v1/customers/${String(guest.id)}`);
      expect(again.status).toBe(409);
      expect((await audit(`?customerId=${String(guest.id)}`)).filter((e) => e.action === 'customer.erase')).toHaveLength(1);
    });

    it('holds against tablets that were offline: stale copies never bring the data back', async () => {
      // The old profile, edited offline with a clock far ahead of the erasure.
      const future = { ...guest, phone: '+1 707 555 0100', updatedAt: new Date(Date.now() + 3600_000).toISOString(), clock: { phone: `${String(Date.now() + 3600_000).padStart(16, '0')}-0000-tablet` } };
      const res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/customers/push', {
        rows: [{ assumedMasterState: { ...guest, _deleted: false }, newDocumentState: { ...future, _deleted: false } }],
      });
      expect(res.body.conflicts[0]).toMatchObject({ id: guest.id, firstName: ERASED_NAME, phone: null });
      const note = noteDoc(String(guest.id), 'Quillon came back and asked about the 2019 reserve');
      const n = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/customer_notes/push', asNew([note]));
      expect(n.body.conflicts).toEqual([{ ...note, body: ERASED_NOTE, _deleted: false }]);
      const prefs = preferencesDoc(String(guest.id), { emailOptIn: true, smsOptIn: true });
      const p = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/communication_preferences/push', asNew([prefs]));
      expect(p.body.conflicts[0]).toMatchObject({ emailOptIn: false, smsOptIn: false, doNotContact: true });
      expect(await tablesHolding(server, PII)).toEqual([]);
    });

    it("answers a re-push of the erased guest's documents as the server holds them without a conflict", async () => {
      // A tablet that already pulled the anonymised versions retries them (a timeout, a restart).
      const held = async (collection: string) => (await pullAll(people.staffDevice, collection)).filter((d) => d.customerId === guest.id);
      for (const collection of ['orders', 'customer_tags', 'customer_notes']) {
        const docs = await held(collection);
        expect(docs.length, collection).toBeGreaterThan(0);
        const res = await people.staffDevice.post<{ conflicts: Doc[] }>(`/sync/v1/${collection}/push`, asNew(docs.map(({ _deleted, ...d }) => d)));
        expect(res.status, collection).toBe(200);
        expect(res.body.conflicts, collection).toEqual([]);
        expect(await held(collection), collection).toEqual(docs);
      }
      // A new sale naming the erased guest, with nothing personal in it, is kept as sent and is
      // no conflict, the first time or when retried; it counts once.
      const revenueBefore = await revenue();
      const sale = saleDoc({ customerId: String(guest.id), deviceId: people.staffDevice.deviceId, venueId, cents: 4_500 });
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', asNew([sale]));
        expect(res.body.conflicts).toEqual([]);
      }
      expect((await revenue()) - revenueBefore).toBe(Number(sale.totalCents));
      // One with a note still comes back corrected.
      const noted = saleDoc({ customerId: String(guest.id), deviceId: people.staffDevice.deviceId, venueId, cents: 1_000, note: 'For Quillon' });
      const res = await people.staffDevice.post<{ conflicts: Doc[] }>('/sync/v1/orders/push', asNew([noted]));
      expect(res.body.conflicts).toEqual([{ ...noted, note: null, _deleted: false }]);
    });

    it('erases the records merged into a guest with them, and refuses to erase a merged record on its own', async () => {
      const a = guestDoc({ firstName: 'Zephyrine', email: 'zephyrine@example.test' });
      const b = guestDoc({ firstName: 'Zephyrine', email: 'Zephyrine@example.test', phone: '+1 707 555 0142' });
      await people.staffDevice.post('/sync/v1/customers/push', asNew([a, b]));
      expect((await people.manager.post('/api/v1/customers/merge', { survivorId: a.id, mergedId: b.id })).status).toBe(200);
      expect((await people.manager.request('DELETE', `/api/v1/customers/${String(b.id)}`)).status).toBe(409);
      const res = await people.manager.request<{ erasedCustomers: string[] }>('DELETE', `/api/v1/customers/${String(a.id)}`);
      expect(res.body.erasedCustomers.sort()).toEqual([a.id, b.id].sort());
      expect(await tablesHolding(server, ['zephyrine', '555 0142'])).toEqual([]);
    });

    it('lets managers and owners erase, never staff or devices', async () => {
      const g = guestDoc({ firstName: 'Staffproof' });
      await people.staffDevice.post('/sync/v1/customers/push', asNew([g]));
      expect((await people.staff.request('DELETE', `/api/v1/customers/${String(g.id)}`)).status).toBe(403);
      expect((await people.managerDevice.request('DELETE', `/api/v1/customers/${String(g.id)}`)).status).toBe(403);
      expect((await people.owner.request('DELETE', `/api/v1/customers/${String(g.id)}`)).status).toBe(200);
    });
  });
});
