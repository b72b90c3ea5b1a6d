import { PAYMENT_METHODS, type Product, priceOrder } from '@cellardoor/shared';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { useStaffSession } from '../staff/session-store';
import { money } from '../ui/format';
import { useCart } from './cart-store';
import { completeSale } from './complete-sale';

/** Ring up a sale: product grid or SKU entry, cart, payment method, guest or walk-in. */
export function CheckoutScreen() {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const cart = useCart();
  const products = useObservable(() => app.db.products.find({ selector: { isActive: true }, sort: [{ sku: 'asc' }] }).$, [], []);
  const venues = useObservable(() => app.db.venues.find().$, [], []);
  const guest = useObservable(
    () => (cart.customerId ? app.db.customers.findOne(cart.customerId).$.pipe(map((d) => d?.toJSON() ?? null)) : null),
    null,
    [cart.customerId],
  );
  const [category, setCategory] = useState<string | null>(null);
  const [sku, setSku] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const venue = venues.find((v) => v.id === app.credentials.venueId) ?? venues[0];
  const categories = useMemo(() => [...new Set(products.map((p) => p.category))], [products]);
  const shown = category ? products.filter((p) => p.category === category) : products;
  const priced = useMemo(() => {
    if (cart.lines.length === 0 || !venue) return null;
    try {
      return priceOrder(cart.lines, cart.orderDiscount, venue.taxRateBps);
    } catch {
      return null;
    }
  }, [cart.lines, cart.orderDiscount, venue]);

  const addBySku = (code: string) => {
    const c = code.trim();
    if (!c) return;
    const p = products.find((x) => x.sku.toLowerCase() === c.toLowerCase() || x.barcode === c);
    if (p) {
      cart.add(p.toJSON() as Product);
      setMessage(null);
    } else setMessage(`No product has the code “${c}”.`);
    setSku('');
  };

  const complete = async () => {
    if (!venue || !priced) return;
    setBusy(true);
    try {
      const order = await completeSale(app, {
        lines: cart.lines,
        orderDiscount: cart.orderDiscount,
        paymentMethod: cart.paymentMethod,
        customerId: cart.customerId,
        staffId: staff.id,
        venue: { id: venue.id, taxRateBps: venue.taxRateBps },
        event: null,
      });
      cart.clear();
      void navigate({ to: '/receipts/$orderId', params: { orderId: order.id } });
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid-2">
      <section className="card stack" aria-labelledby="products-title">
        <h1 id="products-title">Checkout</h1>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            addBySku(sku);
          }}
        >
          <label htmlFor="sku" className="sr-only">
            SKU or barcode
          </label>
          <input id="sku" className="input" style={{ flex: 1 }} placeholder="Scan or type a SKU" value={sku} onChange={(e) => setSku(e.target.value)} autoComplete="off" />
          <button className="btn" type="submit">
            Add
          </button>
        </form>
        <div className="row" role="group" aria-label="Categories">
          <button className={`btn ${category === null ? 'primary' : ''}`} aria-pressed={category === null} onClick={() => setCategory(null)}>
            All
          </button>
          {categories.map((c) => (
            <button key={c} className={`btn ${category === c ? 'primary' : ''}`} aria-pressed={category === c} onClick={() => setCategory(c)}>
              {c.charAt(0) + c.slice(1).toLowerCase()}
            </button>
          ))}
        </div>
        <div className="products">
          {shown.map((p) => (
            <button key={p.id} className="product" onClick={() => cart.add(p.toJSON() as Product)}>
              <span>{p.name}</span>
              <span className="price">{money(p.priceCents)}</span>
            </button>
          ))}
        </div>
      </section>
      <section className="card stack" aria-labelledby="cart-title">
        <h2 id="cart-title">Cart</h2>
        <p>
          Guest:{' '}
          {guest ? (
            <strong>
              {guest.firstName} {guest.lastName}
            </strong>
          ) : (
            'walk-in'
          )}
          {guest && (
            <button className="btn ghost" onClick={() => cart.setCustomer(null)}>
              Remove guest
            </button>
          )}
        </p>
        <ul className="list" aria-label="Cart lines">
          {cart.lines.map((l, i) => (
            <li key={`${l.sku}-${i}`} className="row between" style={{ padding: '.4rem 0' }}>
              <span>{l.name}</span>
              <span className="row">
                <button className="btn" aria-label={`One fewer ${l.name}`} onClick={() => cart.setQuantity(i, l.quantity - 1)}>
                  −
                </button>
                <span aria-label={`Quantity of ${l.name}`}>{l.quantity}</span>
                <button className="btn" aria-label={`One more ${l.name}`} onClick={() => cart.setQuantity(i, l.quantity + 1)}>
                  +
                </button>
                <span style={{ minWidth: 80, textAlign: 'right' }}>{money(l.unitPriceCents * l.quantity - l.lineDiscountCents)}</span>
              </span>
            </li>
          ))}
          {cart.lines.length === 0 && <li className="hint">Tap a product to add it.</li>}
        </ul>
        {priced && (
          <div>
            <div className="total-row">
              <span>Subtotal</span>
              <span>{money(priced.subtotalCents)}</span>
            </div>
            <div className="total-row">
              <span>Tax</span>
              <span>{money(priced.taxCents)}</span>
            </div>
            <div className="total-row grand">
              <span>Total</span>
              <span data-testid="cart-total">{money(priced.totalCents)}</span>
            </div>
          </div>
        )}
        <div className="row" role="radiogroup" aria-label="Payment method">
          {PAYMENT_METHODS.map((m) => (
            <button key={m} role="radio" aria-checked={cart.paymentMethod === m} className={`btn ${cart.paymentMethod === m ? 'primary' : ''}`} onClick={() => cart.setPaymentMethod(m)}>
              {m.charAt(0) + m.slice(1).toLowerCase()}
            </button>
          ))}
        </div>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
        {!venue && <p className="notice warn">This tablet has no venue yet; sync once with the server.</p>}
        <button className="btn primary big" disabled={!priced || busy} onClick={() => void complete()}>
          Complete sale
        </button>
      </section>
    </div>
  );
}
