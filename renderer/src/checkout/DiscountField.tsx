import { useId, useState } from 'react';
import { money } from '../ui/format';
import { type Discount, discountText, parseDiscount } from './discount';

/**
 * Types a discount as an amount ("5.00") or a percentage ("10%"). A value that is not a discount
 * is refused with the reason, and so is an amount over `maxCents` (a line's price) where the
 * caller knows it; whether an order discount fits is decided by pricing.
 */
export function DiscountField(props: { label: string; value: Discount; maxCents?: number; onChange(d: Discount): void; onDone?(): void }) {
  const id = useId();
  const [text, setText] = useState(discountText(props.value));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const r = parseDiscount(text);
    if (!r.ok) return setError(r.error);
    if (props.maxCents !== undefined && r.discount.kind === 'amount' && r.discount.cents > props.maxCents)
      return setError(`The discount cannot be more than ${money(props.maxCents)}.`);
    setError(null);
    props.onChange(r.discount);
    props.onDone?.();
  };
  return (
    <form
      className="discount-field"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <div className="row">
        <input
          id={id}
          className="input"
          inputMode="decimal"
          autoComplete="off"
          placeholder="5.00 or 10%"
          value={text}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button className="btn" type="submit">
          Apply
        </button>
        {props.value.kind !== 'none' && (
          <button
            className="btn ghost"
            type="button"
            onClick={() => {
              setText('');
              setError(null);
              props.onChange({ kind: 'none' });
              props.onDone?.();
            }}
          >
            No discount
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
