import { PREFERENCE_MERGE_FIELDS } from '@cellardoor/shared';
import { serverStamp } from '../customers/server-clock';
import { GUEST_OWNED, type GuestOwned } from '../customers/ingest-corrections';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, notFound } from '../http/errors';
import { afterWrite } from '../sync/ingest-hooks';
import { tableOf } from '../sync/tables';
import { type DocumentWrite, lockCollection, writeDocuments } from '../sync/write-documents';
import { CUSTOMER_PII_FIELDS, anonymisedCustomer, scrubForErasedGuest } from './anonymise';
import { recordAudit } from './audit';

type Doc = Record<string, unknown>;

export interface ErasureResult {
  customerId: string;
  erasedAt: string;
  /** The guest and every duplicate record merged into them: one person. */
  erasedCustomers: string[];
  /** Sales kept, anonymously, so revenue figures do not change. */
  ordersKept: number;
  documentsScrubbed: Record<GuestOwned, number>;
}

async function writeChanged(tx: Queryable, tenantId: string, collection: GuestOwned | 'customers', before: Array<{ id: string; doc: Doc; deleted: boolean }>, change: (d: Doc) => Doc): Promise<number> {
  const writes: DocumentWrite[] = [];
  for (const r of before) {
    const doc = change(structuredClone(r.doc));
    if (JSON.stringify(doc) !== JSON.stringify(r.doc)) writes.push({ doc, deleted: r.deleted });
  }
  if (writes.length === 0) return 0;
  await writeDocuments(tx, tenantId, collection, writes, null);
  await afterWrite(tx, tenantId, collection, writes, new Map(before.map((r) => [r.id, r.doc])), null);
  return writes.length;
}

/**
 * Erases a guest's personal data on request (GDPR/CCPA), irreversibly, in one transaction:
 * the record becomes "Erased guest" with no contact details, notes lose their text, consent is
 * withdrawn, free-text notes on tags and sales go, history values and export archives are
 * removed. Every change goes through writeDocuments, so each tablet replaces its copy on its next
 * sync; the sales stay, anonymously, so revenue figures do not move.
 */
export async function eraseGuest(db: Db, tenantId: string, userId: string, customerId: string): Promise<ErasureResult> {
  return withTenant(db, tenantId, async (tx) => {
    for (const c of ['customers', ...GUEST_OWNED] as const) await lockCollection(tx, tenantId, c);
    const [guest] = await tx.query<{ deleted: boolean; merged_into: string | null; erased_at: Date | null }>(
      'SELECT deleted, merged_into, erased_at FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenantId, customerId],
    );
    if (!guest || guest.deleted) throw notFound('There is no such guest in this account.');
    if (guest.erased_at) throw new HttpError(409, 'CONFLICT', `This guest's personal data was already erased on ${guest.erased_at.toISOString()}.`);
    if (guest.merged_into)
      throw new HttpError(409, 'CONFLICT', `This record was merged into guest ${guest.merged_into}; erase that guest, which erases this record too.`);

    const customers = await tx.query<{ id: string; doc: Doc; deleted: boolean }>(
      `WITH RECURSIVE family AS (
         SELECT id FROM customers WHERE tenant_id = $1 AND id = $2
         UNION SELECT c.id FROM customers c JOIN family f ON c.tenant_id = $1 AND c.merged_into = f.id
       )
       SELECT c.id, c.doc, c.deleted FROM customers c JOIN family f ON f.id = c.id WHERE c.tenant_id = $1 ORDER BY c.id`,
      [tenantId, customerId],
    );
    const ids = customers.map((c) => c.id);
    const now = new Date().toISOString();
    const stamp = serverStamp(...customers.map((c) => c.doc));
    await writeChanged(tx, tenantId, 'customers', customers, (d) => anonymisedCustomer(d, stamp, now));

    const documentsScrubbed = {} as Record<GuestOwned, number>;
    let ordersKept = 0;
    for (const c of GUEST_OWNED) {
      const rows = await tx.query<{ id: string; doc: Doc; deleted: boolean }>(
        `SELECT id, doc, deleted FROM ${tableOf(c)} WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY id`,
        [tenantId, ids],
      );
      if (c === 'orders') ordersKept = rows.length;
      documentsScrubbed[c] = await writeChanged(tx, tenantId, c, rows, (d) => {
        scrubForErasedGuest(c, d);
        if (c === 'communication_preferences') {
          // Stamped like the customer record, so no tablet's stale copy brings consent back.
          d.clock = { ...((d.clock as Record<string, string> | undefined) ?? {}), ...Object.fromEntries(PREFERENCE_MERGE_FIELDS.map((f) => [f, stamp])) };
          d.updatedAt = now;
        }
        return d;
      });
    }

    // Values kept in history (losing edits, merge fills) are the guest's data too.
    await tx.query(
      `UPDATE customer_history SET old_value = NULL, new_value = NULL
        WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND field = ANY($3::text[])`,
      [tenantId, ids, [...CUSTOMER_PII_FIELDS]],
    );
    await tx.query(
      `INSERT INTO customer_history (tenant_id, customer_id, field, old_value, new_value, reason)
       SELECT $1, c, 'erasedAt', NULL, to_jsonb($3::text), 'erased' FROM unnest($2::uuid[]) AS c`,
      [tenantId, ids, now],
    );
    await tx.query(
      `UPDATE customer_exports SET archive = NULL, status = 'ERASED' WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    await tx.query(
      `DELETE FROM customer_export_links l USING customer_exports e
        WHERE e.tenant_id = $1 AND l.tenant_id = $1 AND l.export_id = e.id AND e.customer_id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    await recordAudit(tx, tenantId, { userId, deviceId: null }, [
      { action: 'customer.erase', customerIds: ids, details: { customerId, ordersKept, documentsScrubbed } },
    ]);
    return { customerId, erasedAt: now, erasedCustomers: ids, ordersKept, documentsScrubbed };
  });
}
