import type { GuestImportResponse } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER, type TestServer, startTestServer } from './harness';
import { type TenantPeople, asNew, demoPeople, pullAll } from './people';
import { guestDoc } from './guest-docs';

type Doc = Record<string, unknown>;

const FILE = [
  { firstName: 'Ana', lastName: 'Reyes', email: 'Ana.Reyes@Example.com', phone: '+1 707-555-0101', postalCode: '94558', dateOfBirth: '1980-04-23', emailOptIn: 'yes', smsOptIn: 'no', tags: [{ tagType: 'WINE_CLUB', tagValue: 'GOLD' }] },
  { firstName: 'Ben', lastName: 'Okafor', email: '', phone: '(707) 555-0102', postalCode: '', dateOfBirth: '', emailOptIn: '', smsOptIn: 'true', tags: [] },
  // The same person as row 1 again, in other spelling: matched, not added twice.
  { firstName: 'Ana', lastName: 'Reyes', email: 'ana.reyes@example.com ', phone: '', tags: [{ tagType: 'PREFERENCE', tagValue: 'ORGANIC' }] },
  { firstName: '', lastName: 'Nobody', email: 'not-an-email', phone: '' },
  { firstName: 'Cleo', lastName: 'Tag', email: 'cleo@example.com', tags: [{ tagType: 'NO_SUCH_TYPE', tagValue: null }] },
];

