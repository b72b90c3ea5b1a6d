import type { CollectionName } from '@cellardoor/shared';
import type { Queryable } from '../../db/driver';
import type { DocumentWrite } from '../../sync/write-documents';
import { refreshCustomerSummaries } from './customer-summaries';
import { applyDocumentSummaries, rebuildDocumentSummaries } from './document-summaries';
import { reportTimeZone } from './time-zone';

/**
 * Per-customer report summaries for the customers whose derived totals were just refreshed, or
 * every report summary of the tenant from scratch (`customerIds` null).
 */
export async function refreshReportSummaries(tx: Queryable, tenantId: string, customerIds: readonly string[] | null): Promise<void> {
  if (customerIds !== null && customerIds.length === 0) return;
  const tz = await reportTimeZone(tx, tenantId);
  await refreshCustomerSummaries(tx, tenantId, customerIds, tz);
  if (customerIds === null) await rebuildDocumentSummaries(tx, tenantId, tz);
}

/** Document-level report summaries moved by one write to a collection, in its transaction. */
export async function summariseWrites(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writes: readonly DocumentWrite[],
  previous: ReadonlyMap<string, Record<string, unknown>>,
): Promise<void> {
  if (collection !== 'orders' && collection !== 'customer_tags') return;
  // The push hands over the stored version of every document of its batch, written or not (a
  // repeat or a conflict writes nothing); only the written ones move the summaries.
  const written = new Set(writes.map((w) => String(w.doc.id)));
  const replaced = new Map([...previous].filter(([id]) => written.has(id)));
  await applyDocumentSummaries(tx, tenantId, collection, writes, replaced, await reportTimeZone(tx, tenantId));
}
