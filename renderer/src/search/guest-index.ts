import { digits, emailTerms, fold, fuzziness, nameTerms, phoneTerms, queryTerms } from './guest-terms';
import { type Postings, TermDictionary } from './term-dictionary';

export { fold, queryTerms } from './guest-terms';

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

const FIRST = 0;
const LAST = 1;
const EMAIL = 2;
const PHONE = 3;
/** A surname is what people give at a counter; a first name next; contact details after. */
const BOOST = [1.5, 2, 1, 1];
/** A misspelt word counts for less than one typed right. */
const FUZZY_WEIGHT = 0.45;

/**
 * The guest index: a sorted dictionary of every term (names, email pieces, phone digits), each
 * with the guests it occurs in. A guest that changes gets a fresh slot and its old slot is left
 * dead (skipped by lookups) until dead slots are a third of the index, when it is rebuilt: a
 * change never has to find and remove its old terms one by one.
 */
export class GuestIndex {
  private dict = new TermDictionary();
  private entries: Array<GuestEntry | null> = [];
  /** Folded "last first" per slot: the order among equally good matches. */
  private sortKeys: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private dead = 0;
  private epoch = 0;
  private passed = new Int32Array(0);
  private best = new Float64Array(0);
  private total = new Float64Array(0);

  get documentCount(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  add(entry: GuestEntry): void {
    if (this.slotOf.has(entry.id)) this.remove(entry.id);
    const slot = this.entries.length;
    this.entries.push(entry);
    this.sortKeys.push(fold(`${entry.lastName} ${entry.firstName}`));
    this.slotOf.set(entry.id, slot);
    const put = (terms: string[], field: number) => {
      for (const t of terms) this.dict.add(t, slot * 4 + field);
    };
    put(nameTerms(entry.firstName), FIRST);
    put(nameTerms(entry.lastName), LAST);
    if (entry.email) put(emailTerms(entry.email), EMAIL);
    if (entry.phone) put(phoneTerms(entry.phone), PHONE);
  }

  addAll(entries: Iterable<GuestEntry>): void {
    for (const e of entries) this.add(e);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.entries[slot] = null;
    this.dead += 1;
    if (this.dead > 1000 && this.dead * 3 > this.entries.length) this.rebuild();
  }

  /** Readies the index for its first query (sorts the terms of a bulk load once, up front). */
  settle(): void {
    this.dict.settle();
  }

  entry(slot: number): GuestEntry | null {
    return this.entries[slot] ?? null;
  }

  /** Where exactly this term occurs (`slot * 4 + field`; dead slots included). */
  termCodes(term: string): readonly number[] {
    return this.dict.get(term)?.codes ?? [];
  }

  /** Every guest matching all query terms, best first; `total` counts them all. */
  search(query: string, limit: number): { hits: GuestHit[]; total: number } {
    // Longest term first: it matches the fewest guests, so later terms only narrow a short list.
    const terms = queryTerms(query).sort((a, b) => b.length - a.length);
    if (terms.length === 0) return { hits: [], total: 0 };
    this.scratch();
    const base = this.epoch + 1;
    this.epoch += terms.length + 1;
    let found: number[] = [];
    terms.forEach((term, k) => {
      found = this.match(term, k, base);
    });
    return { hits: this.top(found, limit), total: found.length };
  }

  /** Guests (slots) that matched terms 0..k-1 and match term k, with their summed scores. */
  private match(term: string, k: number, base: number): number[] {
    const touched: number[] = [];
    const mine = base + k;
    const { entries, passed, best } = this;
    const visit = (p: Postings, weight: number) => {
      const codes = p.codes;
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!;
        const slot = code >>> 2;
        if (entries[slot] === null) continue;
        const w = weight * BOOST[code & 3]!;
        const seen = passed[slot]!;
        if (seen === mine) {
          if (w > best[slot]!) best[slot] = w;
        } else if (k === 0 || seen === mine - 1) {
          passed[slot] = mine;
          best[slot] = w;
          touched.push(slot);
        }
      }
    };
    // A prefix counts for less the more of the word is still untyped.
    const run = this.dict.withPrefix(term);
    for (let i = run.from; i < run.to; i++) {
      const p = run.terms[i]!;
      visit(p, term.length / (term.length + 0.3 * (p.term.length - term.length)));
    }
    const fuzz = fuzziness(term);
    if (fuzz > 0) this.dict.near(term, fuzz, (p, d) => visit(p, (FUZZY_WEIGHT * term.length) / (term.length + d)));
    for (const slot of touched) this.total[slot] = (k === 0 ? 0 : this.total[slot]!) + this.best[slot]!;
    return touched;
  }

