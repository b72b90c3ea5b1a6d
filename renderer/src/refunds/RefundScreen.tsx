import { type Order, PAYMENT_METHODS, type PricedOrder, newId } from '@cellardoor/shared';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useApp } from '../app/context';
import { paymentLabel } from '../checkout/CheckoutScreen';
import { useReceipt, useRefunds } from '../receipts/use-receipt';
import { useStaffSession } from '../staff/session-store';
import { money } from '../ui/format';
import { completeRefund } from './complete-refund';
import { priceRefundOfRemaining, refundableSale } from './refundable';
import './refunds.css';

/** Refund some or all of a sale: choose quantities per line; never more than is left. */
export function RefundScreen() {
  const { orderId } = useSearch({ from: '/refunds/new' });
  const data = useReceipt(orderId);
  const refunds = useRefunds(data?.order ?? null);
  if (data === undefined || (data && data.order.kind === 'SALE' && refunds === undefined)) return <p className="hint">Opening the sale…</p>;
  if (data === null)
    return (
      <div className="notice warn">
        <p>That sale is not on this tablet.</p>
        <Link className="btn" to="/refunds">
          Find a receipt
        </Link>
      </div>
    );
  if (data.order.kind !== 'SALE') return <p className="notice">A refund cannot itself be refunded.</p>;
  return <RefundForm key={data.order.id} sale={data.order} saleNumber={data.view.number} guest={data.view.guest} refunds={refunds ?? []} />;
}

function RefundForm(props: { sale: Order; saleNumber: string; guest: string; refunds: Order[] }) {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const { sale } = props;
  const state = useMemo(() => refundableSale(sale, props.refunds), [sale, props.refunds]);
  const [refundId] = useState(newId);
  const [qty, setQty] = useState<string[]>(() => sale.items.map(() => '0'));
  const [payment, setPayment] = useState<Order['paymentMethod']>(sale.paymentMethod);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const wanted = qty.map((q, line) => ({ line, quantity: /^\d+$/.test(q.trim()) ? Number(q) : Number.NaN }));
  const preview = useMemo((): { priced: PricedOrder } | { problem: string } => {
    try {
      return { priced: priceRefundOfRemaining(state, wanted, sale.taxRateBps ?? 0) };
    } catch (err) {
      return { problem: err instanceof Error ? err.message : String(err) };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- wanted is derived from qty
  }, [state, qty, sale.taxRateBps]);
  const nothingLeft = state.lines.every((l) => l.left <= 0);
  const nothingChosen = wanted.every((w) => w.quantity === 0);

  const setLine = (i: number, v: string) => setQty((q) => q.map((x, k) => (k === i ? v : x)));
  const submit = async () => {
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      const refund = await completeRefund(app, { refundId, saleId: sale.id, lines: wanted, paymentMethod: payment, staffId: staff.id, reason });
      void navigate({ to: '/receipts/$orderId', params: { orderId: refund.id } });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="refund">
      <section className="card stack" aria-labelledby="refund-title">
        <h1 id="refund-title">Refund receipt {props.saleNumber}</h1>
        <p className="hint">
          Sold {new Date(sale.createdAt).toLocaleString()} · Guest: {props.guest} · Total {money(sale.totalCents)}
        </p>
        {nothingLeft && <p className="notice ok">This sale has been refunded in full.</p>}
        <table className="table refund-lines">
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Sold</th>
              <th className="num">Refunded</th>
              <th>Refund now</th>
            </tr>
          </thead>
          <tbody>
            {state.lines.map((l, i) => (
              <tr key={i}>
                <td>
                  {l.name}
                  <span className="hint"> · {money(sale.items[i]!.totalCents)}</span>
                </td>
                <td className="num">{l.sold}</td>
                <td className="num">{l.refunded}</td>
                <td>
                  <div className="row stepper">
                    <button className="btn" type="button" aria-label={`One fewer ${l.name} to refund`} disabled={Number(qty[i]) <= 0} onClick={() => setLine(i, String(Math.max(0, (Number(qty[i]) || 0) - 1)))}>
                      −
                    </button>
                    <input
                      className="input"
                      inputMode="numeric"
                      aria-label={`Quantity of ${l.name} to refund`}
                      value={qty[i]}
                      onChange={(e) => setLine(i, e.target.value)}
                    />
                    <button className="btn" type="button" aria-label={`One more ${l.name} to refund`} onClick={() => setLine(i, String((Number(qty[i]) || 0) + 1))}>
                      +
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <button className="btn" type="button" disabled={nothingLeft} onClick={() => setQty(state.lines.map((l) => String(Math.max(0, l.left))))}>
            Everything not yet refunded
          </button>
          <button className="btn ghost" type="button" onClick={() => setQty(sale.items.map(() => '0'))}>
            Clear
          </button>
        </div>
      </section>
      <section className="card stack" aria-labelledby="refund-summary">
        <h2 id="refund-summary">Refund</h2>
        {'priced' in preview ? (
          <div>
            <div className="total-row">
              <span>Items</span>
              <span>{money(preview.priced.subtotalCents)}</span>
            </div>
            <div className="total-row">
              <span>Tax</span>
              <span>{money(preview.priced.taxCents)}</span>
            </div>
            <div className="total-row grand">
              <span>To give back</span>
              <span data-testid="refund-total">{money(-preview.priced.totalCents)}</span>
            </div>
          </div>
        ) : (
          <p className={nothingChosen ? 'hint' : 'error'} role={nothingChosen ? undefined : 'alert'} data-testid="refund-problem">
            {preview.problem}
          </p>
        )}
        <fieldset className="payment">
          <legend className="label">Give the money back by</legend>
          <div className="row" role="radiogroup" aria-label="Refund method">
            {PAYMENT_METHODS.map((m) => (
              <button key={m} type="button" role="radio" aria-checked={payment === m} className={`btn ${payment === m ? 'primary' : ''}`} onClick={() => setPayment(m)}>
                {paymentLabel(m)}
              </button>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="refund-reason">Reason (optional)</label>
          <input id="refund-reason" className="input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        {error && error !== ('problem' in preview ? preview.problem : null) && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn primary big" disabled={busy || nothingLeft || 'problem' in preview} onClick={() => void submit()}>
          Refund{'priced' in preview ? ` ${money(-preview.priced.totalCents)}` : ''}
        </button>
        <Link className="btn" to="/receipts/$orderId" params={{ orderId: sale.id }}>
          Back to the receipt
        </Link>
      </section>
    </div>
  );
}
