import { Link, Outlet } from '@tanstack/react-router';
import { useApp } from '../app/context';
import { useSetupAccess } from './access';

const SECTIONS = [
  { to: '/setup', label: 'Overview', exact: true },
  { to: '/setup/venues', label: 'Venue' },
  { to: '/setup/staff', label: 'Staff' },
  { to: '/setup/products', label: 'Products' },
  { to: '/setup/tags', label: 'Tags' },
  { to: '/setup/events', label: 'Events' },
] as const;

/** The manager's console on the tablet (or in a browser): what a venue needs to sell. */
export function SetupLayout() {
  const { isManager, canEdit } = useSetupAccess();
  const { credentials } = useApp();
  if (!isManager)
    return (
      <div className="notice warn" role="alert">
        <h1>Setup is for managers</h1>
        <p>Lock the tablet and let a manager sign in with their PIN.</p>
      </div>
    );
  return (
    <div className="stack">
      <nav className="subnav" aria-label="Setup">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to} activeOptions={{ exact: 'exact' in s }}>
            {s.label}
          </Link>
        ))}
      </nav>
      {!canEdit && (
        <p className="notice warn" role="note">
          {credentials.deviceName} is enrolled for staff only, so the catalogue can be viewed here but not changed. Change it from a manager tablet or a browser
          enrolled with “Managers can change the catalogue”.
        </p>
      )}
      <Outlet />
    </div>
  );
}
