import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { addGuest } from '../guests/guest-actions';
import { useStaffSession } from '../staff/session-store';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Find a guest by name, email or phone, or add a walk-in with their marketing consent. */
export function CheckInScreen() {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const q = query.trim();
  const results = useObservable(
    () =>
      q.length === 0
        ? app.db.customers.find({ sort: [{ updatedAt: 'desc' }], limit: 30 }).$
        : app.db.customers.find({
            selector: {
              $or: [
                { firstName: { $regex: `^${escapeRegex(q)}`, $options: 'i' } },
                { lastName: { $regex: `^${escapeRegex(q)}`, $options: 'i' } },
                { email: { $regex: `^${escapeRegex(q)}`, $options: 'i' } },
                { phone: { $regex: escapeRegex(q) } },
              ],
            },
            limit: 50,
          }).$,
    [],
    [app.db, q],
  );

  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', phone: '', emailOptIn: false, smsOptIn: false });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.firstName.trim()) return setError('A first name is needed.');
    try {
      const c = await addGuest(app, form, staff.id);
      setForm({ firstName: '', lastName: '', email: '', phone: '', emailOptIn: false, smsOptIn: false });
      void navigate({ to: '/guests/$guestId', params: { guestId: c.id } });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="grid-2">
      <section className="card stack" aria-labelledby="find-title">
        <h1 id="find-title">Check-in</h1>
        <label htmlFor="guest-search" className="sr-only">
          Search guests
        </label>
        <input
          id="guest-search"
          className="input"
          placeholder="Search by name, email or phone"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
        <ul className="list" aria-label="Guests">
          {results.map((c) => (
            <li key={c.id}>
              <button className="list-item" onClick={() => void navigate({ to: '/guests/$guestId', params: { guestId: c.id } })}>
                <span>
                  <strong>
                    {c.firstName} {c.lastName}
                  </strong>
                  <br />
                  <span className="sub">{[c.email, c.phone].filter(Boolean).join(' · ') || 'no contact details'}</span>
                </span>
              </button>
            </li>
          ))}
          {results.length === 0 && <li className="hint">No guest matches “{q}”. Add them on the right.</li>}
        </ul>
      </section>
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">Add a walk-in</h2>
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="first-name">First name</label>
            <input id="first-name" className="input" value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="last-name">Last name</label>
            <input id="last-name" className="input" value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" className="input" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} maxLength={254} />
          </div>
          <div className="field">
            <label htmlFor="phone">Phone</label>
            <input id="phone" className="input" type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} maxLength={32} />
          </div>
          <label className="check">
            <input type="checkbox" checked={form.emailOptIn} onChange={(e) => setForm({ ...form, emailOptIn: e.target.checked })} />
            Happy to receive emails
          </label>
          <label className="check">
            <input type="checkbox" checked={form.smsOptIn} onChange={(e) => setForm({ ...form, smsOptIn: e.target.checked })} />
            Happy to receive text messages
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button className="btn primary big" type="submit" style={{ width: '100%' }}>
            Add guest
          </button>
        </form>
      </section>
    </div>
  );
}
