import { useState } from 'react';
import { useApp } from '../app/context';
import { isManagerRole } from '../setup/access';
import { useStaffSession } from '../staff/session-store';
import { unsentCount } from '../sync/unsent';
import { useUnsentExport } from './export-store';
import { useUnsentCount } from './use-unsent';

/**
 * "Sign this tablet out": forget its enrolment and erase its local data. Blocked while the tablet
 * holds documents the server has not accepted; the only way past is a manager's export of them.
 */
export function SignOutTablet({ anyone = false }: { anyone?: boolean }) {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff);
  const exported = useUnsentExport();
  const unsent = useUnsentCount();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const coveredByExport = exported.exportedAt !== null && unsent !== null && exported.count >= unsent && (anyone || isManagerRole(staff?.role));
  // Re-enrolling needs a manager's login, so only a manager signs a tablet out (or anyone, where
  // nobody can sign in at all).
  const allowed = anyone || isManagerRole(staff?.role);
  const blocked = !allowed || unsent === null || (unsent > 0 && !coveredByExport);

  const signOut = async () => {
    // Counted again at the last moment: a sale may have been rung up since the screen was drawn.
    const now = await unsentCount(app.db);
    if (now > 0 && !(coveredByExport && exported.count >= now)) {
      setConfirming(false);
      setMessage(`${now} documents have not reached the server yet; the tablet was not signed out.`);
      return;
    }
    await app.unenrol();
    location.hash = '';
    location.reload();
  };

  return (
    <section className="card stack" aria-labelledby="signout-title">
      <h2 id="signout-title">Sign this tablet out</h2>
      <p className="hint">Signing out forgets this tablet's enrolment and erases everything stored on it. What the server has already received stays safe there.</p>
      {unsent !== null && unsent > 0 && (
        <div className="notice danger" role="alert" data-testid="signout-blocked">
          <strong>
            {unsent} {unsent === 1 ? 'document has' : 'documents have'} not reached the server.
          </strong>{' '}
          Signing out now would erase {unsent === 1 ? 'it' : 'them'}. Connect the tablet and sync first. If it can no longer reach the server, a manager can export them to a
          file and import it on another tablet or on the server.
          {coveredByExport && <> They were exported to {exported.where}; a manager may now sign the tablet out.</>}
        </div>
      )}
      {!allowed && <p className="hint">A manager signs a tablet out: lock it and let a manager sign in.</p>}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {!confirming ? (
        <button className="btn danger" disabled={blocked} onClick={() => setConfirming(true)}>
          {coveredByExport && unsent ? 'Sign out anyway (documents exported)' : 'Sign this tablet out'}
        </button>
      ) : (
        <div className="row">
          <button className="btn danger" onClick={() => void signOut()}>
            Yes, sign out and erase this tablet
          </button>
          <button className="btn" onClick={() => setConfirming(false)}>
            Keep it enrolled
          </button>
        </div>
      )}
    </section>
  );
}
