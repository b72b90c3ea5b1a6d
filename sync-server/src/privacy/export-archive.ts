import JSZip from 'jszip';
import Papa from 'papaparse';
import type { Queryable } from '../db/driver';

type Row = Record<string, unknown>;

/** The sections of a guest's data export, each written as JSON and as CSV. */
export const EXPORT_SECTIONS = ['profile', 'tags', 'orders', 'order_items', 'notes', 'consents', 'history', 'merges', 'insights', 'audit'] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

const README = `This archive holds everything this venue's Cellardoor system keeps about one guest.

json/ and csv/ hold the same data:
  profile      the guest record (and any duplicate records merged into it)
  tags         every tag assignment, including removed ones (removedAt, removedBy)
  orders       sales and refunds; order_items has one line per item
  notes        notes staff wrote about the guest
  consents     marketing consent records and every consent change
  history      changes to the guest record (merges, conflicting edits, erasure)
  merges       merges of duplicate records into this one
  insights     figures the system computed (spend, visits, tiers)
  audit        who read or changed this guest's data, with which device, and when

All money is in cents; all times are UTC (ISO 8601).
`;

/** Nested values become JSON text in CSV cells; formulas are neutralised (spreadsheet injection). */
function toCsv(rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const flat = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] !== null && typeof r[c] === 'object' ? JSON.stringify(r[c]) : r[c]])));
  return Papa.unparse(flat, { columns, escapeFormulae: true });
}

/** Reads every section for the guest and the records merged into them. */
export async function collectGuestData(tx: Queryable, tenantId: string, customerId: string): Promise<Record<ExportSection, Row[]>> {
  const ids = (
    await tx.query<{ id: string }>(
      `WITH RECURSIVE family AS (
         SELECT id FROM customers WHERE tenant_id = $1 AND id = $2
         UNION SELECT c.id FROM customers c JOIN family f ON c.tenant_id = $1 AND c.merged_into = f.id
       ) SELECT id FROM family`,
      [tenantId, customerId],
    )
  ).map((r) => r.id);
  const docs = async (table: string, column: string) =>
    (await tx.query<{ doc: Row }>(`SELECT doc FROM ${table} WHERE tenant_id = $1 AND ${column} = ANY($2::uuid[]) AND NOT deleted ORDER BY seq`, [tenantId, ids])).map(
      (r) => r.doc,
    );
  const orders = await docs('orders', 'customer_id');
  const history = await tx.query<Row>(
    `SELECT customer_id AS "customerId", at, field, old_value AS "oldValue", new_value AS "newValue", reason, device_id AS "deviceId"
       FROM customer_history WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) ORDER BY at, id`,
    [tenantId, ids],
  );
  return {
    profile: await docs('customers', 'id'),
    tags: await docs('customer_tags', 'customer_id'),
    orders: orders.map(({ items, ...o }) => ({ ...o, itemCount: Array.isArray(items) ? items.length : 0 })),
    order_items: orders.flatMap((o) => (Array.isArray(o.items) ? (o.items as Row[]).map((it, i) => ({ orderId: o.id, line: i + 1, ...it })) : [])),
    notes: await docs('customer_notes', 'customer_id'),
    consents: [
      ...(await docs('communication_preferences', 'customer_id')).map((d) => ({ record: 'preferences', ...d })),
      ...history.filter((h) => h.reason === 'consent').map((h) => ({ record: 'change', ...h })),
    ],
    history,
    merges: await tx.query<Row>(
      `SELECT id AS "mergeId", survivor_id AS "survivorId", merged_id AS "mergedId", merged_at AS "mergedAt", undone_at AS "undoneAt"
         FROM customer_merges WHERE tenant_id = $1 AND (survivor_id = ANY($2::uuid[]) OR merged_id = ANY($2::uuid[])) ORDER BY merged_at`,
      [tenantId, ids],
    ),
    insights: await docs('customer_insights', 'customer_id'),
    audit: await tx.query<Row>(
      `SELECT a.at, a.action, a.details, u.email AS "byUser", d.name AS "byDevice"
         FROM audit_log a
         LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.actor_user
         LEFT JOIN devices d ON d.tenant_id = a.tenant_id AND d.id = a.actor_device
        WHERE a.tenant_id = $1 AND (a.customer_id = ANY($2::uuid[]) OR a.customer_ids && $2::uuid[])
        ORDER BY a.at, a.id`,
      [tenantId, ids],
    ),
  };
}

/** The zip: README, json/<section>.json and csv/<section>.csv. */
export async function buildArchive(data: Record<ExportSection, Row[]>, meta: Row): Promise<{ zip: Buffer; files: string[] }> {
  const zip = new JSZip();
  zip.file('README.txt', README);
  zip.file('export.json', JSON.stringify(meta, null, 2));
  for (const s of EXPORT_SECTIONS) {
    zip.file(`json/${s}.json`, JSON.stringify(data[s], null, 2));
    zip.file(`csv/${s}.csv`, toCsv(data[s]));
  }
  const files = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir).sort();
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { zip: buf, files };
}
