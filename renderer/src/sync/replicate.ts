import {
  COLLECTION_NAMES,
  type CollectionName,
  MAX_PUSH_ROWS,
  type PullResponse,
  type PushResponse,
  type RefusedRow,
  type StreamMessage,
  sameDocument,
  withLocalFields,
  withoutLocalFields,
} from '@cellardoor/shared';
import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { type CellardoorDatabase, resolveConflict } from '../data/database';
import { setAside } from './attention';
import { Backoff, sleep } from './backoff';
import { type FetchLike, type SyncEndpoint, SyncHttpError, syncRequest } from './http';
import { clearPending } from './pending';
import { runServerStream } from './server-stream';

type Doc = Record<string, unknown>;
/** RxDB keeps checkpoints as objects; the server's checkpoint is an opaque string inside one. */
type Checkpoint = { c: string };

export type SyncEvent =
  | { type: 'pulled'; collection: CollectionName; count: number }
  | { type: 'pushed'; collection: CollectionName; count: number; conflicts: number }
  | { type: 'refused'; collection: CollectionName; rows: RefusedRow[] }
  | { type: 'error'; collection: CollectionName | 'stream'; error: Error; code: string }
  | { type: 'stream'; connected: boolean }
  | { type: 'revoked'; wipe: boolean; handover: boolean }
  | { type: 'upgrade-required'; message: string };

export interface SyncController {
  states: Map<CollectionName, RxReplicationState<Doc, Checkpoint>>;
  /** Pulls and pushes everything now; resolves when every collection is idle or after timeoutMs. */
  syncNow(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface SyncOptions {
  fetch?: FetchLike;
  onEvent?: (e: SyncEvent) => void;
  /** Collections this device pushes; the rest are pulled only. */
  pushable?: (c: CollectionName) => boolean;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Open the server's event stream (tests of offline behaviour can turn it off). */
  live?: boolean;
}

const PULL_ONLY: ReadonlySet<CollectionName> = new Set(['customer_insights']);

/**
 * Live replication of every collection with the sync server (DESIGN.md, Sync protocol). RxDB
 * drives checkpoints and conflicts; these handlers speak the HTTP protocol, back off while the
 * server is unreachable, and set refused documents aside instead of retrying them forever.
 */
export function startSync(db: CellardoorDatabase, endpoint: SyncEndpoint, opts: SyncOptions = {}): SyncController {
  const f = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const emit = opts.onEvent ?? (() => undefined);
  const controller = new AbortController();
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const states = new Map<CollectionName, RxReplicationState<Doc, Checkpoint>>();
  const backoff = new Backoff(500, 30_000);
  // Back-off sleeps end early when the user asks to sync or the server's stream comes back.
  let wake = new AbortController();
  const wakeUp = () => {
    backoff.reset();
    wake.abort();
    wake = new AbortController();
  };
  // The browser knows before any retry timer when the network is back: try at once, rather than
  // after back-off sleeps that grew while staff pressed "Sync now" offline.
  // (A browser window is an event target; Node, where the tests run this, has none.)
  const onOnline = () => wakeUp();
  const host = globalThis as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>;
  host.addEventListener?.('online', onOnline);
  controller.signal.addEventListener('abort', () => host.removeEventListener?.('online', onOnline));
  const pushable = opts.pushable ?? (() => true);

  /** Sorts a failure: revoked and too-old devices stop; everything else is retried with back-off. */
  const failed = async (collection: CollectionName, err: unknown): Promise<never> => {
    const error = err instanceof Error ? err : new Error(String(err));
    const code = err instanceof SyncHttpError ? err.code : 'OFFLINE';
    if (err instanceof SyncHttpError && err.code === 'DEVICE_REVOKED') {
      const d = (err.body?.error.details ?? {}) as { wipe?: boolean; handover?: boolean };
      emit({ type: 'revoked', wipe: d.wipe !== false, handover: d.handover === true });
    } else if (err instanceof SyncHttpError && err.status === 426) {
      emit({ type: 'upgrade-required', message: err.message });
    }
    emit({ type: 'error', collection, error, code });
    await sleep(backoff.next(), AbortSignal.any([controller.signal, wake.signal]));
    throw error;
  };

  const pushRows = async (collection: CollectionName, rows: Array<{ assumedMasterState: Doc | null; newDocumentState: Doc }>): Promise<Doc[]> => {
    const body = {
      rows: rows.map((r) => ({
        assumedMasterState: r.assumedMasterState ? withoutLocalFields(collection, r.assumedMasterState) : null,
        newDocumentState: withoutLocalFields(collection, r.newDocumentState),
      })),
    };
    try {
      const res = await syncRequest<PushResponse>(f, endpoint, 'POST', `/sync/v1/${collection}/push`, body, controller.signal);
      return res.conflicts;
    } catch (err) {
      if (err instanceof SyncHttpError && (err.status === 422 || err.status === 403)) {
        // Set the refused documents aside with the server's reason and send the rest.
        const refused: RefusedRow[] =
          err.status === 422 && err.body?.error.rows
            ? err.body.error.rows
            : rows.map((r, index) => ({ index, id: String(r.newDocumentState.id), reason: err.message }));
        const refusedIdx = new Set(refused.map((r) => r.index));
        await setAside(
          db,
          refused.map((r) => ({
            collection,
            id: String(rows[r.index]?.newDocumentState.id ?? r.id),
            reason: r.reason,
            refusedAt: new Date().toISOString(),
            doc: withoutLocalFields(collection, rows[r.index]?.newDocumentState ?? {}),
          })),
        );
        emit({ type: 'refused', collection, rows: refused });
        const rest = rows.filter((_, i) => !refusedIdx.has(i));
        return rest.length > 0 ? pushRows(collection, rest) : [];
      }
      throw err;
    }
  };

  for (const collection of COLLECTION_NAMES) {
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(collection, stream$);
    const canPush = !PULL_ONLY.has(collection) && pushable(collection);
    const state = replicateRxCollection<Doc, Checkpoint>({
      collection: db.collections[collection] as never,
      replicationIdentifier: `cellardoor-${collection}-${endpoint.serverUrl}`,
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: opts.pullBatchSize ?? 1000,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          try {
            const q = `/sync/v1/${collection}/pull?limit=${batchSize}${checkpoint?.c ? `&checkpoint=${encodeURIComponent(checkpoint.c)}` : ''}`;
            const res = await syncRequest<PullResponse>(f, endpoint, 'GET', q, undefined, controller.signal);
            backoff.reset();
            if (res.documents.length > 0) emit({ type: 'pulled', collection, count: res.documents.length });
            return {
              documents: res.documents.map((d) => withLocalFields(collection, d)) as never,
              checkpoint: res.checkpoint ? { c: res.checkpoint } : checkpoint ?? undefined,
            };
          } catch (err) {
            return failed(collection, err);
          }
        },
      },
      push: canPush
        ? {
            batchSize: Math.min(opts.pushBatchSize ?? MAX_PUSH_ROWS, MAX_PUSH_ROWS),
            handler: async (rows) => {
              try {
                const plain = rows.map((r) => ({ assumedMasterState: (r.assumedMasterState as Doc | undefined) ?? null, newDocumentState: r.newDocumentState as Doc }));
                const conflicts = await pushRows(collection, plain);
                backoff.reset();
                // A document stays pending only while our resolution of a conflict still differs from the server's.
                const conflictById = new Map(conflicts.map((c) => [String(c.id), c]));
                const settled = plain
                  .filter((r) => {
                    const master = conflictById.get(String(r.newDocumentState.id));
                    return !master || sameDocument(resolveConflict(collection, master, withoutLocalFields(collection, r.newDocumentState)), master);
                  })
                  .map((r) => String(r.newDocumentState.id));
                await clearPending(db, collection, settled);
                emit({ type: 'pushed', collection, count: rows.length, conflicts: conflicts.length });
                return conflicts.map((c) => withLocalFields(collection, c)) as never;
              } catch (err) {
                return failed(collection, err);
              }
            },
          }
        : undefined,
    });
    states.set(collection, state);
  }

