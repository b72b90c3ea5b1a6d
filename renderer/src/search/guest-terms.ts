/** How a guest's fields and a typed query become search terms. */

/** Lower case without accents: "Müller" and "muller" are the same to someone typing on a tablet. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export const digits = (s: string) => s.replace(/\D/g, '');

/**
 * A phone is found by its digits however it is typed: whole (+1 707 555 0134), without the
 * country code, the local seven digits, or the last four.
 */
export function phoneTerms(phone: string): string[] {
  const d = digits(phone);
  if (d.length === 0) return [];
  const out = new Set([d]);
  if (d.length === 11 && d.startsWith('1')) out.add(d.slice(1));
  if (d.length >= 7) out.add(d.slice(-7));
  if (d.length >= 4) out.add(d.slice(-4));
  return [...out];
}

/** An email is found by its start, by its local part's pieces, and by its domain. */
export function emailTerms(email: string): string[] {
  const e = fold(email);
  const [local = '', domain = ''] = e.split('@');
  return [...new Set([e, ...local.split(/[._+-]+/), domain].filter((t) => t.length > 0))];
}

export function nameTerms(name: string): string[] {
  return fold(name)
    .split(/[\s'’.-]+/)
    .filter((t) => t.length > 0);
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
export function fuzziness(term: string): number {
  if (/\d/.test(term) || term.includes('@')) return 0;
  if (term.length < 4) return 0;
  return term.length < 7 ? 1 : 2;
}

/** Only words can be misspelt: digits and whole email addresses are matched as typed. */
export const canBeFuzzy = (term: string) => !/[\d@]/.test(term);

/**
 * The Levenshtein distance between a and b if it is at most `max`, else max + 1. Rows stop as
 * soon as every cell is past `max`, so a far-off word costs a few comparisons.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length]!, max + 1);
}
