import { type OrderDiscount, parseMoney, percentOf } from '@cellardoor/shared';

/** A discount as staff type it: an amount of money or a percentage. Same shape for lines and orders. */
export type Discount = OrderDiscount;

export const NO_DISCOUNT: Discount = { kind: 'none' };

/**
 * Reads what staff typed: "10%" or "12.5 %" is a percentage, "5", "$5.00" an amount; empty or 0
 * means none. Returns a sentence for anything that is not a discount (negative, over 100 %, not a
 * number): a discount never adds money and never takes more than 100 %.
 */
export function parseDiscount(text: string): { ok: true; discount: Discount } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, discount: NO_DISCOUNT };
  if (t.endsWith('%')) {
    const n = t.slice(0, -1).trim();
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(n)) return { ok: false, error: 'Type a percentage such as 10% or 12.5%.' };
    const bps = Math.round(Number(n) * 100);
    if (bps > 10_000) return { ok: false, error: 'A discount cannot be more than 100%.' };
    return { ok: true, discount: bps === 0 ? NO_DISCOUNT : { kind: 'percent', bps } };
  }
  const cents = parseMoney(t);
  if (cents === null) return { ok: false, error: 'Type an amount such as 3.50 (a point before the cents), or a percentage such as 10%.' };
  if (cents < 0) return { ok: false, error: 'A discount cannot be negative.' };
  return { ok: true, discount: cents === 0 ? NO_DISCOUNT : { kind: 'amount', cents } };
}

/** The discount in cents on an amount; a percentage rounds half away from zero like tax. */
export function discountCents(d: Discount, ofCents: number): number {
  if (d.kind === 'amount') return d.cents;
  if (d.kind === 'percent') return percentOf(ofCents, d.bps);
  return 0;
}

/** How staff see a discount back: "10%" or "5.00" (major units, no currency sign, to edit). */
export function discountText(d: Discount): string {
  if (d.kind === 'percent') return `${d.bps / 100}%`;
  if (d.kind === 'amount') return (d.cents / 100).toFixed(2);
  return '';
}
