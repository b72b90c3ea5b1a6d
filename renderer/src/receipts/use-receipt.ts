import { type Order, withoutLocalFields } from '@cellardoor/shared';
import { combineLatest, map, of, switchMap } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { type ReceiptView, receiptView } from './receipt-view';

export interface ReceiptData {
  order: Order;
  view: ReceiptView;
  /** For a sale: its refunds on this tablet, oldest first. */
  refunds: Order[];
}

/** An order with what its receipt needs (venue, staff and guest names, the refunded sale's number), live. */
export function useReceipt(orderId: string): ReceiptData | null | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      db.orders.findOne(orderId).$.pipe(
        switchMap((doc) => {
          if (!doc) return of(null);
          const order = withoutLocalFields('orders', doc.toJSON() as unknown as Order);
          return combineLatest([
            db.venues.findOne(order.venueId).$,
            db.staff.findOne(order.staffId).$,
            order.customerId ? db.customers.findOne(order.customerId).$ : of(null),
            order.refundOf ? db.orders.findOne(order.refundOf).$ : of(null),
            order.eventId ? db.events.findOne(order.eventId).$ : of(null),
            order.kind === 'SALE' ? db.orders.find({ selector: { refundOf: order.id, kind: 'REFUND' }, sort: [{ createdAt: 'asc' }] }).$ : of([]),
          ]).pipe(
            map(([venue, staff, guest, sale, event, refunds]) => ({
              order,
              view: receiptView(order, {
                venue: venue?.toJSON() ?? null,
                staffName: staff?.name ?? null,
                guestName: guest ? `${guest.firstName} ${guest.lastName}`.trim() : null,
                saleReceiptNumber: sale?.receiptNumber ?? null,
                eventName: event?.name ?? null,
              }),
              refunds: refunds.map((r) => withoutLocalFields('orders', r.toJSON() as unknown as Order)),
            })),
          );
        }),
      ),
    undefined,
    [orderId],
  );
}
