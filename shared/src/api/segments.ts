import { z } from 'zod';
import { Id, Instant } from '../schemas/common';
import { SegmentThresholds } from '../domain/thresholds';
import { SegmentRuleSchema } from '../segments/rule';

/** Request and response shapes of `/api/v1/segments/*`, shared by the server and the manager console. */

export const SegmentName = z.string().trim().min(1, 'a segment needs a name').max(120, 'a name is at most 120 characters');

export const CreateSegmentRequest = z.strictObject({
  name: SegmentName,
  description: z.string().trim().max(1000).nullable().optional(),
  rule: SegmentRuleSchema,
});
export type CreateSegmentRequest = z.input<typeof CreateSegmentRequest>;

export const UpdateSegmentRequest = z.strictObject({
  name: SegmentName.optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  rule: SegmentRuleSchema.optional(),
});
export type UpdateSegmentRequest = z.input<typeof UpdateSegmentRequest>;

export const PreviewSegmentRequest = z.strictObject({ rule: SegmentRuleSchema });
export type PreviewSegmentRequest = z.input<typeof PreviewSegmentRequest>;

export const SegmentSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  rule: z.unknown(),
  memberCount: z.number().int(),
  lastCalculatedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const SegmentMember = z.object({
  customerId: Id,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  emailOptIn: z.boolean(),
  smsOptIn: z.boolean(),
  revenueCents: z.number().int(),
  orderCount: z.number().int(),
  lastOrderAt: Instant.nullable(),
  /** When the guest entered the segment (absent in a preview). */
  enteredAt: Instant.nullable(),
});
export type SegmentMember = z.infer<typeof SegmentMember>;

export const MembersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const MembersResponse = z.object({ total: z.number().int(), members: z.array(SegmentMember) });
export type MembersResponse = z.infer<typeof MembersResponse>;

export const PreviewResponse = z.object({ count: z.number().int(), sample: z.array(SegmentMember).max(20) });
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const RecalculateResponse = z.object({ memberCount: z.number().int(), entered: z.number().int(), exited: z.number().int() });
export type RecalculateResponse = z.infer<typeof RecalculateResponse>;

export const SegmentHistoryEntry = z.object({
  customerId: Id,
  change: z.enum(['ENTERED', 'EXITED']),
  at: Instant,
  /** What caused it: a sync, a recalculation, a rule change. */
  reason: z.string(),
});
export const HistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export const HistoryResponse = z.object({ total: z.number().int(), entries: z.array(SegmentHistoryEntry) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const ExportQuery = z.strictObject({
  /** Which channel the list is for: only guests reachable and consenting on it. Without it, any marketing consent. */
  channel: z.enum(['email', 'sms']).optional(),
  /** Include guests without marketing consent (for a non-marketing purpose the manager answers for). */
  includeWithoutConsent: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const BuiltInQuery = z.strictObject({ asOf: Instant.optional() });
/** Counts per family and key: `spendingTier.VIP`, `frequencyTier.ONE_TIME`, `lifecycle.AT_RISK`, `favouriteCategory.RED`, `favouriteEventType.PUBLIC_EVENT`, … (`.NONE` for guests without one). */
export const BuiltInResponse = z.object({
  asOf: Instant,
  thresholds: SegmentThresholds,
  counts: z.record(z.string(), z.number().int()),
});
export type BuiltInResponse = z.infer<typeof BuiltInResponse>;

export const SettingsResponse = z.object({
  thresholds: SegmentThresholds,
  updatedAt: Instant.nullable(),
  updatedBy: z.string().nullable(),
  history: z.array(z.object({ at: Instant, changedBy: z.string().nullable(), previous: SegmentThresholds.nullable(), thresholds: SegmentThresholds })),
});
export type SettingsResponse = z.infer<typeof SettingsResponse>;
