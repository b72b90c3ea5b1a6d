import type { GuestSource } from './guest-index';

/**
 * Reads every guest straight from IndexedDB, in the search worker, so building the index never
 * costs the screen a frame. It reads the table RxDB's Dexie storage keeps for the customers
 * collection ("rxdb-dexie-<db>--<schema version>--customers", store "docs", key "id"; RxDB is
 * pinned, and read-guests.test.ts checks the layout against the real storage).
 */
export function customersTableName(databaseName: string, schemaVersion = 0): string {
  return `rxdb-dexie-${databaseName}--${schemaVersion}--customers`;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    // No version: open what is there; an upgrade here would mean the table does not exist yet.
    const r = factory.open(name);
    let created = false;
    r.onupgradeneeded = () => {
      created = true;
    };
    r.onsuccess = () => {
      if (!created) return resolve(r.result);
      // We made an empty database by opening it; remove it again so RxDB creates its own.
      r.result.close();
      const d = factory.deleteDatabase(name);
      d.onsuccess = d.onerror = d.onblocked = () => resolve(null);
    };
    r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    r.onblocked = () => reject(new Error('IndexedDB open blocked'));
  });
}

/** Calls `onBatch` with every stored guest, in id order, `batchSize` at a time. */
export async function readGuests(
  factory: IDBFactory,
  databaseName: string,
  onBatch: (docs: GuestSource[]) => void,
  batchSize = 5000,
): Promise<number> {
  const db = await openExisting(factory, customersTableName(databaseName));
  if (!db) return 0;
  try {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const store = db.transaction('docs', 'readonly').objectStore('docs');
      const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
      const docs: GuestSource[] = await request(store.getAll(range, batchSize) as IDBRequest<GuestSource[]>);
      if (docs.length === 0) return total;
      onBatch(docs);
      total += docs.length;
      after = docs[docs.length - 1]!.id;
      if (docs.length < batchSize) return total;
    }
  } finally {
    db.close();
  }
}
