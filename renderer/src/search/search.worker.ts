/// <reference lib="webworker" />
import { applyGuestChange, createGuestIndex, type GuestEntry, type GuestSource, findDuplicates, searchable } from './guest-index';
import { readGuests } from './read-guests';
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';

// The guest index lives here, off the screen's thread: building it over tens of thousands of
// guests and answering a keystroke never costs the screen a frame.
const index = createGuestIndex();
let ready = false;
const early: GuestSource[] = [];
const waiting: Array<Extract<ToSearchWorker, { type: 'search' }>> = [];
const waitingDuplicates: Array<Extract<ToSearchWorker, { type: 'duplicates' }>> = [];
const post = (m: FromSearchWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

function answer(m: Extract<ToSearchWorker, { type: 'search' }>) {
  const { hits, total } = index.search(m.query, m.limit);
  post({ type: 'results', seq: m.seq, query: m.query, hits, total });
}

self.onmessage = async (e: MessageEvent<ToSearchWorker>) => {
  const m = e.data;
  if (m.type === 'changes') {
    // Changes that arrive while the table is being read are applied after it, so the newest wins.
    if (!ready) early.push(...m.docs);
    else for (const d of m.docs) applyGuestChange(index, d);
  } else if (m.type === 'search') {
    if (ready) answer(m);
    else waiting.push(m);
  } else if (m.type === 'duplicates') {
    if (ready) post({ type: 'duplicates', seq: m.seq, hits: findDuplicates(index, m) });
    else waitingDuplicates.push(m);
  } else if (m.type === 'load') {
    const t0 = performance.now();
    try {
      await readGuests(indexedDB, m.databaseName, (docs) => {
        index.addAll(docs.map(searchable).filter((g): g is GuestEntry => g !== null));
      });
      for (const d of early.splice(0)) applyGuestChange(index, d);
      index.settle();
      // One throwaway query compiles the lookup code now, not on the first real keystroke.
      index.search('a', 1);
      ready = true;
      post({ type: 'ready', count: index.documentCount, ms: Math.round(performance.now() - t0) });
      // Only the newest query a screen is waiting for still matters.
      const last = waiting.splice(0).pop();
      if (last) answer(last);
      for (const d of waitingDuplicates.splice(0)) post({ type: 'duplicates', seq: d.seq, hits: findDuplicates(index, d) });
    } catch (err) {
      post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }
};
