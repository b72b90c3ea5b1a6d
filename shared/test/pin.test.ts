import { pbkdf2 } from '@noble/hashes/pbkdf2';
import { sha256 } from '@noble/hashes/sha256';
import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, verifyPin } from '../src';

describe('staff PINs', () => {
  it('verifies the right PIN and refuses a wrong one', async () => {
    const stored = await hashPin('4821');
    expect(stored).toMatch(/^pbkdf2\$120000\$/);
    expect(await verifyPin(stored, '4821')).toBe(true);
    expect(await verifyPin(stored, '4822')).toBe(false);
    expect(await verifyPin(null, '4821')).toBe(false);
  });

  it('derives the same hash as the JavaScript fallback used outside secure contexts', async () => {
    const stored = await hashPin('9999');
    const [, iter, salt, hash] = stored.split('$');
    const js = pbkdf2(sha256, new TextEncoder().encode('9999'), Uint8Array.from(atob(salt!), (c) => c.charCodeAt(0)), { c: Number(iter), dkLen: 32 });
    expect(btoa(String.fromCharCode(...js))).toBe(hash);
  });

  it('accepts 4 to 8 digits only', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
  });
});
