import { randomUUID } from 'node:crypto';
import type { CollectionName } from '@cellardoor/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCustomerDerived } from '../src/calculations/customer-derived';
import type { Db, Queryable } from '../src/db/driver';
import { migrate } from '../src/db/migrate';
import { withTenant } from '../src/db/tenant-scope';
import { CUSTOMER_SUMMARY_TABLES } from '../src/reports/summaries/customer-summaries';
import { DOCUMENT_SUMMARY_TABLES } from '../src/reports/summaries/document-summaries';
import { afterWrite } from '../src/sync/ingest-hooks';
import { pushBatch } from '../src/sync/push';
import { type DocumentWrite, lockCollection, writeDocuments } from '../src/sync/write-documents';
import { DRIVER, type TestDatabase, freshDatabase } from './harness';

/**
 * Random histories pushed in random batches and collection orders, with guests merged on the
 * way: the summaries kept by the push must equal a from-scratch recomputation.
 */
type Doc = Record<string, unknown>;

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (h: number) => new Date(T0 + h * HOUR).toISOString();
const id = (prefix: number, n: number) => `0${prefix.toString(16).padStart(7, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const CUSTOMERS = [0, 1, 2, 3].map((n) => id(1, n));
const VENUES = [id(2, 0), id(2, 1)];
const DEVICES = [id(3, 0), id(3, 1)];
const STAFF = 'staff-1';

const Sale = fc.record({
  kind: fc.constant('sale' as const),
  customer: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  cents: fc.integer({ min: 1, max: 90_000 }),
  eventType: fc.option(fc.constantFrom('PUBLIC_EVENT', 'WINE_CLUB_PICKUP'), { nil: null }),
  venue: fc.integer({ min: 0, max: 1 }),
  device: fc.integer({ min: 0, max: 1 }),
  hour: fc.integer({ min: 0, max: 24 * 400 }),
  refundAfter: fc.option(fc.integer({ min: 1, max: 24 * 30 }), { nil: null }),
  skipSeq: fc.boolean(),
  voided: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
});
const Tag = fc.record({
  kind: fc.constant('tag' as const),
  customer: fc.integer({ min: 0, max: 3 }),
  type: fc.constantFrom('VIP', 'PREFERENCE', 'EVENTS', 'WINE_CLUB'),
  value: fc.constantFrom(null, 'A', 'B'),
  hour: fc.integer({ min: 0, max: 24 * 400 }),
  removedAfter: fc.option(fc.integer({ min: 1, max: 24 * 60 }), { nil: null }),
  readdAfter: fc.option(fc.integer({ min: 1, max: 24 * 60 }), { nil: null }),
});
const History = fc.record({
  steps: fc.array(fc.oneof(Sale, Sale, Tag), { minLength: 1, maxLength: 28 }),
  merges: fc.array(fc.record({ from: fc.integer({ min: 0, max: 3 }), into: fc.integer({ min: 0, max: 3 }), at: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 2 }),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 40, maxLength: 40 }),
  zone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Pacific/Auckland'),
});
type History = typeof History extends fc.Arbitrary<infer H> ? H : never;

interface Version {
  collection: CollectionName;
  doc: Doc;
  /** The version of the same document the device changed (a tag's removal changes its assignment). */
  assumed?: Doc;
}

/** The document versions a history produces, in the order the devices made them. */
function versionsOf(h: History): Version[] {
  const out: Version[] = [];
  let n = 0;
  const seq = [0, 0];
  for (const c of CUSTOMERS)
    out.push({
      collection: 'customers',
      doc: { id: c, email: null, phone: null, firstName: `Guest ${c.slice(-1)}`, lastName: 'Test', postalCode: null, dateOfBirth: null,
             emailOptIn: false, smsOptIn: false, createdAt: iso(-24), updatedAt: iso(-24) },
    });
  for (const s of h.steps) {
    if (s.kind === 'sale') {
      seq[s.device]! += s.skipSeq ? 2 : 1;
      const sale: Doc = {
        id: id(4, n++), venueId: VENUES[s.venue], deviceId: DEVICES[s.device], staffId: STAFF,
        customerId: s.customer === null ? null : CUSTOMERS[s.customer], kind: 'SALE', refundOf: null,
        status: s.voided ? 'VOIDED' : 'COMPLETED', isEventSale: s.eventType !== null, eventId: s.eventType ? id(5, 0) : null,
        eventType: s.eventType, salesChannel: s.eventType ? 'EVENT' : 'IN_STORE',
        items: [{ productId: id(6, 0), sku: 'RED-1', name: 'Red', category: 'RED', quantity: 1, unitPriceCents: s.cents, discountCents: 0, totalCents: s.cents }],
        subtotalCents: s.cents, discountCents: 0, taxCents: 0, totalCents: s.cents, paymentMethod: 'CARD',
        createdAt: iso(s.hour), updatedAt: iso(s.hour), deviceSeq: seq[s.device],
      };
      out.push({ collection: 'orders', doc: sale });
      if (s.refundAfter !== null && s.customer !== null && !s.voided) {
        seq[s.device]! += 1;
        out.push({
          collection: 'orders',
          doc: { ...sale, id: id(4, n++), kind: 'REFUND', refundOf: sale.id, isEventSale: false, eventId: null, eventType: null, salesChannel: 'IN_STORE',
                 items: [{ productId: id(6, 0), sku: 'RED-1', name: 'Red', category: 'RED', quantity: -1, unitPriceCents: s.cents, discountCents: 0, totalCents: -s.cents }],
                 subtotalCents: -s.cents, totalCents: -s.cents, createdAt: iso(s.hour + s.refundAfter), updatedAt: iso(s.hour + s.refundAfter), deviceSeq: seq[s.device] },
        });
      }
    } else {
      const tag: Doc = {
        id: id(7, n++), customerId: CUSTOMERS[s.customer], tagType: s.type, tagValue: s.value, addedAt: iso(s.hour), addedBy: STAFF,
        removedAt: null, removedBy: null, source: 'MANUAL', notes: null, updatedAt: iso(s.hour),
      };
      out.push({ collection: 'customer_tags', doc: tag });
      if (s.removedAfter !== null) {
        const removed = s.hour + s.removedAfter;
        out.push({ collection: 'customer_tags', doc: { ...tag, removedAt: iso(removed), removedBy: STAFF, updatedAt: iso(removed) }, assumed: tag });
        if (s.readdAfter !== null)
          out.push({ collection: 'customer_tags', doc: { ...tag, id: id(7, n++), addedAt: iso(removed + s.readdAfter), updatedAt: iso(removed + s.readdAfter) } });
      }
    }
  }
  return out;
}

/** Merges a guest the way the server does: mark the duplicate, re-point its orders and tags through the write path. */
async function mergeGuest(db: Db, tenantId: string, from: string, into: string): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    const repoint = async (collection: CollectionName, column: 'id' | 'customer_id', change: (doc: Doc) => Doc) => {
      await lockCollection(tx, tenantId, collection);
      const rows = await tx.query<{ doc: Doc; deleted: boolean }>(`SELECT doc, deleted FROM ${collection} WHERE tenant_id = $1 AND ${column} = $2`, [tenantId, from]);
      if (rows.length === 0) return;
      const writes: DocumentWrite[] = rows.map((r) => ({ doc: change(r.doc), deleted: r.deleted }));
      await writeDocuments(tx, tenantId, collection, writes, null);
      await afterWrite(tx, tenantId, collection, writes, new Map(rows.map((r) => [String(r.doc.id), r.deleted ? { ...r.doc, _deleted: true } : r.doc])), null);
    };
    await repoint('customers', 'id', (d) => ({ ...d, mergedInto: into }));
    await repoint('orders', 'customer_id', (d) => ({ ...d, customerId: into }));
    await repoint('customer_tags', 'customer_id', (d) => ({ ...d, customerId: into }));
  });
}

/** Columns that carry figures; a row whose figures are all zero or empty is the same as no row. */
const FIGURES: Record<string, string[]> = {
  customer_stats: ['revenue_cents', 'sale_count', 'refund_count', 'first_sale_at', 'last_sale_at'],
  tag_type_totals: ['customers', 'active_tags', 'revenue_cents', 'order_count', 'distinct_revenue_cents', 'distinct_order_count', 'buyers', 'days_active_sum'],
  tag_type_value_bands: ['customers'],
  tag_type_count_histogram: ['customers'],
  club_conversion_cohorts: ['attendees', 'already_members', 'converted', 'days_to_convert_sum', 'within_30_days', 'within_90_days', 'within_365_days'],
  event_unique_customers: ['customers'],
  event_sales_monthly: ['sales', 'revenue_cents'],
  tag_growth_monthly: ['added', 'removed'],
};
const DERIVED = ['customer_stats', 'tag_revenue', ...CUSTOMER_SUMMARY_TABLES, ...DOCUMENT_SUMMARY_TABLES];

async function snapshot(tx: Queryable, tenantId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of DERIVED) {
    const rows = await tx.query<Doc>(`SELECT * FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    const figures = FIGURES[table];
    out[table] = rows
      .filter((r) => !figures || figures.some((f) => r[f] !== 0 && r[f] !== null))
      .map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]])))
      .sort();
  }
  return out;
}

