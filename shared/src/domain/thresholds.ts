import { z } from 'zod';

/**
 * Per-tenant thresholds of the built-in segments. Money in cents, durations in days.
 * Defaults are the design's: VIP > $1000, High $500–1000, Medium $100–500, Low < $100;
 * frequent > 10 sales, regular 5–10, occasional 2–4, one-time 1; new < 30 days since the first
 * sale, active < 90 days since the last, at risk 90–180, churned > 180.
 */
export const SegmentThresholds = z
  .object({
    spending: z.object({
      vipAboveCents: z.number().int().min(0),
      highFromCents: z.number().int().min(0),
      mediumFromCents: z.number().int().min(0),
    }),
    frequency: z.object({
      frequentAbove: z.number().int().min(1),
      regularFrom: z.number().int().min(1),
      occasionalFrom: z.number().int().min(1),
    }),
    lifecycle: z.object({
      newWithinDays: z.number().int().min(1),
      activeWithinDays: z.number().int().min(1),
      atRiskUpToDays: z.number().int().min(1),
    }),
  })
  .refine((t) => t.spending.vipAboveCents >= t.spending.highFromCents && t.spending.highFromCents >= t.spending.mediumFromCents, {
    message: 'spending thresholds must rise from medium to high to VIP',
  })
  .refine((t) => t.frequency.frequentAbove >= t.frequency.regularFrom && t.frequency.regularFrom >= t.frequency.occasionalFrom, {
    message: 'frequency thresholds must rise from occasional to regular to frequent',
  })
  .refine((t) => t.lifecycle.atRiskUpToDays >= t.lifecycle.activeWithinDays, {
    message: 'the at-risk window must end after the active window',
  });
export type SegmentThresholds = z.infer<typeof SegmentThresholds>;

export const DEFAULT_THRESHOLDS: SegmentThresholds = {
  spending: { vipAboveCents: 100_000, highFromCents: 50_000, mediumFromCents: 10_000 },
  frequency: { frequentAbove: 10, regularFrom: 5, occasionalFrom: 2 },
  lifecycle: { newWithinDays: 30, activeWithinDays: 90, atRiskUpToDays: 180 },
};
