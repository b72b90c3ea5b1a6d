import { type Order, type OrderItem, type PricedOrder, priceRefund } from '@cellardoor/shared';

type Item = OrderItem;

export interface RefundableLine {
  line: number;
  name: string;
  sku: string;
  sold: number;
  refunded: number;
  /** What can still be given back. */
  left: number;
  /** The part of the sale line not yet refunded: quantity, discount and total still to give back. */
  remaining: Item;
}

export interface RefundableSale {
  lines: RefundableLine[];
  /** Tax not yet given back. */
  taxLeftCents: number;
  /** Money not yet given back (positive). */
  totalLeftCents: number;
}

const sameProduct = (a: Item, b: Item) => a.sku === b.sku && a.productId === b.productId && a.unitPriceCents === b.unitPriceCents;

/**
 * What is left to refund on each line of a sale after the completed refunds of it that this tablet
 * holds. Refund lines name their sale line only by product and price, so each is matched to the
 * line of that product whose remaining discount it fits, else the first with enough left.
 */
export function refundableSale(sale: Pick<Order, 'items' | 'taxCents' | 'totalCents'>, refunds: ReadonlyArray<Pick<Order, 'items' | 'status' | 'taxCents' | 'totalCents'>>): RefundableSale {
  const left = sale.items.map((it) => ({ ...it }));
  let taxLeftCents = sale.taxCents;
  let totalLeftCents = sale.totalCents;
  for (const r of refunds) {
    if (r.status !== 'COMPLETED') continue;
    taxLeftCents += r.taxCents;
    totalLeftCents += r.totalCents;
    for (const it of r.items) {
      const q = -it.quantity;
      const fits = (s: Item) => sameProduct(s, it) && s.quantity >= q;
      let i = left.findIndex((s) => fits(s) && Math.round((s.discountCents * q) / s.quantity) === -it.discountCents);
      if (i < 0) i = left.findIndex(fits);
      if (i < 0) i = left.findIndex((s) => sameProduct(s, it) && s.quantity > 0);
      if (i < 0) continue;
      const s = left[i]!;
      left[i] = { ...s, quantity: s.quantity - q, discountCents: s.discountCents + it.discountCents, totalCents: s.totalCents + it.totalCents };
    }
  }
  return {
    lines: sale.items.map((it, line) => ({ line, name: it.name, sku: it.sku, sold: it.quantity, refunded: it.quantity - left[line]!.quantity, left: left[line]!.quantity, remaining: left[line]! })),
    taxLeftCents,
    totalLeftCents,
  };
}

/** Checks requested quantities against what is left; a sentence for the first that is too many. */
export function checkRefundQuantities(lines: readonly RefundableLine[], wanted: ReadonlyArray<{ line: number; quantity: number }>): string | null {
  for (const w of wanted) {
    const l = lines[w.line];
    if (!l) return `The sale has no line ${w.line + 1}.`;
    if (!Number.isInteger(w.quantity) || w.quantity < 0) return `The quantity of ${l.name} must be a whole number.`;
    if (w.quantity > l.left)
      return l.left <= 0
        ? `${l.name} was already refunded in full.`
        : `Only ${l.left} of ${l.name} can still be refunded (${l.sold} sold, ${l.refunded} refunded already).`;
  }
  if (wanted.every((w) => w.quantity === 0)) return 'Choose at least one item to refund.';
  return null;
}

/**
 * Prices a refund of what is left: each line gives back its remaining discount in proportion, and
 * the refund that empties the sale returns exactly the tax and total still held, so the refunds
 * of a sale always add up to the sale to the cent.
 */
export function priceRefundOfRemaining(state: RefundableSale, wanted: ReadonlyArray<{ line: number; quantity: number }>, taxRateBps: number): PricedOrder {
  const problem = checkRefundQuantities(state.lines, wanted);
  if (problem) throw new Error(problem);
  const remaining = state.lines.map((l) => ({ ...l.remaining, quantity: Math.max(l.left, 1) }));
  const priced = priceRefund(remaining, wanted, taxRateBps);
  const emptiesSale = state.lines.every((l) => l.left === (wanted.find((w) => w.line === l.line)?.quantity ?? 0));
  // Rounded per refund, partial refunds could together give back more tax than was charged (and
  // leave a later refund of a free line with a positive total): never give back more than is left.
  const taxCents = (emptiesSale ? -state.taxLeftCents : Math.max(priced.taxCents, -state.taxLeftCents)) || 0;
  return { ...priced, taxCents, totalCents: priced.subtotalCents + taxCents };
}
