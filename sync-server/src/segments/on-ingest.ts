import type { CollectionName } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { refreshSegmentFacts } from './facts';
import { lockSegmentWork, writeInsights } from './insights';
import { applyMembership, liveSegments } from './membership';
import { loadThresholds } from './thresholds';

type Doc = Record<string, unknown>;

/** Which guests a write touches, for segments: their own record, consent, tags and orders. */
function guestsOf(collection: CollectionName, writes: ReadonlyArray<{ doc: Doc }>, previous: ReadonlyMap<string, Doc>): string[] {
  const key = collection === 'customers' ? 'id' : ['orders', 'customer_tags', 'communication_preferences'].includes(collection) ? 'customerId' : null;
  if (!key) return [];
  const ids = new Set<string>();
  for (const { doc } of writes) if (typeof doc[key] === 'string') ids.add(doc[key]);
  for (const doc of previous.values()) if (typeof doc[key] === 'string') ids.add(doc[key]);
  // A merge points the merged guest at its survivor: both change.
  if (collection === 'customers') for (const { doc } of writes) if (typeof doc.mergedInto === 'string') ids.add(doc.mergedInto);
  return [...ids];
}

/**
 * Runs in the push transaction after customer_stats is current (ingest-hooks.ts): the touched
 * guests' segment facts, their membership of every live segment (entered/exited history), and
 * their customer_insights documents. Nothing is queued, so nothing can be lost: the sync commits
 * with its consequences or not at all.
 */
export async function refreshSegmentsOnIngest(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writes: ReadonlyArray<{ doc: Doc }>,
  previous: ReadonlyMap<string, Doc>,
): Promise<void> {
  const ids = guestsOf(collection, writes, previous);
  if (ids.length === 0) return;
  await refreshGuests(tx, tenantId, ids, 'sync');
}

/** The touched guests' facts, memberships and insights, as of now. */
export async function refreshGuests(tx: Queryable, tenantId: string, ids: readonly string[], reason: string): Promise<void> {
  await lockSegmentWork(tx, tenantId);
  const asOf = new Date();
  const thresholds = await loadThresholds(tx, tenantId);
  await refreshSegmentFacts(tx, tenantId, ids);
  const segments = await liveSegments(tx, tenantId);
  await applyMembership(tx, segments, { tenantId, asOf, thresholds, customerIds: ids, reason });
  await writeInsights(tx, tenantId, ids, asOf, thresholds);
}
