import { Customer } from '@cellardoor/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { addGuest, type NewGuest } from '../guests/guest-actions';
import type { GuestHit } from '../search/guest-index';
import { guestSearchFor } from '../search/guest-search';

const BLANK: NewGuest = { firstName: '', lastName: '', email: '', phone: '', emailOptIn: false, smsOptIn: false };
const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
const phoneDigits = (s: string) => s.replace(/\D/g, '');

/** What the schema says is wrong with the form, in words for staff (first problem per field). */
function problems(g: NewGuest): Record<string, string> {
  const out: Record<string, string> = {};
  if (!g.firstName.trim()) out.firstName = 'A first name is needed.';
  const check = Customer.pick({ email: true, phone: true }).safeParse({ email: g.email.trim() || null, phone: g.phone.trim() || null });
  if (!check.success)
    for (const i of check.error.issues) {
      const f = String(i.path[0]);
      out[f] ??= f === 'email' ? 'That does not look like an email address.' : 'That does not look like a phone number.';
    }
  return out;
}

/**
 * Quick-add of a walk-in with their marketing consent. Before a second record is made for
 * someone already on this tablet, staff see who has that email or phone and can open them.
 */
export function WalkInForm({ staffId, onAdded, onOpen }: { staffId: string; onAdded(id: string): void; onOpen(hit: GuestHit): void }) {
  const app = useApp();
  const [form, setForm] = useState<NewGuest>(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [dupes, setDupes] = useState<GuestHit[]>([]);
  const [addAnyway, setAddAnyway] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewGuest>) => setForm((f) => ({ ...f, ...patch }));

  // Look for the same contact details as they are typed (the worker answers in a millisecond or two).
  const email = looksLikeEmail(form.email) ? form.email.trim() : null;
  const phone = phoneDigits(form.phone).length >= 7 ? form.phone : null;
  useEffect(() => {
    setAddAnyway(false);
    if (!email && !phone) return setDupes([]);
    let live = true;
    void guestSearchFor(app)
      .duplicates({ email, phone })
      .then((hits) => live && setDupes(hits));
    return () => {
      live = false;
    };
  }, [app, email, phone]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = problems(form);
    setErrors(p);
    if (Object.keys(p).length > 0) return;
    if (dupes.length > 0 && !addAnyway) return;
    setBusy(true);
    try {
      const c = await addGuest(app, form, staffId);
      setForm(BLANK);
      setDupes([]);
      onAdded(c.id);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: keyof NewGuest & string, label: string, input: Partial<React.InputHTMLAttributes<HTMLInputElement>>) => (
    <div className="field">
      <label htmlFor={`walkin-${id}`}>{label}</label>
      <input
        id={`walkin-${id}`}
        className="input"
        value={form[id] as string}
        onChange={(e) => set({ [id]: e.target.value })}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? `walkin-${id}-problem` : undefined}
        {...input}
      />
      {errors[id] && (
        <span id={`walkin-${id}-problem`} className="error">
          {errors[id]}
        </span>
      )}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-title">
      <h2 id="add-title">Add a walk-in</h2>
      <div className="walkin-names">
        {field('firstName', 'First name', { maxLength: 100, autoComplete: 'off' })}
        {field('lastName', 'Last name', { maxLength: 100, autoComplete: 'off' })}
      </div>
      {field('email', 'Email', { type: 'email', maxLength: 254, autoComplete: 'off', inputMode: 'email' })}
      {field('phone', 'Phone', { type: 'tel', maxLength: 32, autoComplete: 'off', inputMode: 'tel' })}
      {dupes.length > 0 && (
        <div className="notice warn" role="alert" data-testid="duplicate-warning">
          <p>
            {dupes.length === 1 ? 'This email or phone already belongs to a guest on this tablet:' : 'This email or phone already belongs to guests on this tablet:'}
          </p>
          <ul className="dupes">
            {dupes.slice(0, 3).map((d) => (
              <li key={d.id} className="row between">
                <span>
                  <strong>
                    {d.firstName} {d.lastName}
                  </strong>{' '}
                  <span className="hint">{[d.email, d.phone].filter(Boolean).join(' · ')}</span>
                </span>
                <button type="button" className="btn primary" onClick={() => onOpen(d)}>
                  Open {d.firstName}
                </button>
              </li>
            ))}
          </ul>
          <label className="check">
            <input type="checkbox" checked={addAnyway} onChange={(e) => setAddAnyway(e.target.checked)} />
            It is someone else: add a new guest anyway
          </label>
        </div>
      )}
      <fieldset className="consent">
        <legend>Marketing consent (ask the guest)</legend>
        <label className="check">
          <input type="checkbox" checked={form.emailOptIn} disabled={!form.email.trim()} onChange={(e) => set({ emailOptIn: e.target.checked })} />
          Happy to receive emails
        </label>
        <label className="check">
          <input type="checkbox" checked={form.smsOptIn} disabled={!form.phone.trim()} onChange={(e) => set({ smsOptIn: e.target.checked })} />
          Happy to receive text messages
        </label>
      </fieldset>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <button className="btn primary big" type="submit" style={{ width: '100%' }} disabled={busy || (dupes.length > 0 && !addAnyway)}>
        Add guest
      </button>
    </form>
  );
}
