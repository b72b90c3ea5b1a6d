import {
  COLLECTIONS,
  CUSTOMER_MERGE_FIELDS,
  type CollectionName,
  PREFERENCE_MERGE_FIELDS,
  type PushResponse,
  type RefusedRow,
  decodeHlc,
  isHlc,
  mergeFieldwise,
  sameDocument,
} from '@cellardoor/shared';
import { correctIncoming, recordRedirects } from '../customers/ingest-corrections';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, describeIssues } from '../http/errors';
import { auditSyncWrites } from '../privacy/audit';
import { afterWrite } from './ingest-hooks';
import { tableOf } from './tables';
import { type DocumentWrite, lockCollection, writeDocuments } from './write-documents';

type Doc = Record<string, unknown>;

const RXDB_PRIVATE = ['_meta', '_rev', '_attachments'];

/** The document as stored: no RxDB bookkeeping, no tombstone flag (kept in its own column). */
function storedForm(doc: Doc): { doc: Doc; deleted: boolean } {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (k !== '_deleted' && !RXDB_PRIVATE.includes(k)) out[k] = v;
  return { doc: out, deleted: doc._deleted === true };
}

const withDeleted = (doc: Doc, deleted: boolean): Doc => ({ ...doc, _deleted: deleted });

const FIELDWISE_FIELDS: Partial<Record<CollectionName, readonly string[]>> = {
  customers: CUSTOMER_MERGE_FIELDS,
  communication_preferences: PREFERENCE_MERGE_FIELDS,
};

/** What a push did: the protocol's conflicts, and how many documents it wrote (imports report it). */
export interface PushOutcome extends PushResponse {
  written: number;
}

export interface PushContext {
  tenantId: string;
  deviceId: string | null;
}

/** Validates a whole batch first: one bad row refuses the batch (422) and nothing is written. */
export function validateBatch(collection: CollectionName, rows: ReadonlyArray<{ newDocumentState: Doc; assumedMasterState: Doc | null }>) {
  const schema = COLLECTIONS[collection].schema;
  const refused: RefusedRow[] = [];
  const seen = new Set<string>();
  const docs = rows.map((row, index) => {
    const { doc, deleted } = storedForm(row.newDocumentState);
    const id = typeof doc.id === 'string' ? doc.id : null;
    const result = schema.safeParse(doc);
    const flag = row.newDocumentState._deleted;
    if (flag !== undefined && typeof flag !== 'boolean') refused.push({ index, id, reason: '_deleted: must be true or false' });
    else if (!result.success) refused.push({ index, id, reason: describeIssues(result.error) });
    else if (seen.has(id!)) refused.push({ index, id, reason: 'the same document appears twice in one batch' });
    if (id) seen.add(id);
    const assumed = row.assumedMasterState ? row.assumedMasterState : null;
    return { doc, deleted, assumed };
  });
  if (refused.length > 0)
    throw new HttpError(422, 'INVALID_BATCH', `${refused.length} of ${rows.length} documents were refused; nothing of this batch was written.`, {
      rows: refused,
    });
  return docs;
}

/**
 * Applies a push batch in one transaction. Per document: a repeat of what the server already has
 * is a no-op (so a retried push writes nothing twice); a change based on the server's current
 * version is written; anything else is a conflict resolved by the collection's rule.
 */
