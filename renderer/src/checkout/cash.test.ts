import { describe, expect, it } from 'vitest';
import { quickTenders, readTendered } from './cash';

describe('readTendered', () => {
  it('gives the change for cash at or above the total', () => {
    expect(readTendered('50', 4_235)).toEqual({ kind: 'change', changeCents: 765 });
    expect(readTendered('$42.35', 4_235)).toEqual({ kind: 'change', changeCents: 0 });
    expect(readTendered('1,000', 4_235)).toEqual({ kind: 'change', changeCents: 95_765 });
  });
  it('says how much is missing when the cash is short', () => {
    expect(readTendered('40', 4_235)).toEqual({ kind: 'short', shortCents: 235 });
    expect(readTendered('0', 4_235)).toEqual({ kind: 'short', shortCents: 4_235 });
  });
  it('is silent while empty and refuses what is not money', () => {
    expect(readTendered('  ', 4_235)).toEqual({ kind: 'none' });
    expect(readTendered('fifty', 4_235).kind).toBe('invalid');
    // A decimal comma is refused rather than read as $4,000.
    expect(readTendered('40,00', 4_235).kind).toBe('invalid');
    expect(readTendered('-5', 4_235)).toEqual({ kind: 'invalid', error: 'The cash given cannot be negative.' });
  });
});

describe('quickTenders', () => {
  it('offers the notes a guest is likely to hand over, never below the total', () => {
    expect(quickTenders(4_235)).toEqual([4_500, 5_000, 6_000]);
    expect(quickTenders(1_250)).toEqual([1_500, 2_000, 5_000]);
    expect(quickTenders(2_000)).toEqual([2_000, 5_000]);
    expect(quickTenders(12_345)).toEqual([12_500, 14_000, 20_000]);
    expect(quickTenders(0)).toEqual([]);
  });
});
