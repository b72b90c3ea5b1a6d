import { describe, expect, it, vi } from 'vitest';
import { hashPin, verifyPin } from '../src/domain/pin';

describe('staff PINs', () => {
  it('verifies the PIN it hashed and nothing else, and never stores the PIN', async () => {
    const stored = await hashPin('4826');
    expect(stored).toMatch(/^pbkdf2\$120000\$/);
    expect(stored).not.toContain('4826');
    expect(await verifyPin(stored, '4826')).toBe(true);
    expect(await verifyPin(stored, '4862')).toBe(false);
    expect(await verifyPin(null, '4826')).toBe(false);
  });

  it('gives the same result without WebCrypto (a browser on plain HTTP), both ways', async () => {
    const withWebCrypto = await hashPin('1111');
    const subtle = globalThis.crypto.subtle;
    vi.spyOn(globalThis.crypto, 'subtle', 'get').mockReturnValue(undefined as unknown as typeof subtle);
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(await verifyPin(withWebCrypto, '1111')).toBe(true);
      const without = await hashPin('2222');
      vi.restoreAllMocks();
      expect(globalThis.crypto.subtle).toBe(subtle);
      expect(await verifyPin(without, '2222')).toBe(true);
      expect(await verifyPin(without, '2223')).toBe(false);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
