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
