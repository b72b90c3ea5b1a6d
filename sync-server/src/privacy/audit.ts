import type { CollectionName } from '@cellardoor/shared';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/driver';

type Doc = Record<string, unknown>;

/**
 * The audit log of who read or changed a guest's personal data: a person (user) or a tablet
 * (device), what (action, fields, counts; never the values themselves, so the log holds no PII
 * and survives erasure), when. Append-only for the application role (migration 050).
 */
export type AuditAction =
  | 'customer.read'
  | 'customer.history.read'
  | 'customer.duplicates.read'
  | 'customer.merge'
  | 'customer.merge.undo'
  | 'customer.export.create'
  | 'customer.export.download'
  | 'customer.erase'
  | 'customer.list.read'
  | 'customer.import'
  | 'sync.push'
  | 'sync.pull'
  | 'device.revoke';

export interface AuditActor {
  userId: string | null;
  deviceId: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  /** The guest the entry is about, when it is about exactly one. */
  customerId?: string | null;
  /** Every guest it concerns (a pull page or a list names many). */
  customerIds?: readonly string[];
  details?: Record<string, unknown>;
}

export function actorOf(p: Principal | null): AuditActor {
  if (!p) return { userId: null, deviceId: null };
  return p.kind === 'user' ? { userId: p.userId, deviceId: null } : { userId: null, deviceId: p.deviceId };
}

/** Writes audit entries in one statement, inside the caller's transaction. */
export async function recordAudit(tx: Queryable, tenantId: string, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => {
    const ids = e.customerIds ?? (e.customerId ? [e.customerId] : []);
    return { a: e.action, c: e.customerId ?? (ids.length === 1 ? ids[0] : null), ids, d: e.details ?? {} };
  });
  await tx.query(
    `INSERT INTO audit_log (tenant_id, actor_user, actor_device, action, customer_id, customer_ids, details)
     SELECT $1, $2::uuid, $3::uuid, e->>'a', (e->>'c')::uuid,
            ARRAY(SELECT jsonb_array_elements_text(e->'ids'))::uuid[], e->'d'
       FROM jsonb_array_elements($4::jsonb) AS e`,
    [tenantId, actor.userId, actor.deviceId, JSON.stringify(rows)],
  );
}

/** Collections holding a guest's personal data, whose reads and changes by sync are audited. */
export const PII_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['customers', 'customer_notes', 'communication_preferences']);

const guestOf = (collection: CollectionName, doc: Doc) => String(collection === 'customers' ? doc.id : doc.customerId);

const BOOKKEEPING = new Set(['id', 'clock', 'updatedAt', 'createdAt']);

/** The names of the fields a write changed (all of them for a new document). */
function changedFields(before: Doc | undefined, after: Doc): string[] {
  const keys = new Set([...Object.keys(after), ...Object.keys(before ?? {})]);
  return [...keys].filter((k) => !BOOKKEEPING.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}

/** One audit entry per guest document a device's push changed. */
export async function auditSyncWrites(
  tx: Queryable,
  tenantId: string,
  deviceId: string | null,
  collection: CollectionName,
  writes: ReadonlyArray<{ doc: Doc; deleted: boolean }>,
  previous: ReadonlyMap<string, Doc>,
): Promise<void> {
  if (!PII_COLLECTIONS.has(collection) || writes.length === 0) return;
  const entries: AuditEntry[] = writes.map(({ doc, deleted }) => {
    const before = previous.get(String(doc.id));
    return {
      action: 'sync.push',
      customerId: guestOf(collection, doc),
      details: { collection, documentId: doc.id, created: before === undefined, deleted, fields: changedFields(before, doc) },
    };
  });
  await recordAudit(tx, tenantId, { userId: null, deviceId }, entries);
}

/** One audit entry per pull page that handed a device guests' personal data (count and ids). */
export async function auditPullPage(tx: Queryable, tenantId: string, deviceId: string, collection: CollectionName, docs: readonly Doc[]): Promise<void> {
  if (!PII_COLLECTIONS.has(collection) || docs.length === 0) return;
  const ids = [...new Set(docs.map((d) => guestOf(collection, d)))];
  await recordAudit(tx, tenantId, { userId: null, deviceId }, [
    { action: 'sync.pull', customerIds: ids, details: { collection, documents: docs.length, customers: ids.length } },
  ]);
}
