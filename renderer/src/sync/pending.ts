import { COLLECTION_NAMES, type CollectionName } from '@cellardoor/shared';
import type { CellardoorDatabase } from '../data/database';

/**
 * Which documents this device changed and the server has not yet accepted, per collection.
 * Kept in RxDB local documents so it survives restarts and crashes: the sync screen counts it,
 * and sign-out, unenrolment and wipe are blocked while it is not empty.
 * Marked before the document is written, so a crash can only over-count, never hide a sale.
 */
interface PendingData {
  ids: Record<string, number>;
}

const key = (c: CollectionName) => `pending-${c}`;
const queues = new WeakMap<CellardoorDatabase, Promise<unknown>>();

/** Serialises read-modify-write of the pending sets within this process. */
function serial<T>(db: CellardoorDatabase, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(db) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(db, next.catch(() => undefined));
  return next;
}

async function update(db: CellardoorDatabase, c: CollectionName, change: (ids: Record<string, number>) => void): Promise<void> {
  await serial(db, async () => {
    const doc = await db.getLocal<PendingData>(key(c));
    const ids = { ...(doc?.get('ids') ?? {}) } as Record<string, number>;
    change(ids);
    await db.upsertLocal<PendingData>(key(c), { ids });
  });
}

export function markPending(db: CellardoorDatabase, c: CollectionName, ids: readonly string[]): Promise<void> {
  const at = Date.now();
  return update(db, c, (set) => {
    for (const id of ids) set[id] = at;
  });
}

/** Clears ids the server accepted (or answered with its own version). */
export function clearPending(db: CellardoorDatabase, c: CollectionName, ids: readonly string[]): Promise<void> {
  return update(db, c, (set) => {
    for (const id of ids) delete set[id];
  });
}

export async function pendingIds(db: CellardoorDatabase, c: CollectionName): Promise<string[]> {
  const doc = await db.getLocal<PendingData>(key(c));
  return Object.keys((doc?.get('ids') ?? {}) as Record<string, number>);
}

export async function pendingCounts(db: CellardoorDatabase): Promise<Record<CollectionName, number>> {
  const out = {} as Record<CollectionName, number>;
  for (const c of COLLECTION_NAMES) out[c] = (await pendingIds(db, c)).length;
  return out;
}

export async function totalPending(db: CellardoorDatabase): Promise<number> {
  const counts = await pendingCounts(db);
  return Object.values(counts).reduce((s, n) => s + n, 0);
}