describe(`summaries kept by the push equal a from-scratch recomputation (${DRIVER})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    await migrate(database.db);
  });
  afterAll(async () => database?.drop());

  it('holds for random histories, batches, collection orders and merges', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(History, async (h) => {
        const tenantId = randomUUID();
        await db.query(`INSERT INTO tenants (id, name, slug, settings) VALUES ($1, 'P', $2, $3)`, [tenantId, `p-${tenantId}`, { reportTimeZone: h.zone }]);
        // Shuffle every version (a removal may arrive before its tag), then cut into batches.
        const versions = versionsOf(h)
          .map((v, i) => ({ v, key: h.order[i % h.order.length]! + i * 1e-9 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.v);
        const merges = [...h.merges].filter((m) => m.from !== m.into).sort((a, b) => a.at - b.at);
        let at = 0;
        for (let b = 0; at < versions.length; b++) {
          const size = h.batchSizes[b % h.batchSizes.length]!;
          const slice = versions.slice(at, at + size);
          at += size;
          while (merges.length > 0 && merges[0]!.at * versions.length <= at) {
            const m = merges.shift()!;
            await mergeGuest(db, tenantId, CUSTOMERS[m.from]!, CUSTOMERS[m.into]!);
          }
          // One push per collection, a document at most once per push.
          const byCollection = new Map<CollectionName, Version[][]>();
          for (const version of slice) {
            const batches = byCollection.get(version.collection) ?? [[]];
            let last = batches[batches.length - 1]!;
            if (last.some((x) => x.doc.id === version.doc.id)) batches.push((last = []));
            last.push(version);
            byCollection.set(version.collection, batches);
          }
          for (const [collection, batches] of byCollection)
            for (const batch of batches)
              await pushBatch(db, { tenantId, deviceId: null }, collection, batch.map((x) => ({ assumedMasterState: x.assumed ?? null, newDocumentState: x.doc })));
        }
        for (const m of merges) await mergeGuest(db, tenantId, CUSTOMERS[m.from]!, CUSTOMERS[m.into]!);

        const incremental = await withTenant(db, tenantId, (tx) => snapshot(tx, tenantId));
        const fromScratch = await withTenant(db, tenantId, async (tx) => {
          await refreshCustomerDerived(tx, tenantId, null);
          return snapshot(tx, tenantId);
        });
        expect(incremental).toEqual(fromScratch);
      }),
      { numRuns: DRIVER === 'pglite' ? 12 : 30, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) },
    );
  }, 600_000);
});
