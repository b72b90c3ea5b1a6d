import type { z } from 'zod';
import {
  CommunicationPreferences,
  Customer,
  CustomerInsight,
  CustomerNote,
  CustomerTag,
  Event,
  Order,
  Product,
  Staff,
  TagDefinition,
  Venue,
} from './schemas';

/**
 * How a collection resolves two versions of one document:
 * - fieldwise: per-field hybrid-logical-clock last-writer-wins (both sides' edits survive)
 * - lww: the whole document with the later updatedAt wins
 * - immutable: the server's version wins; a re-push of the same content is a no-op
 * - tagAssignment: like lww, but a removal is never undone by a stale copy
 */
export type ConflictRule = 'fieldwise' | 'lww' | 'immutable' | 'tagAssignment';

/** Who may create or change documents of a collection. */
export type Writers = 'devices' | 'managers' | 'server';

export interface CollectionSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  writers: Writers;
  conflict: ConflictRule;
  /** Fields the device indexes (Dexie indexes only required, non-null fields). */
  indexes: string[][];
}

function spec<S extends z.ZodType>(s: CollectionSpec<S>): CollectionSpec<S> {
  return s;
}

/** The replicated collections of the design, in the order a fresh device best pulls them. */
export const COLLECTIONS = {
  venues: spec({ name: 'venues', schema: Venue, writers: 'managers', conflict: 'lww', indexes: [] }),
  staff: spec({ name: 'staff', schema: Staff, writers: 'managers', conflict: 'lww', indexes: [] }),
  tag_definitions: spec({ name: 'tag_definitions', schema: TagDefinition, writers: 'managers', conflict: 'lww', indexes: [] }),
  products: spec({ name: 'products', schema: Product, writers: 'managers', conflict: 'lww', indexes: [['sku']] }),
  events: spec({ name: 'events', schema: Event, writers: 'managers', conflict: 'lww', indexes: [['startsAt']] }),
  customers: spec({ name: 'customers', schema: Customer, writers: 'devices', conflict: 'fieldwise', indexes: [['updatedAt']] }),
  customer_tags: spec({ name: 'customer_tags', schema: CustomerTag, writers: 'devices', conflict: 'tagAssignment', indexes: [['customerId'], ['addedAt']] }),
  orders: spec({ name: 'orders', schema: Order, writers: 'devices', conflict: 'immutable', indexes: [['createdAt']] }),
  customer_notes: spec({ name: 'customer_notes', schema: CustomerNote, writers: 'devices', conflict: 'immutable', indexes: [['customerId']] }),
  communication_preferences: spec({
    name: 'communication_preferences',
    schema: CommunicationPreferences,
    writers: 'devices',
    conflict: 'fieldwise',
    indexes: [['customerId']],
  }),
  customer_insights: spec({ name: 'customer_insights', schema: CustomerInsight, writers: 'server', conflict: 'immutable', indexes: [['customerId']] }),
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export type DocOf<C extends CollectionName> = z.infer<(typeof COLLECTIONS)[C]['schema']>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}

/** Collections a device may push to (managers' collections need a manager's device). */
export function devicePushable(name: CollectionName, role: 'STAFF' | 'MANAGER' | 'OWNER'): boolean {
  const w = COLLECTIONS[name].writers;
  if (w === 'server') return false;
  if (w === 'managers') return role !== 'STAFF';
  return true;
}
