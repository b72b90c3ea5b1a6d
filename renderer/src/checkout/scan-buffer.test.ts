import { describe, expect, it } from 'vitest';
import { ScanBuffer } from './scan-buffer';

const feed = (b: ScanBuffer, text: string, start: number, gap: number) => {
  let out: string | null = null;
  [...text, 'Enter'].forEach((k, i) => {
    out = b.key(k, start + i * gap) ?? out;
  });
  return out;
};

describe('ScanBuffer', () => {
  it('returns a code typed fast and ended with Enter', () => {
    expect(feed(new ScanBuffer(), '0850001002028', 0, 5)).toBe('0850001002028');
  });
  it('ignores a person typing slowly', () => {
    expect(feed(new ScanBuffer(), 'RED-0101', 0, 120)).toBeNull();
  });
  it('ignores a lone Enter and codes too short to be a barcode', () => {
    const b = new ScanBuffer();
    expect(b.key('Enter', 0)).toBeNull();
    expect(feed(b, '12', 1000, 5)).toBeNull();
  });
  it('starts over after a pause, keeping only the fast burst', () => {
    const b = new ScanBuffer();
    b.key('x', 0);
    b.key('y', 10);
    expect(feed(b, 'SKU-1', 500, 5)).toBe('SKU-1');
  });
  it('drops what came before a non-character key', () => {
    const b = new ScanBuffer();
    b.key('a', 0);
    b.key('Shift', 2);
    expect(feed(b, 'ABC-9', 4, 2)).toBe('ABC-9');
  });
});
