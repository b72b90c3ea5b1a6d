/**
 * Tells a keyboard-wedge barcode scanner from a person: a scanner "types" a whole code within a
 * few milliseconds per key and ends it with Enter. Keys further apart than `maxGapMs` start over,
 * so a person pressing keys on a focused button never adds a product by accident.
 */
export class ScanBuffer {
  private chars = '';
  private last = -Infinity;

  constructor(
    private readonly maxGapMs = 50,
    private readonly minLength = 3,
  ) {}

  /** Feeds one key; returns the scanned code when this key is the Enter that ends one. */
  key(key: string, at: number): string | null {
    const gap = at - this.last;
    this.last = at;
    if (gap > this.maxGapMs) this.chars = '';
    if (key === 'Enter') {
      const code = this.chars;
      this.chars = '';
      return code.length >= this.minLength ? code : null;
    }
    if (key.length === 1) this.chars += key;
    else this.chars = '';
    return null;
  }

  reset(): void {
    this.chars = '';
    this.last = -Infinity;
  }
}
