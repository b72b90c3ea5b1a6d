import {
  COLLECTIONS,
  COLLECTION_NAMES,
  type CollectionName,
  EXPORTABLE_COLLECTIONS,
  type UnsentExport,
  UnsentFileError,
  buildUnsentExport,
  devicePushable,
  resolveConflict,
  sameDocument,
  withoutLocalFields,
} from '@cellardoor/shared';
import { combineLatest, map, type Observable } from 'rxjs';
import type { CellardoorDatabase } from '../data/database';
import type { ChangeRecorder } from '../data/record-change';
import { needsAttention } from './attention';
import { pendingIds } from './pending';

type Doc = Record<string, unknown>;

const PRIVATE_FIELDS = ['_meta', '_rev', '_attachments', '_deleted'];

/** A document as it leaves the device: no device-only index keys, no RxDB bookkeeping. */
function portable(c: CollectionName, doc: Doc): Doc {
  const out = withoutLocalFields(c, doc);
  for (const k of PRIVATE_FIELDS) delete out[k];
  return out;
}

/**
 * Everything this device holds that the server has not accepted: documents still waiting to be
 * sent, and documents the server refused (set aside in "needs attention"). Both count as unsent:
 * signing out, unenrolling or wiping would lose them.
 */
export async function unsentDocuments(db: CellardoorDatabase): Promise<Partial<Record<CollectionName, Doc[]>>> {
  const refused = await needsAttention(db);
  const out: Partial<Record<CollectionName, Doc[]>> = {};
  for (const c of EXPORTABLE_COLLECTIONS) {
    const setAside = refused.filter((r) => r.collection === c);
    const ids = [...new Set([...(await pendingIds(db, c)), ...setAside.map((r) => r.id)])];
    if (ids.length === 0) continue;
    const stored = await db.collections[c].findByIds(ids).exec();
    out[c] = ids.flatMap((id) => {
      const doc = stored.get(id);
      if (doc) return [portable(c, doc.toJSON() as Doc)];
      const kept = setAside.find((r) => r.id === id);
      return kept ? [portable(c, kept.doc)] : [];
    });
  }
  return out;
}

export async function unsentCount(db: CellardoorDatabase): Promise<number> {
  const refused = await needsAttention(db);
  let n = 0;
  for (const c of COLLECTION_NAMES) n += new Set([...(await pendingIds(db, c)), ...refused.filter((r) => r.collection === c).map((r) => r.id)]).size;
  return n;
}

/** Live count of pending (not yet accepted) documents, from the pending sets' local documents. */
export function pendingTotal$(db: CellardoorDatabase): Observable<number> {
  return combineLatest(COLLECTION_NAMES.map((c) => db.getLocal$<{ ids: Record<string, number> }>(`pending-${c}`))).pipe(
    map((docs) => docs.reduce((s, d) => s + Object.keys((d?.get('ids') ?? {}) as Record<string, number>).length, 0)),
  );
}

export interface DeviceIdentity {
  tenantId: string;
  deviceId: string;
  deviceNumber: number;
  deviceName: string;
}

export async function exportUnsent(db: CellardoorDatabase, device: DeviceIdentity, exportedBy: string | null): Promise<UnsentExport> {
  // Named one by one: the credentials object this is often given also holds the device token.
  const { tenantId, deviceId, deviceNumber, deviceName } = device;
  return buildUnsentExport({ tenantId, deviceId, deviceNumber, deviceName, exportedAt: new Date().toISOString(), exportedBy, collections: await unsentDocuments(db) });
}

export interface DeviceImportResult {
  written: number;
  unchanged: number;
  refused: Array<{ collection: CollectionName; id: string; reason: string }>;
}

/**
 * Imports another tablet's unsent file on this one: each document keeps its id, deviceId and
 * deviceSeq and goes through the one write path, so this tablet sends it on as the original would
 * have, and the server's push recognises repeats. Importing the same file twice writes nothing.
 */
export async function importUnsentOnDevice(
  db: CellardoorDatabase,
  recorder: ChangeRecorder,
  device: { tenantId: string; role: 'STAFF' | 'MANAGER' },
  file: UnsentExport,
): Promise<DeviceImportResult> {
  if (file.tenantId !== device.tenantId)
    throw new UnsentFileError('This file comes from a tablet of another account; it can only be imported by a tablet of the same account.');
  const result: DeviceImportResult = { written: 0, unchanged: 0, refused: [] };
  for (const c of COLLECTION_NAMES) {
    const docs = file.collections[c] ?? [];
    for (const raw of docs) {
      const id = String(raw.id ?? '');
      if (!devicePushable(c, device.role)) {
        result.refused.push({ collection: c, id, reason: 'this tablet is enrolled for staff only and cannot send catalogue changes; import the file on a manager tablet or on the server' });
        continue;
      }
      const parsed = COLLECTIONS[c].schema.safeParse(portable(c, raw));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        result.refused.push({ collection: c, id, reason: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` });
        continue;
      }
      const doc = parsed.data as Doc;
      const existing = await db.collections[c].findOne(id).exec();
      if (existing) {
        const current = portable(c, existing.toJSON() as Doc);
        // Identical first: a field-wise merge fills in stamps for fields nobody set, so it is
        // never "the same" as its input even when nothing changed.
        const resolved = sameDocument(current, doc) ? current : resolveConflict(c, current, doc);
        if (sameDocument(resolved, current)) {
          result.unchanged++;
          continue;
        }
        await recorder.put(c, resolved as never, { preserve: true });
      } else {
        await recorder.put(c, doc as never, { preserve: true });
      }
      result.written++;
    }
  }
  return result;
}
