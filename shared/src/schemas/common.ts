import { z } from 'zod';

/** Document ids: UUIDs made on the device (v7 for our own documents; imports may carry others). */
export const Id = z.uuid({ error: 'must be a UUID' });
export const IdRef = Id.nullable();

/** ISO-8601 instant with an explicit offset (the workload writes UTC with milliseconds). */
export const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' });

/** Whole cents, bounded far above any real sale so sums stay exact. */
export const Cents = z
  .number({ error: 'must be a number of cents' })
  .int({ error: 'must be a whole number of cents' })
  .min(-100_000_000_000)
  .max(100_000_000_000);

/** A short human label. */
export const Label = (max: number) => z.string().max(max).regex(/\S/, 'must not be empty');

/** A code such as a tag type (WINE_CLUB) or an event type (PUBLIC_EVENT). */
export const Code = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE letters, digits and underscores');

/** Who made a document: a staff id or a short name; the workload writes staff UUIDs. */
export const Actor = z.string().min(1).max(64);

/** Per-field hybrid-logical-clock stamps for field-wise last-writer-wins documents. */
export const FieldClock = z.record(z.string().max(64), z.string().max(120));

/** Fields every replicated document has. */
export const Timestamps = {
  createdAt: Instant,
  updatedAt: Instant,
};
