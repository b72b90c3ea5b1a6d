import { STAFF_ROLES, type Staff } from '@cellardoor/shared';
import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { useSetupAccess } from './access';
import { Problem } from './Problem';
import { type StaffDraft, saveStaffMember } from './staff-member';

const ROLE_WORDS: Record<Staff['role'], string> = { OWNER: 'Owner', MANAGER: 'Manager', STAFF: 'Staff' };
const blank = (): StaffDraft => ({ name: '', role: 'STAFF', isActive: true, pin: '', pinAgain: '' });

/** Staff members and their PINs; a manager sets PINs here, and only their hash leaves the tablet. */
export function StaffScreen() {
  const { db, recorder } = useApp();
  const { canEdit, role: myRole, staffId } = useSetupAccess();
  const staff = useObservable(() => db.staff.find({ sort: [{ name: 'asc' }] }).$, [], [db]);
  const [selected, setSelected] = useState<Staff | null>(null);
  const [draft, setDraft] = useState<StaffDraft>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only an owner makes owners; nobody switches themselves off.
  const roles = STAFF_ROLES.filter((r) => r !== 'OWNER' || myRole === 'OWNER' || selected?.role === 'OWNER');

  const choose = (s: Staff | null) => {
    setSelected(s);
    setDraft(s ? { name: s.name, role: s.role, isActive: s.isActive, pin: '', pinAgain: '' } : blank());
    setProblems({});
    setSaved(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (selected?.id === staffId && !draft.isActive) {
      setProblems({ isActive: 'You cannot switch yourself off while signed in.' });
      return;
    }
    setBusy(true);
    const result = await saveStaffMember(recorder, selected, draft);
    setBusy(false);
    if (!result.ok) return setProblems(result.problems);
    setProblems({});
    setSelected(result.staff);
    setDraft({ ...draft, pin: '', pinAgain: '' });
    setSaved(`${result.staff.name} is saved${draft.pin ? ' with the new PIN' : ''}.`);
  };

  return (
    <div className="editor">
      <section className="card stack" aria-labelledby="staff-title">
        <div className="row between">
          <h1 id="staff-title">Staff</h1>
          <button className="btn" onClick={() => choose(null)} disabled={!canEdit}>
            New staff member
          </button>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>PIN</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td className="tight">
                  <button className="rowbtn" aria-current={selected?.id === s.id} onClick={() => choose(s.toJSON() as Staff)}>
                    {s.name} {!s.isActive && <span className="badge off">off</span>}
                  </button>
                </td>
                <td>{ROLE_WORDS[s.role]}</td>
                <td>{s.pinHash ? <span className="badge ok">set</span> : <span className="badge off">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="card" onSubmit={save} aria-labelledby="staff-form-title">
        <h2 id="staff-form-title">{selected ? `Edit ${selected.name}` : 'New staff member'}</h2>
        <fieldset disabled={!canEdit || busy} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="staff-name">Name</label>
            <input id="staff-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-describedby="staff-name-problem" required />
            <Problem id="staff-name-problem" text={problems.name} />
          </div>
          <div className="field">
            <label htmlFor="staff-role">Role</label>
            <select id="staff-role" className="input" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Staff['role'] })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_WORDS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="staff-pin">{selected ? 'New PIN' : 'PIN'}</label>
              <input id="staff-pin" className="input" type="password" inputMode="numeric" autoComplete="new-password" value={draft.pin} onChange={(e) => setDraft({ ...draft, pin: e.target.value.replace(/\D/g, '').slice(0, 8) })} aria-describedby="staff-pin-problem" />
              <Problem id="staff-pin-problem" text={problems.pin} />
            </div>
            <div className="field">
              <label htmlFor="staff-pin-again">PIN again</label>
              <input id="staff-pin-again" className="input" type="password" inputMode="numeric" autoComplete="new-password" value={draft.pinAgain} onChange={(e) => setDraft({ ...draft, pinAgain: e.target.value.replace(/\D/g, '').slice(0, 8) })} aria-describedby="staff-pin-again-problem" />
              <Problem id="staff-pin-again-problem" text={problems.pinAgain} />
            </div>
          </div>
          <p className="hint">{selected ? 'Leave the PIN empty to keep the current one.' : '4 to 8 digits. Staff unlock the tablet with it.'}</p>
          <label className="check">
            <input type="checkbox" checked={draft.isActive} onChange={(e) => setDraft({ ...draft, isActive: e.target.checked })} /> Can sign in
          </label>
          <Problem id="staff-active-problem" text={problems.isActive} />
          {saved && (
            <p className="notice ok" role="status">
              {saved}
            </p>
          )}
          <button className="btn primary big" type="submit" style={{ width: '100%' }}>
            {busy ? 'Saving…' : 'Save staff member'}
          </button>
        </fieldset>
      </form>
    </div>
  );
}
