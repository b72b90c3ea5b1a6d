import type { CollectionName } from './collections';

/**
 * Index keys kept only on the device. Dexie indexes only required, non-null fields, but a walk-in
 * sale has no customer; these derived keys ('' for none) make "this guest's orders" an index
 * lookup. They are added when a document enters the device and stripped before it leaves.
 */
export const LOCAL_FIELDS: Partial<Record<CollectionName, Record<string, (doc: Record<string, unknown>) => string>>> = {
  orders: {
    customerKey: (d) => (typeof d.customerId === 'string' ? d.customerId : ''),
    receiptKey: (d) => (typeof d.receiptNumber === 'string' ? d.receiptNumber : ''),
    // Zero-padded so the device's highest sale number is an index lookup.
    seqKey: (d) => (typeof d.deviceSeq === 'number' ? String(d.deviceSeq).padStart(10, '0') : ''),
  },
  products: {
    barcodeKey: (d) => (typeof d.barcode === 'string' ? d.barcode : ''),
  },
};

/** Local index fields' max length, so Dexie can index them. */
export const LOCAL_FIELD_MAX_LENGTH = 64;

export function withLocalFields<T extends Record<string, unknown>>(name: CollectionName, doc: T): T {
  const fields = LOCAL_FIELDS[name];
  if (!fields) return doc;
  const out: Record<string, unknown> = { ...doc };
  for (const [key, derive] of Object.entries(fields)) out[key] = derive(doc);
  return out as T;
}

export function withoutLocalFields<T extends Record<string, unknown>>(name: CollectionName, doc: T): T {
  const fields = LOCAL_FIELDS[name];
  if (!fields) return doc;
  const out: Record<string, unknown> = { ...doc };
  for (const key of Object.keys(fields)) delete out[key];
  return out as T;
}
