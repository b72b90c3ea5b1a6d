import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import { newToken } from '../auth/tokens';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { badRequest, notFound, parseInput } from '../http/errors';
import { actorOf, recordAudit } from '../privacy/audit';
import { DEVICE_CHANNEL } from '../sync/stream-hub';
import { deviceSyncHealth } from './sync-health';
import { newId } from '@cellardoor/shared';

const Enrol = z.strictObject({
  name: z.string().min(1).max(100).regex(/\S/, 'a device needs a name'),
  venueId: z.uuid().nullable().optional(),
  role: z.enum(['STAFF', 'MANAGER']).optional(),
});

const Revoke = z.strictObject({
  /** true: a retired tablet may first hand over its unsent sales; false: a stolen one may not. */
  allowHandover: z.boolean(),
});

export function deviceRoutes(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;

  app.post('/api/v1/devices', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const body = parseInput(Enrol, req.body ?? {}, 'device enrolment');
    const id = newId();
    const { token, hash } = newToken('device');
    const row = await withTenant(db, p.tenantId, async (tx) => {
      if (body.venueId) {
        const v = await tx.query('SELECT 1 FROM venues WHERE tenant_id = $1 AND id = $2 AND NOT deleted', [p.tenantId, body.venueId]);
        if (v.length === 0) throw badRequest('venueId: there is no such venue in this account.');
      }
      // Per-tenant device numbers, serialised on the tenant's counter row so two enrolments never share one.
      await tx.query("INSERT INTO sync_counters (tenant_id, collection) VALUES ($1, '#devices') ON CONFLICT DO NOTHING", [p.tenantId]);
      const [n] = await tx.query<{ value: number }>(
        "UPDATE sync_counters SET value = value + 1 WHERE tenant_id = $1 AND collection = '#devices' RETURNING value",
        [p.tenantId],
      );
      const [d] = await tx.query<{ number: number; created_at: Date }>(
        `INSERT INTO devices (tenant_id, id, number, name, venue_id, role, token_hash, enrolled_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING number, created_at`,
        [p.tenantId, id, n!.value, body.name, body.venueId ?? null, body.role ?? 'STAFF', hash, p.userId],
      );
      return d!;
    });
    req.log.info({ device: id, tenant: p.tenantId }, 'device enrolled');
    reply.code(201).header('cache-control', 'no-store');
    return { deviceId: id, deviceToken: token, deviceNumber: row.number, tenantId: p.tenantId, venueId: body.venueId ?? null, role: body.role ?? 'STAFF' };
  });

  app.get('/api/v1/devices', { config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const rows = await withTenant(db, p.tenantId, (tx) =>
      tx.query(
        `SELECT id, number, name, venue_id AS "venueId", role, created_at AS "createdAt", last_seen_at AS "lastSeenAt",
                last_reported_seq AS "lastReportedSeq", revoked_at AS "revokedAt", revoke_allows_handover AS "revokeAllowsHandover"
           FROM devices WHERE tenant_id = $1 ORDER BY number`,
        [p.tenantId],
      ),
    );
    return { devices: rows };
  });

  // Nothing left behind on a tablet: per device, which sale numbers were issued and not received.
  app.get('/api/v1/devices/sync-health', { config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const devices = await withTenant(db, p.tenantId, (tx) => deviceSyncHealth(tx, p.tenantId));
    return { devices };
  });

  app.post('/api/v1/devices/:id/revoke', { config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const id = parseInput(z.uuid(), (req.params as { id: string }).id, 'device id');
    const body = parseInput(Revoke, req.body ?? {}, 'revocation');
    const rows = await withTenant(db, p.tenantId, async (tx) => {
      const r = await tx.query(
        `UPDATE devices SET revoked_at = coalesce(revoked_at, now()), revoke_allows_handover = $3
          WHERE tenant_id = $1 AND id = $2 RETURNING id`,
        [p.tenantId, id, body.allowHandover],
      );
      if (r.length > 0) {
        await tx.query('SELECT pg_notify($1, $2)', [DEVICE_CHANNEL, JSON.stringify({ t: p.tenantId, d: id, wipe: true, handover: body.allowHandover })]);
        await recordAudit(tx, p.tenantId, actorOf(p), [{ action: 'device.revoke', details: { deviceId: id, allowHandover: body.allowHandover } }]);
      }
      return r;
    });
    if (rows.length === 0) throw notFound('There is no such device in this account.');
    req.log.warn({ device: id, allowHandover: body.allowHandover }, 'device revoked');
    return { ok: true, deviceId: id, allowHandover: body.allowHandover };
  });
}
