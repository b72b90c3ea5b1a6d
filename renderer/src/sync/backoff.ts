/** Exponential back-off with full jitter, capped, so a venue's tablets do not retry in lockstep. */
export class Backoff {
  private failures = 0;
  constructor(
    private readonly baseMs = 1000,
    private readonly capMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  reset(): void {
    this.failures = 0;
  }

  /** Delay before the next attempt after one more failure. */
  next(): number {
    this.failures++;
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.failures - 1, 16));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  get failing(): boolean {
    return this.failures > 0;
  }
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
