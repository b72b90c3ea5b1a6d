import { Link, useParams } from '@tanstack/react-router';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { formatDateTime, money } from '../ui/format';

/** The receipt of a completed sale or refund, with its gapless receipt number. */
export function ReceiptScreen() {
  const { orderId } = useParams({ from: '/receipts/$orderId' });
  const app = useApp();
  const order = useObservable(() => app.db.orders.findOne(orderId).$.pipe(map((d) => d?.toJSON() ?? null)), null, [orderId]);
  if (!order) return <p className="notice">This receipt is not on this tablet.</p>;
  return (
    <div className="card stack" style={{ maxWidth: 520, margin: '0 auto' }}>
      <h1>
        {order.kind === 'REFUND' ? 'Refund' : 'Receipt'} <span data-testid="receipt-number">{order.receiptNumber}</span>
      </h1>
      <p className="hint">{formatDateTime(order.createdAt)}</p>
      <table className="table">
        <tbody>
          {order.items.map((it, i) => (
            <tr key={i}>
              <td>
                {it.quantity} × {it.name}
              </td>
              <td className="num">{money(it.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="total-row">
        <span>Subtotal</span>
        <span>{money(order.subtotalCents)}</span>
      </div>
      <div className="total-row">
        <span>Tax</span>
        <span>{money(order.taxCents)}</span>
      </div>
      <div className="total-row grand">
        <span>Total</span>
        <span data-testid="receipt-total">{money(order.totalCents)}</span>
      </div>
      <p>Paid by {order.paymentMethod.toLowerCase()}</p>
      <div className="row">
        <button className="btn" onClick={() => window.print()}>
          Print
        </button>
        <Link className="btn primary" to="/checkout">
          New sale
        </Link>
      </div>
    </div>
  );
}
