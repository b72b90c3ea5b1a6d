import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { relativeTime } from '../ui/format';
import { useSyncStatus } from './status-store';

/** Always visible: how many changes wait to be sent, when sync last worked, and whether it fails. */
export function SyncIndicator() {
  const { pending, lastSyncAt, lastError, online, refusedCount } = useSyncStatus();
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(t);
  }, []);
  const waiting = Object.values(pending).reduce((s, n) => s + (n ?? 0), 0);
  const state = lastError && !online ? 'off' : lastError || refusedCount > 0 ? 'err' : '';
  const label = lastError && !online ? 'Offline' : refusedCount > 0 ? `${refusedCount} need attention` : waiting > 0 ? 'Sending' : 'Synced';
  return (
    <Link to="/sync" className="sync-pill" data-testid="sync-indicator">
      <span className={`dot ${state}`} aria-hidden="true" />
      <span>{label}</span>
      <span className="sync-detail">
        <span data-testid="pending-count">{waiting} waiting</span>
        <span>· {relativeTime(lastSyncAt)}</span>
      </span>
      <span className="sr-only">(last sync), open the sync screen</span>
    </Link>
  );
}
