import { type CartLine, type DeviceCredentials, Order, newId } from '@cellardoor/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSale } from '../checkout/complete-sale';
import { type CellardoorDatabase, openDatabase } from '../data/database';
import { ChangeRecorder } from '../data/record-change';
import { lastIssuedSeq } from '../device/sale-sequence';
import { pendingIds } from '../sync/pending';
import { refundsSelector } from '../receipts/use-receipt';
import { completeRefund, refundsOf } from './complete-refund';

const deviceId = newId();
const venue = { id: newId(), taxRateBps: 875 };
const credentials = { deviceId, deviceNumber: 4 } as DeviceCredentials;
let db: CellardoorDatabase;
let app: { db: CellardoorDatabase; recorder: ChangeRecorder; credentials: DeviceCredentials };

const wine: CartLine = { productId: newId(), sku: 'RED-1', name: 'Cabernet', category: 'RED', unitPriceCents: 6800, quantity: 3, lineDiscountCents: 0 };
const glass: CartLine = { productId: newId(), sku: 'MER-1', name: 'Glass', category: 'MERCH', unitPriceCents: 1200, quantity: 1, lineDiscountCents: 200 };

const sell = (saleId = newId()) =>
  completeSale(app, { saleId, lines: [wine, glass], orderDiscount: { kind: 'percent', bps: 1000 }, paymentMethod: 'CASH', customerId: null, staffId: 'staff-leo', venue, event: null });

beforeAll(async () => {
  db = await openDatabase({ name: `t${Date.now()}`, storage: getRxStorageMemory() });
  app = { db, recorder: new ChangeRecorder(db, deviceId), credentials };
});
afterAll(async () => {
  await db.remove();
});

describe('completing a sale', () => {
  it('stores one valid, pending, numbered sale recording the staff member, even when tapped twice', async () => {
    const saleId = newId();
    const [a, b] = await Promise.all([sell(saleId), sell(saleId)]);
    expect(a).toEqual(b);
    expect(Order.safeParse(a).success).toBe(true);
    expect(a).toMatchObject({ deviceSeq: 1, receiptNumber: 'T4-000001', staffId: 'staff-leo', kind: 'SALE', taxRateBps: 875 });
    expect(await db.orders.count().exec()).toBe(1);
    expect(await lastIssuedSeq(db, deviceId)).toBe(1);
    expect(await pendingIds(db, 'orders')).toContain(saleId);
    // Numbers stay gapless across many sales at once.
    const more = await Promise.all([sell(), sell(), sell()]);
    expect(more.map((o) => o.deviceSeq).sort()).toEqual([2, 3, 4]);
  });
});

describe('refunding a sale', () => {
  it('refunds part, then the rest, to the cent, and refuses more than was sold', async () => {
    const sale = await sell();
    const partial = await completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 0, quantity: 1 }], paymentMethod: 'CASH', staffId: 'staff-ines', reason: 'corked' });
    expect(Order.safeParse(partial).success).toBe(true);
    expect(partial).toMatchObject({ kind: 'REFUND', refundOf: sale.id, staffId: 'staff-ines', note: 'corked', deviceSeq: sale.deviceSeq! + 1 });
    expect(partial.totalCents).toBeLessThan(0);

    await expect(
      completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 0, quantity: 3 }], paymentMethod: 'CASH', staffId: 'staff-ines', reason: null }),
    ).rejects.toThrow('Only 2 of Cabernet can still be refunded (3 sold, 1 refunded already).');
    // A refused refund takes no number.
    expect(await lastIssuedSeq(db, deviceId)).toBe(partial.deviceSeq);

    const restId = newId();
    const rest = [{ line: 0, quantity: 2 }, { line: 1, quantity: 1 }];
    const [r1, r2] = await Promise.all([
      completeRefund(app, { refundId: restId, saleId: sale.id, lines: rest, paymentMethod: 'CASH', staffId: 'staff-ines', reason: null }),
      completeRefund(app, { refundId: restId, saleId: sale.id, lines: rest, paymentMethod: 'CASH', staffId: 'staff-ines', reason: null }),
    ]);
    expect(r1).toEqual(r2);
    const refunds = await refundsOf(db, sale.id);
    expect(refunds).toHaveLength(2);
    expect(refunds.reduce((s, r) => s + r.totalCents, 0)).toBe(-sale.totalCents);
    expect(refunds.reduce((s, r) => s + r.taxCents, 0)).toBe(-sale.taxCents);
    await expect(
      completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 1, quantity: 1 }], paymentMethod: 'CASH', staffId: 'staff-ines', reason: null }),
    ).rejects.toThrow('Glass was already refunded in full.');
  });

  it('keeps an event sale\'s event on its refund', async () => {
    const event = { id: newId(), eventType: 'PUBLIC_EVENT' };
    const sale = await completeSale(app, { saleId: newId(), lines: [glass], orderDiscount: { kind: 'none' }, paymentMethod: 'CARD', customerId: null, staffId: 's', venue, event });
    expect(sale).toMatchObject({ isEventSale: true, eventId: event.id, eventType: 'PUBLIC_EVENT', salesChannel: 'EVENT' });
    const refund = await completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 0, quantity: 1 }], paymentMethod: 'CARD', staffId: 's', reason: null });
    expect(refund).toMatchObject({ isEventSale: true, eventId: event.id, eventType: 'PUBLIC_EVENT', salesChannel: 'EVENT', totalCents: -sale.totalCents });
    expect(Order.safeParse(refund).success).toBe(true);
  });

  it('refuses to refund a refund', async () => {
    const sale = await sell();
    const refund = await completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 1, quantity: 1 }], paymentMethod: 'CARD', staffId: 's', reason: null });
    await expect(completeRefund(app, { refundId: newId(), saleId: refund.id, lines: [{ line: 0, quantity: 1 }], paymentMethod: 'CARD', staffId: 's', reason: null })).rejects.toThrow(
      'Only a sale can be refunded.',
    );
  });
});

describe("a receipt's list of refunds", () => {
  it('is an index range that finds what a scan of every order finds, for a walk-in and a guest', async () => {
    const guestId = newId();
    for (const customerId of [null, guestId]) {
      const sale = await completeSale(app, { saleId: newId(), lines: [wine], orderDiscount: { kind: 'none' }, paymentMethod: 'CARD', customerId, staffId: 's', venue, event: null });
      for (let i = 0; i < 2; i++) await completeRefund(app, { refundId: newId(), saleId: sale.id, lines: [{ line: 0, quantity: 1 }], paymentMethod: 'CARD', staffId: 's', reason: null });
      const query = db.orders.find({ selector: refundsSelector(sale), sort: [{ customerKey: 'asc' }, { createdAt: 'asc' }] });
      const listed = (await query.exec()).map((d) => d.id);
      expect(listed).toHaveLength(2);
      expect([...listed].sort()).toEqual((await refundsOf(db, sale.id)).map((r) => r.id).sort());
      // The range, not a scan: the planner reads the (customerKey, createdAt) index.
      expect(query.getPreparedQuery().queryPlan.index).toEqual(['_deleted', 'customerKey', 'createdAt', 'id']);
    }
  });
});
