/**
 * Money is always an integer number of minor units (cents). Floats never hold money; the only
 * division is tax, which rounds half away from zero so a full refund returns exactly the tax charged.
 */
export const MAX_CENTS = 1_000_000_000_00; // one billion in major units: far above any single sale

export function assertCents(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of cents`);
  return value;
}

/** Tax on an amount at a rate in basis points (875 = 8.75 %), rounded half away from zero. */
export function taxOf(cents: number, rateBps: number): number {
  return Math.sign(cents) * Math.round((Math.abs(cents) * rateBps) / 10_000);
}

/** Percentage discount in basis points of an amount, rounded half away from zero. */
export function percentOf(cents: number, bps: number): number {
  return Math.sign(cents) * Math.round((Math.abs(cents) * bps) / 10_000);
}

export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return assertCents(total, 'sum');
}

/**
 * Splits `total` over `weights` in proportion, with the rounding remainder going to the largest
 * weights first, so the parts always add up to exactly `total` (used to spread an order discount).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map((x) => Math.trunc(x));
  let rest = total - parts.reduce((s, p) => s + p, 0);
  const order = raw
    .map((x, i) => ({ i, frac: Math.abs(x - Math.trunc(x)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = Math.sign(rest);
  for (let k = 0; rest !== 0; k = (k + 1) % order.length) {
    parts[order[k]!.i]! += step;
    rest -= step;
  }
  return parts;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats cents for people, e.g. 123456 → "$1,234.56". */
export function formatCents(cents: number, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f.format(cents / 100);
}

/**
 * Parses a typed amount such as "12.5" or "$1,234.56" into cents; null when it is not money. A
 * comma only groups thousands (three digits after it): "3,50" is refused rather than read as
 * 350 dollars, since whoever typed it most likely meant three dollars fifty.
 */
export function parseMoney(text: string): number | null {
  const typed = text.replace(/[\s$€£]/g, '');
  if (!/^-?(\d+|\d{1,3}(,\d{3})+)(\.\d{0,2})?$/.test(typed)) return null;
  const cleaned = typed.replace(/,/g, '');
  const negative = cleaned.startsWith('-');
  const [whole, frac = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -cents : cents;
}
