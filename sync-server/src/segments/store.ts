import { type SegmentRule, newId } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { HttpError, notFound } from '../http/errors';
import { writeInsights } from './insights';
import { applyMembership } from './membership';
import { loadThresholds } from './thresholds';
import { lockSegmentWork } from './insights';

export interface SegmentRow {
  id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  memberCount: number;
  lastCalculatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, name, description, rule, member_count AS "memberCount",
                       to_char(last_calculated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastCalculatedAt",
                       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
                       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
                  FROM segments`;

export async function listSegments(tx: Queryable, tenantId: string): Promise<SegmentRow[]> {
  return tx.query<SegmentRow>(`${SELECT} WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY lower(name), id`, [tenantId]);
}

export async function getSegment(tx: Queryable, tenantId: string, id: string, opts: { lock?: boolean } = {}): Promise<SegmentRow> {
  const [row] = await tx.query<SegmentRow>(`${SELECT} WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL ${opts.lock ? 'FOR UPDATE' : ''}`, [tenantId, id]);
  if (!row) throw notFound('There is no such segment in this account.');
  return row;
}

async function nameTaken(tx: Queryable, tenantId: string, name: string, except: string | null): Promise<void> {
  const rows = await tx.query('SELECT 1 FROM segments WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL AND id IS DISTINCT FROM $3::uuid', [
    tenantId,
    name,
    except,
  ]);
  if (rows.length > 0) throw new HttpError(409, 'CONFLICT', `A segment named "${name}" already exists; choose another name.`);
}

/** Recalculates one segment for every guest and refreshes the insights of those who moved. */
export async function recalculateSegment(tx: Queryable, tenantId: string, id: string, reason: string): Promise<{ memberCount: number; entered: number; exited: number }> {
  await lockSegmentWork(tx, tenantId);
  const seg = await getSegment(tx, tenantId, id);
  const asOf = new Date();
  const thresholds = await loadThresholds(tx, tenantId);
  const { changes, changedCustomers } = await applyMembership(
    tx,
    [{ id, rule: seg.rule }],
    { tenantId, asOf, thresholds, customerIds: null, reason },
    { changedGuests: true, markCalculated: true },
  );
  await writeInsights(tx, tenantId, changedCustomers, asOf, thresholds);
  const [after] = await tx.query<{ n: number }>('SELECT member_count AS n FROM segments WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  return { memberCount: after!.n, entered: changes[0]!.entered, exited: changes[0]!.exited };
}

export async function createSegment(
  tx: Queryable,
  tenantId: string,
  userId: string,
  input: { name: string; description?: string | null; rule: SegmentRule },
): Promise<SegmentRow> {
  await lockSegmentWork(tx, tenantId);
  await nameTaken(tx, tenantId, input.name, null);
  const id = newId();
  await tx.query(
    `INSERT INTO segments (tenant_id, id, name, description, rule, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [tenantId, id, input.name, input.description ?? null, JSON.stringify(input.rule), userId],
  );
  await recalculateSegment(tx, tenantId, id, 'created');
  return getSegment(tx, tenantId, id);
}

export async function updateSegment(
  tx: Queryable,
  tenantId: string,
  userId: string,
  id: string,
  input: { name?: string; description?: string | null; rule?: SegmentRule },
): Promise<SegmentRow> {
  await lockSegmentWork(tx, tenantId);
  const before = await getSegment(tx, tenantId, id, { lock: true });
  if (input.name !== undefined) await nameTaken(tx, tenantId, input.name, id);
  await tx.query(
    `UPDATE segments SET name = coalesce($3, name), description = CASE WHEN $4::boolean THEN $5 ELSE description END,
                         rule = coalesce($6::jsonb, rule), updated_by = $7, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, input.name ?? null, input.description !== undefined, input.description ?? null, input.rule ? JSON.stringify(input.rule) : null, userId],
  );
  if (input.rule && JSON.stringify(input.rule) !== JSON.stringify(before.rule)) await recalculateSegment(tx, tenantId, id, 'rule changed');
  else if (input.name !== undefined && input.name !== before.name) {
    // Members' insights carry the segment's name.
    const members = await tx.query<{ id: string }>('SELECT customer_id AS id FROM segment_members WHERE tenant_id = $1 AND segment_id = $2', [tenantId, id]);
    await writeInsights(tx, tenantId, members.map((m) => m.id), new Date(), await loadThresholds(tx, tenantId));
  }
  return getSegment(tx, tenantId, id);
}

/** Deletes a segment: members leave it (recorded in the history), the history itself stays. */
export async function deleteSegment(tx: Queryable, tenantId: string, id: string): Promise<void> {
  await lockSegmentWork(tx, tenantId);
  await getSegment(tx, tenantId, id, { lock: true });
  await tx.query('UPDATE segments SET deleted_at = now(), member_count = 0 WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  const left = await tx.query<{ id: string }>(
    `WITH del AS (DELETE FROM segment_members WHERE tenant_id = $1 AND segment_id = $2 RETURNING customer_id),
          hist AS (INSERT INTO segment_membership_history (tenant_id, segment_id, customer_id, change, at, reason)
                   SELECT $1, $2, customer_id, 'EXITED', now(), 'segment deleted' FROM del)
     SELECT customer_id AS id FROM del`,
    [tenantId, id],
  );
  await writeInsights(tx, tenantId, left.map((r) => r.id), new Date(), await loadThresholds(tx, tenantId));
}

export const MEMBER_COLUMNS = `c.id AS "customerId", c.first_name AS "firstName", c.last_name AS "lastName",
  c.doc->>'email' AS email, c.doc->>'phone' AS phone, c.doc->>'postalCode' AS "postalCode",
  coalesce((c.doc->>'emailOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false) AS "emailOptIn",
  coalesce((c.doc->>'smsOptIn')::boolean, false) AND NOT coalesce(x.do_not_contact, false) AS "smsOptIn",
  coalesce(s.revenue_cents, 0)::bigint AS "revenueCents", coalesce(s.sale_count, 0)::int AS "orderCount",
  to_char(s.last_sale_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastOrderAt",
  to_char(m.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "enteredAt"`;

export const MEMBER_FROM = `segment_members m
  JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
  LEFT JOIN customer_stats s ON s.tenant_id = m.tenant_id AND s.customer_id = m.customer_id
  LEFT JOIN customer_segment_facts x ON x.tenant_id = m.tenant_id AND x.customer_id = m.customer_id`;
