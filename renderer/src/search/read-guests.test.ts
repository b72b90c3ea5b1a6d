import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellardoorDatabase, openDatabase } from '../data/database';
import type { GuestSource } from './guest-index';
import { readGuests } from './read-guests';

// The search worker reads RxDB's own IndexedDB table; this holds it to the real storage's layout.
globalThis.IDBKeyRange ??= IDBKeyRange;

const guest = (i: number) => ({
  id: `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  email: `g${i}@example.com`,
  phone: null,
  firstName: `Guest${i}`,
  lastName: 'Tester',
  postalCode: null,
  dateOfBirth: null,
  emailOptIn: false,
  smsOptIn: false,
  createdAt: '2026-05-02T10:00:00.000Z',
  updatedAt: '2026-05-02T10:00:00.000Z',
});

describe('reading guests for the search worker', () => {
  let db: CellardoorDatabase;
  beforeAll(async () => {
    db = await openDatabase({ name: 'read-guests-test', storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });
    await db.customers.bulkInsert(Array.from({ length: 25 }, (_, i) => guest(i)) as never[]);
    await db.customers.findOne(guest(3).id).exec().then((d) => d!.remove());
  });
  afterAll(async () => {
    await db.close();
  });

  it('reads every guest RxDB stored, in batches, with deletions marked', async () => {
    const seen: GuestSource[] = [];
    const total = await readGuests(indexedDB, db.name, (docs) => seen.push(...docs), 10);
    expect(total).toBe(25);
    expect(seen.map((d) => d.firstName)).toContain('Guest24');
    const removed = seen.find((d) => d.id === guest(3).id)!;
    expect([true, '1']).toContain(removed._deleted);
    expect(seen.filter((d) => d._deleted === '0' || d._deleted === false)).toHaveLength(24);
  });

  it('a database that does not exist yet reads as empty and is not created', async () => {
    expect(await readGuests(indexedDB, 'no-such-db', () => undefined)).toBe(0);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names.some((n) => n?.includes('no-such-db'))).toBe(false);
  });
});
