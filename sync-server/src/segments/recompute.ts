import type { Queryable } from '../db/driver';
import { refreshCustomerDerived } from '../calculations/customer-derived';
import { roomForTenantWideWork } from '../calculations/replace-rows';
import { refreshSegmentFacts } from './facts';
import { lockSegmentWork, writeInsights } from './insights';
import { type MembershipChange, applyMembership, liveSegments } from './membership';
import { loadThresholds } from './thresholds';

export interface FullRecompute {
  segments: MembershipChange[];
  insightsWritten: number;
  seconds: { derived: number; facts: number; membership: number; insights: number };
}

/**
 * Everything segments depend on, from the documents, for a whole tenant: tag revenue and
 * customer_stats (calculations/customer-derived.ts), segment facts, every live segment's
 * membership and every guest's insight. Time-relative rules (lifecycle, "last 30 days") drift
 * as days pass without a sync, so this also runs on demand and from the CLI on a schedule.
 */
export async function recomputeSegments(tx: Queryable, tenantId: string, opts: { derived?: boolean; asOf?: Date } = {}): Promise<FullRecompute> {
  const asOf = opts.asOf ?? new Date();
  const t = (since: number) => (performance.now() - since) / 1000;
  await roomForTenantWideWork(tx);
  let at = performance.now();
  if (opts.derived !== false) await refreshCustomerDerived(tx, tenantId, null);
  const derived = t(at);
  await lockSegmentWork(tx, tenantId);
  const thresholds = await loadThresholds(tx, tenantId);
  at = performance.now();
  await refreshSegmentFacts(tx, tenantId, null);
  const facts = t(at);
  at = performance.now();
  const segments = await liveSegments(tx, tenantId);
  const { changes } = await applyMembership(tx, segments, { tenantId, asOf, thresholds, customerIds: null, reason: 'recalculate' }, { markCalculated: true });
  const membership = t(at);
  at = performance.now();
  const insightsWritten = await writeInsights(tx, tenantId, null, asOf, thresholds);
  return { segments: changes, insightsWritten, seconds: { derived, facts, membership, insights: t(at) } };
}
