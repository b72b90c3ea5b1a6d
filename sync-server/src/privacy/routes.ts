import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser, requireRole } from '../auth/authenticate';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { parseInput } from '../http/errors';
import { actorOf } from './audit';
import { eraseGuest } from './erase';
import { createExport, downloadExport, exportStatus } from './exports';

const IdParam = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });
const ExportParam = z.strictObject({ exportId: z.uuid({ error: 'must be a UUID' }) });
const DownloadQuery = z.strictObject({ token: z.string().min(10).max(200) });
const AuditQuery = z.strictObject({
  customerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The id of the last entry of the previous page: the next page has older entries. */
  before: z.coerce.number().int().min(1).optional(),
});

async function manager(db: Db, req: FastifyRequest) {
  const p = await authenticate(db, req);
  requireManagerUser(p);
  return p;
}

/** How many guest ids an audit entry lists in the viewer; the count says how many there are. */
const IDS_SHOWN = 20;

/** Privacy: the audit log (owners), GDPR/CCPA exports and erasure (managers and owners). */
export function privacyRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/v1/audit', { config: { access: 'owner' } }, async (req) => {
    const p = await manager(db, req);
    requireRole(p, 'OWNER');
    const q = parseInput(AuditQuery, req.query, 'audit query');
    const forGuest = q.customerId ? 'AND (a.customer_id = $2 OR a.customer_ids @> ARRAY[$2]::uuid[])' : 'AND $2::uuid IS NULL';
    const entries = await withTenant(db, p.tenantId, (tx) =>
      tx.query(
        `SELECT a.id, a.at, a.action, a.customer_id AS "customerId",
                coalesce(cardinality(a.customer_ids), 0) AS "customerCount",
                coalesce(a.customer_ids[1:${IDS_SHOWN}], '{}') AS "customerIds",
                a.details, a.actor_user AS "userId", u.email AS "userEmail", u.name AS "userName",
                a.actor_device AS "deviceId", d.name AS "deviceName", d.number AS "deviceNumber"
           FROM audit_log a
           LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.actor_user
           LEFT JOIN devices d ON d.tenant_id = a.tenant_id AND d.id = a.actor_device
          WHERE a.tenant_id = $1 ${forGuest} AND ($3::bigint IS NULL OR a.id < $3)
          ORDER BY a.id DESC
          LIMIT $4`,
        [p.tenantId, q.customerId ?? null, q.before ?? null, q.limit],
      ),
    );
    const last = entries[entries.length - 1] as { id: number } | undefined;
    return { entries, next: entries.length === q.limit && last ? last.id : null };
  });

  app.post('/api/v1/customers/:id/export', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'guest id');
    const result = await createExport(db, p.tenantId, { ...actorOf(p), userId: p.userId }, id);
    req.log.info({ export: result.exportId, customer: id, bytes: result.sizeBytes }, 'guest data exported');
    reply.code(201).header('cache-control', 'no-store');
    return result;
  });

  app.get('/api/v1/exports/:exportId', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await manager(db, req);
    const { exportId } = parseInput(ExportParam, req.params, 'export id');
    reply.header('cache-control', 'no-store');
    return exportStatus(db, p.tenantId, p.userId, exportId);
  });

  // The link's token is the credential, so the link can be opened in a browser or given to the guest.
  app.get('/api/v1/exports/:exportId/download', { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const { exportId } = parseInput(ExportParam, req.params, 'export id');
    const { token } = parseInput(DownloadQuery, req.query, 'download link');
    const { zip, customerId } = await downloadExport(db, exportId, token, req.ip);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="guest-${customerId}-export.zip"`)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(zip);
  });

  app.delete('/api/v1/customers/:id', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'guest id');
    const result = await eraseGuest(db, p.tenantId, p.userId, id);
    req.log.warn({ customer: id, erased: result.erasedCustomers.length }, 'guest personal data erased');
    return result;
  });
}
