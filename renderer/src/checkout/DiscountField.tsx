import { useId, useState } from 'react';
import { type Discount, discountText, parseDiscount } from './discount';

/**
 * Types a discount as an amount ("5.00") or a percentage ("10%"). A value that is not a discount
 * is refused with the reason; whether it fits the line or order is decided by pricing.
 */
export function DiscountField(props: { label: string; value: Discount; onChange(d: Discount): void; onDone?(): void }) {
  const id = useId();
  const [text, setText] = useState(discountText(props.value));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const r = parseDiscount(text);
    if (!r.ok) return setError(r.error);
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
