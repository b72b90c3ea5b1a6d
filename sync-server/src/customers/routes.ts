import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { notFound, parseInput } from '../http/errors';
import { actorOf, recordAudit } from '../privacy/audit';
import { findDuplicates } from './duplicates';
import { guestHistory } from './history';
import { mergeGuests, undoMerge } from './merge';

const IdParam = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });
const Limit = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) });
const MergeBody = z.strictObject({ survivorId: z.uuid(), mergedId: z.uuid() });

async function manager(db: Db, req: FastifyRequest) {
  const p = await authenticate(db, req);
  requireManagerUser(p);
  return p;
}

/** The manager console's guest routes: duplicates and merges, a guest's profile and history. */
export function customerRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/v1/customers/duplicates', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const q = parseInput(Limit, req.query, 'duplicates query');
    const groups = await withTenant(db, p.tenantId, async (tx) => {
      const found = await findDuplicates(tx, p.tenantId, q.limit);
      const ids = found.flatMap((g) => g.customers.map((c) => c.id));
      if (ids.length > 0) await recordAudit(tx, p.tenantId, actorOf(p), [{ action: 'customer.duplicates.read', customerIds: ids, details: { groups: found.length } }]);
      return found;
    });
    return { groups };
  });

  app.post('/api/v1/customers/merge', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const body = parseInput(MergeBody, req.body, 'merge');
    const result = await mergeGuests(db, p.tenantId, p.userId, body.survivorId, body.mergedId);
    req.log.info({ merge: result.mergeId, survivor: body.survivorId, merged: body.mergedId }, 'guests merged');
    return result;
  });

  app.post('/api/v1/customers/merges/:id/undo', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'merge id');
    const result = await undoMerge(db, p.tenantId, p.userId, id);
    req.log.info({ merge: id }, 'merge undone');
    return result;
  });

  app.get('/api/v1/customers/:id/history', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'guest id');
    const q = parseInput(Limit, req.query, 'history query');
    return withTenant(db, p.tenantId, async (tx) => {
      const exists = await tx.query('SELECT 1 FROM customers WHERE tenant_id = $1 AND id = $2', [p.tenantId, id]);
      if (exists.length === 0) throw notFound('There is no such guest in this account.');
      const history = await guestHistory(tx, p.tenantId, id, q.limit);
      await recordAudit(tx, p.tenantId, actorOf(p), [{ action: 'customer.history.read', customerId: id, details: { entries: history.entries.length } }]);
      return { customerId: id, ...history };
    });
  });

  app.get('/api/v1/customers/:id', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'guest id');
    return withTenant(db, p.tenantId, async (tx) => {
      const [row] = await tx.query<{ doc: Record<string, unknown>; deleted: boolean }>('SELECT doc, deleted FROM customers WHERE tenant_id = $1 AND id = $2', [p.tenantId, id]);
      if (!row) throw notFound('There is no such guest in this account.');
      const [stats] = await tx.query(
        `SELECT revenue_cents AS "revenueCents", sale_count AS "saleCount", refund_count AS "refundCount",
                first_sale_at AS "firstSaleAt", last_sale_at AS "lastSaleAt"
           FROM customer_stats WHERE tenant_id = $1 AND customer_id = $2`,
        [p.tenantId, id],
      );
      const mergedFrom = await tx.query<{ id: string }>('SELECT id FROM customers WHERE tenant_id = $1 AND merged_into = $2 ORDER BY id', [p.tenantId, id]);
      await recordAudit(tx, p.tenantId, actorOf(p), [{ action: 'customer.read', customerId: id, details: { fields: 'profile' } }]);
      return { customer: { ...row.doc, _deleted: row.deleted }, stats: stats ?? null, mergedFrom: mergedFrom.map((r) => r.id) };
    });
  });
}
