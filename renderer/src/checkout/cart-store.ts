import { type CartLine, type Order, type Product, newId } from '@cellardoor/shared';
import { create } from 'zustand';
import { type Discount, NO_DISCOUNT, discountCents } from './discount';

/** A cart line with its discount as staff typed it (an amount or a percentage of the line). */
export interface CartEntry {
  productId: string;
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  quantity: number;
  discount: Discount;
}

interface Cart {
  /** The id the completed sale will have: chosen now, so completing twice stores one sale. */
  saleId: string;
  lines: CartEntry[];
  customerId: string | null;
  orderDiscount: Discount;
  paymentMethod: Order['paymentMethod'];
  add(p: Pick<Product, 'id' | 'sku' | 'name' | 'category' | 'priceCents'>): void;
  setQuantity(index: number, quantity: number): void;
  setLineDiscount(index: number, d: Discount): void;
  remove(index: number): void;
  setCustomer(id: string | null): void;
  setOrderDiscount(d: Discount): void;
  setPaymentMethod(m: Order['paymentMethod']): void;
  clear(): void;
}

export const MAX_QUANTITY = 999;

/** The cart lines as `priceOrder` takes them: each line's discount in cents. */
export function toCartLines(lines: readonly CartEntry[]): CartLine[] {
  return lines.map(({ discount, ...l }) => ({ ...l, lineDiscountCents: discountCents(discount, l.unitPriceCents * l.quantity) }));
}

const empty = () => ({ saleId: newId(), lines: [], customerId: null, orderDiscount: NO_DISCOUNT, paymentMethod: 'CARD' as const });

/** The cart being rung up: UI state until "complete sale" turns it into an order document. */
export const useCart = create<Cart>((set) => ({
  ...empty(),
  add: (p) =>
    set((s) => {
      const i = s.lines.findIndex((l) => l.productId === p.id && l.discount.kind === 'none');
      if (i >= 0) return { lines: s.lines.map((l, k) => (k === i ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + 1) } : l)) };
      return { lines: [...s.lines, { productId: p.id, sku: p.sku, name: p.name, category: p.category, unitPriceCents: p.priceCents, quantity: 1, discount: NO_DISCOUNT }] };
    }),
  setQuantity: (index, quantity) =>
    set((s) => ({
      lines: quantity <= 0 ? s.lines.filter((_, k) => k !== index) : s.lines.map((l, k) => (k === index ? { ...l, quantity: Math.min(MAX_QUANTITY, Math.floor(quantity)) } : l)),
    })),
  setLineDiscount: (index, discount) => set((s) => ({ lines: s.lines.map((l, k) => (k === index ? { ...l, discount } : l)) })),
  remove: (index) => set((s) => ({ lines: s.lines.filter((_, k) => k !== index) })),
  setCustomer: (customerId) => set({ customerId }),
  setOrderDiscount: (orderDiscount) => set({ orderDiscount }),
  setPaymentMethod: (paymentMethod) => set({ paymentMethod }),
  clear: () => set(empty()),
}));
