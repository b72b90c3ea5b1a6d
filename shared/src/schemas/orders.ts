import { z } from 'zod';
import { Actor, Cents, Code, Id, IdRef, Timestamps } from './common';

export const ORDER_KINDS = ['SALE', 'REFUND'] as const;
export const ORDER_STATUSES = ['COMPLETED', 'VOIDED'] as const;
export const PAYMENT_METHODS = ['CARD', 'CASH', 'OTHER'] as const;
export const SALES_CHANNELS = ['IN_STORE', 'EVENT'] as const;

export const OrderItem = z.strictObject({
  productId: IdRef,
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  category: z.string().min(1).max(50),
  /** Negative on refunds. */
  quantity: z.number().int().min(-10_000).max(10_000).refine((q) => q !== 0, 'quantity must not be zero'),
  unitPriceCents: Cents,
  discountCents: Cents,
  totalCents: Cents,
});
export type OrderItem = z.infer<typeof OrderItem>;

const OrderShape = z.strictObject({
  id: Id,
  venueId: Id,
  deviceId: Id,
  staffId: Actor,
  customerId: IdRef,
  kind: z.enum(ORDER_KINDS),
  refundOf: IdRef,
  status: z.enum(ORDER_STATUSES),
  isEventSale: z.boolean(),
  eventId: IdRef,
  eventType: Code.nullable(),
  salesChannel: z.enum(SALES_CHANNELS),
  items: z.array(OrderItem).min(1, 'an order needs at least one line').max(500),
  subtotalCents: Cents,
  discountCents: Cents,
  taxCents: Cents,
  totalCents: Cents,
  paymentMethod: z.enum(PAYMENT_METHODS),
  ...Timestamps,
  /** Gapless per-device sale counter; absent on imported documents. */
  deviceSeq: z.number().int().min(1).max(1_000_000_000).optional(),
  /** Printed receipt number made from the device number and deviceSeq, e.g. T2-001042. */
  receiptNumber: z.string().max(32).optional(),
  taxRateBps: z.number().int().min(0).max(10_000).optional(),
  note: z.string().max(500).nullable().optional(),
});

/** Totals must add up: a wrong sum would silently corrupt every revenue figure downstream. */
export const Order = OrderShape.superRefine((o, ctx) => {
  o.items.forEach((it, i) => {
    if (it.unitPriceCents * it.quantity - it.discountCents !== it.totalCents)
      ctx.addIssue({ code: 'custom', path: ['items', i, 'totalCents'], message: 'line total must equal unit price × quantity − discount' });
  });
  const sub = o.items.reduce((s, it) => s + it.totalCents, 0);
  if (sub !== o.subtotalCents)
    ctx.addIssue({ code: 'custom', path: ['subtotalCents'], message: 'subtotal must equal the sum of the line totals' });
  if (o.subtotalCents + o.taxCents !== o.totalCents)
    ctx.addIssue({ code: 'custom', path: ['totalCents'], message: 'total must equal subtotal + tax' });
  if (o.kind === 'REFUND' && o.refundOf === null)
    ctx.addIssue({ code: 'custom', path: ['refundOf'], message: 'a refund must name the sale it refunds' });
  if (o.kind === 'REFUND' && o.totalCents > 0)
    ctx.addIssue({ code: 'custom', path: ['totalCents'], message: 'a refund total must not be positive' });
  if (o.kind === 'SALE' && o.totalCents < 0)
    ctx.addIssue({ code: 'custom', path: ['totalCents'], message: 'a sale total must not be negative: money given back is a REFUND that names its sale' });
  if (o.kind === 'SALE' && o.refundOf !== null)
    ctx.addIssue({ code: 'custom', path: ['refundOf'], message: 'only a refund may reference another order' });
  if (o.isEventSale && o.eventId === null)
    ctx.addIssue({ code: 'custom', path: ['eventId'], message: 'an event sale must name its event' });
});
export const OrderObject = OrderShape;
export type Order = z.infer<typeof OrderShape>;
