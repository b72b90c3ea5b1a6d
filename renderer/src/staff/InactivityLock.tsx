import { useEffect } from 'react';
import { useLockSettings } from './lock-settings';
import { useStaffSession } from './session-store';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the tablet after the configured time without a touch or key, so the next person at the
 * counter cannot sell or read guests' details as whoever was signed in. Renders nothing.
 */
export function InactivityLock() {
  const minutes = useLockSettings((s) => s.lockAfterMinutes);
  const lock = useStaffSession((s) => s.lock);
  useEffect(() => {
    let last = Date.now();
    const touched = () => {
      last = Date.now();
    };
    const check = () => {
      if (Date.now() - last >= minutes * 60_000) lock(`Locked after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} without use.`);
    };
    for (const e of ACTIVITY) window.addEventListener(e, touched, { capture: true, passive: true });
    // A tablet that slept checks as soon as it wakes, not on the next tick.
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, 1000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, touched, { capture: true });
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [minutes, lock]);
  return null;
}
