import { type CollectionName, newId } from '@cellardoor/shared';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, badRequest, notFound } from '../http/errors';
import { recordAudit } from '../privacy/audit';
import { afterWrite } from '../sync/ingest-hooks';
import { tableOf } from '../sync/tables';
import { type DocumentWrite, lockCollection, writeDocuments } from '../sync/write-documents';
import { GUEST_OWNED, type GuestOwned } from './ingest-corrections';
import { serverStamp } from './server-clock';

type Doc = Record<string, unknown>;

/** A merge can be undone for this long. */
export const UNDO_DAYS = 30;

/** Survivor fields that take the merged guest's value when the survivor has none. Consent is never widened. */
export const FILL_FIELDS = ['email', 'phone', 'lastName', 'postalCode', 'dateOfBirth'] as const;

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  repointed: Record<GuestOwned, number>;
  filledFields: string[];
  mergedAt: string;
  undoableUntil: string;
}

interface CustomerRow {
  id: string;
  doc: Doc;
  deleted: boolean;
  merged_into: string | null;
  erased_at: Date | null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Locks every collection a merge writes, always in the same order, for the rest of the
 * transaction: a push that names the merged guest either committed before (and is re-pointed
 * here) or runs after (and is redirected on ingest). Nothing slips between.
 */
async function lockGuestCollections(tx: Queryable, tenantId: string): Promise<void> {
  for (const c of ['customers', ...GUEST_OWNED] as const) await lockCollection(tx, tenantId, c);
}

async function loadCustomers(tx: Queryable, tenantId: string, ids: string[]): Promise<Map<string, CustomerRow>> {
  const rows = await tx.query<CustomerRow>(
    'SELECT id, doc, deleted, merged_into, erased_at FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function requireLive(row: CustomerRow | undefined, role: string): CustomerRow {
  if (!row || row.deleted) throw notFound(`There is no ${role} guest with that id in this account.`);
  if (row.erased_at) throw new HttpError(409, 'CONFLICT', `The ${role} guest's personal data was erased; an erased guest cannot be merged.`);
  if (row.merged_into) throw new HttpError(409, 'CONFLICT', `The ${role} guest was already merged into another guest (${row.merged_into}).`);
  return row;
}

/** The merge's mark on a duplicate tag assignment it removed. */
const MERGE_ACTOR = 'merge';

/** Moves documents to another guest through the one write path, so every device receives them. */
async function repoint(
  tx: Queryable,
  tenantId: string,
  collection: GuestOwned,
  rows: Array<{ id: string; doc: Doc; deleted: boolean }>,
  to: string,
  change: (doc: Doc) => Doc = (doc) => doc,
): Promise<void> {
  if (rows.length === 0) return;
  const writes: DocumentWrite[] = rows.map((r) => ({ doc: change({ ...r.doc, customerId: to }), deleted: r.deleted }));
  await writeDocuments(tx, tenantId, collection, writes, null);
  await afterWrite(tx, tenantId, collection, writes, new Map(rows.map((r) => [r.id, r.doc])), null);
}

async function writeCustomers(tx: Queryable, tenantId: string, before: CustomerRow[], after: Doc[]): Promise<void> {
  const writes = after.map((doc) => ({ doc, deleted: false }));
  await writeDocuments(tx, tenantId, 'customers', writes, null);
  await afterWrite(tx, tenantId, 'customers', writes, new Map(before.map((r) => [r.id, r.doc])), null);
}

async function recordHistory(tx: Queryable, tenantId: string, rows: Array<{ c: string; f: string; o: unknown; n: unknown; r: string }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO customer_history (tenant_id, customer_id, field, old_value, new_value, reason)
     SELECT $1, (h->>'c')::uuid, h->>'f', h->'o', h->'n', h->>'r' FROM jsonb_array_elements($2::jsonb) AS h`,
    [tenantId, JSON.stringify(rows)],
  );
}

/**
 * Merges a duplicate guest into the one that survives, in one transaction: the duplicate's
 * sales, tags, notes and consent records move to the survivor (through writeDocuments, so every
 * tablet receives them), the survivor's empty fields take the duplicate's values, the duplicate
 * is marked `mergedInto`, and exactly what moved is recorded so the merge can be undone.
 */
export async function mergeGuests(db: Db, tenantId: string, userId: string, survivorId: string, mergedId: string): Promise<MergeResult> {
  if (survivorId === mergedId) throw badRequest('A guest cannot be merged into itself: choose two different guests.');
  return withTenant(db, tenantId, async (tx) => {
    await lockGuestCollections(tx, tenantId);
    const found = await loadCustomers(tx, tenantId, [survivorId, mergedId]);
    const survivor = requireLive(found.get(survivorId), 'surviving');
    const merged = requireLive(found.get(mergedId), 'duplicate');
    const mergeId = newId();
    const now = new Date().toISOString();

    // A tag both guests have stays once: the duplicate's assignment is removed (and kept in
    // history), so revenue by tag counts the merged guest once, as it did before the merge.
    const survivorTags = new Set(
      (
        await tx.query<{ k: string }>(
          `SELECT tag_type || '=' || coalesce(tag_value, '') AS k FROM customer_tags
            WHERE tenant_id = $1 AND customer_id = $2 AND removed_at IS NULL AND NOT deleted`,
          [tenantId, survivorId],
        )
      ).map((r) => r.k),
    );
    const undoPatches = new Map<string, Doc>();
    const dropDuplicateTag = (doc: Doc): Doc => {
      if (doc.removedAt !== null || !survivorTags.has(`${String(doc.tagType)}=${String(doc.tagValue ?? '')}`)) return doc;
      undoPatches.set(String(doc.id), { removedAt: doc.removedAt, removedBy: doc.removedBy, updatedAt: doc.updatedAt });
      return { ...doc, removedAt: now, removedBy: MERGE_ACTOR, updatedAt: now };
    };

    const repointed = {} as Record<GuestOwned, number>;
    for (const c of GUEST_OWNED) {
      const rows = await tx.query<{ id: string; doc: Doc; deleted: boolean }>(
        `SELECT id, doc, deleted FROM ${tableOf(c)} WHERE tenant_id = $1 AND customer_id = $2 ORDER BY id`,
        [tenantId, mergedId],
      );
      await repoint(tx, tenantId, c, rows, survivorId, c === 'customer_tags' ? dropDuplicateTag : undefined);
      repointed[c] = rows.length;
      await tx.query(
        `INSERT INTO customer_merge_items (tenant_id, merge_id, collection, document_id, via, undo_patch)
         SELECT $1, $2, $3, d, 'merge', $5::jsonb -> d::text FROM unnest($4::uuid[]) AS d`,
        [tenantId, mergeId, c, rows.map((r) => r.id), JSON.stringify(Object.fromEntries(undoPatches))],
      );
    }

    const stamp = serverStamp(survivor.doc, merged.doc);
    const survivorDoc: Doc = { ...survivor.doc, clock: { ...((survivor.doc.clock as Record<string, string>) ?? {}) } };
    const filled: Record<string, unknown> = {};
    for (const f of FILL_FIELDS)
      if (isEmpty(survivorDoc[f]) && !isEmpty(merged.doc[f])) {
        filled[f] = survivorDoc[f] ?? null;
        survivorDoc[f] = merged.doc[f];
        (survivorDoc.clock as Record<string, string>)[f] = stamp;
      }
    const mergedDoc: Doc = { ...merged.doc, mergedInto: survivorId, updatedAt: now, clock: { ...((merged.doc.clock as Record<string, string>) ?? {}), mergedInto: stamp } };
    const filledFields = Object.keys(filled);
    if (filledFields.length > 0) survivorDoc.updatedAt = now;
    await writeCustomers(tx, tenantId, [survivor, merged], filledFields.length > 0 ? [survivorDoc, mergedDoc] : [mergedDoc]);

    await tx.query(
      `INSERT INTO customer_merges (tenant_id, id, survivor_id, merged_id, merged_by, merged_at, filled_fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [tenantId, mergeId, survivorId, mergedId, userId, now, JSON.stringify(filled)],
    );
    await recordHistory(tx, tenantId, [
      { c: mergedId, f: 'mergedInto', o: null, n: survivorId, r: 'merged' },
      ...filledFields.map((f) => ({ c: survivorId, f, o: filled[f], n: merged.doc[f], r: 'merge-filled' })),
    ]);
    await recordAudit(tx, tenantId, { userId, deviceId: null }, [
      {
      action: 'customer.merge',
      customerIds: [survivorId, mergedId],
      details: { mergeId, survivorId, mergedId, repointed, filledFields, duplicateTagsRemoved: undoPatches.size },
    },
    ]);
    return {
      mergeId,
      survivorId,
      mergedId,
      repointed,
      filledFields,
      mergedAt: now,
      undoableUntil: new Date(Date.parse(now) + UNDO_DAYS * 86_400_000).toISOString(),
    };
  });
}

