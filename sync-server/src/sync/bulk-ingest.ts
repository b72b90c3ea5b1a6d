import type { CollectionName } from '@cellardoor/shared';
import { advanceHorizon, refreshCustomerDerived } from '../calculations/customer-derived';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { validateBatch } from './push';
import { recordOrderLines } from './ingest-hooks';
import { type DocumentWrite, writeDocuments } from './write-documents';

/**
 * Loads new documents in bulk (an import of a venue's history, the benchmark's scaled-up data):
 * validated like a push and written through the same write path and order-line extraction, but
 * the per-customer calculations are left to one set-based recompute at the end (`finishBulkIngest`),
 * which is far cheaper than refreshing customers batch by batch. Documents must be new: a bulk
 * load does not merge with existing versions.
 */
export async function bulkIngest(db: Db, tenantId: string, collection: CollectionName, docs: readonly Record<string, unknown>[]): Promise<void> {
  const rows = validateBatch(collection, docs.map((d) => ({ newDocumentState: d, assumedMasterState: null })));
  const writes: DocumentWrite[] = rows.map((r) => ({ doc: r.doc, deleted: r.deleted }));
  await withTenant(db, tenantId, async (tx) => {
    await writeDocuments(tx, tenantId, collection, writes, null);
    if (collection === 'orders') await recordOrderLines(tx, tenantId, writes);
  });
}

/** Recomputes every derived table of the tenant from scratch and moves its data horizon to `latest`. */
export async function finishBulkIngest(db: Db, tenantId: string, latest: string | null): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    await tx.query(`SELECT set_config('statement_timeout', '0', true)`);
    await refreshCustomerDerived(tx, tenantId, null);
    await advanceHorizon(tx, tenantId, latest);
  });
}
