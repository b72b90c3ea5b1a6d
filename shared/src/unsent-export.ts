import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { z } from 'zod';
import { COLLECTIONS, type CollectionName, isCollectionName } from './collections';
import { canonicalJson } from './sync/merge';

/**
 * The last-resort file of a tablet's unsent documents (DESIGN.md, Storage): a manager exports it
 * when a tablet cannot reach the server, and imports it on another tablet of the same account or
 * on the server. Documents keep their ids, deviceId and deviceSeq, so importing twice, or
 * importing and then syncing the original tablet, writes nothing twice.
 */
export const UNSENT_FORMAT = 'cellardoor-unsent';
export const UNSENT_VERSION = 1;

type Doc = Record<string, unknown>;

export interface UnsentExport {
  format: typeof UNSENT_FORMAT;
  version: typeof UNSENT_VERSION;
  tenantId: string;
  deviceId: string;
  deviceNumber: number;
  deviceName?: string;
  exportedAt: string;
  exportedBy?: string | null;
  collections: Partial<Record<CollectionName, Doc[]>>;
  checksum: string;
}

/** Collections a file may carry: everything a device writes, never server-computed ones. */
export const EXPORTABLE_COLLECTIONS = (Object.keys(COLLECTIONS) as CollectionName[]).filter((c) => COLLECTIONS[c].writers !== 'server');

const Envelope = z.strictObject({
  format: z.literal(UNSENT_FORMAT, { error: 'this is not a Cellardoor unsent-documents file' }),
  version: z.literal(UNSENT_VERSION, { error: `this file was written by a newer app (only version ${UNSENT_VERSION} is read here)` }),
  tenantId: z.uuid(),
  deviceId: z.uuid(),
  deviceNumber: z.number().int().min(1),
  deviceName: z.string().max(100).optional(),
  exportedAt: z.iso.datetime({ offset: true }),
  exportedBy: z.string().max(100).nullable().optional(),
  collections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'the checksum is missing or malformed'),
});

/** SHA-256 over the canonical JSON of everything but the checksum: any edit or truncation shows. */
export function unsentChecksum(file: Omit<UnsentExport, 'checksum'>): string {
  const { checksum: _ignored, ...rest } = file as UnsentExport;
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(rest))))}`;
}

export function buildUnsentExport(input: Omit<UnsentExport, 'format' | 'version' | 'checksum'>): UnsentExport {
  const collections: Partial<Record<CollectionName, Doc[]>> = {};
  for (const [c, docs] of Object.entries(input.collections)) if (docs && docs.length > 0) collections[c as CollectionName] = docs;
  const body = { format: UNSENT_FORMAT, version: UNSENT_VERSION, ...input, collections } as const;
  return { ...body, checksum: unsentChecksum(body) };
}

export class UnsentFileError extends Error {}

/** Reads a file's text: the envelope, the checksum and the collection names; documents are validated by whoever writes them. */
export function readUnsentExport(text: string): UnsentExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UnsentFileError('The file is not readable JSON: it may be damaged or not a Cellardoor export.');
  }
  return parseUnsentExport(raw);
}

/** Checks an already-parsed file (a request body on the server). */
export function parseUnsentExport(raw: unknown): UnsentExport {
  const parsed = Envelope.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UnsentFileError(`The file is not a valid unsent-documents export: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}.`);
  }
  const file = parsed.data as UnsentExport;
  for (const name of Object.keys(file.collections)) {
    if (!isCollectionName(name) || !EXPORTABLE_COLLECTIONS.includes(name)) throw new UnsentFileError(`The file holds an unknown collection "${name}".`);
  }
  if (unsentChecksum(file) !== file.checksum)
    throw new UnsentFileError('The file was changed or cut short after it was exported (its checksum does not match). Export it again from the tablet.');
  return file;
}

export function countUnsent(file: Pick<UnsentExport, 'collections'>): number {
  return Object.values(file.collections).reduce((s, docs) => s + (docs?.length ?? 0), 0);
}

export function unsentFileName(file: Pick<UnsentExport, 'deviceNumber' | 'exportedAt'>): string {
  return `cellardoor-unsent-T${file.deviceNumber}-${file.exportedAt.replace(/[:.]/g, '-')}.json`;
}
