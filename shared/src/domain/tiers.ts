import type { FREQUENCY_TIERS, LIFECYCLE_STAGES, SPENDING_TIERS } from '../schemas';
import type { SegmentThresholds } from './thresholds';

export type SpendingTier = (typeof SPENDING_TIERS)[number];
export type FrequencyTier = (typeof FREQUENCY_TIERS)[number];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

const DAY_MS = 86_400_000;

/**
 * The same rules the server writes as SQL (sync-server/src/calculations); this copy lets the
 * device label a guest straight after a sale while offline, and the tests compare the two.
 */
export function spendingTier(revenueCents: number, saleCount: number, t: SegmentThresholds): SpendingTier {
  if (saleCount === 0) return 'NONE';
  if (revenueCents > t.spending.vipAboveCents) return 'VIP';
  if (revenueCents >= t.spending.highFromCents) return 'HIGH';
  if (revenueCents >= t.spending.mediumFromCents) return 'MEDIUM';
  return 'LOW';
}

export function frequencyTier(saleCount: number, t: SegmentThresholds): FrequencyTier {
  if (saleCount === 0) return 'NONE';
  if (saleCount > t.frequency.frequentAbove) return 'FREQUENT';
  if (saleCount >= t.frequency.regularFrom) return 'REGULAR';
  if (saleCount >= t.frequency.occasionalFrom) return 'OCCASIONAL';
  return 'ONE_TIME';
}

export function lifecycleStage(firstSaleMs: number | null, lastSaleMs: number | null, asOfMs: number, t: SegmentThresholds): LifecycleStage {
  if (firstSaleMs === null || lastSaleMs === null) return 'PROSPECT';
  if (asOfMs - firstSaleMs < t.lifecycle.newWithinDays * DAY_MS) return 'NEW';
  const sinceLast = asOfMs - lastSaleMs;
  if (sinceLast < t.lifecycle.activeWithinDays * DAY_MS) return 'ACTIVE';
  if (sinceLast <= t.lifecycle.atRiskUpToDays * DAY_MS) return 'AT_RISK';
  return 'CHURNED';
}
