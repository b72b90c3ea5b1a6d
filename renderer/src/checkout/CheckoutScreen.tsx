import { PAYMENT_METHODS, type PricedOrder, type Product, priceOrder } from '@cellardoor/shared';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { getCurrentEvent, useCurrentEvent } from '../events/current-event';
import { useStaffSession } from '../staff/session-store';
import { money } from '../ui/format';
import { CartLines } from './CartLines';
import { CashTenderField } from './CashTenderField';
import { toCartLines, useCart } from './cart-store';
import { completeSale } from './complete-sale';
import { DiscountField } from './DiscountField';
import { discountText } from './discount';
import { findProductByCode } from './find-product';
import { GuestPicker } from './GuestPicker';
import { ProductGrid } from './ProductGrid';
import { useBarcodeScanner } from './use-barcode-scanner';
import './checkout.css';

export const paymentLabel = (m: string) => m.charAt(0) + m.slice(1).toLowerCase();
const percent = (bps: number) => `${(bps / 100).toLocaleString(undefined, { maximumFractionDigits: 3 })}%`;

/** Ring up a sale: product grid, barcode/SKU entry, cart with discounts, tax, payment, guest or walk-in. */
export function CheckoutScreen() {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const cart = useCart();
  const products = useObservable(() => app.db.products.find({ selector: { isActive: true }, sort: [{ sku: 'asc' }] }).$.pipe(map((ds) => ds.map((d) => d.toJSON() as Product))), [], []);
  const venues = useObservable(() => app.db.venues.find().$, [], []);
  const guest = useObservable(
    () => (cart.customerId ? app.db.customers.findOne(cart.customerId).$.pipe(map((d) => d?.toJSON() ?? null)) : null),
    null,
    [cart.customerId],
  );
  const [sku, setSku] = useState('');
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'ok' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [editingOrderDiscount, setEditingOrderDiscount] = useState(false);
  const completing = useRef(false);
  const currentEvent = useCurrentEvent(app.credentials.deviceId);

  const venue = venues.find((v) => v.id === app.credentials.venueId) ?? venues[0];
  const cartLines = useMemo(() => toCartLines(cart.lines), [cart.lines]);
  const pricing = useMemo((): { priced: PricedOrder } | { problem: string } | null => {
    if (cart.lines.length === 0 || !venue) return null;
    try {
      return { priced: priceOrder(cartLines, cart.orderDiscount, venue.taxRateBps) };
    } catch (err) {
      return { problem: err instanceof Error ? err.message : String(err) };
    }
  }, [cart.lines.length, cartLines, cart.orderDiscount, venue]);
  const priced = pricing && 'priced' in pricing ? pricing.priced : null;

  const addByCode = (code: string) => {
    const c = code.trim();
    if (!c) return;
    const p = findProductByCode(products, c);
    if (p) {
      cart.add(p);
      setMessage({ text: `Added ${p.name}.`, kind: 'ok' });
    } else setMessage({ text: `No product has the code “${c}”.`, kind: 'error' });
  };
  useBarcodeScanner(addByCode);

  const complete = async () => {
    // A second tap before the first finishes does nothing; the sale id makes a retry harmless too.
    if (!venue || !priced || completing.current) return;
    completing.current = true;
    setBusy(true);
    try {
      const order = await completeSale(app, {
        saleId: cart.saleId,
        lines: cartLines,
        orderDiscount: cart.orderDiscount,
        paymentMethod: cart.paymentMethod,
        customerId: cart.customerId,
        staffId: staff.id,
        venue: { id: venue.id, taxRateBps: venue.taxRateBps },
        // Read at the moment of the sale: a pick made since the screen opened counts.
        event: getCurrentEvent(app.credentials.deviceId),
      });
      cart.clear();
      void navigate({ to: '/receipts/$orderId', params: { orderId: order.id } });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), kind: 'error' });
    } finally {
      completing.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="checkout">
      <section className="card stack" aria-labelledby="products-title">
        <div className="row between">
          <h1 id="products-title">Checkout</h1>
          <form
            className="row sku-form"
            onSubmit={(e) => {
              e.preventDefault();
              addByCode(sku);
              setSku('');
            }}
          >
            <label htmlFor="sku" className="sr-only">
              SKU or barcode
            </label>
            <input id="sku" className="input" placeholder="Scan or type a SKU" value={sku} onChange={(e) => setSku(e.target.value)} autoComplete="off" />
            <button className="btn" type="submit">
              Add
            </button>
          </form>
        </div>
        <p className={message?.kind === 'error' ? 'error' : 'hint'} role="status" aria-live="polite" data-testid="checkout-message">
          {message?.text ?? 'Scan a barcode at any time, or tap a product.'}
        </p>
        <ProductGrid products={products} onAdd={(p) => cart.add(p)} />
      </section>
      <section className="card stack" aria-labelledby="cart-title">
        <h2 id="cart-title">Cart</h2>
        <div className="row between guest-row">
          <span>
            Guest:{' '}
            <strong data-testid="sale-guest">
              {guest ? `${guest.firstName} ${guest.lastName}`.trim() : 'Walk-in'}
            </strong>
          </span>
          {guest && (
            <button className="btn ghost" onClick={() => cart.setCustomer(null)}>
              Make it a walk-in
            </button>
          )}
        </div>
        <p className="hint" data-testid="sale-event">
          {currentEvent ? `Event sale: ${currentEvent.name}` : 'In-store sale (no event picked on Check-in)'}
        </p>
        {!guest && <GuestPicker onPick={(id) => cart.setCustomer(id)} />}
        <CartLines lines={cart.lines} priced={cartLines} />
        {cart.lines.length > 0 && venue && (
          <div className="totals">
            <div className="total-row">
              <span>Subtotal</span>
              <span data-testid="cart-subtotal">{money(priced ? priced.subtotalCents + priced.discountCents : cartLines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0))}</span>
            </div>
            {priced && priced.discountCents > 0 && (
              <div className="total-row">
                <span>Discounts</span>
                <span data-testid="cart-discount">− {money(priced.discountCents)}</span>
              </div>
            )}
            <div className="total-row">
              <span>Tax ({percent(venue.taxRateBps)})</span>
              <span data-testid="cart-tax">{priced ? money(priced.taxCents) : '—'}</span>
            </div>
            <div className="total-row grand">
              <span>Total</span>
              <span data-testid="cart-total">{priced ? money(priced.totalCents) : '—'}</span>
            </div>
            <button className="btn" aria-expanded={editingOrderDiscount} onClick={() => setEditingOrderDiscount(!editingOrderDiscount)}>
              {cart.orderDiscount.kind === 'none' ? 'Discount the whole sale' : `Sale discount: ${cart.orderDiscount.kind === 'percent' ? discountText(cart.orderDiscount) : money(cart.orderDiscount.cents)}`}
            </button>
            {editingOrderDiscount && <DiscountField label="Discount on the whole sale" value={cart.orderDiscount} onChange={cart.setOrderDiscount} onDone={() => setEditingOrderDiscount(false)} />}
          </div>
        )}
        {pricing && 'problem' in pricing && (
          <p className="error" role="alert">
            {pricing.problem}
          </p>
        )}
        <fieldset className="payment">
          <legend className="label">Payment</legend>
          <div className="row" role="radiogroup" aria-label="Payment method">
            {PAYMENT_METHODS.map((m) => (
              <button key={m} role="radio" aria-checked={cart.paymentMethod === m} className={`btn ${cart.paymentMethod === m ? 'primary' : ''}`} onClick={() => cart.setPaymentMethod(m)}>
                {paymentLabel(m)}
              </button>
            ))}
          </div>
        </fieldset>
        {/* Keyed by the sale: the next sale starts blank; a changed cart recounts the change. */}
        {cart.paymentMethod === 'CASH' && priced && <CashTenderField key={cart.saleId} totalCents={priced.totalCents} />}
        {!venue && <p className="notice warn">This tablet has no venue yet; sync once with the server.</p>}
        <button className="btn primary big" disabled={!priced || busy} onClick={() => void complete()}>
          {priced ? `Complete sale · ${money(priced.totalCents)}` : 'Complete sale'}
        </button>
      </section>
    </div>
  );
}
