import type { CellardoorDatabase } from '../data/database';
import { useSyncStatus } from './status-store';

const KEY = 'last-sync';

/**
 * Keeps "last successful sync" across restarts: a tablet opened offline should say when it last
 * reached the server, not "never".
 */
export async function rememberLastSync(db: CellardoorDatabase): Promise<() => void> {
  const stored = await db.getLocal<{ at: string }>(KEY);
  const at = stored?.get('at');
  const current = useSyncStatus.getState().lastSyncAt;
  if (at && (!current || at > current)) useSyncStatus.setState({ lastSyncAt: at });
  return useSyncStatus.subscribe((s, prev) => {
    if (s.lastSyncAt && s.lastSyncAt !== prev.lastSyncAt && !db.closed) void db.upsertLocal(KEY, { at: s.lastSyncAt }).catch(() => undefined);
  });
}
