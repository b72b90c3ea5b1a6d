import type { CollectionName } from '@cellardoor/shared';
import type { CellardoorDatabase } from '../data/database';

/**
 * Documents the server refused (422), set aside with the server's reason so one bad document
 * never blocks the rest of the queue, and never silently dropped: the sync screen lists them,
 * and fixing the document (a new local write) sends it again.
 */
export interface RefusedDocument {
  collection: CollectionName;
  id: string;
  reason: string;
  refusedAt: string;
  doc: Record<string, unknown>;
}

interface AttentionData {
  items: RefusedDocument[];
}

const KEY = 'needs-attention';

export async function setAside(db: CellardoorDatabase, items: RefusedDocument[]): Promise<void> {
  if (items.length === 0) return;
  const doc = await db.getLocal<AttentionData>(KEY);
  const current = (doc?.get('items') ?? []) as RefusedDocument[];
  const replaced = new Set(items.map((i) => `${i.collection}:${i.id}`));
  await db.upsertLocal<AttentionData>(KEY, { items: [...current.filter((i) => !replaced.has(`${i.collection}:${i.id}`)), ...items] });
}

export async function needsAttention(db: CellardoorDatabase): Promise<RefusedDocument[]> {
  const doc = await db.getLocal<AttentionData>(KEY);
  return (doc?.get('items') ?? []) as RefusedDocument[];
}

export async function resolveAttention(db: CellardoorDatabase, collection: CollectionName, id: string): Promise<void> {
  const doc = await db.getLocal<AttentionData>(KEY);
  const current = (doc?.get('items') ?? []) as RefusedDocument[];
  await db.upsertLocal<AttentionData>(KEY, { items: current.filter((i) => !(i.collection === collection && i.id === id)) });
}
