import { type CartLine, type Order, type OrderDiscount, newId, priceOrder } from '@cellardoor/shared';
import type { AppServices } from '../app/context';
import { receiptNumber, withNextSeq } from '../device/sale-sequence';

export interface SaleInput {
  lines: CartLine[];
  orderDiscount: OrderDiscount;
  paymentMethod: Order['paymentMethod'];
  customerId: string | null;
  staffId: string;
  venue: { id: string; taxRateBps: number };
  event: { id: string; eventType: string } | null;
}

/**
 * Completes a sale on the device: prices it, takes the next gapless sale number, and stores the
 * order (immutable from here on; a refund is a new order). Works with no network.
 */
export async function completeSale(app: AppServices, s: SaleInput): Promise<Order> {
  const priced = priceOrder(s.lines, s.orderDiscount, s.venue.taxRateBps);
  return withNextSeq(app.db, app.credentials.deviceId, async (seq) => {
    const now = app.recorder.timestamp();
    const order: Order = {
      id: newId(),
      venueId: s.venue.id,
      deviceId: app.credentials.deviceId,
      staffId: s.staffId,
      customerId: s.customerId,
      kind: 'SALE',
      refundOf: null,
      status: 'COMPLETED',
      isEventSale: s.event !== null,
      eventId: s.event?.id ?? null,
      eventType: s.event?.eventType ?? null,
      salesChannel: s.event ? 'EVENT' : 'IN_STORE',
      ...priced,
      paymentMethod: s.paymentMethod,
      createdAt: now,
      updatedAt: now,
      deviceSeq: seq,
      receiptNumber: receiptNumber(app.credentials.deviceNumber, seq),
      taxRateBps: s.venue.taxRateBps,
    };
    await app.recorder.put('orders', order);
    return order;
  });
}