  /** The best `limit` of the matched slots, without sorting thousands for a screenful. */
  private top(found: number[], limit: number): GuestHit[] {
    const better = (a: number, b: number) => {
      const d = this.total[a]! - this.total[b]!;
      if (d !== 0) return d > 0;
      const ka = this.sortKeys[a]!;
      const kb = this.sortKeys[b]!;
      return ka !== kb ? ka < kb : this.entries[a]!.id < this.entries[b]!.id;
    };
    const chosen = found.length <= limit ? [...found] : selectBest(found, limit, better);
    chosen.sort((a, b) => (a === b ? 0 : better(a, b) ? -1 : 1));
    return chosen.map((slot) => ({ ...this.entries[slot]!, score: this.total[slot]! }));
  }

  private scratch(): void {
    const n = this.entries.length;
    if (this.passed.length >= n) return;
    const cap = Math.max(1024, n * 2);
    const passed = new Int32Array(cap);
    passed.set(this.passed);
    this.passed = passed;
    this.best = new Float64Array(cap);
    this.total = new Float64Array(cap);
  }

  private rebuild(): void {
    const live = this.entries.filter((e): e is GuestEntry => e !== null);
    this.dict = new TermDictionary();
    this.entries = [];
    this.sortKeys = [];
    this.slotOf.clear();
    this.dead = 0;
    this.epoch = 0;
    this.passed = new Int32Array(0);
    this.addAll(live);
  }
}

/** The `limit` best items: a bounded heap whose root is the worst kept so far. */
function selectBest(items: number[], limit: number, better: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const worse = (i: number, j: number) => better(heap[j]!, heap[i]!);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const x of items) {
    if (heap.length < limit) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (better(x, heap[0]!)) {
      heap[0] = x;
      down(0);
    }
  }
  return heap;
}

export function createGuestIndex(): GuestIndex {
  return new GuestIndex();
}

/** Every query term must match (prefix or near miss) somewhere in the guest's name, email or phone. */
export function searchGuests(index: GuestIndex, query: string, limit = 200): GuestHit[] {
  return index.search(query, limit).hits;
}

/** Adds, replaces or removes one guest, as a change to the database says. */
export function applyGuestChange(index: GuestIndex, doc: GuestSource): void {
  const entry = searchable(doc);
  if (entry) index.add(entry);
  else index.remove(doc.id);
}

/** Guests on this device whose email (any case) or phone (same digits) is the one given. */
export function findDuplicates(index: GuestIndex, contact: { email?: string | null; phone?: string | null }): GuestHit[] {
  const out = new Map<string, GuestHit>();
  const email = contact.email?.trim() ? fold(contact.email.trim()) : null;
  const phone = contact.phone ? digits(contact.phone) : '';
  const look = (term: string, field: number, same: (g: GuestEntry) => boolean) => {
    for (const code of index.termCodes(term)) {
      const g = (code & 3) === field ? index.entry(code >>> 2) : null;
      if (g && same(g) && !out.has(g.id)) out.set(g.id, { ...g, score: 0 });
    }
  };
  if (email && email.includes('@')) look(email, EMAIL, (g) => g.email !== null && fold(g.email) === email);
  // A phone typed without its country code is the same phone: compare the last ten digits.
  if (phone.length >= 7) look(phone, PHONE, (g) => g.phone !== null && digits(g.phone).slice(-10) === phone.slice(-10));
  return [...out.values()];
}
