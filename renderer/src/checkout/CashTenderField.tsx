import { useId, useState } from 'react';
import { money } from '../ui/format';
import { quickTenders, readTendered } from './cash';

/**
 * For a cash sale: the cash the guest handed over, and the change to give back. A counting aid
 * for staff only; it is not recorded on the sale and never blocks completing it.
 */
export function CashTenderField(props: { totalCents: number }) {
  const id = useId();
  const [text, setText] = useState('');
  const r = readTendered(text, props.totalCents);
  return (
    <div className="cash-tender stack">
      <label htmlFor={id} className="label">
        Cash given
      </label>
      <div className="row">
        <input
          id={id}
          className="input"
          inputMode="decimal"
          autoComplete="off"
          placeholder="50.00"
          value={text}
          aria-invalid={r.kind === 'invalid'}
          aria-describedby={`${id}-result`}
          onChange={(e) => setText(e.target.value)}
        />
        {quickTenders(props.totalCents).map((c) => (
          <button key={c} type="button" className="btn" onClick={() => setText((c / 100).toFixed(2))}>
            {money(c)}
          </button>
        ))}
      </div>
      <p id={`${id}-result`} role="status" aria-live="polite" data-testid="cash-change" className={r.kind === 'invalid' || r.kind === 'short' ? 'error' : 'change-due'}>
        {r.kind === 'none' && <span className="hint">Type or tap the cash given to see the change.</span>}
        {r.kind === 'invalid' && r.error}
        {r.kind === 'short' && `${money(r.shortCents)} short of the total`}
        {r.kind === 'change' && `Change due: ${money(r.changeCents)}`}
      </p>
    </div>
  );
}
