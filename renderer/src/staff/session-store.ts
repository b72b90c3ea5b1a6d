import { create } from 'zustand';

export interface SignedInStaff {
  id: string;
  name: string;
  role: 'OWNER' | 'MANAGER' | 'STAFF';
}

interface StaffSession {
  staff: SignedInStaff | null;
  signIn(s: SignedInStaff): void;
  lock(): void;
}

/** Who is using the tablet right now; the PIN lock clears it. UI state only. */
export const useStaffSession = create<StaffSession>((set) => ({
  staff: null,
  signIn: (staff) => set({ staff }),
  lock: () => set({ staff: null }),
}));

export function currentStaffId(): string {
  return useStaffSession.getState().staff?.id ?? 'unknown';
}
