import { newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOVER_DAYS } from '../src/auth/authenticate';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../src/auth/routes';
import { hashToken } from '../src/auth/tokens';
import { saleDoc } from './guest-docs';
import { Client, DRIVER, type TestServer, enrolDevice, startTestServer } from './harness';
import { type TenantPeople, asNew, demoPeople } from './people';

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

const order = (deviceId: string, venueId: string) => saleDoc({ customerId: null, deviceId, venueId });

/** Reads a server-sent event stream until the first `data:` message that is not RESYNC. */
async function nextStreamMessage(res: Response): Promise<Record<string, unknown>> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended without a message');
    buffer += decoder.decode(value, { stream: true });
    for (const line of buffer.split('\n'))
      if (line.startsWith('data: ')) {
        const m = JSON.parse(line.slice(6)) as Record<string, unknown>;
        if (m.type !== 'RESYNC') {
          await reader.cancel();
          return m;
        }
      }
    buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
  }
}

describe(`accounts, sessions and devices (${DRIVER})`, () => {
  let server: TestServer;
  let people: TenantPeople;
  let venueId: string;

  beforeAll(async () => {
    server = await startTestServer();
    people = await demoPeople(server);
    const [v] = await server.db.query<{ id: string }>('SELECT id FROM venues WHERE tenant_id = $1', [people.tenantId]);
    venueId = v!.id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} failed sign-ins, with 423 and the unlock time, even for the right password`, async () => {
    const c = new Client(server.url);
    const email = people.emails.staff;
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await c.post('/api/v1/auth/login', { email, password: `wrong-${i}-password` })).status).toBe(401);
    const locked = await c.post<ErrorBody>('/api/v1/auth/login', { email, password: people.passwords.staff });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('LOCKED');
    const until = Date.parse(String(locked.body.error.details?.lockedUntil));
    expect(until).toBeGreaterThan(Date.now() + (LOCK_MINUTES - 1) * 60_000);
    expect(locked.body.error.message).toContain(new Date(until).toISOString());
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    // Once the lock has run out, the right password signs in again and the count starts afresh.
    await server.db.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE email = $1", [email]);
    expect((await c.post('/api/v1/auth/login', { email, password: people.passwords.staff })).status).toBe(200);
    const [u] = await server.db.query<{ failed_logins: number; locked_until: Date | null }>('SELECT failed_logins, locked_until FROM users WHERE email = $1', [email]);
    expect(u).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('gives an unknown email the same answer as a wrong password', async () => {
    const c = new Client(server.url);
    const unknown = await c.post<ErrorBody>('/api/v1/auth/login', { email: 'nobody@example.test', password: 'whatever-password' });
    const wrong = await c.post<ErrorBody>('/api/v1/auth/login', { email: people.emails.manager, password: 'whatever-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('keeps no token in the database: only SHA-256 hashes of random 256-bit tokens', async () => {
    const tokens = [people.owner.token!, people.manager.token!, people.staffDevice.token!, people.managerDevice.token!];
    for (const t of tokens) expect(Buffer.from(t.slice(4), 'base64url')).toHaveLength(32);
    const tables = await server.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name } of tables)
      for (const t of tokens) {
        const hits = await server.db.query(`SELECT 1 FROM "${table_name}" AS r WHERE r::text LIKE $1 LIMIT 1`, [`%${t.slice(4)}%`]);
        expect(hits, `${table_name} holds a token`).toHaveLength(0);
      }
    const [s] = await server.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [hashToken(people.owner.token!)]);
    expect(s).toBeDefined();
  });

  it('ends a session when it expires and when its owner signs out', async () => {
    const c = new Client(server.url, (await new Client(server.url).post<{ token: string }>('/api/v1/auth/login', { email: people.emails.manager, password: people.passwords.manager })).body.token);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    await server.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashToken(c.token!)]);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);

    const d = new Client(server.url, (await new Client(server.url).post<{ token: string }>('/api/v1/auth/login', { email: people.emails.manager, password: people.passwords.manager })).body.token);
    expect((await d.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await d.get('/api/v1/devices')).status).toBe(401);
  });

  it('refuses 429 after too many sign-in attempts from one address, whatever X-Forwarded-For says', async () => {
    const c = new Client(server.url);
    const statuses: number[] = [];
    // A made-up X-Forwarded-For per attempt does not make each one look like a new address.
    for (let i = 0; i < 25; i++)
      statuses.push((await c.post('/api/v1/auth/login', { email: `flood-${i}@example.test`, password: 'not-the-password' }, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toContain(429);
    const refused = await c.post<ErrorBody>('/api/v1/auth/login', { email: 'flood@example.test', password: 'not-the-password' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
  });

  it('cuts a stolen tablet off completely: no pull, no push, no stream, and tells it to wipe', async () => {
    const stolen = await enrolDevice(people.owner, 'Stolen tablet');
    const res = await fetch(`${server.url}/sync/v1/stream`, { headers: { authorization: `Bearer ${stolen.deviceToken}` } });
    expect(res.status).toBe(200);
    const message = nextStreamMessage(res);
    expect((await people.manager.post(`/api/v1/devices/${stolen.deviceId}/revoke`, { allowHandover: false })).status).toBe(200);
    expect(await message).toEqual({ type: 'REVOKED', wipe: true, handover: false });

    const pull = await stolen.client.get<ErrorBody>('/sync/v1/orders/pull');
    expect(pull.status).toBe(401);
    expect(pull.body.error.code).toBe('DEVICE_REVOKED');
    expect(pull.body.error.details).toEqual({ wipe: true, handover: false });
    const push = await stolen.client.post<ErrorBody>('/sync/v1/orders/push', asNew([order(stolen.deviceId, venueId)]));
    expect(push.status).toBe(401);
    expect(push.body.error.details).toEqual({ wipe: true, handover: false });
    expect((await fetch(`${server.url}/sync/v1/stream`, { headers: { authorization: `Bearer ${stolen.deviceToken}` } })).status).toBe(401);
    const [{ n }] = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE device_id = $1', [stolen.deviceId])) as [{ n: number }];
    expect(n).toBe(0);
  });

  it(`lets a retired tablet hand over its unsent sales for ${HANDOVER_DAYS} days, but never pull`, async () => {
    const retired = await enrolDevice(people.owner, 'Retired tablet');
    const stream = await fetch(`${server.url}/sync/v1/stream`, { headers: { authorization: `Bearer ${retired.deviceToken}` } });
    const message = nextStreamMessage(stream);
    const revoke = await people.manager.post(`/api/v1/devices/${retired.deviceId}/revoke`, { allowHandover: true });
    expect(revoke.status).toBe(200);
    expect(await message).toEqual({ type: 'REVOKED', wipe: true, handover: true });
    const pull = await retired.client.get<ErrorBody>('/sync/v1/customers/pull');
    expect(pull.status).toBe(401);
    expect(pull.body.error.details).toEqual({ wipe: true, handover: true });
    const sale = order(retired.deviceId, venueId);
    const push = await retired.client.post<{ conflicts: unknown[] }>('/sync/v1/orders/push', asNew([sale]));
    expect(push.status).toBe(200);
    expect(push.body.conflicts).toEqual([]);
    const [stored] = await server.db.query<{ pushed_by: string }>('SELECT pushed_by FROM orders WHERE id = $1', [sale.id]);
    expect(stored?.pushed_by).toBe(retired.deviceId);
    expect((await retired.client.get('/api/v1/auth/me')).status).toBe(401);

    // After the grace period the retired tablet is cut off like a stolen one.
    await server.db.query(`UPDATE devices SET revoked_at = now() - make_interval(days => $2) - interval '1 minute' WHERE id = $1`, [retired.deviceId, HANDOVER_DAYS]);
    const late = await retired.client.post<ErrorBody>('/sync/v1/orders/push', asNew([order(retired.deviceId, venueId)]));
    expect(late.status).toBe(401);
    expect(late.body.error.details).toEqual({ wipe: true, handover: false });
  });

  it('records every revocation in the audit log and shows it in the device list', async () => {
    const devices = await people.owner.get<{ devices: Array<{ name: string; revokedAt: string | null; revokeAllowsHandover: boolean | null; lastSeenAt: string | null }> }>('/api/v1/devices');
    const stolen = devices.body.devices.find((d) => d.name === 'Stolen tablet')!;
    expect(stolen.revokedAt).not.toBeNull();
    expect(stolen.revokeAllowsHandover).toBe(false);
    // The tablet's contact after revocation (when it was told to wipe) shows as last seen.
    expect(Date.parse(stolen.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(stolen.revokedAt!));
    const audit = await people.owner.get<{ entries: Array<{ action: string; details: { allowHandover: boolean }; userEmail: string }> }>('/api/v1/audit');
    const revocations = audit.body.entries.filter((e) => e.action === 'device.revoke');
    expect(revocations.map((e) => e.details.allowHandover).sort()).toEqual([false, true]);
    expect(revocations.every((e) => e.userEmail === people.emails.manager)).toBe(true);
  });

  it('makes the manager choose whether a revoked tablet may hand over its unsent sales', async () => {
    const res = await people.manager.post<ErrorBody>(`/api/v1/devices/${people.staffDevice.deviceId}/revoke`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/allowHandover/);
    expect((await people.staffDevice.get('/sync/v1/orders/pull')).status).toBe(200);
  });

  it("refuses to revoke another tenant's device or an unknown one", async () => {
    expect((await people.manager.post(`/api/v1/devices/${newId()}/revoke`, { allowHandover: false })).status).toBe(404);
    expect((await people.staff.post(`/api/v1/devices/${people.staffDevice.deviceId}/revoke`, { allowHandover: false })).status).toBe(403);
    expect((await people.managerDevice.post(`/api/v1/devices/${people.staffDevice.deviceId}/revoke`, { allowHandover: false })).status).toBe(403);
  });
});
