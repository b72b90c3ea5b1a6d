import { newId, type Order } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDoc } from '../../sync-server/test/guest-docs';
import { ChangeRecorder } from '../src/data/record-change';
import { lastIssuedSeq, storeNumberedOrder } from '../src/device/sale-sequence';
import { type NodeDevice, openNodeDevice } from '../test-support/node-device';

/**
 * Every sale carries its tablet's gapless deviceSeq: the server's sync health can only tell a
 * manager what a tablet still holds if the numbers have no holes of their own making.
 */
describe('gapless sale numbers on a tablet', () => {
  let device: NodeDevice;
  let recorder: ChangeRecorder;
  const deviceId = newId();
  const venueId = newId();
  const sell = async (seq: number, id: string = newId()): Promise<Order> => {
    const doc = { ...saleDoc({ customerId: null, deviceId, venueId, deviceSeq: seq, receiptNumber: `T1-${String(seq).padStart(6, '0')}` }), id };
    await recorder.put('orders', doc as never);
    return doc as unknown as Order;
  };
  /** Completes one sale the way the checkout does: a fresh sale id, numbered and stored once. */
  const complete = (store: (seq: number, id: string) => Promise<Order> = sell) => {
    const id = newId();
    return storeNumberedOrder(device.db, deviceId, id, (seq) => store(seq, id));
  };
  const numbers = async () => (await device.db.orders.find().exec()).map((o) => o.get('deviceSeq') as number).sort((a, b) => a - b);

  beforeAll(async () => {
    device = await openNodeDevice({ serverUrl: 'http://127.0.0.1:1', deviceToken: 'unused', storage: 'memory' });
    recorder = new ChangeRecorder(device.db, deviceId);
  });
  afterAll(async () => {
    await device?.close();
  });

  it('numbers sales completed at the same moment 1, 2, 3 … with no gap and no repeat', async () => {
    await Promise.all(Array.from({ length: 25 }, () => complete()));
    expect(await numbers()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await lastIssuedSeq(device.db, deviceId)).toBe(25);
  });

  it('does not use up a number when storing the sale fails', async () => {
    await expect(complete(async () => Promise.reject(new Error('storage full')))).rejects.toThrow('storage full');
    await complete();
    expect((await numbers()).slice(-2)).toEqual([25, 26]);
  });

  it('continues after the highest stored sale when the app stopped between storing it and moving the counter', async () => {
    // Sale 27 stored, then the app died before the counter moved past 26.
    await sell(27);
    await complete();
    expect((await numbers()).slice(-3)).toEqual([26, 27, 28]);
  });
});
