import { Link } from '@tanstack/react-router';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { StorageStatus } from '../sync-screen/StorageStatus';
import { useSyncStatus } from '../sync/status-store';

/** What a venue needs before its first sale, ticked off as the manager goes. */
export function SetupOverview() {
  const { db } = useApp();
  const venues = useObservable(() => db.venues.find().$.pipe(map((d) => d.length)), 0, [db]);
  const staff = useObservable(() => db.staff.find({ selector: { isActive: true } }).$.pipe(map((d) => d.length)), 0, [db]);
  const products = useObservable(() => db.products.find({ selector: { isActive: true } }).$.pipe(map((d) => d.length)), 0, [db]);
  const tags = useObservable(() => db.tag_definitions.find({ selector: { isActive: true } }).$.pipe(map((d) => d.length)), 0, [db]);
  const events = useObservable(() => db.events.find().$.pipe(map((d) => d.length)), 0, [db]);
  const steps = [
    { done: venues > 0, title: 'Venue', detail: venues > 0 ? `${venues} venue${venues > 1 ? 's' : ''}` : 'Name, time zone, tax rate, receipt header', to: '/setup/venues' as const, need: true },
    { done: staff > 1, title: 'Staff and PINs', detail: staff > 1 ? `${staff} staff members can sign in` : 'Only you so far: add the people who work the counter', to: '/setup/staff' as const, need: false },
    { done: products > 0, title: 'Products', detail: products > 0 ? `${products} on sale` : 'Add them, or import a spreadsheet', to: '/setup/products' as const, need: true },
    { done: tags > 0, title: 'Guest tags', detail: tags > 0 ? `${tags} in use` : 'Start from the starter set', to: '/setup/tags' as const, need: false },
    { done: events > 0, title: 'Events (optional)', detail: events > 0 ? `${events} planned` : 'Tastings, club pickups, public events', to: '/setup/events' as const, need: false },
  ];
  const storage = useSyncStatus((s) => s.storage);
  const ready = steps.filter((s) => s.need).every((s) => s.done);
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>Set up the venue</h1>
      <p className="hint">Everything here works offline and reaches every tablet with the next sync.</p>
      {(storage === 'refused' || storage === 'unsupported') && <StorageStatus />}
      <ol className="checklist">
        {steps.map((s) => (
          <li key={s.to} className={s.done ? 'done' : ''}>
            <span className="mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span className="grow">
              <strong>{s.title}</strong>
              <span className="sr-only">{s.done ? ' (done)' : ' (to do)'}</span>
              <br />
              <span className="hint">{s.detail}</span>
            </span>
            <Link className="btn" to={s.to}>
              {s.done ? 'Edit' : 'Set up'} <span className="sr-only">{s.title}</span>
            </Link>
          </li>
        ))}
      </ol>
      {ready ? (
        <div className="notice ok row between" role="status">
          <span>Ready to sell.</span>
          <Link className="btn primary" to="/checkout">
            Open checkout
          </Link>
        </div>
      ) : (
        <p className="notice warn" role="status">
          A venue and at least one product are needed before the first sale.
        </p>
      )}
    </div>
  );
}
