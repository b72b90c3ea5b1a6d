import { Customer } from '@cellardoor/shared';
import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { fieldSentence, formatDate } from '../ui/format';
import { editProfile, type ProfileEdit } from './guest-actions';

const WORDS: Record<string, string> = { firstName: 'First name', lastName: 'Last name', email: 'Email', phone: 'Phone', postalCode: 'Postcode', dateOfBirth: 'Date of birth' };
const toNull = (s: string) => (s.trim() === '' ? null : s.trim());
/** The schema's lengths (shared/src/schemas/customers.ts), so typing stops where saving would be refused. */
const MAX_LENGTH: Partial<Record<string, number>> = { firstName: 100, lastName: 100, email: 254, phone: 32, postalCode: 20 };

/** The guest's details, editable in place; each saved field carries its own clock stamp. */
export function ProfileCard({ guest }: { guest: Customer }) {
  const app = useApp();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<keyof ProfileEdit, string>>({ firstName: '', lastName: '', email: '', phone: '', postalCode: '', dateOfBirth: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});

  const start = () => {
    setDraft({
      firstName: guest.firstName,
      lastName: guest.lastName,
      email: guest.email ?? '',
      phone: guest.phone ?? '',
      postalCode: guest.postalCode ?? '',
      dateOfBirth: guest.dateOfBirth ?? '',
    });
    setProblems({});
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const edit: ProfileEdit = {
      firstName: draft.firstName.trim(),
      lastName: draft.lastName.trim(),
      email: toNull(draft.email)?.toLowerCase() ?? null,
      phone: toNull(draft.phone),
      postalCode: toNull(draft.postalCode),
      dateOfBirth: toNull(draft.dateOfBirth),
    };
    const check = Customer.safeParse({ ...guest, ...edit });
    if (!check.success) {
      const out: Record<string, string> = {};
      for (const i of check.error.issues) out[String(i.path[0])] ??= fieldSentence(WORDS[String(i.path[0])] ?? String(i.path[0]), i.message);
      return setProblems(out);
    }
    await editProfile(app, guest.id, edit);
    setEditing(false);
  };

  if (!editing)
    return (
      <div className="stack">
        <dl className="facts">
          <dt>Email</dt>
          <dd>{guest.email ?? '—'}</dd>
          <dt>Phone</dt>
          <dd>{guest.phone ?? '—'}</dd>
          <dt>Postcode</dt>
          <dd>{guest.postalCode ?? '—'}</dd>
          <dt>Birthday</dt>
          <dd>{guest.dateOfBirth ? formatDate(`${guest.dateOfBirth}T12:00:00Z`) : '—'}</dd>
          <dt>Guest since</dt>
          <dd>{formatDate(guest.createdAt)}</dd>
        </dl>
        <button className="btn" onClick={start}>
          Edit details
        </button>
      </div>
    );
  const input = (k: keyof ProfileEdit, type = 'text') => (
    <div className="field" key={k}>
      <label htmlFor={`profile-${k}`}>{WORDS[k]}</label>
      <input
        id={`profile-${k}`}
        className="input"
        type={type}
        maxLength={MAX_LENGTH[k]}
        value={draft[k]}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
        aria-invalid={problems[k] ? true : undefined}
        aria-describedby={problems[k] ? `profile-${k}-problem` : undefined}
      />
      {problems[k] && (
        <span className="error" id={`profile-${k}-problem`}>
          {problems[k]}
        </span>
      )}
    </div>
  );
  return (
    <form onSubmit={save} noValidate aria-label="Edit guest details">
      <div className="walkin-names">
        {input('firstName')}
        {input('lastName')}
      </div>
      {input('email', 'email')}
      {input('phone', 'tel')}
      <div className="walkin-names">
        {input('postalCode')}
        {input('dateOfBirth', 'date')}
      </div>
      <div className="row">
        <button className="btn primary" type="submit">
          Save details
        </button>
        <button className="btn" type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
