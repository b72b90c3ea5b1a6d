import { create } from 'zustand';

export interface SignedInStaff {
  id: string;
  name: string;
  role: 'OWNER' | 'MANAGER' | 'STAFF';
}

interface StaffSession {
  staff: SignedInStaff | null;
  /** Why the tablet locked itself, shown on the lock screen; null when someone pressed Lock. */
  lockedBecause: string | null;
  signIn(s: SignedInStaff): void;
  lock(because?: string): void;
}

/** Who is using the tablet right now; the PIN lock clears it. UI state only. */
export const useStaffSession = create<StaffSession>((set) => ({
  staff: null,
  lockedBecause: null,
  signIn: (staff) => set({ staff, lockedBecause: null }),
  lock: (because) => set({ staff: null, lockedBecause: typeof because === 'string' ? because : null }),
}));

export function currentStaffId(): string {
  return useStaffSession.getState().staff?.id ?? 'unknown';
}
