import { describe, expect, it } from 'vitest';
import { discountCents, discountText, parseDiscount } from './discount';

describe('parseDiscount', () => {
  it('reads percentages and amounts in integer units', () => {
    expect(parseDiscount('10%')).toEqual({ ok: true, discount: { kind: 'percent', bps: 1000 } });
    expect(parseDiscount(' 12.5 % ')).toEqual({ ok: true, discount: { kind: 'percent', bps: 1250 } });
    expect(parseDiscount('5')).toEqual({ ok: true, discount: { kind: 'amount', cents: 500 } });
    expect(parseDiscount('$1,234.56')).toEqual({ ok: true, discount: { kind: 'amount', cents: 123456 } });
    expect(parseDiscount('0.1')).toEqual({ ok: true, discount: { kind: 'amount', cents: 10 } });
    expect(parseDiscount('1,000')).toEqual({ ok: true, discount: { kind: 'amount', cents: 100000 } });
    expect(parseDiscount('12,345,678.9')).toEqual({ ok: true, discount: { kind: 'amount', cents: 1234567890 } });
  });
  it('treats empty and zero as no discount', () => {
    expect(parseDiscount('')).toEqual({ ok: true, discount: { kind: 'none' } });
    expect(parseDiscount('0%')).toEqual({ ok: true, discount: { kind: 'none' } });
    expect(parseDiscount('0.00')).toEqual({ ok: true, discount: { kind: 'none' } });
  });
  it('refuses negative, over 100 % and non-numbers with a sentence', () => {
    // A comma that does not group thousands ("3,50", a decimal comma) is refused, never read as $350.
    for (const bad of ['-5', '101%', 'abc', '5.123', '1e3', '-10%', '%', '3,50', '3,5', '1,2345', ',500', '12,34.56']) {
      const r = parseDiscount(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/\.$/);
    }
  });
});

describe('discountCents', () => {
  it('rounds a percentage half away from zero', () => {
    expect(discountCents({ kind: 'percent', bps: 1000 }, 2905)).toBe(291);
    expect(discountCents({ kind: 'percent', bps: 1000 }, 2904)).toBe(290);
    expect(discountCents({ kind: 'amount', cents: 300 }, 100)).toBe(300);
    expect(discountCents({ kind: 'none' }, 100)).toBe(0);
  });
  it('shows a discount back as typed', () => {
    expect(discountText({ kind: 'percent', bps: 1250 })).toBe('12.5%');
    expect(discountText({ kind: 'amount', cents: 500 })).toBe('5.00');
  });
});
