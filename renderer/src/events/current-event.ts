import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The event this tablet is working today; every sale rung up while it is set is an event sale. */
export interface CurrentEvent {
  id: string;
  name: string;
  eventType: string;
}

/** What the tablet remembers about the pick: which device made it, and until when it holds. */
interface Pick extends CurrentEvent {
  deviceId: string;
  /** The end of the local day the event ends on: a pick left over from yesterday must not turn today's sales into event sales. */
  until: string;
}

interface CurrentEventState {
  pick: Pick | null;
  choose(pick: Pick | null): void;
}

/** localStorage survives a reload and a restart of the app; one browser profile is one enrolled device. */
export const CURRENT_EVENT_STORAGE_KEY = 'cellardoor.current-event';

const useCurrentEventStore = create<CurrentEventState>()(
  persist(
    (set) => ({
      pick: null,
      choose: (pick) => set({ pick }),
    }),
    { name: CURRENT_EVENT_STORAGE_KEY, storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);

/** The last instant of the local calendar day of `at`. */
export function endOfLocalDay(at: Date): Date {
  const d = new Date(at);
  d.setHours(23, 59, 59, 999);
  return d;
}

function valid(pick: Pick | null, now: Date, deviceId?: string): CurrentEvent | null {
  if (!pick) return null;
  if (deviceId !== undefined && pick.deviceId !== deviceId) return null;
  if (Date.parse(pick.until) < now.getTime()) return null;
  return { id: pick.id, name: pick.name, eventType: pick.eventType };
}

/**
 * The event picked on this tablet, or null. Read it at the moment a sale is completed (not when
 * the screen opened), so a pick made in between counts. `deviceId` guards against a pick left by
 * a device that was signed out and replaced in the same browser.
 */
export function getCurrentEvent(deviceId?: string, now: Date = new Date()): CurrentEvent | null {
  return valid(useCurrentEventStore.getState().pick, now, deviceId);
}

/** The picked event as React state: re-renders when staff pick another one or none. */
export function useCurrentEvent(deviceId?: string): CurrentEvent | null {
  const pick = useCurrentEventStore((s) => s.pick);
  return valid(pick, new Date(), deviceId);
}

/**
 * Picks today's event for this tablet (or none). The pick holds until the end of the day the
 * event ends on, or the end of today if the event is already over (it ran late).
 */
export function pickCurrentEvent(
  event: { id: string; name: string; eventType: string; endsAt: string } | null,
  deviceId: string,
  now: Date = new Date(),
): void {
  if (!event) return useCurrentEventStore.getState().choose(null);
  const until = new Date(Math.max(endOfLocalDay(new Date(event.endsAt)).getTime(), endOfLocalDay(now).getTime()));
  useCurrentEventStore.getState().choose({ id: event.id, name: event.name, eventType: event.eventType, deviceId, until: until.toISOString() });
}

/** Forgets the pick (used when the tablet is signed out). */
export function clearCurrentEvent(): void {
  useCurrentEventStore.getState().choose(null);
}
