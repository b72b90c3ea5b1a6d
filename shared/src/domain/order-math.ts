import { allocate, percentOf, taxOf } from '../money';
import type { OrderItem } from '../schemas';

export interface CartLine {
  productId: string | null;
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  quantity: number;
  /** Discount on this line, in cents. */
  lineDiscountCents: number;
}

export type OrderDiscount = { kind: 'none' } | { kind: 'amount'; cents: number } | { kind: 'percent'; bps: number };

export interface PricedOrder {
  items: OrderItem[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

/**
 * Prices a cart: line discounts first, then an order discount spread over the lines in proportion
 * (so every line's total stays exact and refunds of single lines return the right amount), then
 * tax on the discounted subtotal, rounded half away from zero.
 * Invariants (checked by the server): line total = unit × qty − discount; subtotal = Σ lines;
 * total = subtotal + tax.
 */
export function priceOrder(lines: readonly CartLine[], orderDiscount: OrderDiscount, taxRateBps: number): PricedOrder {
  if (lines.length === 0) throw new Error('The cart is empty.');
  const gross = lines.map((l) => l.unitPriceCents * l.quantity - l.lineDiscountCents);
  if (gross.some((g) => g < 0)) throw new Error('A line discount is larger than the line.');
  const grossTotal = gross.reduce((s, g) => s + g, 0);
  const orderOff =
    orderDiscount.kind === 'amount' ? orderDiscount.cents : orderDiscount.kind === 'percent' ? percentOf(grossTotal, orderDiscount.bps) : 0;
  if (orderOff < 0 || orderOff > grossTotal) throw new Error('The order discount must be between zero and the order total.');
  const shares = allocate(orderOff, gross);
  const items: OrderItem[] = lines.map((l, i) => {
    const discountCents = l.lineDiscountCents + shares[i]!;
    return {
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      category: l.category,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountCents,
      totalCents: l.unitPriceCents * l.quantity - discountCents,
    };
  });
  const subtotalCents = items.reduce((s, it) => s + it.totalCents, 0);
  const taxCents = taxOf(subtotalCents, taxRateBps);
  return { items, subtotalCents, discountCents: items.reduce((s, it) => s + it.discountCents, 0), taxCents, totalCents: subtotalCents + taxCents };
}

/**
 * Prices a refund of some lines of a sale: negative quantities and amounts, the line's discount
 * returned in proportion to the quantity given back, tax at the sale's rate.
 */
export function priceRefund(sale: readonly OrderItem[], returned: ReadonlyArray<{ line: number; quantity: number }>, taxRateBps: number): PricedOrder {
  const items: OrderItem[] = returned
    .filter((r) => r.quantity > 0)
    .map((r) => {
      const it = sale[r.line];
      if (!it) throw new Error(`The sale has no line ${r.line + 1}.`);
      if (r.quantity > it.quantity) throw new Error(`Only ${it.quantity} of ${it.name} were sold.`);
      const discountBack = r.quantity === it.quantity ? it.discountCents : Math.round((it.discountCents * r.quantity) / it.quantity);
      return {
        ...it,
        quantity: -r.quantity,
        discountCents: -discountBack,
        totalCents: -(it.unitPriceCents * r.quantity - discountBack),
      };
    });
  if (items.length === 0) throw new Error('Choose at least one item to refund.');
  const subtotalCents = items.reduce((s, it) => s + it.totalCents, 0);
  const taxCents = taxOf(subtotalCents, taxRateBps);
  return { items, subtotalCents, discountCents: items.reduce((s, it) => s + it.discountCents, 0), taxCents, totalCents: subtotalCents + taxCents };
}
