import { type CartLine, type Order, type OrderDiscount, priceOrder, withoutLocalFields } from '@cellardoor/shared';
import type { AppServices } from '../app/context';
import { receiptNumber, storeNumberedOrder } from '../device/sale-sequence';

export interface SaleInput {
  /** Chosen when the cart was started: completing the same cart twice stores one sale. */
  saleId: string;
  lines: CartLine[];
  orderDiscount: OrderDiscount;
  paymentMethod: Order['paymentMethod'];
  customerId: string | null;
  staffId: string;
  venue: { id: string; taxRateBps: number };
  event: { id: string; eventType: string } | null;
}

type Services = Pick<AppServices, 'db' | 'recorder' | 'credentials'>;

/**
 * Completes a sale on the device: prices it, takes the next gapless sale number, and stores the
 * order (immutable from here on; a refund is a new order). Works with no network. One local
 * write: the order carries its number, so the sale and its number are stored or lost together.
 */
export async function completeSale(app: Services, s: SaleInput): Promise<Order> {
  const priced = priceOrder(s.lines, s.orderDiscount, s.venue.taxRateBps);
  const { order } = await storeNumberedOrder(app.db, app.credentials.deviceId, s.saleId, async (seq) => {
    const now = app.recorder.timestamp();
    const order: Order = {
      id: s.saleId,
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
    return app.recorder.put('orders', order);
  });
  return withoutLocalFields('orders', order);
}
