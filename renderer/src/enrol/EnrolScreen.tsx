import type { DeviceCredentials } from '@cellardoor/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { EnrolError, enrolDevice } from '../device/enrol';
import { credentialStorageProblem } from '../platform/credentials';

/** First start of a tablet: a manager signs in once to enrol it with the venue's sync server. */
export function EnrolScreen({ onEnrolled }: { onEnrolled(c: DeviceCredentials): Promise<void> }) {
  const [serverUrl, setServerUrl] = useState(() => (location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:8787'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState('Tasting room tablet');
  const [role, setRole] = useState<'STAFF' | 'MANAGER'>('STAFF');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked before a manager signs in, so no device is enrolled on the server that this computer cannot keep.
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  useEffect(() => {
    void credentialStorageProblem().then(setStorageProblem);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onEnrolled(await enrolDevice({ serverUrl, email, password, deviceName, role }));
    } catch (err) {
      setError(err instanceof EnrolError ? err.message : `Enrolment failed: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  };

  return (
    <main className="center-screen">
      <form className="card stack" style={{ width: 'min(480px, 100%)' }} onSubmit={submit} aria-labelledby="enrol-title">
        <h1 id="enrol-title">Set up this tablet</h1>
        <p className="hint">A manager signs in once. The tablet then works without a network and syncs whenever it can reach the server.</p>
        <div className="field">
          <label htmlFor="server">Sync server address</label>
          <input id="server" className="input" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required inputMode="url" autoComplete="url" />
        </div>
        <div className="field">
          <label htmlFor="device-name">Name of this tablet</label>
          <input id="device-name" className="input" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} required maxLength={100} />
        </div>
        <fieldset className="choice-group">
          <legend>What is this tablet for?</legend>
          <label className="choice">
            <input type="radio" name="device-role" value="STAFF" checked={role === 'STAFF'} onChange={() => setRole('STAFF')} />
            <span>
              <strong>Staff only</strong>
              <span className="hint">Check-in and checkout. Prices, products and staff cannot be changed from it.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="device-role" value="MANAGER" checked={role === 'MANAGER'} onChange={() => setRole('MANAGER')} />
            <span>
              <strong>Managers can change the catalogue from this tablet</strong>
              <span className="hint">Venue, products, tags, events and staff. A new venue's first tablet needs this.</span>
            </span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="email">Manager email</label>
          <input id="email" className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" className="input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
        </div>
        {storageProblem && (
          <p className="error" role="alert">
            {storageProblem}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn primary big" type="submit" disabled={busy || storageProblem !== null}>
          {busy ? 'Enrolling…' : 'Enrol this tablet'}
        </button>
      </form>
    </main>
  );
}
