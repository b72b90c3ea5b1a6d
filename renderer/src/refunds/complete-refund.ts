import { type Order, withoutLocalFields } from '@cellardoor/shared';
import type { AppServices } from '../app/context';
import type { CellardoorDatabase } from '../data/database';
import { receiptNumber, storeNumberedOrder } from '../device/sale-sequence';
import { priceRefundOfRemaining, refundableSale } from './refundable';

export interface RefundInput {
  /** Chosen when the refund screen opened: a second tap stores one refund. */
  refundId: string;
  saleId: string;
  lines: ReadonlyArray<{ line: number; quantity: number }>;
  paymentMethod: Order['paymentMethod'];
  staffId: string;
  reason: string | null;
}

type Services = Pick<AppServices, 'db' | 'recorder' | 'credentials'>;

/** The completed refunds of a sale that this tablet holds. */
export async function refundsOf(db: CellardoorDatabase, saleId: string): Promise<Order[]> {
  const docs = await db.orders.find({ selector: { refundOf: saleId, kind: 'REFUND' } }).exec();
  return docs.map((d) => withoutLocalFields('orders', d.toJSON() as unknown as Order));
}

export class RefundRefused extends Error {}

/**
 * Records a refund of some or all of a sale as a REFUND order that references it, numbered from
 * the same gapless counter as sales. What is left to refund is counted again inside the numbering
 * lock, so two taps or two tabs cannot give back more than was sold.
 */
export async function completeRefund(app: Services, r: RefundInput): Promise<Order> {
  const saleDoc = await app.db.orders.findOne(r.saleId).exec();
  if (!saleDoc) throw new RefundRefused('That sale is not on this tablet.');
  const sale = saleDoc.toJSON() as unknown as Order;
  if (sale.kind !== 'SALE') throw new RefundRefused('Only a sale can be refunded.');
  if (sale.status !== 'COMPLETED') throw new RefundRefused('This sale was voided and cannot be refunded.');
  const taxRateBps = sale.taxRateBps ?? 0;
  const { order } = await storeNumberedOrder(app.db, app.credentials.deviceId, r.refundId, async (seq) => {
    let priced;
    try {
      priced = priceRefundOfRemaining(refundableSale(sale, await refundsOf(app.db, sale.id)), r.lines, taxRateBps);
    } catch (err) {
      throw new RefundRefused(err instanceof Error ? err.message : String(err));
    }
    const now = app.recorder.timestamp();
    const refund: Order = {
      id: r.refundId,
      venueId: sale.venueId,
      deviceId: app.credentials.deviceId,
      staffId: r.staffId,
      customerId: sale.customerId,
      kind: 'REFUND',
      refundOf: sale.id,
      status: 'COMPLETED',
      isEventSale: sale.isEventSale,
      eventId: sale.eventId,
      eventType: sale.eventType,
      salesChannel: sale.salesChannel,
      ...priced,
      paymentMethod: r.paymentMethod,
      createdAt: now,
      updatedAt: now,
      deviceSeq: seq,
      receiptNumber: receiptNumber(app.credentials.deviceNumber, seq),
      taxRateBps,
      note: r.reason?.trim() ? r.reason.trim().slice(0, 500) : null,
    };
    return app.recorder.put('orders', refund);
  });
  return withoutLocalFields('orders', order);
}
