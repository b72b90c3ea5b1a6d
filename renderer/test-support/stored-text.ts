/**
 * Finding a guest's personal data in what a tablet stores, without false alarms from bookkeeping.
 *
 * Personal data is always text in our documents (a postal code or phone number is a string), while
 * RxDB's bookkeeping is full of numbers: every record's `_meta.lwt` is a millisecond timestamp such
 * as 1795473954012.01, which contains the digits of a postal code like 95401 now and then. A search
 * over the raw JSON therefore failed at random. Only strings (and object keys) are searched, and a
 * needle must stand on its own: not inside a longer run of letters or digits (a hex id or revision).
 */

/** Every string value and object key inside a stored record. */
export function storedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) storedStrings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      storedStrings(v, out);
    }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the text holds the needle as a whole (case-insensitive; not part of a longer word or number). */
export function holdsNeedle(text: string, needle: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** The needles a stored record holds as personal data. */
export function needlesIn(record: unknown, needles: readonly string[]): string[] {
  const strings = storedStrings(record);
  return needles.filter((n) => strings.some((s) => holdsNeedle(s, n)));
}