export interface UndoResult {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  restored: Record<GuestOwned, number>;
  restoredFields: string[];
}

/**
 * Undoes a merge within UNDO_DAYS: the documents it moved (and those redirected to the survivor
 * since) go back to the duplicate, the survivor's filled fields are emptied again unless someone
 * changed them since, and the duplicate is a guest of its own again.
 */
export async function undoMerge(db: Db, tenantId: string, userId: string, mergeId: string): Promise<UndoResult> {
  return withTenant(db, tenantId, async (tx) => {
    await lockGuestCollections(tx, tenantId);
    const [m] = await tx.query<{ survivor_id: string; merged_id: string; filled_fields: Record<string, unknown>; undone_at: Date | null; expired: boolean }>(
      `SELECT survivor_id, merged_id, filled_fields, undone_at, merged_at < now() - make_interval(days => $3) AS expired
         FROM customer_merges WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, mergeId, UNDO_DAYS],
    );
    if (!m) throw notFound('There is no such merge in this account.');
    if (m.undone_at) throw new HttpError(409, 'CONFLICT', `This merge was already undone on ${m.undone_at.toISOString()}.`);
    if (m.expired) throw new HttpError(409, 'CONFLICT', `A merge can only be undone within ${UNDO_DAYS} days; this one is older.`);
    const found = await loadCustomers(tx, tenantId, [m.survivor_id, m.merged_id]);
    const survivor = found.get(m.survivor_id)!;
    const merged = found.get(m.merged_id)!;
    if (survivor.erased_at || merged.erased_at) throw new HttpError(409, 'CONFLICT', 'The guest was erased since the merge; the merge cannot be undone.');
    if (survivor.merged_into)
      throw new HttpError(409, 'CONFLICT', `The surviving guest was itself merged into another guest (${survivor.merged_into}) since; undo that merge first.`);

    const now = new Date().toISOString();
    const restored = {} as Record<GuestOwned, number>;
    for (const c of GUEST_OWNED) {
      const rows = await tx.query<{ id: string; doc: Doc; deleted: boolean; undo_patch: Doc | null }>(
        `SELECT d.id, d.doc, d.deleted, i.undo_patch FROM ${tableOf(c)} d
           JOIN customer_merge_items i ON i.tenant_id = d.tenant_id AND i.document_id = d.id AND i.merge_id = $2 AND i.collection = $4
          WHERE d.tenant_id = $1 AND d.customer_id = $3 ORDER BY d.id`,
        [tenantId, mergeId, m.survivor_id, c satisfies CollectionName],
      );
      const patches = new Map(rows.filter((r) => r.undo_patch).map((r) => [r.id, r.undo_patch!]));
      // A duplicate tag the merge removed comes back as it was, unless someone changed it since.
      const restoreTag = (doc: Doc): Doc => {
        const patch = patches.get(String(doc.id));
        return patch && doc.removedBy === MERGE_ACTOR ? { ...doc, ...patch } : doc;
      };
      await repoint(
        tx,
        tenantId,
        c,
        rows.map(({ id, doc, deleted }) => ({ id, doc, deleted })),
        m.merged_id,
        restoreTag,
      );
      restored[c] = rows.length;
    }

    const stamp = serverStamp(survivor.doc, merged.doc);
    const survivorDoc: Doc = { ...survivor.doc, clock: { ...((survivor.doc.clock as Record<string, string>) ?? {}) } };
    const restoredFields: string[] = [];
    for (const [f, previous] of Object.entries(m.filled_fields))
      // A value someone has changed since the merge is theirs now, not the merge's.
      if (JSON.stringify(survivorDoc[f] ?? null) === JSON.stringify(merged.doc[f] ?? null)) {
        survivorDoc[f] = previous;
        (survivorDoc.clock as Record<string, string>)[f] = stamp;
        restoredFields.push(f);
      }
    const mergedDoc: Doc = { ...merged.doc, mergedInto: null, updatedAt: now, clock: { ...((merged.doc.clock as Record<string, string>) ?? {}), mergedInto: stamp } };
    if (restoredFields.length > 0) survivorDoc.updatedAt = now;
    await writeCustomers(tx, tenantId, [survivor, merged], restoredFields.length > 0 ? [survivorDoc, mergedDoc] : [mergedDoc]);

    await tx.query('UPDATE customer_merges SET undone_at = now(), undone_by = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, mergeId, userId]);
    await recordHistory(tx, tenantId, [
      { c: m.merged_id, f: 'mergedInto', o: m.survivor_id, n: null, r: 'merge-undone' },
      ...restoredFields.map((f) => ({ c: m.survivor_id, f, o: merged.doc[f], n: m.filled_fields[f], r: 'merge-undone' })),
    ]);
    await recordAudit(tx, tenantId, { userId, deviceId: null }, [
      { action: 'customer.merge.undo', customerIds: [m.survivor_id, m.merged_id], details: { mergeId, restored, restoredFields } },
    ]);
    return { mergeId, survivorId: m.survivor_id, mergedId: m.merged_id, restored, restoredFields };
  });
}
