/**
 * One simulated tablet in a child process (RxDB's free edition allows 13 open collections per
 * process and a device has 11). The parent drives it with `DeviceProcess` (device-process.ts):
 * each message is one command, answered with its result or error.
 */
import { indexedDB } from 'fake-indexeddb';
import type { CollectionName, DocOf } from '@cellardoor/shared';
import { ChangeRecorder } from '../src/data/record-change';
import { totalPending } from '../src/sync/pending';
import { type NodeDevice, openNodeDevice } from './node-device';

export type WorkerCommand =
  | { op: 'open'; serverUrl: string; deviceToken: string; deviceId: string; clockOffsetMs?: number }
  | { op: 'sync'; timeoutMs?: number }
  | { op: 'put'; collection: CollectionName; doc: Record<string, unknown> }
  | { op: 'patch'; collection: CollectionName; id: string; patch: Record<string, unknown> }
  | { op: 'get'; collection: CollectionName; id: string }
  | { op: 'find'; collection: CollectionName; selector: Record<string, unknown> }
  | { op: 'pending' }
  | { op: 'search'; needles: string[] }
  | { op: 'close' };

export interface WorkerRequest {
  seq: number;
  command: WorkerCommand;
}
export interface WorkerResponse {
  seq: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

let device: NodeDevice | null = null;
let recorder: ChangeRecorder | null = null;

function need(): { device: NodeDevice; recorder: ChangeRecorder } {
  if (!device || !recorder) throw new Error('open the device first');
  return { device, recorder };
}

/** Reads every record of every IndexedDB database this process holds, as JSON text per store. */
async function everyStoredRecord(): Promise<Array<{ database: string; store: string; text: string }>> {
  const out: Array<{ database: string; store: string; text: string }> = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      for (const r of records) out.push({ database: info.name, store, text: JSON.stringify(r) });
    }
    idb.close();
  }
  return out;
}

async function run(c: WorkerCommand): Promise<unknown> {
  switch (c.op) {
    case 'open': {
      // The app's own storage (Dexie on IndexedDB), so `search` reads what a tablet would keep.
      device = await openNodeDevice({ serverUrl: c.serverUrl, deviceToken: c.deviceToken, storage: 'dexie' });
      const offset = c.clockOffsetMs ?? 0;
      recorder = new ChangeRecorder(device.db, c.deviceId, () => new Date(Date.now() + offset));
      return null;
    }
    case 'sync': {
      const { device: d } = need();
      // One sync session and then offline again, like a tablet that finds Wi-Fi for a moment.
      d.events.length = 0;
      const sync = d.startSync({ live: false });
      const done = await sync.syncNow(c.timeoutMs ?? 30_000);
      await sync.stop();
      d.sync = null;
      return { done, events: d.events.map((e) => ({ ...e, ...('error' in e ? { error: String(e.error) } : {}) })) };
    }
    case 'put':
      return need().recorder.put(c.collection, c.doc as DocOf<typeof c.collection>);
    case 'patch':
      return need().recorder.patch(c.collection, c.id, c.patch as Partial<DocOf<typeof c.collection>>);
    case 'get': {
      const doc = await need().device.db.collections[c.collection].findOne(c.id).exec();
      return doc ? doc.toJSON() : null;
    }
    case 'find': {
      const docs = await need().device.db.collections[c.collection].find({ selector: c.selector }).exec();
      return docs.map((d) => d.toJSON());
    }
    case 'pending':
      return totalPending(need().device.db);
    case 'search': {
      const found: Array<{ needle: string; database: string; store: string }> = [];
      const records = await everyStoredRecord();
      for (const needle of c.needles)
        for (const r of records) if (r.text.toLowerCase().includes(needle.toLowerCase())) found.push({ needle, database: r.database, store: r.store });
      return { found, records: records.length };
    }
    case 'close':
      await device?.close();
      device = null;
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (m: WorkerRequest) => {
  run(m.command).then(
    (result) => process.send!({ seq: m.seq, ok: true, result } satisfies WorkerResponse),
    (err: unknown) => process.send!({ seq: m.seq, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) } satisfies WorkerResponse),
  );
});
