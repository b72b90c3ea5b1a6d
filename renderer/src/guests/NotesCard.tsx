import type { CustomerNote } from '@cellardoor/shared';
import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { formatDateTime } from '../ui/format';
import { addNote } from './guest-actions';

/** Notes about the guest, newest first; a note is never edited or deleted, only added. */
export function NotesCard({ customerId, notes, staff, staffName }: { customerId: string; notes: CustomerNote[]; staff: { id: string; name: string }; staffName(id: string): string }) {
  const app = useApp();
  const [body, setBody] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    await addNote(app, customerId, body, staff);
    setBody('');
  };
  return (
    <div className="stack">
      <form onSubmit={submit} className="stack">
        <label htmlFor="new-note" className="sr-only">
          New note
        </label>
        <textarea id="new-note" className="input" rows={2} maxLength={4000} placeholder="Add a note (allergies, what they liked…)" value={body} onChange={(e) => setBody(e.target.value)} />
        <button className="btn" type="submit" disabled={!body.trim()}>
          Add note
        </button>
      </form>
      <ul className="list notes" aria-label="Notes">
        {notes.map((n) => (
          <li key={n.id}>
            <p>{n.body}</p>
            <span className="hint">
              {n.authorName ?? staffName(n.authorStaffId)} · {formatDateTime(n.createdAt)}
            </span>
          </li>
        ))}
        {notes.length === 0 && <li className="hint">No notes yet.</li>}
      </ul>
    </div>
  );
}
