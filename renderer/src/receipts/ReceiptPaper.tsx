import type { ReceiptView } from './receipt-view';

/** The receipt as it looks on paper, on screen and in the browser's print-out. */
export function ReceiptPaper({ view }: { view: ReceiptView }) {
  return (
    <article className="card receipt-paper" aria-labelledby="receipt-title">
      <p className="receipt-venue">{view.venueName}</p>
      {view.headerLines.map((h, i) => (
        <p key={i} className="hint receipt-center">
          {h}
        </p>
      ))}
      <h1 id="receipt-title" className="receipt-center">
        {view.title} <span data-testid="receipt-number">{view.number}</span>
      </h1>
      <p className="hint receipt-center">{view.when}</p>
      <p className="receipt-center">
        Served by <span data-testid="receipt-staff">{view.staff}</span> · Guest: <span data-testid="receipt-guest">{view.guest}</span>
      </p>
      {view.event && <p className="receipt-center" data-testid="receipt-event">Event: {view.event}</p>}
      {view.refundOf && <p className="receipt-center">Refund of receipt {view.refundOf}</p>}
      <table className="table">
        <tbody>
          {view.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.quantity} × {l.name}
                {l.discount && (
                  <span className="hint">
                    <br />
                    {l.each} each, discount {l.discount}
                  </span>
                )}
              </td>
              <td className="num">{l.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="total-row">
        <span>Subtotal</span>
        <span>{view.subtotal}</span>
      </div>
      {view.discount && (
        <div className="total-row">
          <span>Discounts</span>
          <span data-testid="receipt-discount">{view.discount}</span>
        </div>
      )}
      <div className="total-row">
        <span>Tax</span>
        <span data-testid="receipt-tax">{view.tax}</span>
      </div>
      <div className="total-row grand">
        <span>Total</span>
        <span data-testid="receipt-total">{view.total}</span>
      </div>
      <p data-testid="receipt-payment">{view.payment}</p>
      {view.note && <p className="hint">{view.note}</p>}
    </article>
  );
}
