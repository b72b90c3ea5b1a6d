import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { useConsoleSession } from './console-session';
import { signInToConsole } from './sign-in';

/** The manager's own login for the console; the PIN only unlocks the tablet. */
export function ConsoleSignIn() {
  const { credentials } = useApp();
  const endedBecause = useConsoleSession((s) => s.endedBecause);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signInToConsole(credentials.serverUrl, email, password);
    } catch (err) {
      setProblem((err as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card console-sign-in">
      <h1>Manager console</h1>
      <p className="hint">
        Reports, segments and guest imports come from the server at {credentials.serverUrl}. Sign in with your manager or owner login; it is forgotten
        when the tablet locks.
      </p>
      {endedBecause && (
        <p className="notice warn" role="status">
          {endedBecause}
        </p>
      )}
      <form onSubmit={submit} aria-describedby={problem ? 'console-sign-in-problem' : undefined}>
        <div className="field">
          <label htmlFor="console-email">Manager email</label>
          <input id="console-email" className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="console-password">Password</label>
          <input
            id="console-password"
            className="input"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {problem && (
          <p id="console-sign-in-problem" className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in to the console'}
        </button>
      </form>
    </div>
  );
}
