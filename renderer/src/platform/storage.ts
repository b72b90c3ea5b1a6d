import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

export function browserStorage() {
  return getRxStorageDexie();
}

/**
 * Unsent sales are the most valuable bytes in the system: ask the browser not to evict them.
 * Returns whether storage is persistent ('unsupported' where the browser has no such API).
 */
export async function requestPersistentStorage(): Promise<'granted' | 'refused' | 'unsupported'> {
  if (window.cellardoor) return 'granted';
  if (!navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return 'granted';
  return (await navigator.storage.persist()) ? 'granted' : 'refused';
}

/**
 * RxDB's Dexie storage empties its IndexedDB databases on remove but leaves them behind; a wiped
 * tablet should not even keep their names (they carry the account and device ids).
 */
export async function deleteBrowserDatabases(rxdbName: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || !indexedDB.databases) return;
  const prefix = `rxdb-dexie-${rxdbName}--`;
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve) => {
          const r = indexedDB.deleteDatabase(n);
          r.onsuccess = r.onerror = r.onblocked = () => resolve();
        }),
    ),
  );
}
