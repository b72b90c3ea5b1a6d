import { useEffect, useState } from 'react';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { LockScreen } from '../staff/LockScreen';
import { FirstStaffScreen } from './FirstStaffScreen';

/**
 * The lock screen, unless the account has nobody who could unlock it: then the first staff
 * member is created. Only once the staff list has been pulled from the server, so a slow first
 * sync never leads to a duplicate owner.
 */
export function LockOrFirstStaff() {
  const { db, sync } = useApp();
  const active = useObservable(() => db.staff.find({ selector: { isActive: true } }).$.pipe(map((d) => d.length)), -1, [db]);
  const [pulled, setPulled] = useState(false);
  useEffect(() => {
    let live = true;
    void sync.states
      .get('staff')
      ?.awaitInitialReplication()
      .then(() => live && setPulled(true));
    return () => {
      live = false;
    };
  }, [sync]);
  if (active === 0 && pulled) return <FirstStaffScreen />;
  return <LockScreen />;
}
