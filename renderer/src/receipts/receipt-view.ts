import type { Order, Venue } from '@cellardoor/shared';
import { formatCents } from '@cellardoor/shared';

/** Everything a printed, saved or shown receipt says, as text: one source for all three. */
export interface ReceiptView {
  title: 'Receipt' | 'Refund';
  number: string;
  venueName: string;
  headerLines: string[];
  when: string;
  staff: string;
  guest: string;
  /** The event the sale belongs to, if any. */
  event: string | null;
  refundOf: string | null;
  lines: Array<{ quantity: number; name: string; each: string; discount: string | null; total: string }>;
  subtotal: string;
  discount: string | null;
  tax: string;
  total: string;
  payment: string;
  note: string | null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function receiptView(
  order: Order,
  ctx: {
    venue: Pick<Venue, 'name' | 'receiptHeader' | 'address' | 'currency'> | null;
    staffName: string | null;
    guestName: string | null;
    saleReceiptNumber: string | null;
    eventName?: string | null;
  },
): ReceiptView {
  const currency = ctx.venue?.currency ?? 'USD';
  const m = (c: number) => formatCents(c, currency);
  // A sale's discount takes money off; a refund gives its share of the discount back, so the
  // (negative) amount refunded is smaller than the lines' full price.
  const discountText = (cents: number) => `${cents > 0 ? '−' : '+'} ${m(Math.abs(cents))}`;
  const rate = order.taxRateBps === undefined ? '' : ` (${(order.taxRateBps / 100).toLocaleString(undefined, { maximumFractionDigits: 3 })}%)`;
  return {
    title: order.kind === 'REFUND' ? 'Refund' : 'Receipt',
    number: order.receiptNumber ?? order.id.slice(0, 8),
    venueName: ctx.venue?.name ?? 'Cellardoor',
    headerLines: [ctx.venue?.address, ctx.venue?.receiptHeader].flatMap((s) => (s ? s.split('\n') : [])).filter((s) => s.trim()),
    when: dateTime.format(new Date(order.createdAt)),
    staff: ctx.staffName ?? 'staff member',
    guest: ctx.guestName ?? 'Walk-in',
    event: order.isEventSale ? (ctx.eventName ?? 'an event') : null,
    refundOf: order.kind === 'REFUND' ? (ctx.saleReceiptNumber ?? 'an earlier sale') : null,
    lines: order.items.map((it) => ({
      quantity: it.quantity,
      name: it.name,
      each: m(it.unitPriceCents),
      discount: it.discountCents !== 0 ? discountText(it.discountCents) : null,
      total: m(it.totalCents),
    })),
    subtotal: m(order.subtotalCents + order.discountCents),
    discount: order.discountCents !== 0 ? discountText(order.discountCents) : null,
    tax: `${m(order.taxCents)}${rate}`,
    total: m(order.totalCents),
    payment: order.kind === 'REFUND' ? `Refunded by ${order.paymentMethod.toLowerCase()}` : `Paid by ${order.paymentMethod.toLowerCase()}`,
    note: order.note ?? null,
  };
}

/** A file name for the receipt: "Receipt T2-000042.pdf". */
export const receiptFileName = (v: ReceiptView) => `${v.title} ${v.number}.pdf`;
