import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { money } from '../ui/format';
import { printReceipt, saveReceiptAsPdf } from './print-receipt';
import { ReceiptPaper } from './ReceiptPaper';
import { useReceipt, useRefunds } from './use-receipt';
import './receipts.css';

/** The receipt of a completed sale or refund, with its gapless number: print, save as PDF, refund. */
export function ReceiptScreen() {
  const { orderId } = useParams({ from: '/receipts/$orderId' });
  const data = useReceipt(orderId);
  const refunds = useRefunds(data?.order ?? null) ?? [];
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  if (data === undefined) return <p className="hint">Opening the receipt…</p>;
  if (data === null) return <p className="notice">This receipt is not on this tablet.</p>;
  const { order, view } = data;

  const run = async (what: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await what();
      if (text) setMessage({ text, kind: 'ok' });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="receipt-screen">
      <ReceiptPaper view={view} />
      <div className="stack no-print receipt-actions">
        <div className="row">
          <button
            className="btn primary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await printReceipt(view);
                if (!r.ok) throw new Error(r.error);
                return window.cellardoor ? 'Sent to the receipt printer.' : null;
              })
            }
          >
            Print
          </button>
          <button className="btn" disabled={busy} onClick={() => void run(async () => {
            const where = await saveReceiptAsPdf(view);
            return where ? `Saved as PDF to ${where}.` : null;
          })}>
            Save as PDF
          </button>
          {order.kind === 'SALE' && (
            <Link className="btn" to="/refunds/new" search={{ orderId: order.id }}>
              Refund…
            </Link>
          )}
          {order.refundOf && (
            <Link className="btn" to="/receipts/$orderId" params={{ orderId: order.refundOf }}>
              Original sale
            </Link>
          )}
          <Link className="btn" to="/checkout">
            New sale
          </Link>
        </div>
        {message && (
          <p className={message.kind === 'error' ? 'error' : 'notice ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {refunds.length > 0 && (
          <div className="card">
            <h2>Refunds of this sale</h2>
            <ul className="list">
              {refunds.map((r) => (
                <li key={r.id}>
                  <Link className="list-item" to="/receipts/$orderId" params={{ orderId: r.id }}>
                    Refund {r.receiptNumber ?? ''} · {money(r.totalCents)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
