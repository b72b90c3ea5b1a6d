import MiniSearch, { type SearchResult } from 'minisearch';

/** What the index keeps of a guest: enough to show a result row without touching the database. */
export interface GuestEntry {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

export interface GuestHit extends GuestEntry {
  score: number;
}

/** A guest document as it comes from the database or a change event (only what search needs). */
export interface GuestSource {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  mergedInto?: string | null;
  erasedAt?: string | null;
  _deleted?: boolean | string;
}

/** A merged duplicate, an erased guest or a deleted document is not someone to check in. */
export function searchable(doc: GuestSource): GuestEntry | null {
  if (doc._deleted === true || doc._deleted === '1' || doc.mergedInto || doc.erasedAt) return null;
  return { id: doc.id, firstName: doc.firstName ?? '', lastName: doc.lastName ?? '', email: doc.email ?? null, phone: doc.phone ?? null };
}

/** Lower case without accents: "Müller" and "muller" are the same to someone typing on a tablet. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * A phone is found by its digits however it is typed: whole (+1 707 555 0134), without the
 * country code, the local seven digits, or the last four.
 */
function phoneTerms(phone: string): string[] {
  const d = digits(phone);
  if (d.length === 0) return [];
  const out = new Set([d]);
  if (d.length === 11 && d.startsWith('1')) out.add(d.slice(1));
  if (d.length >= 7) out.add(d.slice(-7));
  if (d.length >= 4) out.add(d.slice(-4));
  return [...out];
}

/** An email is found by its start, by its local part's pieces, and by its domain. */
function emailTerms(email: string): string[] {
  const e = fold(email);
  const [local = '', domain = ''] = e.split('@');
  return [...new Set([e, ...local.split(/[._+-]+/), domain].filter((t) => t.length > 0))];
}

function nameTerms(name: string): string[] {
  return fold(name)
    .split(/[\s'’.-]+/)
    .filter((t) => t.length > 0);
}

function termsOf(value: string, field: string): string[] {
  if (field === 'phone') return phoneTerms(value);
  if (field === 'email') return emailTerms(value);
  return nameTerms(value);
}

export function createGuestIndex(): MiniSearch<GuestEntry> {
  return new MiniSearch<GuestEntry>({
    fields: ['firstName', 'lastName', 'email', 'phone'],
    storeFields: ['firstName', 'lastName', 'email', 'phone'],
    // Fields are tokenised into their search terms here; processTerm only passes them through.
    tokenize: (text, field) => (field ? termsOf(text, field) : text.split(/\s+/)),
    processTerm: (term) => term,
    searchOptions: { boost: { lastName: 2, firstName: 1.5 } },
  });
}

/**
 * Query terms: a phone number typed with spaces or dashes is one term of digits; everything
 * else is split on spaces and folded.
 */
export function queryTerms(query: string): string[] {
  const q = query.trim();
  if (q.length === 0) return [];
  if (/^[\d\s()+.-]+$/.test(q) && digits(q).length >= 3) return [digits(q)];
  return fold(q)
    .split(/[\s,]+/)
    .map((t) => t.replace(/^[.'’-]+|[.'’-]+$/g, ''))
    .filter((t) => t.length > 0);
}

/** Fuzzy matching forgives one typo in a short word and two in a long one, never in a short prefix. */
function fuzziness(term: string): number {
  if (/\d/.test(term) || term.includes('@')) return 0;
  if (term.length < 4) return 0;
  return term.length < 7 ? 1 : 2;
}

/** Every query term must match (prefix or near miss) somewhere in the guest's name, email or phone. */
export function searchGuests(index: MiniSearch<GuestEntry>, query: string, limit = 200): GuestHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const results: SearchResult[] = index.search(
    {
      combineWith: 'AND',
      queries: terms.map((t) => ({ queries: [t], prefix: true, fuzzy: fuzziness(t), combineWith: 'OR' })),
    },
    {},
  );
  return results.slice(0, limit).map((r) => ({
    id: String(r.id),
    firstName: String(r.firstName ?? ''),
    lastName: String(r.lastName ?? ''),
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    score: r.score,
  }));
}

/** Adds, replaces or removes one guest, as a change to the database says. */
export function applyGuestChange(index: MiniSearch<GuestEntry>, doc: GuestSource): void {
  const entry = searchable(doc);
  if (index.has(doc.id)) index.discard(doc.id);
  if (entry) index.add(entry);
}

/** Guests on this device whose email (any case) or phone (same digits) is the one given. */
export function findDuplicates(index: MiniSearch<GuestEntry>, contact: { email?: string | null; phone?: string | null }): GuestHit[] {
  const out = new Map<string, GuestHit>();
  const email = contact.email?.trim() ? fold(contact.email.trim()) : null;
  const phone = contact.phone ? digits(contact.phone) : '';
  const look = (term: string, same: (r: SearchResult) => boolean) => {
    for (const r of index.search(term, { prefix: false, fuzzy: false, fields: [term.includes('@') ? 'email' : 'phone'] }))
      if (same(r) && !out.has(String(r.id)))
        out.set(String(r.id), { id: String(r.id), firstName: String(r.firstName ?? ''), lastName: String(r.lastName ?? ''), email: (r.email as string | null) ?? null, phone: (r.phone as string | null) ?? null, score: r.score });
  };
  if (email && email.includes('@')) look(email, (r) => typeof r.email === 'string' && fold(r.email) === email);
  // A phone typed without its country code is the same phone: compare the last ten digits.
  if (phone.length >= 7) look(phone, (r) => typeof r.phone === 'string' && digits(r.phone).slice(-10) === phone.slice(-10));
  return [...out.values()];
}
