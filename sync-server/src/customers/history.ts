import type { Queryable } from '../db/driver';
import { UNDO_DAYS } from './merge';

export interface HistoryEntry {
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  /** merge-lost (a field-wise conflict's losing value), consent, merged, merge-filled, merge-undone, erased */
  reason: string;
  deviceId: string | null;
  deviceName: string | null;
}

export interface MergeEntry {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  mergedAt: string;
  mergedBy: string | null;
  undoneAt: string | null;
  undoableUntil: string | null;
}

/** A guest's change history, newest first: conflict losers, consent changes, merges, erasure. */
export async function guestHistory(tx: Queryable, tenantId: string, customerId: string, limit: number): Promise<{ entries: HistoryEntry[]; merges: MergeEntry[] }> {
  const entries = await tx.query<HistoryEntry>(
    `SELECT h.at, h.field, h.old_value AS "oldValue", h.new_value AS "newValue", h.reason,
            h.device_id AS "deviceId", d.name AS "deviceName"
       FROM customer_history h
       LEFT JOIN devices d ON d.tenant_id = h.tenant_id AND d.id = h.device_id
      WHERE h.tenant_id = $1 AND h.customer_id = $2
      ORDER BY h.at DESC, h.id DESC
      LIMIT $3`,
    [tenantId, customerId, limit],
  );
  const merges = await tx.query<MergeEntry>(
    `SELECT m.id AS "mergeId", m.survivor_id AS "survivorId", m.merged_id AS "mergedId", m.merged_at AS "mergedAt",
            u.email AS "mergedBy", m.undone_at AS "undoneAt",
            CASE WHEN m.undone_at IS NULL THEN m.merged_at + make_interval(days => $3) END AS "undoableUntil"
       FROM customer_merges m
       LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.merged_by
      WHERE m.tenant_id = $1 AND (m.survivor_id = $2 OR m.merged_id = $2)
      ORDER BY m.merged_at DESC`,
    [tenantId, customerId, UNDO_DAYS],
  );
  return { entries, merges };
}