  const broadcast = (m: StreamMessage) => {
    if (m.type === 'REVOKED') {
      // The next pull's 401 carries what the app acts on (wipe, and whether to hand over first).
      for (const s of streams.values()) s.next('RESYNC');
      return;
    }
    const targets = m.type === 'CHANGES' ? m.collections.filter((c): c is CollectionName => streams.has(c as CollectionName)) : [...streams.keys()];
    for (const c of targets) streams.get(c)!.next('RESYNC');
  };

  const streamDone =
    opts.live === false
      ? Promise.resolve()
      : runServerStream({
          fetch: f,
          endpoint,
          signal: controller.signal,
          wake: () => wake.signal,
          onMessage: broadcast,
          onState: (connected, error) => {
            emit({ type: 'stream', connected });
            if (connected) wakeUp();
            if (error) {
              if (error instanceof SyncHttpError && error.code === 'DEVICE_REVOKED') {
                const d = (error.body?.error.details ?? {}) as { wipe?: boolean; handover?: boolean };
                emit({ type: 'revoked', wipe: d.wipe !== false, handover: d.handover === true });
              }
              emit({ type: 'error', collection: 'stream', error, code: error instanceof SyncHttpError ? error.code : 'OFFLINE' });
            }
          },
        });

  return {
    states,
    async syncNow(timeoutMs = 60_000) {
      wakeUp();
      for (const s of states.values()) s.reSync();
      const all = Promise.all([...states.values()].map((s) => s.awaitInSync())).then(() => true);
      const timeout = sleep(timeoutMs, controller.signal).then(() => false);
      return Promise.race([all, timeout]);
    },
    async stop() {
      controller.abort();
      await Promise.all([...states.values()].map((s) => s.cancel()));
      for (const s of streams.values()) s.complete();
      await streamDone;
    },
  };
}
