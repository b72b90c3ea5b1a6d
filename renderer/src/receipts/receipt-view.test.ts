import type { Order } from '@cellardoor/shared';
import { priceOrder, priceRefund } from '@cellardoor/shared';
import { describe, expect, it } from 'vitest';
import { receiptView } from './receipt-view';

const ctx = { venue: { name: 'Cellar', receiptHeader: null, address: null, currency: 'USD' }, staffName: 'Leo', guestName: null, saleReceiptNumber: 'T1-000001' };
const base = {
  id: '0192f0a0-0000-7000-8000-000000000001', venueId: '0192f0a0-0000-7000-8000-000000000002', deviceId: '0192f0a0-0000-7000-8000-000000000003',
  staffId: 'staff-1', customerId: null, status: 'COMPLETED', isEventSale: false, eventId: null, eventType: null, salesChannel: 'IN_STORE',
  paymentMethod: 'CASH', createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z',
} as const;

describe('receipt wording of discounts', () => {
  const sale = { ...base, kind: 'SALE', refundOf: null, ...priceOrder([{ productId: null, sku: 'CAB', name: 'Cab', category: 'RED', unitPriceCents: 6800, quantity: 1, lineDiscountCents: 680 }], { kind: 'none' }, 875) } as Order;

  it('takes a sale’s discount off the full price', () => {
    const v = receiptView(sale, ctx);
    expect([v.subtotal, v.discount, v.lines[0]!.discount]).toEqual(['$68.00', '− $6.80', '− $6.80']);
  });

  it('gives a refund’s share of the discount back, so the lines add up as printed', () => {
    const refund = { ...base, kind: 'REFUND', refundOf: sale.id, ...priceRefund(sale.items, [{ line: 0, quantity: 1 }], 875) } as Order;
    const v = receiptView(refund, ctx);
    expect([v.subtotal, v.discount, v.lines[0]!.discount]).toEqual(['-$68.00', '+ $6.80', '+ $6.80']);
  });
});
