import { type Order, withoutLocalFields } from '@cellardoor/shared';
import { combineLatest, map, of, switchMap } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { type ReceiptView, receiptView } from './receipt-view';

export interface ReceiptData {
  order: Order;
  view: ReceiptView;
}

/** How far a refunding tablet's clock may run behind the selling tablet's and its refund still be listed. */
export const REFUND_CLOCK_SLACK_MS = 24 * 3_600_000;

/**
 * The refunds of a sale as a range of the (customerKey, createdAt) index: a refund carries its
 * sale's guest and is made after it. Without the range this is a scan of every order on the
 * tablet (seconds at 100,000 orders) before the receipt can show. The slack covers tablets whose
 * clocks disagree; the refund screen's own count of what is left to refund does not rely on it.
 */
export function refundsSelector(sale: Pick<Order, 'id' | 'customerId' | 'createdAt'>) {
  const since = new Date(Date.parse(sale.createdAt) - REFUND_CLOCK_SLACK_MS).toISOString();
  return { customerKey: sale.customerId ?? '', createdAt: { $gte: since }, refundOf: sale.id, kind: 'REFUND' as const };
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
          ]).pipe(
            map(([venue, staff, guest, sale, event]) => ({
              order,
              view: receiptView(order, {
                venue: venue?.toJSON() ?? null,
                staffName: staff?.name ?? null,
                guestName: guest ? `${guest.firstName} ${guest.lastName}`.trim() : null,
                saleReceiptNumber: sale?.receiptNumber ?? null,
                eventName: event?.name ?? null,
              }),
            })),
          );
        }),
      ),
    undefined,
    [orderId],
  );
}

/**
 * A sale's refunds on this tablet, oldest first, live; undefined until read. Apart from the
 * receipt: the printed receipt does not show them, so it is never held back waiting for them.
 */
export function useRefunds(sale: Order | null): Order[] | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      sale?.kind === 'SALE'
        ? db.orders
            .find({ selector: refundsSelector(sale), sort: [{ customerKey: 'asc' }, { createdAt: 'asc' }] })
            .$.pipe(map((docs) => docs.map((r) => withoutLocalFields('orders', r.toJSON() as unknown as Order))))
        : null,
    undefined,
    [sale?.id],
  );
}
