import { z } from 'zod';
import { Code, Id } from '../schemas/common';

/**
 * Guest import (manager console → `POST /api/v1/imports/guests`). The console parses the CSV with
 * papaparse and maps its columns onto these fields; the server validates every row on its own so
 * one bad row is reported, never half-written, and never blocks the good ones.
 *
 * Blank cells mean "not in the file": they never erase what the server already knows about a
 * matched guest. Consent columns accept booleans or the words a spreadsheet holds (yes/no,
 * true/false, y/n, 1/0).
 */

/** The most rows one request may carry; the console sends bigger files in several requests. */
export const GUEST_IMPORT_MAX_ROWS = 5_000;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'opt-in', 'opted in', 'subscribed']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'opt-out', 'opted out', 'unsubscribed']);

/** A consent cell: a boolean, or a yes/no word; blank is "not in the file". */
export const ImportConsent = z.preprocess((v) => {
  const b = blankToUndefined(v);
  if (typeof b !== 'string') return b;
  const w = b.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return b;
}, z.boolean({ error: 'must be yes or no' }).optional());

const optionalText = (schema: z.ZodString) => z.preprocess((v) => blankToUndefined(trimmed(v)), schema.optional());

export const GuestImportTag = z.strictObject({
  tagType: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), Code),
  tagValue: z.preprocess((v) => blankToUndefined(trimmed(v)) ?? null, z.string().max(200, 'must be at most 200 characters').nullable()),
});
export type GuestImportTag = z.infer<typeof GuestImportTag>;

/** One mapped CSV row. The same rules as a guest made on a tablet (shared/src/schemas/customers.ts). */
export const GuestImportRow = z.strictObject({
  firstName: z.preprocess(trimmed, z.string({ error: 'a first name is needed' }).min(1, 'a first name is needed').max(100, 'must be at most 100 characters')),
  lastName: optionalText(z.string().max(100, 'must be at most 100 characters')),
  email: optionalText(z.string().max(254, 'must be at most 254 characters').regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address')),
  phone: optionalText(z.string().max(32, 'must be at most 32 characters').regex(/^\+?[0-9 ().-]{3,31}$/, 'is not a phone number')),
  postalCode: optionalText(z.string().max(20, 'must be at most 20 characters')),
  dateOfBirth: z.preprocess((v) => blankToUndefined(trimmed(v)), z.iso.date({ error: 'must be a date like 1980-04-23' }).optional()),
  emailOptIn: ImportConsent,
  smsOptIn: ImportConsent,
  tags: z.array(GuestImportTag).max(50).optional(),
});
export type GuestImportRow = z.infer<typeof GuestImportRow>;

export const GuestImportRequest = z.strictObject({
  /** Where the rows came from, e.g. the file name ("mailchimp-2026-11.csv"); kept in the audit. */
  source: z.string().trim().min(1, 'say where the rows came from').max(200),
  /** Validate and match only: report what would happen, write nothing. */
  dryRun: z.boolean().default(false),
  /** Each row is validated by the server on its own, so bad rows come back as `errors`. */
  rows: z.array(z.record(z.string(), z.unknown())).min(1, 'the file has no rows').max(GUEST_IMPORT_MAX_ROWS),
});
export type GuestImportRequest = z.input<typeof GuestImportRequest>;

export const GUEST_IMPORT_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED', 'ERROR'] as const;
export type GuestImportOutcome = (typeof GUEST_IMPORT_OUTCOMES)[number];

export const GuestImportRowError = z.object({
  /** 1-based position in `rows` (add the header line yourself to show a spreadsheet line). */
  row: z.number().int().min(1),
  /** The field at fault, e.g. `email` or `tags.0.tagType`. */
  field: z.string(),
  message: z.string(),
});
export type GuestImportRowError = z.infer<typeof GuestImportRowError>;

export const GuestImportRowResult = z.object({
  row: z.number().int().min(1),
  outcome: z.enum(GUEST_IMPORT_OUTCOMES),
  /** The guest the row created or matched; null for an error row (and for CREATED in a dry run it is the id it would get). */
  customerId: Id.nullable(),
  /** For a matched row: what it matched on. */
  matchedOn: z.enum(['email', 'phone']).nullable().optional(),
});
export type GuestImportRowResult = z.infer<typeof GuestImportRowResult>;

export const GuestImportResponse = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  /** Rows that matched an existing guest (by email, case-insensitive, or normalised phone): updated + unchanged. */
  matched: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(GuestImportRowError),
  rows: z.array(GuestImportRowResult),
});
export type GuestImportResponse = z.infer<typeof GuestImportResponse>;
