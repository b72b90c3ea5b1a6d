/**
 * One simulated tablet in a child process (RxDB's free edition allows 13 open collections per
 * process and a device has 11). The parent drives it with `DeviceProcess` (device-process.ts):
 * each message is one command, answered with its result or error.
 */
import { indexedDB } from 'fake-indexeddb';
import { type CollectionName, type DocOf, withoutLocalFields } from '@cellardoor/shared';
import { ChangeRecorder } from '../src/data/record-change';
import { lastIssuedSeq } from '../src/device/sale-sequence';
import { totalPending } from '../src/sync/pending';
import type { WorkerCommand, WorkerRequest, WorkerResponse } from './device-protocol';
import { type NodeDevice, openNodeDevice } from './node-device';
import { needlesIn } from './stored-text';

let device: NodeDevice | null = null;
let recorder: ChangeRecorder | null = null;
let opened: Extract<WorkerCommand, { op: 'open' }> | null = null;
/** The highest sale number issued here, told to the server on every call (as the app does). */
let lastSeq = 0;

async function openDevice(c: Extract<WorkerCommand, { op: 'open' }>): Promise<void> {
  // The app's own storage (Dexie on IndexedDB), so `search` reads what a tablet would keep. The
  // database is named after the device, so a restart in this process finds its storage again.
  device = await openNodeDevice({ serverUrl: c.serverUrl, deviceToken: c.deviceToken, storage: 'dexie', name: `device-${c.deviceId}`, lastSeq: () => lastSeq });
  const offset = c.clockOffsetMs ?? 0;
  recorder = new ChangeRecorder(device.db, c.deviceId, () => new Date(Date.now() + offset));
  lastSeq = await lastIssuedSeq(device.db, c.deviceId);
  opened = c;
}

/** A document as the server would hold it: no RxDB bookkeeping, no device-only fields. */
function plainDoc(collection: CollectionName, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(withoutLocalFields(collection, doc))) if (!k.startsWith('_')) out[k] = v;
  return out;
}

function need(): { device: NodeDevice; recorder: ChangeRecorder } {
  if (!device || !recorder) throw new Error('open the device first');
  return { device, recorder };
}

/** Reads every record of every IndexedDB database this process holds. */
async function everyStoredRecord(): Promise<Array<{ database: string; store: string; record: unknown }>> {
  const out: Array<{ database: string; store: string; record: unknown }> = [];
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
      for (const record of records) out.push({ database: info.name, store, record });
    }
    idb.close();
  }
  return out;
}

async function run(c: WorkerCommand): Promise<unknown> {
  switch (c.op) {
    case 'open':
      await openDevice(c);
      return null;
    case 'live': {
      const { device: d } = need();
      if (c.on && !d.sync) d.startSync({ live: true });
      if (!c.on && d.sync) {
        await d.sync.stop();
        d.sync = null;
      }
      return null;
    }
    case 'settle': {
      const { device: d } = need();
      if (!d.sync) throw new Error('start live sync first');
      d.events.length = 0;
      const done = await d.sync.syncNow(c.timeoutMs);
      return { done, pending: await totalPending(d.db), events: d.events.map((e) => ({ type: e.type, ...('error' in e ? { error: String(e.error) } : {}) })) };
    }
    case 'putMany': {
      const { device: d, recorder: r } = need();
      for (const doc of c.docs) await r.put(c.collection, doc as DocOf<typeof c.collection>);
      lastSeq = await lastIssuedSeq(d.db, opened!.deviceId);
      return c.docs.length;
    }
    case 'patchMany': {
      const { recorder: r } = need();
      for (const p of c.patches) await r.patch(c.collection, p.id, p.patch as Partial<DocOf<typeof c.collection>>);
      return c.patches.length;
    }
    case 'restart': {
      // The app is closed mid-whatever (push in flight included) and opened again; storage stays,
      // as IndexedDB does on a tablet. fake-indexeddb lives in this process's memory, so a
      // restart is in-process rather than a killed process.
      const { device: d } = need();
      const wasLive = d.sync !== null;
      await d.sync?.stop();
      d.sync = null;
      await d.db.close();
      await openDevice(opened!);
      if (wasLive) device!.startSync({ live: true });
      return null;
    }
    case 'dump': {
      const { device: d } = need();
      const out: Record<string, Array<Record<string, unknown>>> = {};
      for (const col of c.collections) out[col] = (await d.db.collections[col].find().exec()).map((x) => plainDoc(col, x.toJSON() as Record<string, unknown>));
      return out;
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
      for (const r of records) for (const needle of needlesIn(r.record, c.needles)) found.push({ needle, database: r.database, store: r.store });
      return { found, records: records.length };
    }
    case 'close':
      await device?.close();
      device = null;
      setImmediate(() => process.exit(0));
      return null;
  }
}

// One command at a time, as a tablet's app does one thing at a time: a restart lands between two
// writes, never inside one (each write is a staff member's tap, done or not done).
let queue: Promise<unknown> = Promise.resolve();
process.on('message', (m: WorkerRequest) => {
  const next = queue.then(() => run(m.command));
  queue = next.catch(() => undefined);
  next.then(
    (result) => process.send!({ seq: m.seq, ok: true, result } satisfies WorkerResponse),
    (err: unknown) => process.send!({ seq: m.seq, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) } satisfies WorkerResponse),
  );
});
