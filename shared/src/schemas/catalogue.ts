import { z } from 'zod';
import { Actor, Cents, Code, Id, Instant, Label, Timestamps } from './common';

export const PRODUCT_CATEGORIES = ['RED', 'WHITE', 'SPARKLING', 'ROSE', 'DESSERT', 'TASTING', 'MERCH'] as const;
export const EVENT_TYPES = ['SUPPLIER_TASTING', 'PUBLIC_EVENT', 'WINE_CLUB_PICKUP', 'PRIVATE_TASTING'] as const;
export const EVENT_STATUSES = ['SCHEDULED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export const STAFF_ROLES = ['OWNER', 'MANAGER', 'STAFF'] as const;

export const Venue = z.strictObject({
  id: Id,
  name: Label(120),
  timezone: z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
  taxRateBps: z.number().int().min(0).max(10_000),
  ...Timestamps,
  receiptHeader: z.string().max(500).nullable().optional(),
  address: z.string().max(300).nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  isActive: z.boolean().optional(),
});
export type Venue = z.infer<typeof Venue>;

export const Product = z.strictObject({
  id: Id,
  sku: z.string().min(1).max(64),
  name: Label(200),
  /** One of PRODUCT_CATEGORIES for wine venues; other venues may add their own. */
  category: Code,
  priceCents: Cents.min(0),
  isActive: z.boolean(),
  ...Timestamps,
  barcode: z.string().max(64).nullable().optional(),
});
export type Product = z.infer<typeof Product>;

export const Event = z
  .strictObject({
    id: Id,
    venueId: Id,
    eventType: Code,
    name: Label(200),
    startsAt: Instant,
    endsAt: Instant,
    status: z.enum(EVENT_STATUSES),
    ...Timestamps,
    autoTagAttendees: z.boolean().optional(),
    description: z.string().max(1000).nullable().optional(),
  })
  .refine((e) => Date.parse(e.endsAt) >= Date.parse(e.startsAt), { path: ['endsAt'], message: 'an event must end after it starts' });
export type Event = z.infer<typeof Event>;

export const Staff = z.strictObject({
  id: Id,
  name: Label(100),
  role: z.enum(STAFF_ROLES),
  isActive: z.boolean(),
  /** PBKDF2-SHA256 of the PIN: "pbkdf2$<iterations>$<salt b64>$<hash b64>"; never the PIN itself. */
  pinHash: z.string().max(200).nullable(),
  ...Timestamps,
  venueIds: z.array(Id).max(100).optional(),
});
export type Staff = z.infer<typeof Staff>;

export const CustomerNote = z.strictObject({
  id: Id,
  customerId: Id,
  body: z.string().min(1, 'a note must not be empty').max(4000),
  authorStaffId: Actor,
  authorName: z.string().max(100).nullable().optional(),
  deviceId: Id.nullable().optional(),
  ...Timestamps,
});
export type CustomerNote = z.infer<typeof CustomerNote>;

export const CONSENT_SOURCES = ['CHECK_IN', 'CHECKOUT', 'GUEST_PAGE', 'IMPORT', 'WEB', 'MANAGER'] as const;

export const CommunicationPreferences = z.strictObject({
  id: Id,
  customerId: Id,
  emailOptIn: z.boolean(),
  smsOptIn: z.boolean(),
  postOptIn: z.boolean(),
  doNotContact: z.boolean(),
  frequency: z.enum(['ANY', 'WEEKLY', 'MONTHLY', 'QUARTERLY']),
  topics: z.array(z.string().max(50)).max(20),
  consentSource: z.enum(CONSENT_SOURCES),
  consentCapturedAt: Instant,
  capturedBy: Actor,
  ...Timestamps,
  clock: z.record(z.string().max(64), z.string().max(120)).optional(),
});
export type CommunicationPreferences = z.infer<typeof CommunicationPreferences>;

export const SPENDING_TIERS = ['VIP', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;
export const FREQUENCY_TIERS = ['FREQUENT', 'REGULAR', 'OCCASIONAL', 'ONE_TIME', 'NONE'] as const;
export const LIFECYCLE_STAGES = ['NEW', 'ACTIVE', 'AT_RISK', 'CHURNED', 'PROSPECT'] as const;
export const LOYALTY_TIERS = ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'] as const;
export const CHURN_RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;

/** Written by the server only; the id is the customer's id. */
export const CustomerInsight = z.strictObject({
  id: Id,
  customerId: Id,
  totalRevenueCents: Cents,
  orderCount: z.number().int().min(0),
  avgOrderCents: Cents,
  firstOrderAt: Instant.nullable(),
  lastOrderAt: Instant.nullable(),
  spendingTier: z.enum(SPENDING_TIERS),
  frequencyTier: z.enum(FREQUENCY_TIERS),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  loyaltyTier: z.enum(LOYALTY_TIERS).nullable(),
  favouriteCategory: z.string().max(50).nullable(),
  favouriteEventType: z.string().max(50).nullable(),
  segments: z.array(z.string().max(120)).max(200),
  clvCents: Cents.nullable(),
  predictedClvCents: Cents.nullable(),
  churnRisk: z.enum(CHURN_RISKS).nullable(),
  computedAt: Instant,
  updatedAt: Instant,
});
export type CustomerInsight = z.infer<typeof CustomerInsight>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
