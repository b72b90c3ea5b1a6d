import type { Order } from '@cellardoor/shared';
import type { CellardoorDatabase } from '../data/database';

/**
 * The device's gapless sale counter (deviceSeq) and receipt numbers (T2-001042).
 * The next number is one past the highest of the counter and this device's stored sales, so a
 * crash between taking a number and storing the sale leaves no gap and no duplicate. Sales and
 * refunds on one device are numbered one at a time: within a window by a promise queue, across
 * browser tabs on one database by a Web Lock.
 */
const KEY = 'sale-sequence';
const LOCK = 'cellardoor-sale-sequence';
let queue: Promise<unknown> = Promise.resolve();

export function receiptNumber(deviceNumber: number, seq: number): string {
  return `T${deviceNumber}-${String(seq).padStart(6, '0')}`;
}

async function highestStored(db: CellardoorDatabase, deviceId: string): Promise<number> {
  const top = await db.orders
    .findOne({ selector: { deviceId, seqKey: { $gt: '' } }, sort: [{ deviceId: 'desc' }, { seqKey: 'desc' }] })
    .exec();
  return top?.get('deviceSeq') ?? 0;
}

export async function lastIssuedSeq(db: CellardoorDatabase, deviceId: string): Promise<number> {
  const doc = await db.getLocal<{ last: number }>(KEY);
  return Math.max(doc?.get('last') ?? 0, await highestStored(db, deviceId));
}

function serialised<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const exclusive = (): Promise<T> => (locks ? (locks.request(LOCK, { mode: 'exclusive' }, run) as Promise<T>) : run());
  const next = queue.then(exclusive, exclusive);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Stores a numbered order exactly once. The order's id is chosen before the tap (the cart's sale
 * id), so a second tap, a retried call or a second tab finds the stored order and gets it back
 * instead of a second sale with the next number.
 */
export function storeNumberedOrder(
  db: CellardoorDatabase,
  deviceId: string,
  id: string,
  store: (seq: number) => Promise<Order>,
): Promise<{ order: Order; created: boolean }> {
  return serialised(async () => {
    const existing = await db.orders.findOne(id).exec();
    if (existing) return { order: existing.toJSON() as unknown as Order, created: false };
    const seq = (await lastIssuedSeq(db, deviceId)) + 1;
    const order = await store(seq);
    await db.upsertLocal(KEY, { last: seq });
    return { order, created: true };
  });
}
