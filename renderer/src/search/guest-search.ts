import type { RxChangeEvent } from 'rxdb';
import { create } from 'zustand';
import type { AppServices } from '../app/context';
import type { GuestHit, GuestSource } from './guest-index';
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';
// Inlined into the app's own script: a tablet whose server went away after the page loaded can
// still start it (a separate worker file would have to be fetched from that server).
import SearchWorker from './search.worker?worker&inline';

export interface GuestSearchState {
  status: 'loading' | 'ready' | 'failed';
  guestCount: number;
  problem: string | null;
}

/** How far the search index is; UI state for the check-in screen. */
export const useGuestSearchStatus = create<GuestSearchState>(() => ({ status: 'loading', guestCount: 0, problem: null }));

/** The best matches for a query (at most the limit asked for) and how many guests match in all. */
export interface GuestAnswer {
  query: string;
  hits: GuestHit[];
  total: number;
}

export interface GuestSearch {
  /** The best matches for a query; a newer query makes older answers irrelevant (they resolve null). */
  search(query: string, limit?: number): Promise<GuestAnswer | null>;
  /** Guests on this device who already have this email or phone. */
  duplicates(contact: { email: string | null; phone: string | null }): Promise<GuestHit[]>;
  stop(): void;
}

const byDatabase = new WeakMap<object, GuestSearch>();

/**
 * The device's guest search: a worker holds the index, reads the guests straight from IndexedDB
 * when it starts, and is told of every later change to the customers collection, so a guest
 * added or edited on this tablet or pulled from the server is findable at once.
 */
export function guestSearchFor(app: Pick<AppServices, 'db'>): GuestSearch {
  const existing = byDatabase.get(app.db);
  if (existing) return existing;
  const worker = new SearchWorker({ name: 'guest-search' });
  const send = (m: ToSearchWorker) => worker.postMessage(m);
  let seq = 0;
  const resolvers = new Map<number, (r: GuestAnswer | null) => void>();
  const duplicateAnswers = new Map<number, (hits: GuestHit[]) => void>();
  useGuestSearchStatus.setState({ status: 'loading', guestCount: 0, problem: null });

  worker.onmessage = (e: MessageEvent<FromSearchWorker>) => {
    const m = e.data;
    if (m.type === 'ready') useGuestSearchStatus.setState({ status: 'ready', guestCount: m.count, problem: null });
    else if (m.type === 'failed') useGuestSearchStatus.setState({ status: 'failed', problem: m.message });
    else if (m.type === 'results') {
      const resolve = resolvers.get(m.seq);
      resolvers.delete(m.seq);
      resolve?.({ query: m.query, hits: m.hits, total: m.total });
    } else if (m.type === 'duplicates') {
      duplicateAnswers.get(m.seq)?.(m.hits);
      duplicateAnswers.delete(m.seq);
    }
  };

  worker.onerror = (e) => useGuestSearchStatus.setState({ status: 'failed', problem: e.message || 'the search worker did not start' });

  // Subscribe before the worker reads, so no change falls between its read and our first event.
  const sub = app.db.customers.$.subscribe((ev: RxChangeEvent<unknown>) => {
    const doc = (ev.operation === 'DELETE' ? { ...(ev.previousDocumentData as object), _deleted: true } : ev.documentData) as GuestSource | undefined;
    if (doc) send({ type: 'changes', docs: [doc] });
  });
  send({ type: 'load', databaseName: app.db.name });

  const search: GuestSearch = {
    search(query, limit = 200) {
      seq += 1;
      const mine = seq;
      // Answers arrive in order; any query still waiting when a newer one is asked is dropped.
      for (const [s, resolve] of resolvers) if (s < mine) resolve(null);
      for (const s of [...resolvers.keys()]) if (s < mine) resolvers.delete(s);
      return new Promise((resolve) => {
        resolvers.set(mine, resolve);
        send({ type: 'search', seq: mine, query, limit });
      });
    },
    duplicates(contact) {
      seq += 1;
      const mine = seq;
      return new Promise((resolve) => {
        duplicateAnswers.set(mine, resolve);
        send({ type: 'duplicates', seq: mine, email: contact.email, phone: contact.phone });
      });
    },
    stop() {
      sub.unsubscribe();
      worker.terminate();
      for (const resolve of resolvers.values()) resolve(null);
      resolvers.clear();
      for (const resolve of duplicateAnswers.values()) resolve([]);
      duplicateAnswers.clear();
      byDatabase.delete(app.db);
    },
  };
  app.db.customers.onClose.push(() => search.stop());
  byDatabase.set(app.db, search);
  return search;
}
