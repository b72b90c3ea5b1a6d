import type { CellardoorDatabase } from '../data/database';

/**
 * The device's gapless sale counter (deviceSeq) and receipt numbers (T2-001042).
 * The next number is one past the highest of the counter and this device's stored sales, so a
 * crash between taking a number and storing the sale leaves no gap and no duplicate. Sales on
 * one device are completed one at a time.
 */
const KEY = 'sale-sequence';
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

/**
 * Runs `store(seq)` with the next number, serialised with every other sale on this device.
 * The counter only moves once the sale is stored.
 */
export function withNextSeq<T>(db: CellardoorDatabase, deviceId: string, store: (seq: number) => Promise<T>): Promise<T> {
  const run = async () => {
    const seq = (await lastIssuedSeq(db, deviceId)) + 1;
    const result = await store(seq);
    await db.upsertLocal(KEY, { last: seq });
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