describe(`guest import (${DRIVER})`, () => {
  let server: TestServer;
  let people: TenantPeople;
  const post = (body: unknown) => people.manager.post<GuestImportResponse & { error?: { message: string } }>('/api/v1/imports/guests', body);
  const seqOf = async (table: string) =>
    (await server.db.query<{ n: number; s: number }>(`SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS s FROM ${table} WHERE tenant_id = $1`, [people.tenantId]))[0]!;

  beforeAll(async () => {
    server = await startTestServer();
    people = await demoPeople(server);
  });
  afterAll(async () => server?.stop());

  it('is for managers only, and refuses a malformed request with 400', async () => {
    expect((await people.staff.post('/api/v1/imports/guests', { source: 'x.csv', rows: [{ firstName: 'A', email: 'a@b.co' }] })).status).toBe(403);
    expect((await people.staffDevice.post('/api/v1/imports/guests', { source: 'x.csv', rows: [{ firstName: 'A', email: 'a@b.co' }] })).status).toBe(403);
    const res = await post({ source: 'x.csv', rows: [] });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/no rows/);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await seqOf('customers');
    const res = await post({ source: 'guests.csv', dryRun: true, rows: FILE });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, created: 2, matched: 1, updated: 1, unchanged: 0 });
    expect(await seqOf('customers')).toEqual(before);
  });

  it('creates guests, matches duplicates, reports bad rows in plain words and writes none of them', async () => {
    const res = await post({ source: 'guests.csv', dryRun: false, rows: FILE });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 2, matched: 1, updated: 1, unchanged: 0 });
    expect(res.body.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'UPDATED', 'ERROR', 'ERROR']);
    expect(res.body.rows[2]!.customerId).toBe(res.body.rows[0]!.customerId);
    expect(res.body.rows[2]!.matchedOn).toBe('email');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { row: 4, field: 'firstName', message: 'a first name is needed' },
        { row: 4, field: 'email', message: 'is not an email address' },
        expect.objectContaining({ row: 5, field: 'tags.0.tagType', message: expect.stringMatching(/no tag type NO_SUCH_TYPE/) }),
      ]),
    );
    const [cleo] = await server.db.query('SELECT 1 FROM customers WHERE tenant_id = $1 AND email_norm = $2', [people.tenantId, 'cleo@example.com']);
    expect(cleo).toBeUndefined();

    const anaId = res.body.rows[0]!.customerId!;
    const [ana] = await server.db.query<{ doc: Doc }>('SELECT doc FROM customers WHERE tenant_id = $1 AND id = $2', [people.tenantId, anaId]);
    expect(ana!.doc).toMatchObject({ firstName: 'Ana', email: 'Ana.Reyes@Example.com', phone: '+1 707-555-0101', postalCode: '94558', dateOfBirth: '1980-04-23', emailOptIn: true, smsOptIn: false });
    const tags = await server.db.query<{ tag_type: string; tag_value: string; source: string }>(
      'SELECT tag_type, tag_value, source FROM customer_tags WHERE tenant_id = $1 AND customer_id = $2 ORDER BY tag_type',
      [people.tenantId, anaId],
    );
    expect(tags).toEqual([
      { tag_type: 'PREFERENCE', tag_value: 'ORGANIC', source: 'IMPORT' },
      { tag_type: 'WINE_CLUB', tag_value: 'GOLD', source: 'IMPORT' },
    ]);
    const [prefs] = await server.db.query<{ doc: Doc }>('SELECT doc FROM communication_preferences WHERE tenant_id = $1 AND customer_id = $2', [people.tenantId, anaId]);
    expect(prefs!.doc).toMatchObject({ emailOptIn: true, smsOptIn: false, consentSource: 'IMPORT' });
    expect(Date.now() - Date.parse(String(prefs!.doc.consentCapturedAt))).toBeLessThan(60_000);
    const audit = await server.db.query('SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = $2 AND customer_id = $3', [people.tenantId, 'customer.import', anaId]);
    expect(audit.length).toBe(1);
  });

  it('re-importing the same file changes nothing: no new documents, no new sequence numbers', async () => {
    const before = await Promise.all(['customers', 'customer_tags', 'communication_preferences', 'customer_insights'].map(seqOf));
    const res = await post({ source: 'guests.csv', dryRun: false, rows: FILE });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, matched: 3, updated: 0, unchanged: 3 });
    expect(await Promise.all(['customers', 'customer_tags', 'communication_preferences', 'customer_insights'].map(seqOf))).toEqual(before);
  });

  it('matches a tablet’s guest by normalised phone, fills blanks without erasing, and records consent with source IMPORT', async () => {
    const walkIn = guestDoc({ firstName: 'Dee', lastName: 'Walker', phone: '+17075550199', email: 'dee@example.com', postalCode: '95476' });
    expect((await people.managerDevice.post('/sync/v1/customers/push', asNew([walkIn]))).status).toBe(200);
    const res = await post({ source: 'club.csv', rows: [{ firstName: 'Dee', lastName: 'Walker', phone: '+1 (707) 555-0199', postalCode: '', smsOptIn: 'y' }] });
    expect(res.body.rows[0]).toMatchObject({ outcome: 'UPDATED', customerId: walkIn.id, matchedOn: 'phone' });
    const [dee] = await server.db.query<{ doc: Doc }>('SELECT doc FROM customers WHERE tenant_id = $1 AND id = $2', [people.tenantId, walkIn.id]);
    expect(dee!.doc).toMatchObject({ email: 'dee@example.com', postalCode: '95476', smsOptIn: true });
    const history = await server.db.query<{ field: string }>(`SELECT field FROM customer_history WHERE tenant_id = $1 AND customer_id = $2 AND reason = 'consent'`, [
      people.tenantId,
      walkIn.id,
    ]);
    expect(history.map((h) => h.field)).toContain('smsOptIn');
  });

  it('refuses consent without a way to reach the guest, per row', async () => {
    const res = await post({ source: 'x.csv', rows: [{ firstName: 'Eve', email: 'eve@example.com', smsOptIn: true }] });
    expect(res.body.errors).toEqual([{ row: 1, field: 'smsOptIn', message: 'consent to text messages needs a phone number' }]);
    expect(res.body.created).toBe(0);
  });

  it('imported guests, their tags and insights replicate to a tablet', async () => {
    const customers = await pullAll(people.staffDevice, 'customers');
    const ana = customers.find((c) => c.email === 'Ana.Reyes@Example.com');
    expect(ana).toBeDefined();
    expect(customers.filter((c) => String(c.email ?? '').toLowerCase() === 'ana.reyes@example.com')).toHaveLength(1);
    const tags = await pullAll(people.staffDevice, 'customer_tags');
    expect(tags.filter((t) => t.customerId === ana!.id && t.source === 'IMPORT')).toHaveLength(2);
    const insights = await pullAll(people.staffDevice, 'customer_insights');
    expect(insights.find((i) => i.customerId === ana!.id)).toMatchObject({ lifecycleStage: 'PROSPECT', orderCount: 0 });
  });
});
