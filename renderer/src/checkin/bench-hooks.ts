import { type CollectionName, isCollectionName, withLocalFields } from '@cellardoor/shared';
import type { AppServices } from '../app/context';

/** Set in localStorage by the speed bench and e2e tests (never by the app) to load data fast. */
export const BENCH_HOOKS_FLAG = 'cellardoor.bench-hooks';

export interface BenchHooks {
  /** Stores documents as if they had been pulled from the server (not pending, no clock stamps). */
  bulkInsert(collection: string, docs: Array<Record<string, unknown>>): Promise<number>;
  count(collection: string): Promise<number>;
  /** Stops replication until the next start of the app (a bulk load is not this tablet's own work to push). */
  stopSync(): Promise<void>;
}

declare global {
  interface Window {
    cellardoorBench?: BenchHooks;
  }
}

/**
 * A test-only way to fill the device's database with tens of thousands of documents through
 * RxDB's bulkInsert, as a first pull would, without a server. Off unless the flag is set.
 */
export function exposeBenchHooks(app: Pick<AppServices, 'db' | 'sync'>): void {
  if (typeof localStorage === 'undefined' || localStorage.getItem(BENCH_HOOKS_FLAG) !== '1') return;
  const collection = (name: string) => {
    if (!isCollectionName(name)) throw new Error(`no collection ${name}`);
    return app.db.collections[name as CollectionName];
  };
  window.cellardoorBench = {
    async bulkInsert(name, docs) {
      const c = collection(name);
      const r = await c.bulkInsert(docs.map((d) => withLocalFields(name as CollectionName, d)) as never[]);
      if (r.error.length > 0) throw new Error(`${r.error.length} of ${docs.length} ${name} documents were refused: ${JSON.stringify(r.error[0]).slice(0, 300)}`);
      return r.success.length;
    },
    count: (name) => collection(name).count().exec(),
    stopSync: () => app.sync.stop(),
  };
}
