import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Order, newId, priceOrder, priceRefund, taxOf } from '../src';

const line = fc.record({
  unitPriceCents: fc.integer({ min: 0, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 24 }),
  discountPct: fc.integer({ min: 0, max: 100 }),
});

function orderDoc(priced: ReturnType<typeof priceOrder>, extra: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: newId(), venueId: newId(), deviceId: newId(), staffId: 'staff', customerId: null, kind: 'SALE', refundOf: null,
    status: 'COMPLETED', isEventSale: false, eventId: null, eventType: null, salesChannel: 'IN_STORE', ...priced,
    paymentMethod: 'CARD', createdAt: now, updatedAt: now, ...extra,
  };
}

describe('order arithmetic', () => {
  it('always produces a document the server accepts, with exact totals', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2_000 }), (ls, orderPct, rate) => {
        const lines = ls.map((l, i) => ({
          productId: null, sku: `SKU-${i}`, name: `Item ${i}`, category: 'RED', unitPriceCents: l.unitPriceCents, quantity: l.quantity,
          lineDiscountCents: Math.floor((l.unitPriceCents * l.quantity * l.discountPct) / 100),
        }));
        const priced = priceOrder(lines, { kind: 'percent', bps: orderPct }, rate);
        expect(priced.totalCents).toBe(priced.subtotalCents + priced.taxCents);
        expect(Order.safeParse(orderDoc(priced)).success).toBe(true);
      }),
    );
  });

  it('refuses a sale whose total is negative: money given back is a refund that names its sale', () => {
    const item = { productId: null, sku: 'RED-1', name: 'Cab', category: 'RED', unitPriceCents: 4000, quantity: -2, discountCents: 0, totalCents: -8000 };
    const negative = orderDoc({ items: [item], subtotalCents: -8000, discountCents: 0, taxCents: 0, totalCents: -8000 });
    const r = Order.safeParse(negative);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('totalCents');
  });

  it('refunding every line returns exactly what was paid, tax included', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2_000 }), (ls, rate) => {
        const lines = ls.map((l, i) => ({ productId: null, sku: `S${i}`, name: `I${i}`, category: 'RED', unitPriceCents: l.unitPriceCents, quantity: l.quantity, lineDiscountCents: 0 }));
        const sale = priceOrder(lines, { kind: 'amount', cents: 0 }, rate);
        const refund = priceRefund(sale.items, sale.items.map((it, i) => ({ line: i, quantity: it.quantity })), rate);
        expect(refund.totalCents + sale.totalCents).toBe(0);
        expect(refund.taxCents + sale.taxCents).toBe(0);
        expect(Order.safeParse(orderDoc(refund, { kind: 'REFUND', refundOf: newId() })).success).toBe(true);
      }),
    );
  });

  it('rounds tax half away from zero', () => {
    expect(taxOf(100, 50)).toBe(1);
    expect(taxOf(-100, 50)).toBe(-1);
    expect(taxOf(1999, 875)).toBe(175);
  });
});
