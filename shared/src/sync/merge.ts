import { compareHlc, hlcFloor } from '../hlc';

type Doc = Record<string, unknown>;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function explicitStamp(doc: Doc, field: string): string | undefined {
  return (doc.clock as Record<string, string> | undefined)?.[field];
}

function stampOf(doc: Doc, field: string): string {
  return explicitStamp(doc, field) ?? hlcFloor(String(doc.updatedAt ?? ''));
}

/**
 * The stamp a side's value carries in a merge. A document without a per-field clock (an import,
 * another system's client) only has `updatedAt`, which would date every field to its last edit,
 * so a stale copy of a field the side never touched would beat another device's real edit. With
 * the version the side started from (`base`), a field it left as it was keeps the base's stamp.
 */
function effectiveStamp(doc: Doc, field: string, base: Doc | null): string {
  const explicit = explicitStamp(doc, field);
  if (explicit !== undefined || base === null) return stampOf(doc, field);
  return sameValue(doc[field], base[field]) ? stampOf(base, field) : stampOf(doc, field);
}

export interface FieldLoss {
  field: string;
  keptValue: unknown;
  lostValue: unknown;
  keptStamp: string;
  lostStamp: string;
  /** Whose value lost. */
  loser: 'master' | 'incoming';
}

/** Whether a side changed a field since the version the incoming side started from (unknown: yes). */
function changedSince(doc: Doc, base: Doc | null, field: string): boolean {
  if (base === null || !sameValue(doc[field], base[field])) return true;
  const explicit = explicitStamp(doc, field);
  return explicit !== undefined && explicit !== stampOf(base, field);
}

/**
 * Field-wise last-writer-wins: every field takes the value with the later clock stamp, so two
 * devices editing different fields of one guest offline both keep their edit. Ties go to the
 * master (the server), which keeps the outcome the same wherever the merge runs.
 * Returns the merged document and the values that lost, which the server keeps in history.
 * With `base` (the version the incoming side started from), a value counts as lost only when its
 * side had changed it: a stale copy of a field the device never touched is not a loss.
 */
export function mergeFieldwise<T extends Doc>(
  master: T,
  incoming: T,
  fields: readonly string[],
  base: Doc | null = null,
): { doc: T; losses: FieldLoss[] } {
  const out: Doc = { ...master };
  const clock: Record<string, string> = { ...((master.clock as Record<string, string>) ?? {}) };
  const losses: FieldLoss[] = [];
  for (const f of fields) {
    const a = effectiveStamp(master, f, base);
    const b = effectiveStamp(incoming, f, base);
    const same = sameValue(master[f], incoming[f]);
    if (compareHlc(b, a) > 0) {
      if (!same && changedSince(master, base, f)) losses.push({ field: f, keptValue: incoming[f] ?? null, lostValue: master[f] ?? null, keptStamp: b, lostStamp: a, loser: 'master' });
      if (f in incoming) out[f] = incoming[f];
      clock[f] = b;
    } else {
      if (!same && changedSince(incoming, base, f)) losses.push({ field: f, keptValue: master[f] ?? null, lostValue: incoming[f] ?? null, keptStamp: a, lostStamp: b, loser: 'incoming' });
      clock[f] = a;
    }
  }
  const mu = String(master.updatedAt ?? '');
  const iu = String(incoming.updatedAt ?? '');
  out.updatedAt = iu > mu ? iu : mu;
  out.clock = clock;
  return { doc: out as T, losses };
}

/** Whole-document last-writer-wins on updatedAt; ties go to the master. */
export function mergeLww<T extends Doc>(master: T, incoming: T): T {
  return String(incoming.updatedAt ?? '') > String(master.updatedAt ?? '') ? incoming : master;
}

/**
 * A tag assignment: once removed it stays removed (re-adding makes a new assignment), so a stale
 * copy from a device that never saw the removal cannot bring it back.
 */
export function mergeTagAssignment<T extends Doc>(master: T, incoming: T): T {
  if (master.removedAt && !incoming.removedAt) return master;
  if (incoming.removedAt && !master.removedAt) return incoming;
  return mergeLww(master, incoming);
}

/** Deep equality of two JSON documents, ignoring key order and RxDB's private fields. */
export function sameDocument(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const PRIVATE = new Set(['_meta', '_rev', '_attachments']);

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Doc)[k];
      // A missing _deleted means "not deleted"; RxDB sends it, imports may not.
      if (PRIVATE.has(k) || v === undefined || (k === '_deleted' && v === false)) continue;
      out[k] = canonicalize(v);
    }
    return out;
  }
  return value;
}
