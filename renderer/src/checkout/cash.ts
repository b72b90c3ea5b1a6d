import { parseMoney } from '@cellardoor/shared';

/** What the cash helper says about the amount a guest handed over. */
export type CashTendered =
  | { kind: 'none' }
  | { kind: 'invalid'; error: string }
  | { kind: 'change'; changeCents: number }
  | { kind: 'short'; shortCents: number };

/**
 * Reads the cash a guest handed over against the sale's total: the change to give back, or how
 * much is still missing. Empty means staff are not using the helper. Amounts follow the same
 * reading as prices and discounts (`parseMoney`: "50", "$50.00"; a decimal comma is refused).
 */
export function readTendered(text: string, totalCents: number): CashTendered {
  if (text.trim() === '') return { kind: 'none' };
  const cents = parseMoney(text);
  if (cents === null) return { kind: 'invalid', error: 'Type the cash given, such as 50 or 50.00.' };
  if (cents < 0) return { kind: 'invalid', error: 'The cash given cannot be negative.' };
  return cents >= totalCents ? { kind: 'change', changeCents: cents - totalCents } : { kind: 'short', shortCents: totalCents - cents };
}

/** Up to three amounts a guest is likely to hand over, smallest first: the total rounded up to the next $5, $20 and $50 (or $100 past $50). */
export function quickTenders(totalCents: number): number[] {
  if (totalCents <= 0) return [];
  const up = (step: number) => Math.ceil(totalCents / step) * step;
  const picks = [up(500), up(2000), up(totalCents > 5000 ? 10000 : 5000)];
  return [...new Set(picks)].sort((a, b) => a - b);
}
