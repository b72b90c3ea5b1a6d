import type { CollectionName } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { scrubForErasedGuest } from '../privacy/anonymise';

type Doc = Record<string, unknown>;

/** Collections whose documents name a guest by `customerId` and that devices push. */
export const GUEST_OWNED = ['orders', 'customer_tags', 'customer_notes', 'communication_preferences'] as const satisfies readonly CollectionName[];
export type GuestOwned = (typeof GUEST_OWNED)[number];

export function isGuestOwned(c: CollectionName): c is GuestOwned {
  return (GUEST_OWNED as readonly string[]).includes(c);
}

export interface Correction {
  /** The merges this document was redirected through, first hop first (for undo). */
  mergeIds: string[];
  /** The guest was erased: personal text in the document was removed. */
  erased: boolean;
  /**
   * The correction changed what the device sent. A device that already holds the corrected
   * version (it pulled it, or retries it) is not answered with a conflict for it.
   */
  changed: boolean;
}

interface Hop {
  start: string;
  merge_id: string | null;
  target: string;
  depth: number;
  final: boolean;
  erased: boolean;
}

/**
 * Server corrections to pushed documents, applied before the push is decided:
 * - a document naming a guest who was merged into another is re-pointed to the survivor (through
 *   chains of merges), so a tablet that was offline during the merge cannot split the guest again;
 * - a document about an erased guest loses its free text (notes, consent details), so erasure
 *   holds against tablets that were offline when it happened.
 * The corrected documents are answered as conflicts, so the device adopts the server's version.
 * Orders are immutable, and this is the one exception: the sale itself is unchanged, only whose
 * it is (or its free-text note) is corrected.
 */
export async function correctIncoming(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  input: ReadonlyArray<{ doc: Doc }>,
): Promise<Map<string, Correction>> {
  const corrections = new Map<string, Correction>();
  if (!isGuestOwned(collection)) return corrections;
  const named = [...new Set(input.map((r) => r.doc.customerId).filter((v): v is string => typeof v === 'string'))];
  if (named.length === 0) return corrections;
  const hops = await tx.query<Hop>(
    `WITH RECURSIVE chain AS (
       SELECT c.id AS start, c.id AS cur, c.merged_into, c.erased_at, 0 AS depth
         FROM customers c
        WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[]) AND (c.merged_into IS NOT NULL OR c.erased_at IS NOT NULL)
       UNION ALL
       SELECT ch.start, c.id, c.merged_into, c.erased_at, ch.depth + 1
         FROM chain ch JOIN customers c ON c.tenant_id = $1 AND c.id = ch.merged_into
        WHERE ch.depth < 32
     )
     SELECT ch.start, m.id AS merge_id, coalesce(ch.merged_into, ch.cur) AS target, ch.depth,
            ch.merged_into IS NULL AS final, ch.erased_at IS NOT NULL AS erased
       FROM chain ch
       LEFT JOIN customer_merges m ON m.tenant_id = $1 AND m.merged_id = ch.cur AND m.survivor_id = ch.merged_into AND m.undone_at IS NULL
      ORDER BY ch.start, ch.depth`,
    [tenantId, named],
  );
  const byStart = new Map<string, Hop[]>();
  for (const h of hops) byStart.set(h.start, [...(byStart.get(h.start) ?? []), h]);
  for (const row of input) {
    const start = row.doc.customerId;
    if (typeof start !== 'string') continue;
    const chain = byStart.get(start);
    if (!chain) continue;
    const last = chain[chain.length - 1]!;
    const mergeIds = chain.filter((h) => !h.final && h.merge_id).map((h) => h.merge_id!);
    const sent = JSON.stringify(row.doc);
    if (last.target !== start) row.doc.customerId = last.target;
    const erased = last.final && last.erased;
    if (erased) scrubForErasedGuest(collection, row.doc);
    if (mergeIds.length > 0 || erased) corrections.set(String(row.doc.id), { mergeIds, erased, changed: JSON.stringify(row.doc) !== sent });
  }
  return corrections;
}

/** Records which written documents each merge redirected, so undoing the merge moves them back. */
export async function recordRedirects(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writtenIds: ReadonlySet<string>,
  corrections: ReadonlyMap<string, Correction>,
): Promise<void> {
  const items: Array<{ m: string; d: string }> = [];
  for (const [id, c] of corrections) if (writtenIds.has(id)) for (const m of c.mergeIds) items.push({ m, d: id });
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO customer_merge_items (tenant_id, merge_id, collection, document_id, via)
     SELECT $1, (i->>'m')::uuid, $2, (i->>'d')::uuid, 'redirect' FROM jsonb_array_elements($3::jsonb) AS i
     ON CONFLICT DO NOTHING`,
    [tenantId, collection, JSON.stringify(items)],
  );
}
