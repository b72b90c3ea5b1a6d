import type { Order } from '@cellardoor/shared';
import { formatDateTime, money } from '../ui/format';

/** Sales with the refunds that reference them beneath; refunding is the refunds screen's job. */
export function OrdersCard({ orders, currency }: { orders: Order[]; currency: string }) {
  const refundsOf = new Map<string, Order[]>();
  for (const o of orders) if (o.kind === 'REFUND' && o.refundOf) refundsOf.set(o.refundOf, [...(refundsOf.get(o.refundOf) ?? []), o]);
  const sales = orders.filter((o) => o.kind === 'SALE');
  // A refund whose sale has not reached this tablet still shows, on its own.
  const orphanRefunds = orders.filter((o) => o.kind === 'REFUND' && !sales.some((s) => s.id === o.refundOf));
  if (orders.length === 0) return <p className="hint">No orders yet.</p>;
  return (
    <table className="table orders" aria-label="Orders">
      <thead>
        <tr>
          <th>Date</th>
          <th>Receipt</th>
          <th className="num">Total</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sales.map((o) => {
          const refunds = refundsOf.get(o.id) ?? [];
          const refunded = -refunds.reduce((s, r) => s + r.totalCents, 0);
          return [
            <tr key={o.id} data-order-id={o.id}>
              <td>
                {formatDateTime(o.createdAt)}
                {o.isEventSale && <span className="hint"> · event</span>}
              </td>
              <td>{o.receiptNumber ?? '—'}</td>
              <td className="num">{money(o.totalCents, currency)}</td>
              <td>
                {o.status === 'COMPLETED' && refunded < o.totalCents && (
                  <a className="btn" href={`#/refunds/new?orderId=${encodeURIComponent(o.id)}`} aria-label={`Refund ${o.receiptNumber ?? 'this sale'}`}>
                    Refund
                  </a>
                )}
              </td>
            </tr>,
            ...refunds.map((r) => (
              <tr key={r.id} className="refund-row">
                <td>↳ Refund {formatDateTime(r.createdAt)}</td>
                <td>{r.receiptNumber ?? '—'}</td>
                <td className="num">{money(r.totalCents, currency)}</td>
                <td />
              </tr>
            )),
          ];
        })}
        {orphanRefunds.map((r) => (
          <tr key={r.id} className="refund-row">
            <td>Refund {formatDateTime(r.createdAt)}</td>
            <td>{r.receiptNumber ?? '—'}</td>
            <td className="num">{money(r.totalCents, currency)}</td>
            <td />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
