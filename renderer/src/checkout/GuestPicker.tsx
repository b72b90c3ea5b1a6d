import { useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Attaches a guest to the sale by name, email or phone; the sale is a walk-in until one is chosen. */
export function GuestPicker(props: { onPick(id: string): void }) {
  const app = useApp();
  const [q, setQ] = useState('');
  const term = q.trim();
  const found = useObservable(
    () => {
      if (term.length < 2) return null;
      const re = { $regex: `^${escapeRegex(term)}`, $options: 'i' };
      const digits = term.replace(/[^\d+]/g, '');
      return app.db.customers.find({
        selector: {
          $or: [{ firstName: re }, { lastName: re }, { email: re }, ...(digits.length >= 3 ? [{ phone: { $regex: escapeRegex(digits) } }] : [])],
        },
        limit: 12,
      }).$;
    },
    [],
    [term],
  );
  return (
    <div className="stack" style={{ gap: '.4rem' }}>
      <label htmlFor="guest-search" className="label">
        Find a guest
      </label>
      <input id="guest-search" className="input" type="search" autoComplete="off" placeholder="Name, email or phone" value={q} onChange={(e) => setQ(e.target.value)} />
      {term.length >= 2 && (
        <ul className="list" aria-label="Matching guests">
          {found
            .filter((c) => !c.mergedInto && !c.erasedAt)
            .slice(0, 6)
            .map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="list-item"
                onClick={() => {
                  props.onPick(c.id);
                  setQ('');
                }}
              >
                <span>
                  {c.firstName} {c.lastName}
                  <span className="sub"> {c.email ?? c.phone ?? ''}</span>
                </span>
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="hint">No guest matches “{term}”.</li>}
        </ul>
      )}
    </div>
  );
}
