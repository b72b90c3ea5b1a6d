import { Link, Outlet } from '@tanstack/react-router';
import { useApp } from '../app/context';
import { isManagerRole } from '../setup/access';
import { useStaffSession } from '../staff/session-store';
import { useConsoleSession } from './console-session';
import { ConsoleSignIn } from './ConsoleSignIn';
import { useOnline } from './use-online';
import './manage.css';

const SECTIONS = [
  { to: '/manage', label: 'Dashboard', exact: true },
  { to: '/manage/reports', label: 'Reports' },
  { to: '/manage/segments', label: 'Segments' },
  { to: '/manage/import', label: 'Import guests' },
] as const;

/**
 * The manager console (/manage/…): reports, charts, segments and guest imports, answered by the
 * server, so it needs the network and a manager's own sign-in on top of the PIN.
 */
export function ConsoleLayout() {
  const staff = useStaffSession((s) => s.staff);
  const session = useConsoleSession((s) => s.session);
  const end = useConsoleSession((s) => s.end);
  const online = useOnline();
  const { credentials } = useApp();

  if (!isManagerRole(staff?.role))
    return (
      <div className="notice warn" role="alert">
        <h1>The manager console is for managers</h1>
        <p>Reports, segments and guest imports are for managers and owners. Lock the tablet and let a manager sign in with their PIN.</p>
      </div>
    );
  if (!online)
    return (
      <div className="notice warn" role="alert">
        <h1>The manager console needs the network</h1>
        <p>
          Reports, segments and imports are worked out by the sync server, so they need a connection to it. Selling, check-in and tagging keep working
          offline; come back here when this tablet is on the venue’s Wi-Fi again.
        </p>
      </div>
    );
  if (!session || session.serverUrl !== credentials.serverUrl) return <ConsoleSignIn />;
  return (
    <div className="stack manage">
      <div className="row between">
        <nav className="subnav" aria-label="Manager console">
          {SECTIONS.map((s) => (
            <Link key={s.to} to={s.to} activeOptions={{ exact: 'exact' in s }}>
              {s.label}
            </Link>
          ))}
        </nav>
        <div className="row">
          <span className="hint">
            Signed in to the console as <strong>{session.user.name}</strong> ({session.user.role.toLowerCase()})
          </span>
          <button type="button" className="btn" onClick={() => end()}>
            Sign out of the console
          </button>
        </div>
      </div>
      <Outlet />
    </div>
  );
}
