import { z } from 'zod';
import { Actor, FieldClock, Id, IdRef, Instant, Timestamps } from './common';

export const Customer = z.strictObject({
  id: Id,
  email: z.string().max(254, 'must be at most 254 characters').regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address').nullable(),
  phone: z.string().max(32, 'must be at most 32 characters').regex(/^\+?[0-9 ().-]{3,31}$/, 'must be a phone number').nullable(),
  firstName: z.string().min(1, 'a first name is needed').max(100, 'must be at most 100 characters'),
  lastName: z.string().max(100, 'must be at most 100 characters'),
  postalCode: z.string().max(20, 'must be at most 20 characters').nullable(),
  dateOfBirth: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).nullable(),
  emailOptIn: z.boolean(),
  smsOptIn: z.boolean(),
  ...Timestamps,
  createdByDevice: IdRef.optional(),
  createdByStaff: Actor.nullable().optional(),
  /** Set when a manager merged this guest into another; the survivor owns their history. */
  mergedInto: IdRef.optional(),
  /** Set once the guest's personal data was erased on request; the record stays for revenue. */
  erasedAt: Instant.nullable().optional(),
  /** Per-field clock stamps: both sides' edits to different fields survive a sync. */
  clock: FieldClock.optional(),
});
export type Customer = z.infer<typeof Customer>;

/** Fields merged one by one under the field-wise last-writer-wins rule. */
export const CUSTOMER_MERGE_FIELDS = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'postalCode',
  'dateOfBirth',
  'emailOptIn',
  'smsOptIn',
  'mergedInto',
  'erasedAt',
] as const satisfies readonly (keyof Customer)[];