export async function pushBatch(
  db: Db,
  ctx: PushContext,
  collection: CollectionName,
  rows: ReadonlyArray<{ newDocumentState: Doc; assumedMasterState: Doc | null }>,
): Promise<PushOutcome> {
  const input = validateBatch(collection, rows);
  if (input.length === 0) return { conflicts: [], written: 0 };
  const rule = COLLECTIONS[collection].conflict;
  return withTenant(db, ctx.tenantId, async (tx) => {
    await lockCollection(tx, ctx.tenantId, collection);
    // After the lock, so a merge or erasure that committed first is seen.
    const corrections = await correctIncoming(tx, ctx.tenantId, collection, input);
    const masters = await loadMasters(tx, ctx.tenantId, collection, input.map((r) => String(r.doc.id)));
    const writes: DocumentWrite[] = [];
    const conflicts: Doc[] = [];
    const losses: Array<{ customerId: string; field: string; kept: unknown; lost: unknown; node: string; by: string | null }> = [];
    for (const { doc, deleted, assumed } of input) {
      const master = masters.get(String(doc.id));
      const incoming = withDeleted(doc, deleted);
      if (!master) {
        writes.push({ doc, deleted });
        continue;
      }
      const current = withDeleted(master.doc, master.deleted);
      if (sameDocument(current, incoming)) continue;
      const basedOnCurrent = assumed !== null && sameDocument(current, assumed);
      if (collection === 'customers' && master.doc.erasedAt) {
        // Erasure is irreversible: no copy from a tablet brings the guest's data back.
        conflicts.push(current);
      } else if (collection === 'customers' && deleted && !master.deleted) {
        // A guest leaves through a manager's erasure (sales kept, anonymised) or a merge, never
        // by a tablet's tombstone, which would drop their sales from some figures but not others.
        conflicts.push(current);
      } else if (rule === 'immutable') {
        conflicts.push(current);
      } else if (rule === 'tagAssignment' && master.doc.removedAt && !doc.removedAt) {
        conflicts.push(current);
      } else if (basedOnCurrent) {
        writes.push({ doc, deleted });
      } else if (rule === 'fieldwise') {
        const merged = mergeFieldwise(current, incoming, FIELDWISE_FIELDS[collection] ?? [], assumed);
        const { doc: mergedDoc, deleted: mergedDeleted } = storedForm(merged.doc);
        const customerId = String(collection === 'customers' ? doc.id : doc.customerId);
        for (const l of merged.losses)
          losses.push({
            customerId,
            field: l.field,
            kept: l.keptValue,
            lost: l.lostValue,
            // Whose edit lost: the device that stamped it, else whoever wrote that side.
            node: isHlc(l.lostStamp) ? decodeHlc(l.lostStamp).node : '',
            by: l.loser === 'incoming' ? ctx.deviceId : master.pushed_by,
          });
        if (!sameDocument(current, merged.doc)) writes.push({ doc: mergedDoc, deleted: mergedDeleted || master.deleted });
        conflicts.push(withDeleted(mergedDoc, mergedDeleted || master.deleted));
      } else {
        conflicts.push(current);
      }
    }
    if (writes.length > 0) {
      await writeDocuments(tx, ctx.tenantId, collection, writes, ctx.deviceId);
      const previous = new Map([...masters].map(([id, m]) => [id, m.deleted ? { ...m.doc, _deleted: true } : m.doc]));
      await afterWrite(tx, ctx.tenantId, collection, writes, previous, ctx.deviceId);
      await auditSyncWrites(tx, ctx.tenantId, ctx.deviceId, collection, writes, previous);
    }
    if (corrections.size > 0) {
      // The device adopts the corrected version: answer it as a conflict unless one already is,
      // or the device sent that version already (an identical re-push is never a conflict).
      const written = new Map(writes.map((w) => [String(w.doc.id), withDeleted(w.doc, w.deleted)]));
      const answered = new Set(conflicts.map((c) => String(c.id)));
      for (const [id, correction] of corrections) {
        if (!correction.changed) continue;
        const stored = written.get(id) ?? (masters.has(id) ? withDeleted(masters.get(id)!.doc, masters.get(id)!.deleted) : null);
        if (stored && !answered.has(id)) conflicts.push(stored);
      }
      await recordRedirects(tx, ctx.tenantId, collection, new Set(written.keys()), corrections);
    }
    if (losses.length > 0)
      await tx.query(
        `INSERT INTO customer_history (tenant_id, customer_id, field, old_value, new_value, reason, device_id)
         SELECT $1, (l->>'customerId')::uuid, l->>'field', l->'lost', l->'kept', 'merge-lost',
                coalesce((SELECT d.id FROM devices d WHERE d.tenant_id = $1 AND l->>'node' <> '' AND right(d.id::text, 12) = l->>'node' LIMIT 1),
                         (l->>'by')::uuid)
           FROM jsonb_array_elements($2::jsonb) AS l`,
        [ctx.tenantId, JSON.stringify(losses)],
      );
    return { conflicts, written: writes.length };
  });
}

async function loadMasters(tx: Queryable, tenantId: string, collection: CollectionName, ids: string[]) {
  const rows = await tx.query<{ id: string; doc: Doc; deleted: boolean; pushed_by: string | null }>(
    `SELECT id, doc, deleted, pushed_by FROM ${tableOf(collection)} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
