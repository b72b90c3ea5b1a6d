import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { type CellardoorDatabase, openDatabase } from '../src/data/database';
import { type SyncController, type SyncEvent, startSync } from '../src/sync/replicate';
import type { FetchLike } from '../src/sync/http';

/**
 * A tablet simulated in Node: the app's own database and replication code on fake-indexeddb.
 * RxDB's free edition allows 13 open collections per process, so one device per process.
 */
export interface NodeDevice {
  db: CellardoorDatabase;
  sync: SyncController | null;
  events: SyncEvent[];
  startSync(opts?: { fetch?: FetchLike; live?: boolean }): SyncController;
  close(): Promise<void>;
}

export async function openNodeDevice(opts: {
  serverUrl: string;
  deviceToken: string;
  name?: string;
  lastSeq?: () => number;
  /** The app's storage (Dexie on fake-indexeddb, the default) or RxDB's in-memory storage. */
  storage?: 'dexie' | 'memory';
}): Promise<NodeDevice> {
  const db = await openDatabase({
    name: opts.name ?? `device-${randomUUID()}`,
    storage: opts.storage === 'memory' ? getRxStorageMemory() : getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  const device: NodeDevice = {
    db,
    sync: null,
    events: [],
    startSync(s = {}) {
      device.sync = startSync(
        db,
        { serverUrl: opts.serverUrl, deviceToken: opts.deviceToken, lastSeq: opts.lastSeq ?? (() => 0) },
        { ...(s.fetch ? { fetch: s.fetch } : {}), live: s.live ?? true, onEvent: (e) => device.events.push(e) },
      );
      return device.sync;
    },
    async close() {
      await device.sync?.stop();
      await db.remove();
    },
  };
  return device;
}
