import { type CollectionName, MAX_PULL_LIMIT, type PullResponse } from '@cellardoor/shared';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { badRequest } from '../http/errors';
import { auditPullPage } from '../privacy/audit';
import { tableOf } from './tables';

/** Checkpoints are opaque to devices: a version tag and the last sequence number they have. */
export function encodeCheckpoint(seq: number): string {
  return `v1.${seq}`;
}

export function decodeCheckpoint(checkpoint: string | undefined | null): number {
  if (checkpoint === undefined || checkpoint === null || checkpoint === '' || checkpoint === 'null') return 0;
  const m = /^v1\.(\d{1,15})$/.exec(checkpoint);
  if (!m) throw badRequest('The checkpoint is not one this server handed out; pull again from the start.');
  return Number(m[1]);
}

/**
 * Documents after the checkpoint in commit order. Every filter sits before the LIMIT, so a page
 * shorter than the limit really means "nothing more" (RxDB stops pulling there).
 */
export async function pullPage(
  db: Db,
  tenantId: string,
  collection: CollectionName,
  checkpoint: string | undefined,
  limit: number,
  reader: { deviceId: string } | null = null,
): Promise<PullResponse> {
  const after = decodeCheckpoint(checkpoint);
  const n = Math.min(Math.max(1, limit), MAX_PULL_LIMIT);
  const rows = await withTenant(db, tenantId, async (tx) => {
    const page = await tx.query<{ doc: Record<string, unknown>; deleted: boolean; seq: number }>(
      `SELECT doc, deleted, seq FROM ${tableOf(collection)} WHERE tenant_id = $1 AND seq > $2 ORDER BY seq, id LIMIT $3`,
      [tenantId, after, n],
    );
    // A page of guests' personal data handed to a tablet is a read: one audit entry per page.
    if (reader) await auditPullPage(tx, tenantId, reader.deviceId, collection, page.map((r) => r.doc));
    return page;
  });
  const last = rows[rows.length - 1];
  return {
    documents: rows.map((r) => ({ ...r.doc, _deleted: r.deleted })),
    checkpoint: last ? encodeCheckpoint(last.seq) : checkpoint ? checkpoint : null,
  };
}
