import { formatCents } from '@cellardoor/shared';

export const money = (cents: number, currency = 'USD') => formatCents(cents, currency);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : '—');

/** "3 minutes ago", for sync times. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return formatDateTime(iso);
}

/** "1 document", "3 documents". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Codes written as initials stay capitals ("VIP", not "Vip"). */
const INITIALISMS = new Set(['VIP', 'SMS']);

/** A code as words for people: "AT_RISK" → "At risk", "WINE_CLUB_PICKUP" → "Wine club pickup", "VIP" → "VIP". */
export function humanise(code: string): string {
  if (INITIALISMS.has(code)) return code;
  return code
    .split('_')
    .map((word, i) => (INITIALISMS.has(word) ? word : i === 0 ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()))
    .join(' ');
}

/**
 * A validation message as a sentence about a field: a predicate ("must be at most 20
 * characters", "is not an email address") gets the field's name as its subject; a message that
 * names its subject ("a first name is needed") stands on its own.
 */
export function fieldSentence(field: string, message: string): string {
  const predicate = /^(is|must|should|has|was|cannot|can't|does)\b/.test(message);
  const text = predicate ? `${field} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
