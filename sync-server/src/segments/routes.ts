import {
  BuiltInQuery,
  CreateSegmentRequest,
  ExportQuery,
  HistoryQuery,
  MembersQuery,
  PreviewSegmentRequest,
  SEGMENT_FIELDS,
  SegmentThresholds,
  UpdateSegmentRequest,
  WINDOW_PRESETS,
} from '@cellardoor/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, describeIssues, parseInput } from '../http/errors';
import { actorOf, recordAudit } from '../privacy/audit';
import { toCsv } from '../reports/csv';
import { run } from '../reports/summaries/sql';
import { builtInCounts } from './built-in';
import { compileRule } from './compile-rule';
import { previewSql } from './membership';
import { recomputeSegments } from './recompute';
import { MEMBER_COLUMNS, MEMBER_FROM, createSegment, deleteSegment, getSegment, listSegments, recalculateSegment, updateSegment } from './store';
import { loadThresholds, saveThresholds, thresholdSettings } from './thresholds';

const NoInput = z.strictObject({});
const IdParam = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });
const EXPORT_COLUMNS = ['customerId', 'firstName', 'lastName', 'email', 'phone', 'postalCode', 'emailOptIn', 'smsOptIn', 'revenueCents', 'orderCount', 'lastOrderAt', 'enteredAt'];
// Recalculations over a large account may take a while; reads should not.
const LONG_MS = 300_000;

async function manager(db: Db, req: FastifyRequest) {
  const p = await authenticate(db, req);
  requireManagerUser(p);
  return p;
}

/**
 * Parses a body whose rule may be wrong: a bad rule is the manager's to fix in the builder, so it
 * is refused with 422 naming where in the rule (`rule.all.1.value: …`); other mistakes are 400.
 */
function parseSegmentBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const ruleIssues = r.error.issues.filter((i) => i.path[0] === 'rule' && i.path.length > 0 && i.code === 'custom');
  if (ruleIssues.length > 0 && ruleIssues.length === r.error.issues.length)
    throw new HttpError(422, 'BAD_REQUEST', `The rule is not valid: ${describeIssues(r.error)}.`, {
      details: ruleIssues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  throw new HttpError(400, 'BAD_REQUEST', `The segment is not valid: ${describeIssues(r.error)}.`, { details: r.error.issues });
}

async function longRunning(tx: Queryable): Promise<void> {
  await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(LONG_MS)]);
}

