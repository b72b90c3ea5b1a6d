import { canBeFuzzy, editDistance } from './guest-terms';

/** One distinct term and where it occurs: each code is `slot * 4 + field`. */
export interface Postings {
  term: string;
  codes: number[];
}

/**
 * Every distinct term, kept sorted so all terms starting with a prefix are one contiguous run
 * found by binary search: a one-letter query walks that run instead of the whole index.
 * New terms wait in a small list and are merged in (one linear pass) before the next lookup, so
 * a sync that brings thousands of guests never pays one array insertion per term.
 */
export class TermDictionary {
  private readonly byTerm = new Map<string, Postings>();
  private sorted: Postings[] = [];
  private pending: Postings[] = [];
  /** Words that can be misspelt, by length: a fuzzy lookup compares only lengths within reach. */
  private readonly fuzzyByLength = new Map<number, Postings[]>();

  get size(): number {
    return this.byTerm.size;
  }

  get(term: string): Postings | undefined {
    return this.byTerm.get(term);
  }

  add(term: string, code: number): void {
    let p = this.byTerm.get(term);
    if (!p) {
      p = { term, codes: [] };
      this.byTerm.set(term, p);
      this.pending.push(p);
      if (canBeFuzzy(term)) {
        const list = this.fuzzyByLength.get(term.length);
        if (list) list.push(p);
        else this.fuzzyByLength.set(term.length, [p]);
      }
    }
    p.codes.push(code);
  }

  /** Merges new terms into the sorted run; called before a lookup, or once after a bulk load. */
  settle(): void {
    if (this.pending.length === 0) return;
    const fresh = this.pending.sort(byTerm);
    this.pending = [];
    if (this.sorted.length === 0) {
      this.sorted = fresh;
      return;
    }
    const old = this.sorted;
    const out: Postings[] = new Array<Postings>(old.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) out[k++] = old[i]!.term < fresh[j]!.term ? old[i++]! : fresh[j++]!;
    while (i < old.length) out[k++] = old[i++]!;
    while (j < fresh.length) out[k++] = fresh[j++]!;
    this.sorted = out;
  }

  /** The sorted run of terms that start with `prefix` (a view: read it before the next add). */
  withPrefix(prefix: string): { terms: readonly Postings[]; from: number; to: number } {
    this.settle();
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]!.term < prefix) lo = mid + 1;
      else hi = mid;
    }
    // Every term starting with the prefix sorts below the prefix followed by the highest code unit.
    const end = prefix + '\uffff';
    let to = lo;
    hi = s.length;
    while (to < hi) {
      const mid = (to + hi) >>> 1;
      if (s[mid]!.term < end) to = mid + 1;
      else hi = mid;
    }
    return { terms: s, from: lo, to };
  }

  /** Calls `visit` with every word within `max` edits of `term`, and how many edits. */
  near(term: string, max: number, visit: (p: Postings, distance: number) => void): void {
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const p of this.fuzzyByLength.get(len) ?? []) {
        const d = editDistance(term, p.term, max);
        if (d <= max) visit(p, d);
      }
    }
  }
}

const byTerm = (a: Postings, b: Postings) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
