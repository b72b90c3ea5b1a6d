/**
 * Wrong PINs in a row on this tablet before PIN entry pauses, and how long the first pause lasts;
 * each further wrong PIN after a pause doubles it, up to MAX_PAUSE_MS. A PIN is a convenience lock
 * on a shared tablet, not the security boundary (the device token is), but trying every
 * four-digit PIN should still take days rather than minutes.
 */
export const FREE_TRIES = 5;
export const FIRST_PAUSE_MS = 30_000;
export const MAX_PAUSE_MS = 15 * 60_000;

export interface PinThrottle {
  /** Milliseconds until PIN entry is allowed again; 0 when it is. */
  waitMs(): number;
  /** A wrong PIN was tried. */
  wrong(): void;
  /** The right PIN: the count starts again. */
  right(): void;
}

/** Counts wrong PINs for the whole tablet (any staff member), in memory. */
export function createPinThrottle(now: () => number = Date.now): PinThrottle {
  let misses = 0;
  let until = 0;
  return {
    waitMs: () => Math.max(0, until - now()),
    wrong() {
      misses += 1;
      if (misses >= FREE_TRIES) until = now() + Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (misses - FREE_TRIES));
    },
    right() {
      misses = 0;
      until = 0;
    },
  };
}

/** One throttle per running app: it outlives the lock screen, which unmounts on every unlock. */
export const pinThrottle = createPinThrottle();
