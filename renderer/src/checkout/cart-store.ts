import type { CartLine, Order, OrderDiscount, Product } from '@cellardoor/shared';
import { create } from 'zustand';

interface Cart {
  lines: CartLine[];
  customerId: string | null;
  orderDiscount: OrderDiscount;
  paymentMethod: Order['paymentMethod'];
  add(p: Product): void;
  setQuantity(index: number, quantity: number): void;
  setLineDiscount(index: number, cents: number): void;
  remove(index: number): void;
  setCustomer(id: string | null): void;
  setOrderDiscount(d: OrderDiscount): void;
  setPaymentMethod(m: Order['paymentMethod']): void;
  clear(): void;
}

/** The cart being rung up: UI state until "complete sale" turns it into an order document. */
export const useCart = create<Cart>((set) => ({
  lines: [],
  customerId: null,
  orderDiscount: { kind: 'none' },
  paymentMethod: 'CARD',
  add: (p) =>
    set((s) => {
      const i = s.lines.findIndex((l) => l.productId === p.id && l.lineDiscountCents === 0);
      if (i >= 0) return { lines: s.lines.map((l, k) => (k === i ? { ...l, quantity: l.quantity + 1 } : l)) };
      return { lines: [...s.lines, { productId: p.id, sku: p.sku, name: p.name, category: p.category, unitPriceCents: p.priceCents, quantity: 1, lineDiscountCents: 0 }] };
    }),
  setQuantity: (index, quantity) =>
    set((s) => ({ lines: quantity <= 0 ? s.lines.filter((_, k) => k !== index) : s.lines.map((l, k) => (k === index ? { ...l, quantity } : l)) })),
  setLineDiscount: (index, cents) => set((s) => ({ lines: s.lines.map((l, k) => (k === index ? { ...l, lineDiscountCents: cents } : l)) })),
  remove: (index) => set((s) => ({ lines: s.lines.filter((_, k) => k !== index) })),
  setCustomer: (customerId) => set({ customerId }),
  setOrderDiscount: (orderDiscount) => set({ orderDiscount }),
  setPaymentMethod: (paymentMethod) => set({ paymentMethod }),
  clear: () => set({ lines: [], customerId: null, orderDiscount: { kind: 'none' }, paymentMethod: 'CARD' }),
}));
