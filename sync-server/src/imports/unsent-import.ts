import { COLLECTION_NAMES, MAX_PUSH_ROWS, type CollectionName, type RefusedRow, type UnsentExport, resolveConflict, sameDocument } from '@cellardoor/shared';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, badRequest } from '../http/errors';
import { pushBatch } from '../sync/push';

type Doc = Record<string, unknown>;

export interface CollectionImport {
  received: number;
  written: number;
  /** Already on the server as they are, or the server kept its own version (a completed sale is immutable). */
  unchanged: number;
  refused: Array<{ id: string | null; reason: string }>;
}

export interface UnsentImportResult {
  deviceId: string;
  deviceNumber: number;
  received: number;
  written: number;
  refused: number;
  collections: Partial<Record<CollectionName, CollectionImport>>;
}

/**
 * Imports a tablet's exported unsent documents as if that tablet had pushed them: each collection
 * goes through the same push path (validation, conflict rules, ingest hooks, sequence numbers),
 * with the original device recorded as the pusher. Pushes are idempotent, so importing a file
 * twice, or importing it and later syncing the tablet, writes nothing twice. A document the
 * server refuses is reported with its reason and the rest are still imported.
 */
export async function importUnsent(db: Db, tenantId: string, userId: string | null, file: UnsentExport): Promise<UnsentImportResult> {
  if (file.tenantId !== tenantId) throw badRequest('This file comes from a tablet of another account; it can only be imported into the account it was exported from.');
  const [device] = await withTenant(db, tenantId, (tx) =>
    tx.query<{ number: number }>('SELECT number FROM devices WHERE tenant_id = $1 AND id = $2', [tenantId, file.deviceId]),
  );
  if (!device) throw badRequest('The tablet that exported this file is not enrolled in this account, so its documents cannot be imported as its own.');
  if (device.number !== file.deviceNumber)
    throw badRequest(`The file says it comes from tablet T${file.deviceNumber}, but that tablet is T${device.number} here; the file does not match.`);

  const result: UnsentImportResult = { deviceId: file.deviceId, deviceNumber: device.number, received: 0, written: 0, refused: 0, collections: {} };
  // Catalogue first, then guests, then what refers to them: the same order a device pushes in.
  for (const collection of COLLECTION_NAMES) {
    const docs = file.collections[collection];
    if (!docs || docs.length === 0) continue;
    const summary: CollectionImport = { received: docs.length, written: 0, unchanged: 0, refused: [] };
    for (let i = 0; i < docs.length; i += MAX_PUSH_ROWS) {
      const { written, refused } = await pushAccepting(db, { tenantId, deviceId: file.deviceId }, collection, docs.slice(i, i + MAX_PUSH_ROWS));
      summary.written += written;
      summary.refused.push(...refused);
    }
    summary.unchanged = summary.received - summary.written - summary.refused.length;
    result.collections[collection] = summary;
    result.received += summary.received;
    result.written += summary.written;
    result.refused += summary.refused.length;
  }
  await withTenant(db, tenantId, (tx) =>
    tx.query(`INSERT INTO audit_log (tenant_id, actor_user, actor_device, action, details) VALUES ($1, $2, $3, 'unsent-import', $4::jsonb)`, [
      tenantId,
      userId,
      file.deviceId,
      JSON.stringify({ exportedAt: file.exportedAt, received: result.received, written: result.written, refused: result.refused }),
    ]),
  );
  return result;
}

/** Pushes a chunk; rows the server refuses are set aside with their reason and the others pushed again. */
async function pushAccepting(
  db: Db,
  ctx: { tenantId: string; deviceId: string },
  collection: CollectionName,
  docs: Doc[],
): Promise<{ written: number; refused: Array<{ id: string | null; reason: string }> }> {
  let rows: Array<{ assumedMasterState: Doc | null; newDocumentState: Doc }> = docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
  const refused: Array<{ id: string | null; reason: string }> = [];
  let written = 0;
  // A few rounds at most: refusals shrink the batch, and a conflict is resolved once, as a device would.
  for (let round = 0; rows.length > 0 && round < 50; round++) {
    try {
      const outcome = await pushBatch(db, ctx, collection, rows);
      written += outcome.written;
      // The server kept its version: resolve with the collection's rule, as RxDB does on a device,
      // and send the resolution on top of the server's version when it differs.
      const mine = new Map(rows.map((r) => [String(r.newDocumentState.id), r.newDocumentState]));
      rows = outcome.conflicts.flatMap((master) => {
        const own = mine.get(String(master.id));
        if (!own) return [];
        const resolved = resolveConflict(collection, master, own);
        return sameDocument(resolved, master) ? [] : [{ assumedMasterState: master, newDocumentState: resolved }];
      });
    } catch (err) {
      const bad = err instanceof HttpError && err.status === 422 ? (err.extra.rows as RefusedRow[] | undefined) : undefined;
      if (!bad || bad.length === 0) throw err;
      const badIdx = new Set(bad.map((r) => r.index));
      refused.push(...bad.map((r) => ({ id: r.id, reason: r.reason })));
      rows = rows.filter((_, i) => !badIdx.has(i));
    }
  }
  return { written, refused };
}
