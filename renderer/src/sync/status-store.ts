import type { CollectionName } from '@cellardoor/shared';
import { create } from 'zustand';
import type { SyncEvent } from './replicate';

export interface SyncStatus {
  online: boolean;
  streamConnected: boolean;
  lastSyncAt: string | null;
  lastError: { message: string; code: string; at: string } | null;
  pending: Partial<Record<CollectionName, number>>;
  refusedCount: number;
  revoked: { wipe: boolean; handover: boolean } | null;
  upgradeRequired: string | null;
  storage: 'granted' | 'refused' | 'unsupported' | 'unknown';
  /** The latest failure per collection (and of the event stream), cleared when it next works. */
  errors: Partial<Record<CollectionName | 'stream', { code: string; message: string; at: string }>>;
  apply(e: SyncEvent): void;
  /** A full "sync now" finished with every collection in step. */
  markSynced(): void;
  setPending(p: Partial<Record<CollectionName, number>>): void;
  setRefusedCount(n: number): void;
  setStorage(s: SyncStatus['storage']): void;
}

/** UI state of sync, fed by the replication's events; the data itself lives in RxDB. */
export const useSyncStatus = create<SyncStatus>((set) => ({
  online: true,
  streamConnected: false,
  lastSyncAt: null,
  lastError: null,
  pending: {},
  refusedCount: 0,
  revoked: null,
  upgradeRequired: null,
  storage: 'unknown',
  errors: {},
  apply(e) {
    const now = new Date().toISOString();
    switch (e.type) {
      case 'pulled':
      case 'pushed':
        set((s) => ({ lastSyncAt: now, lastError: null, online: true, errors: without(s.errors, e.collection) }));
        break;
      case 'stream':
        // A live stream means the server answers again; it also makes every collection resync.
        set(e.connected ? { streamConnected: true, online: true, lastSyncAt: now, lastError: null, errors: {} } : { streamConnected: false });
        break;
      case 'error':
        set((s) => ({
          lastError: { message: friendlyError(e.code, e.error.message), code: e.code, at: now },
          online: e.code !== 'OFFLINE',
          errors: { ...s.errors, [e.collection]: { code: e.code, message: e.error.message, at: now } },
        }));
        break;
      case 'revoked':
        set({ revoked: { wipe: e.wipe, handover: e.handover } });
        break;
      case 'upgrade-required':
        set({ upgradeRequired: e.message });
        break;
      case 'refused':
        break;
    }
  },
  markSynced: () => set({ lastSyncAt: new Date().toISOString(), lastError: null, online: true, errors: {} }),
  setPending: (pending) => set({ pending }),
  setRefusedCount: (refusedCount) => set({ refusedCount }),
  setStorage: (storage) => set({ storage }),
}));

function without<T extends object>(o: T, key: string): T {
  if (!(key in o)) return o;
  const out = { ...o };
  delete (out as Record<string, unknown>)[key];
  return out;
}

function friendlyError(code: string, message: string): string {
  if (code === 'OFFLINE') return 'The sync server cannot be reached. Everything is saved on this tablet and will be sent when the network is back.';
  if (code === 'UNAUTHENTICATED') return 'The server no longer recognises this tablet. A manager needs to enrol it again.';
  return message;
}