/** The manager console's segment routes (docs/SEGMENTS.md). */
export function segmentRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/v1/segments/fields', { config: { access: 'manager' } }, async (req) => {
    await manager(db, req);
    return { fields: SEGMENT_FIELDS, windows: WINDOW_PRESETS };
  });

  app.get('/api/v1/segments/built-in', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const q = parseInput(BuiltInQuery, req.query, 'built-in segments query');
    return withTenant(db, p.tenantId, (tx) => builtInCounts(tx, p.tenantId, q.asOf ? new Date(q.asOf) : undefined));
  });

  app.get('/api/v1/segments/settings', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    return withTenant(db, p.tenantId, (tx) => thresholdSettings(tx, p.tenantId));
  });

  app.put('/api/v1/segments/settings', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const body = parseInput(z.strictObject({ thresholds: SegmentThresholds }), req.body, 'thresholds');
    return withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      const changed = await saveThresholds(tx, p.tenantId, p.userId, body.thresholds);
      // Tiers name every guest's insight and may be in rules: recompute what depends on them.
      if (changed) await recomputeSegments(tx, p.tenantId, { derived: false });
      req.log.info({ changed }, 'segment thresholds saved');
      return { ...(await thresholdSettings(tx, p.tenantId)), recalculated: changed };
    });
  });

  app.get('/api/v1/segments', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    return { segments: await withTenant(db, p.tenantId, (tx) => listSegments(tx, p.tenantId)) };
  });

  app.post('/api/v1/segments/preview', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { rule } = parseSegmentBody(PreviewSegmentRequest, req.body);
    return withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      const sql = previewSql(compileRule(rule));
      const values = { tenant: p.tenantId, asOf: new Date().toISOString(), th: JSON.stringify(await loadThresholds(tx, p.tenantId)), ...sql.params };
      const [count] = await run<{ n: number }>(tx, sql.count, values);
      const sample = await run<{ customerId: string }>(tx, sql.sample, values);
      if (sample.length > 0)
        await recordAudit(tx, p.tenantId, actorOf(p), [
          { action: 'customer.list.read', customerIds: sample.map((s) => s.customerId), details: { purpose: 'segment preview', shown: sample.length } },
        ]);
      return { count: count?.n ?? 0, sample };
    });
  });

  app.post('/api/v1/segments', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await manager(db, req);
    const body = parseSegmentBody(CreateSegmentRequest, req.body);
    const created = await withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      return createSegment(tx, p.tenantId, p.userId, body);
    });
    return reply.code(201).send(created);
  });

  app.get('/api/v1/segments/:id', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    return withTenant(db, p.tenantId, (tx) => getSegment(tx, p.tenantId, id));
  });

  app.put('/api/v1/segments/:id', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    const body = parseSegmentBody(UpdateSegmentRequest, req.body);
    return withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      return updateSegment(tx, p.tenantId, p.userId, id, body);
    });
  });

  app.delete('/api/v1/segments/:id', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    await withTenant(db, p.tenantId, (tx) => deleteSegment(tx, p.tenantId, id));
    return reply.code(204).send();
  });

  app.post('/api/v1/segments/:id/recalculate', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    return withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      return recalculateSegment(tx, p.tenantId, id, 'recalculate');
    });
  });

  app.get('/api/v1/segments/:id/members', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    const q = parseInput(MembersQuery, req.query, 'members query');
    return withTenant(db, p.tenantId, async (tx) => {
      const seg = await getSegment(tx, p.tenantId, id);
      const members = await tx.query<{ customerId: string }>(
        `SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM}
          WHERE m.tenant_id = $1 AND m.segment_id = $2
          ORDER BY m.entered_at DESC, m.customer_id LIMIT $3 OFFSET $4`,
        [p.tenantId, id, q.limit, q.offset],
      );
      if (members.length > 0)
        await recordAudit(tx, p.tenantId, actorOf(p), [
          { action: 'customer.list.read', customerIds: members.map((m) => m.customerId), details: { purpose: 'segment members', segmentId: id, shown: members.length } },
        ]);
      return { total: seg.memberCount, members };
    });
  });

  app.get('/api/v1/segments/:id/history', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    const q = parseInput(HistoryQuery, req.query, 'history query');
    return withTenant(db, p.tenantId, async (tx) => {
      const [seg] = await tx.query('SELECT 1 FROM segments WHERE tenant_id = $1 AND id = $2', [p.tenantId, id]);
      if (!seg) throw new HttpError(404, 'NOT_FOUND', 'There is no such segment in this account.');
      const [total] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM segment_membership_history WHERE tenant_id = $1 AND segment_id = $2', [p.tenantId, id]);
      const entries = await tx.query(
        `SELECT customer_id AS "customerId", change, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, reason
           FROM segment_membership_history WHERE tenant_id = $1 AND segment_id = $2
          ORDER BY id DESC LIMIT $3 OFFSET $4`,
        [p.tenantId, id, q.limit, q.offset],
      );
      return { total: total?.n ?? 0, entries };
    });
  });

  app.get('/api/v1/segments/:id/export', { config: { access: 'manager' } }, async (req, reply) => {
    const p = await manager(db, req);
    const { id } = parseInput(IdParam, req.params, 'segment id');
    const q = parseInput(ExportQuery, req.query, 'export query');
    const { seg, rows } = await withTenant(db, p.tenantId, async (tx) => {
      const seg = await getSegment(tx, p.tenantId, id);
      const reachable = q.channel === 'email' ? `AND c.doc->>'email' IS NOT NULL` : q.channel === 'sms' ? `AND c.doc->>'phone' IS NOT NULL` : '';
      const consent = q.includeWithoutConsent
        ? ''
        : q.channel === 'email'
          ? `AND coalesce((c.doc->>'emailOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false)`
          : q.channel === 'sms'
            ? `AND coalesce((c.doc->>'smsOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false)`
            : `AND (coalesce((c.doc->>'emailOptIn')::boolean, false) OR coalesce((c.doc->>'smsOptIn')::boolean, false)) AND NOT coalesce(x.do_not_contact, false)`;
      const rows = await tx.query<Record<string, unknown> & { customerId: string }>(
        `SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM}
          WHERE m.tenant_id = $1 AND m.segment_id = $2 AND c.erased_at IS NULL ${reachable} ${consent}
          ORDER BY c.last_name, c.first_name, c.id`,
        [p.tenantId, id],
      );
      // An export is a read of every listed guest's personal data.
      await recordAudit(tx, p.tenantId, actorOf(p), [
        {
          action: 'customer.list.read',
          customerIds: rows.map((r) => r.customerId),
          details: { purpose: 'segment export', segmentId: id, channel: q.channel ?? 'any', includeWithoutConsent: q.includeWithoutConsent, rows: rows.length },
        },
      ]);
      return { seg, rows };
    });
    req.log.info({ segment: id, rows: rows.length, channel: q.channel ?? 'any', includeWithoutConsent: q.includeWithoutConsent }, 'segment exported');
    const slug = seg.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'segment';
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${slug}-${new Date().toISOString().slice(0, 10)}.csv"`);
    return toCsv(EXPORT_COLUMNS, rows);
  });

  app.post('/api/v1/segments/recalculate', { config: { access: 'manager' } }, async (req) => {
    const p = await manager(db, req);
    // Nothing to say but "go": anything else sent is a mistake worth telling, not ignoring.
    parseInput(NoInput, req.query ?? {}, 'query');
    parseInput(NoInput.nullish(), req.body, 'request body');
    const result = await withTenant(db, p.tenantId, async (tx) => {
      await longRunning(tx);
      return recomputeSegments(tx, p.tenantId);
    });
    return { segments: result.segments, insightsWritten: result.insightsWritten };
  });
}
