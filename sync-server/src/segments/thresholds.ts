import { DEFAULT_THRESHOLDS, SegmentThresholds } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';

/** The tenant's thresholds of the built-in segments (the design's defaults until a manager changes them). */
export async function loadThresholds(tx: Queryable, tenantId: string): Promise<SegmentThresholds> {
  const [row] = await tx.query<{ thresholds: unknown }>('SELECT thresholds FROM segment_settings WHERE tenant_id = $1', [tenantId]);
  if (!row) return DEFAULT_THRESHOLDS;
  const parsed = SegmentThresholds.safeParse(row.thresholds);
  // Stored values were validated on the way in; a row that no longer parses falls back loudly in tests.
  if (!parsed.success) throw new Error(`stored segment thresholds of tenant ${tenantId} are not valid`);
  return parsed.data;
}

export interface ThresholdSettings {
  thresholds: SegmentThresholds;
  updatedAt: string | null;
  updatedBy: string | null;
  history: Array<{ at: string; changedBy: string | null; previous: SegmentThresholds | null; thresholds: SegmentThresholds }>;
}

export async function thresholdSettings(tx: Queryable, tenantId: string): Promise<ThresholdSettings> {
  const [row] = await tx.query<{ updated_at: Date; updated_by: string | null }>(
    'SELECT updated_at, updated_by FROM segment_settings WHERE tenant_id = $1',
    [tenantId],
  );
  const history = await tx.query<{ at: Date; changedBy: string | null; previous: SegmentThresholds | null; thresholds: SegmentThresholds }>(
    `SELECT changed_at AS at, changed_by AS "changedBy", previous, thresholds
       FROM segment_settings_history WHERE tenant_id = $1 ORDER BY id DESC LIMIT 50`,
    [tenantId],
  );
  return {
    thresholds: await loadThresholds(tx, tenantId),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    updatedBy: row?.updated_by ?? null,
    history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}

/** Saves new thresholds and records who changed them from what; returns whether anything changed. */
export async function saveThresholds(tx: Queryable, tenantId: string, userId: string, next: SegmentThresholds): Promise<boolean> {
  const previous = await loadThresholds(tx, tenantId);
  const [stored] = await tx.query('SELECT 1 FROM segment_settings WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
  if (stored && JSON.stringify(previous) === JSON.stringify(next)) return false;
  await tx.query(
    `INSERT INTO segment_settings (tenant_id, thresholds, updated_by, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (tenant_id) DO UPDATE SET thresholds = EXCLUDED.thresholds, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [tenantId, JSON.stringify(next), userId],
  );
  await tx.query('INSERT INTO segment_settings_history (tenant_id, changed_by, previous, thresholds) VALUES ($1, $2, $3, $4)', [
    tenantId,
    userId,
    stored ? JSON.stringify(previous) : null,
    JSON.stringify(next),
  ]);
  return true;
}
