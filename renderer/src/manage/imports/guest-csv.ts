import type { GuestImportRow } from '@cellardoor/shared';
import Papa from 'papaparse';

/** What a column of the file can be; `tags` holds "WINE_CLUB:GOLD; VIP" style cells. */
export const IMPORT_FIELDS = [
  { key: 'firstName', label: 'First name', words: ['firstname', 'first', 'givenname', 'forename', 'fname', 'name'] },
  { key: 'lastName', label: 'Last name', words: ['lastname', 'last', 'surname', 'familyname', 'lname'] },
  { key: 'email', label: 'Email', words: ['email', 'emailaddress', 'mail', 'e-mail'] },
  { key: 'phone', label: 'Phone', words: ['phone', 'phonenumber', 'mobile', 'cell', 'telephone', 'tel'] },
  { key: 'postalCode', label: 'Postal code', words: ['postalcode', 'postcode', 'zip', 'zipcode', 'postal'] },
  { key: 'dateOfBirth', label: 'Date of birth', words: ['dateofbirth', 'dob', 'birthday', 'birthdate'] },
  { key: 'emailOptIn', label: 'Email consent', words: ['emailoptin', 'emailconsent', 'acceptsemail', 'marketingemail', 'subscribed', 'newsletter', 'optin'] },
  { key: 'smsOptIn', label: 'SMS consent', words: ['smsoptin', 'smsconsent', 'acceptssms', 'textoptin', 'sms'] },
  { key: 'tags', label: 'Tags', words: ['tags', 'tag', 'labels', 'segments'] },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];

/** Which file column feeds each field ('' = none). */
export type ColumnMapping = Record<ImportField, string>;

export interface ParsedFile {
  name: string;
  headers: string[];
  rows: Array<Record<string, string>>;
  problems: string[];
}

const squash = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether the text read from a file is not text at all (a picture, a spreadsheet's own .xlsx
 * format): NUL bytes, or mostly bytes that are not UTF-8 (read as U+FFFD). A CSV saved in an
 * older encoding has a few of those (its accented letters) and is still read.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  return sample.includes('\u0000') || (sample.match(/\uFFFD/g)?.length ?? 0) > sample.length / 10;
}

export function parseGuestCsv(name: string, text: string): ParsedFile {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const problems = result.errors.slice(0, 5).map((e) => (e.row !== undefined ? `Line ${e.row + 2}: ${e.message}` : e.message));
  return { name, headers: (result.meta.fields ?? []).filter((h) => h !== ''), rows: result.data, problems };
}

/** Guesses each field's column from the headers; a header is used once, exact names first. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const used = new Set<string>();
  const mapping = {} as ColumnMapping;
  for (const f of IMPORT_FIELDS) {
    const words = f.words as readonly string[];
    const hit = headers.find((h) => !used.has(h) && squash(h) === squash(f.key)) ?? headers.find((h) => !used.has(h) && words.includes(squash(h)));
    mapping[f.key] = hit ?? '';
    if (hit) used.add(hit);
  }
  return mapping;
}

/** "WINE_CLUB:GOLD; VIP" → [{tagType: 'WINE_CLUB', tagValue: 'GOLD'}, {tagType: 'VIP', tagValue: null}]. */
export function parseTags(cell: string): GuestImportTag[] {
  return cell
    .split(/[;,|]/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const [type, ...value] = t.split(/[:=]/);
      const v = value.join(':').trim();
      return { tagType: type!.trim().toUpperCase().replace(/[\s-]+/g, '_'), tagValue: v ? v.toUpperCase().replace(/[\s-]+/g, '_') : null };
    });
}
type GuestImportTag = NonNullable<GuestImportRow['tags']>[number];

/** One file row as the import API takes it: only mapped fields; the server validates each cell. */
export function mapRow(row: Record<string, string>, mapping: ColumnMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f.key];
    if (!col) continue;
    const cell = row[col] ?? '';
    if (f.key === 'tags') {
      const tags = parseTags(cell);
      if (tags.length > 0) out.tags = tags;
    } else out[f.key] = cell;
  }
  return out;
}
