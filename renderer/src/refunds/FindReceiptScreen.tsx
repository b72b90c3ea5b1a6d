import { type Order, withoutLocalFields } from '@cellardoor/shared';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { formatDateTime, money } from '../ui/format';

/** Normalises what staff type from a paper receipt: "t2-42" or "T2-000042" both find T2-000042. */
export function normaliseReceiptNumber(text: string): string | null {
  const m = /^\s*t?\s*(\d+)\s*[-–\s]\s*0*(\d+)\s*$/i.exec(text);
  return m ? `T${Number(m[1])}-${m[2]!.padStart(6, '0')}` : null;
}

/** "Refund by receipt number": find a sale by the number on the customer's receipt. */
export function FindReceiptScreen() {
  const app = useApp();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const recent = useObservable(() => app.db.orders.find({ selector: { kind: 'SALE' }, sort: [{ createdAt: 'desc' }], limit: 8 }).$, [], []);

  const find = async () => {
    const number = normaliseReceiptNumber(text);
    if (!number) return setError('Type the receipt number as printed, for example T2-000042.');
    const doc = await app.db.orders.findOne({ selector: { receiptKey: number } }).exec();
    if (!doc) return setError(`No sale with receipt number ${number} is on this tablet. Sales from other tablets arrive when both have synced.`);
    const order = withoutLocalFields('orders', doc.toJSON() as unknown as Order);
    if (order.kind !== 'SALE') return setError(`${number} is a refund; find the sale it refunded.`);
    void navigate({ to: '/refunds/new', search: { orderId: order.id } });
  };

  return (
    <div className="stack" style={{ maxWidth: 720, margin: '0 auto' }}>
      <form
        className="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <h1>Refund by receipt number</h1>
        <div className="field">
          <label htmlFor="receipt-number">Receipt number</label>
          <div className="row">
            <input id="receipt-number" className="input" style={{ flex: 1 }} autoComplete="off" placeholder="T2-000042" value={text} onChange={(e) => setText(e.target.value)} />
            <button className="btn primary" type="submit">
              Find sale
            </button>
          </div>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <section className="card">
        <h2>Recent sales on this tablet</h2>
        <ul className="list">
          {recent.map((o) => (
            <li key={o.id}>
              <Link className="list-item" to="/refunds/new" search={{ orderId: o.id }}>
                <span style={{ flex: 1 }}>{o.receiptNumber ?? '—'}</span>
                <span className="sub">{formatDateTime(o.createdAt)}</span>
                <span>{money(o.totalCents)}</span>
              </Link>
            </li>
          ))}
          {recent.length === 0 && <li className="hint">No sales yet.</li>}
        </ul>
      </section>
    </div>
  );
}
