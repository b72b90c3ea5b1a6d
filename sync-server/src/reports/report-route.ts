import { Code, Id, Instant } from '@cellardoor/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, parseInput } from '../http/errors';
import { asOfSource } from './as-of';
import { refuseUnknownCodes } from './known-codes';
import { toCsv } from './csv';
import { type ReportSource, relations } from './relations';
import { type Named, run } from './summaries/sql';
import { reportTimeZone } from './summaries/time-zone';

export type ReportRow = Record<string, unknown>;

export interface ReportContext<P> {
  tenantId: string;
  asOf: Date;
  source: ReportSource;
  /** The tenant's report time zone (months) */
  tz: string;
  params: P;
  /** Runs SQL over the report relations (see relations.ts) with $tenant, $asOf, $tz bound. */
  query<R extends object = ReportRow>(sql: string, values?: Named): Promise<R[]>;
  tx: Queryable;
}

export interface ReportResult {
  rows: ReportRow[];
  /** Extra top-level keys of the JSON answer (totals, per-type summaries, …). */
  extra?: Record<string, unknown>;
  /** Guests whose personal data the answer shows: recorded in the audit log. */
  shownCustomers?: readonly string[];
}

export interface Report<S extends z.ZodRawShape> {
  /** The path under /api/v1/reports/. */
  name: string;
  title: string;
  params: S;
  /** CSV columns, in order. */
  columns: readonly string[];
  run(ctx: ReportContext<z.infer<z.ZodObject<S>>>): Promise<ReportResult>;
}

/** Parameters several reports share. */
export const param = {
  limit: (fallback: number, max = 1000) => z.coerce.number().int().min(1).max(max).default(fallback),
  months: (fallback: number) => z.coerce.number().int().min(1).max(120).default(fallback),
  tagType: Code,
  uuid: Id,
  cents: z.coerce.number().int().min(0).max(100_000_000_000),
  days: z.coerce.number().int().min(0).max(36_500),
};

const Common = {
  asOf: Instant.optional(),
  format: z.enum(['json', 'csv']).default('json'),
};

// A report that runs longer than this is stopped with a 503 rather than holding a connection.
const STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Answers a report for a tenant in its transaction: resolves asOf and the source (asOf.ts; a
 * test may force `source` to compare the two), runs the report and records which guests' data
 * it showed.
 */
export async function answerReport<S extends z.ZodRawShape>(
  tx: Queryable,
  tenantId: string,
  report: Report<S>,
  params: z.infer<z.ZodObject<S>>,
  opts: { asOf?: Date; source?: ReportSource; userId?: string } = {},
): Promise<{ asOf: Date; source: ReportSource; result: ReportResult }> {
  await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(STATEMENT_TIMEOUT_MS)]);
  await refuseUnknownCodes(tx, tenantId, params as { tagType?: unknown; eventType?: unknown });
  const resolved = await asOfSource(tx, tenantId, opts.asOf);
  const source = opts.source ?? resolved.source;
  const tz = await reportTimeZone(tx, tenantId);
  const base: Named = { tenant: tenantId, asOf: resolved.asOf.toISOString(), ids: null, tz };
  const result = await report
    .run({
      tenantId,
      asOf: resolved.asOf,
      source,
      tz,
      params,
      tx,
      query: (sql, values = {}) => run(tx, `${relations(source)}\n${sql}`, { ...base, ...values }),
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === '57014')
        throw new HttpError(503, 'UNAVAILABLE', `The ${report.title} report took too long; try a later asOf or a narrower filter.`);
      throw err;
    });
  if (opts.userId && result.shownCustomers && result.shownCustomers.length > 0)
    await tx.query(
      `INSERT INTO audit_log (tenant_id, actor_user, action, customer_id, details)
       SELECT $1, $2, 'report.viewed', c, jsonb_build_object('report', $3::text) FROM unnest($4::uuid[]) AS c`,
      [tenantId, opts.userId, report.name, [...new Set(result.shownCustomers)]],
    );
  return { asOf: resolved.asOf, source, result };
}

/** Registers GET /api/v1/reports/<name>: a signed-in manager, validated parameters, JSON or CSV. */
export function registerReport<S extends z.ZodRawShape>(app: FastifyInstance, db: Db, report: Report<S>): void {
  const Query = z.strictObject({ ...Common, ...report.params });
  app.get(`/api/v1/reports/${report.name}`, { config: { access: 'manager' } }, async (req, reply) => {
    const principal = await authenticate(db, req);
    requireManagerUser(principal);
    const { asOf, format, ...params } = parseInput(Query, req.query, `${report.title} query`) as { asOf?: string; format: 'json' | 'csv' };
    const answer = await withTenant(db, principal.tenantId, (tx) =>
      answerReport(tx, principal.tenantId, report, params as z.infer<z.ZodObject<S>>, {
        asOf: asOf === undefined ? undefined : new Date(asOf),
        userId: principal.userId,
      }),
    );
    if (format === 'csv') {
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        // Named after the day it covers: the close-out's requested day, else the asOf day.
        .header('content-disposition', `attachment; filename="${report.name}-${dayParam(params) ?? answer.asOf.toISOString().slice(0, 10)}.csv"`);
      return toCsv(report.columns, answer.result.rows);
    }
    return { asOf: answer.asOf.toISOString(), computedFrom: answer.source, ...answer.result.extra, rows: answer.result.rows };
  });
}

const dayParam = (params: Record<string, unknown>): string | undefined => (typeof params.date === 'string' ? params.date : undefined);

/** "WINE_CLUB" → "Wine Club": the name of a tag type without a definition of its own. */
export const HUMANISED_TYPE = (col: string) => `initcap(replace(lower(${col}), '_', ' '))`;

/** The display name of a tag type: its definition without a value, else the humanised code. */
export const TYPE_DISPLAY_NAME = (col: string) =>
  `coalesce((SELECT d.display_name FROM tag_definitions d WHERE d.tenant_id = $tenant AND d.tag_type = ${col}
              AND d.tag_value IS NULL AND NOT d.deleted ORDER BY d.id LIMIT 1), ${HUMANISED_TYPE(col)})`;

/** 'YYYY-MM' of a month date column. */
export const MONTH_TEXT = (col: string) => `to_char(${col}, 'YYYY-MM')`;

/** Declares a report, inferring its parameters' types from their zod shapes. */
export function defineReport<S extends z.ZodRawShape>(report: Report<S>): Report<S> {
  return report;
}
