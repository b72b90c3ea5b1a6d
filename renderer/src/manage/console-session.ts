import { create } from 'zustand';
import { useStaffSession } from '../staff/session-store';

export interface ConsoleUser {
  id: string;
  name: string;
  email: string;
  role: 'OWNER' | 'MANAGER' | 'STAFF';
}

/** A manager's server session: the console's reports and segments need a person, not a device token. */
export interface ConsoleSession {
  serverUrl: string;
  token: string;
  expiresAt: string;
  user: ConsoleUser;
}

interface ConsoleSessionState {
  session: ConsoleSession | null;
  /** Why the last session ended, shown on the sign-in form ("expired", "locked"). */
  endedBecause: string | null;
  start(s: ConsoleSession): void;
  end(reason?: string | null): void;
}

/**
 * Kept in memory only: a shared tablet must not keep a manager's session past the PIN lock or a
 * reload, so the token never reaches storage.
 */
export const useConsoleSession = create<ConsoleSessionState>((set, get) => ({
  session: null,
  endedBecause: null,
  start: (session) => set({ session, endedBecause: null }),
  end: (reason = null) => {
    const s = get().session;
    set({ session: null, endedBecause: reason });
    // Best effort: the server forgets the token too; an unreachable server lets it expire.
    if (s) void fetch(`${s.serverUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } }).catch(() => undefined);
  },
}));

// Locking the tablet or handing it to someone else ends the manager's console session.
useStaffSession.subscribe((now, before) => {
  if (now.staff?.id !== before.staff?.id) useConsoleSession.getState().end();
});
