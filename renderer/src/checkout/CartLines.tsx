import type { CartLine } from '@cellardoor/shared';
import { useState } from 'react';
import { money } from '../ui/format';
import { type CartEntry, MAX_QUANTITY, useCart } from './cart-store';
import { DiscountField } from './DiscountField';
import { discountText } from './discount';

/** The cart's lines: quantity steppers, each line's discount, and its total before any sale discount. */
export function CartLines(props: { lines: CartEntry[]; priced: CartLine[] }) {
  const cart = useCart();
  const [editing, setEditing] = useState<number | null>(null);
  if (props.lines.length === 0) return <p className="hint">Tap a product or scan a barcode to add it.</p>;
  return (
    <ul className="list cart-lines" aria-label="Cart lines">
      {props.lines.map((l, i) => {
        const gross = l.unitPriceCents * l.quantity;
        return (
          <li key={`${l.productId}-${i}`} className="cart-line">
            <div className="row between">
              <span className="cart-name">
                {l.name}
                <span className="hint"> {money(l.unitPriceCents)} each</span>
              </span>
              <span className="num" data-testid={`line-total-${i}`}>
                {money(gross - (props.priced[i]?.lineDiscountCents ?? 0))}
              </span>
            </div>
            <div className="row between">
              <span className="row" style={{ gap: '.25rem' }}>
                <button className="btn" aria-label={`One fewer ${l.name}`} onClick={() => cart.setQuantity(i, l.quantity - 1)}>
                  −
                </button>
                <span className="qty" aria-label={`Quantity of ${l.name}`}>
                  {l.quantity}
                </span>
                <button className="btn" aria-label={`One more ${l.name}`} disabled={l.quantity >= MAX_QUANTITY} onClick={() => cart.setQuantity(i, l.quantity + 1)}>
                  +
                </button>
              </span>
              <span className="row" style={{ gap: '.25rem' }}>
                <button
                  className="btn ghost"
                  aria-expanded={editing === i}
                  aria-label={`Discount on ${l.name}`}
                  onClick={() => setEditing(editing === i ? null : i)}
                >
                  {l.discount.kind === 'none' ? 'Discount' : `− ${l.discount.kind === 'percent' ? discountText(l.discount) : money(l.discount.cents)}`}
                </button>
                <button className="btn ghost" aria-label={`Remove ${l.name}`} onClick={() => cart.remove(i)}>
                  Remove
                </button>
              </span>
            </div>
            {editing === i && (
              <DiscountField label={`Discount on ${l.name} (up to ${money(gross)})`} value={l.discount} maxCents={gross} onChange={(d) => cart.setLineDiscount(i, d)} onDone={() => setEditing(null)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
