import { useState } from 'react';
import { useApp } from '../../app/context';
import { useObservable } from '../../data/use-query';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds a guest by name or email in the tablet's own copy of the guest list. */
export function GuestPicker({ id, value, onChange }: { id: string; value: string; onChange(id: string): void }) {
  const { db } = useApp();
  const [text, setText] = useState('');
  const chosen = useObservable(() => (value ? db.customers.findOne(value).$ : null), null, [db, value]);
  const term = text.trim();
  const found = useObservable(
    () =>
      term.length < 2
        ? null
        : db.customers.find({
            selector: {
              $or: ['firstName', 'lastName', 'email'].map((f) => ({ [f]: { $regex: escape(term), $options: 'i' } })),
            },
            limit: 6,
          }).$,
    [],
    [db, term],
  );
  return (
    <div className="stack guest-picker">
      <input id={id} className="input" type="search" placeholder="Type a name or email" value={text} onChange={(e) => setText(e.target.value)} />
      {value && (
        <span className="hint" data-testid="chosen-guest">
          Chosen: {chosen ? `${chosen.firstName ?? ''} ${chosen.lastName ?? ''}`.trim() || chosen.email || value : value}
        </span>
      )}
      {found.length > 0 && (
        <div className="row" role="group" aria-label="Matching guests">
          {found.map((c) => (
            <button
              type="button"
              key={c.id}
              className="btn"
              aria-pressed={c.id === value}
              onClick={() => {
                onChange(c.id);
                setText('');
              }}
            >
              {`${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() || c.email || 'Guest'}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
