import { Link, Outlet } from '@tanstack/react-router';
import { LockOrFirstStaff } from '../setup/LockOrFirstStaff';
import { isManagerRole } from '../setup/access';
import { InactivityLock } from '../staff/InactivityLock';
import { useStaffSession } from '../staff/session-store';
import { SyncIndicator } from '../sync/SyncIndicator';
import { useApp } from './context';

/** The frame of every staff screen: navigation, who is signed in, and sync state. */
export function Shell() {
  const staff = useStaffSession((s) => s.staff);
  const lock = useStaffSession((s) => s.lock);
  const app = useApp();
  if (!staff) return <LockOrFirstStaff />;
  return (
    <div className="app">
      <header className={`topbar${isManagerRole(staff.role) ? ' manager-links' : ''}`}>
        <span className="brand">Cellardoor</span>
        <nav className="nav" aria-label="Main">
          <Link to="/checkin">Check-in</Link>
          <Link to="/checkout">Checkout</Link>
          <Link to="/refunds">Refunds</Link>
          <Link to="/sync">Sync</Link>
          {isManagerRole(staff.role) && <Link to="/setup">Setup</Link>}
          {isManagerRole(staff.role) && <Link to="/manage">Manage</Link>}
        </nav>
        <span className="spacer" />
        <SyncIndicator />
        <span aria-label="Signed in staff member">
          {staff.name} · {app.credentials.deviceName}
        </span>
        <Link to="/tablet" className="icon-link" aria-label="Tablet settings" title="Tablet settings">
          ⚙
        </Link>
        <InactivityLock />
        <button className="btn onbar" onClick={() => lock()}>
          Lock
        </button>
      </header>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
