import { create } from 'zustand';

/** Choices for "lock after … without use", in minutes. */
export const LOCK_AFTER_CHOICES = [1, 2, 3, 5, 10, 15, 30] as const;
/** Short enough that a tablet left on the counter is locked before the next guest reaches it. */
export const DEFAULT_LOCK_AFTER_MINUTES = 3;
const KEY = 'cellardoor.lockAfterMinutes';

function read(): number {
  try {
    const n = Number(localStorage.getItem(KEY));
    return (LOCK_AFTER_CHOICES as readonly number[]).includes(n) ? n : DEFAULT_LOCK_AFTER_MINUTES;
  } catch {
    return DEFAULT_LOCK_AFTER_MINUTES;
  }
}

interface LockSettings {
  lockAfterMinutes: number;
  setLockAfterMinutes(m: number): void;
}

/**
 * How long the tablet waits before locking: a setting of this tablet (kept in its browser
 * storage), not of the venue, since a counter tablet and a manager's office tablet differ.
 */
export const useLockSettings = create<LockSettings>((set) => ({
  lockAfterMinutes: read(),
  setLockAfterMinutes: (m) => {
    if (!(LOCK_AFTER_CHOICES as readonly number[]).includes(m)) return;
    localStorage.setItem(KEY, String(m));
    set({ lockAfterMinutes: m });
  },
}));
