import { type FormEvent, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useApp } from '../app/context';
import { SignOutTablet } from '../sync-screen/SignOutTablet';
import { useStaffSession } from '../staff/session-store';
import { Problem } from './Problem';
import { type StaffDraft, saveStaffMember } from './staff-member';

/**
 * A new account has no staff yet, so the PIN lock would have nobody to unlock it. Right after
 * enrolment the manager creates their own staff profile and PIN here, then sets up the venue.
 */
export function FirstStaffScreen() {
  const { recorder, credentials } = useApp();
  const signIn = useStaffSession((s) => s.signIn);
  const navigate = useNavigate();
  const [draft, setDraft] = useState<StaffDraft>({ name: '', role: 'OWNER', isActive: true, pin: '', pinAgain: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  if (credentials.role !== 'MANAGER')
    return (
      <main className="center-screen">
        <div className="card stack" style={{ width: 'min(600px, 100%)' }}>
          <h1>This account has no staff yet</h1>
          <p>
            {credentials.deviceName} is enrolled for staff only, so it cannot create the venue or the first staff members. Set them up from a manager tablet or a
            browser, or sign this tablet out and enrol it again choosing “Managers can change the catalogue from this tablet”.
          </p>
          <SignOutTablet anyone />
        </div>
      </main>
    );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await saveStaffMember(recorder, null, draft);
    setBusy(false);
    if (!result.ok) return setProblems(result.problems);
    signIn({ id: result.staff.id, name: result.staff.name, role: result.staff.role });
    void navigate({ to: '/setup' });
  };

  return (
    <main className="center-screen">
      <form className="card stack" style={{ width: 'min(520px, 100%)' }} onSubmit={save} aria-labelledby="first-staff-title">
        <h1 id="first-staff-title">Welcome to Cellardoor</h1>
        <p className="hint">This account has no staff yet. Create your own profile and PIN; you will use it to unlock this tablet, then set up the venue.</p>
        <fieldset disabled={busy} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="first-name">Your name</label>
            <input id="first-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-describedby="first-name-problem" required autoFocus />
            <Problem id="first-name-problem" text={problems.name} />
          </div>
          <fieldset className="choice-group">
            <legend>Your role</legend>
            {(['OWNER', 'MANAGER'] as const).map((r) => (
              <label className="choice" key={r}>
                <input type="radio" name="first-role" checked={draft.role === r} onChange={() => setDraft({ ...draft, role: r })} />
                <span>{r === 'OWNER' ? 'Owner' : 'Manager'}</span>
              </label>
            ))}
          </fieldset>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="first-pin">PIN (4 to 8 digits)</label>
              <input id="first-pin" className="input" type="password" inputMode="numeric" autoComplete="new-password" value={draft.pin} onChange={(e) => setDraft({ ...draft, pin: e.target.value.replace(/\D/g, '').slice(0, 8) })} aria-describedby="first-pin-problem" />
              <Problem id="first-pin-problem" text={problems.pin} />
            </div>
            <div className="field">
              <label htmlFor="first-pin-again">PIN again</label>
              <input id="first-pin-again" className="input" type="password" inputMode="numeric" autoComplete="new-password" value={draft.pinAgain} onChange={(e) => setDraft({ ...draft, pinAgain: e.target.value.replace(/\D/g, '').slice(0, 8) })} aria-describedby="first-pin-again-problem" />
              <Problem id="first-pin-again-problem" text={problems.pinAgain} />
            </div>
          </div>
          <button className="btn primary big" type="submit" style={{ width: '100%' }}>
            {busy ? 'Saving…' : 'Create my profile and start setup'}
          </button>
        </fieldset>
      </form>
    </main>
  );
}
