import type { CollectionName } from '@cellardoor/shared';
import { advanceHorizon, refreshCustomerDerived } from '../calculations/customer-derived';
import type { Queryable } from '../db/driver';
import { summariseWrites } from '../reports/summaries';
import { refreshSegmentsOnIngest } from '../segments/on-ingest';
import type { DocumentWrite } from './write-documents';

type Doc = Record<string, unknown>;

const TIME_FIELDS = ['createdAt', 'updatedAt', 'addedAt', 'removedAt'] as const;

function latestInstant(writes: readonly DocumentWrite[]): string | null {
  let latest: number | null = null;
  for (const { doc } of writes)
    for (const f of TIME_FIELDS) {
      const v = doc[f];
      if (typeof v === 'string') {
        const ms = Date.parse(v);
        if (!Number.isNaN(ms) && (latest === null || ms > latest)) latest = ms;
      }
    }
  return latest === null ? null : new Date(latest).toISOString();
}

/**
 * Order lines, extracted from the stored orders' embedded items for category calculations, with
 * their order's guest, time, kind and whether it counts (completed, not deleted), so per-guest
 * figures read a guest's lines by customer without going through the orders. Read from the
 * orders table rather than the batch: it holds what was actually written (a conflict writes
 * nothing; a merged guest's sale is stored under the survivor). An order's lines never shrink:
 * orders are immutable once written (collections.ts), and the server's own rewrites (merge,
 * erasure) keep the items.
 */
export async function recordOrderLines(tx: Queryable, tenantId: string, writes: readonly DocumentWrite[]): Promise<void> {
  await tx.query(
    `WITH o AS (
       SELECT o.id, o.customer_id, o.created_at, o.kind, (o.status = 'COMPLETED' AND NOT o.deleted) AS counted,
              CASE WHEN jsonb_typeof(o.doc->'items') = 'array' THEN o.doc->'items' ELSE '[]'::jsonb END AS items
         FROM orders o WHERE o.tenant_id = $1 AND o.id = ANY($2::uuid[])
     )
     INSERT INTO order_items (tenant_id, order_id, line_no, product_id, sku, category, quantity, total_cents, customer_id, created_at, kind, counted)
     SELECT $1, o.id, i.ord, (i.item->>'productId')::uuid, i.item->>'sku', i.item->>'category',
            (i.item->>'quantity')::int, (i.item->>'totalCents')::bigint, o.customer_id, o.created_at, o.kind, o.counted
       FROM o CROSS JOIN LATERAL jsonb_array_elements(o.items) WITH ORDINALITY AS i(item, ord)
     ON CONFLICT (tenant_id, order_id, line_no) DO UPDATE SET
       product_id = EXCLUDED.product_id, sku = EXCLUDED.sku, category = EXCLUDED.category,
       quantity = EXCLUDED.quantity, total_cents = EXCLUDED.total_cents, customer_id = EXCLUDED.customer_id,
       created_at = EXCLUDED.created_at, kind = EXCLUDED.kind, counted = EXCLUDED.counted`,
    [tenantId, [...new Set(writes.map((w) => String(w.doc.id)))]],
  );
}

/**
 * What else changes, in the same transaction, when documents of a collection are written:
 * order lines, per-customer totals and tag revenue, consent history, the data horizon.
 * `previous` holds the server's version of each document before this write, when it had one
 * (`_deleted: true` on it when that version was a tombstone).
 */
export async function afterWrite(
  tx: Queryable,
  tenantId: string,
  collection: CollectionName,
  writes: readonly DocumentWrite[],
  previous: ReadonlyMap<string, Doc>,
  deviceId: string | null,
): Promise<{ touchedCustomers: string[] }> {
  const touched = new Set<string>();
  const addCustomer = (v: unknown) => {
    if (typeof v === 'string') touched.add(v);
  };
  switch (collection) {
    case 'orders': {
      await recordOrderLines(tx, tenantId, writes);
      for (const { doc } of writes) addCustomer(doc.customerId);
      for (const doc of previous.values()) addCustomer(doc.customerId);
      break;
    }
    case 'customer_tags':
      for (const { doc } of writes) addCustomer(doc.customerId);
      for (const doc of previous.values()) addCustomer(doc.customerId);
      break;
    case 'customers':
    case 'communication_preferences': {
      // Consent changes keep their history server-side.
      const changes: Array<{ customerId: string; field: string; old: unknown; new: unknown }> = [];
      for (const { doc } of writes) {
        const before = previous.get(String(doc.id));
        const customerId = String(collection === 'customers' ? doc.id : doc.customerId);
        for (const field of ['emailOptIn', 'smsOptIn'] as const) {
          const oldValue = before ? before[field] : null;
          if (oldValue !== doc[field]) changes.push({ customerId, field, old: oldValue ?? null, new: doc[field] ?? null });
        }
      }
      if (changes.length > 0)
        await tx.query(
          `INSERT INTO customer_history (tenant_id, customer_id, field, old_value, new_value, reason, device_id)
           SELECT $1, (c->>'customerId')::uuid, c->>'field', c->'old', c->'new', 'consent', $3::uuid
             FROM jsonb_array_elements($2::jsonb) AS c`,
          [tenantId, JSON.stringify(changes), deviceId],
        );
      break;
    }
    default:
      break;
  }
  await summariseWrites(tx, tenantId, collection, writes, previous);
  await refreshCustomerDerived(tx, tenantId, [...touched]);
  await advanceHorizon(tx, tenantId, latestInstant(writes));
  await refreshSegmentsOnIngest(tx, tenantId, collection, writes, previous);
  return { touchedCustomers: [...touched] };
}
