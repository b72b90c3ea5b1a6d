import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { getCurrentEvent } from '../events/current-event';
import { EventPicker } from '../events/EventPicker';
import { guestSearchFor, useGuestSearchStatus } from '../search/guest-search';
import { useStaffSession } from '../staff/session-store';
import { tagAttendee } from '../tags/tag-guest';
import { exposeBenchHooks } from './bench-hooks';
import { GuestResults } from './GuestResults';
import { useGuestResults } from './use-guest-results';
import { WalkInForm } from './WalkInForm';
import './checkin.css';

/** Find a guest by name, email or phone, or add a walk-in with their marketing consent. */
export function CheckInScreen() {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const results = useGuestResults(app, query);
  const search = useGuestSearchStatus();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    exposeBenchHooks(app);
    // Start building the index now, so it is ready before the first keystroke.
    guestSearchFor(app);
  }, [app]);

  /** Opening a guest from here checks them in: at an event that tags attendees, they get its tag. */
  const checkIn = async (guestId: string) => {
    const event = getCurrentEvent(app.credentials.deviceId);
    try {
      if (event) await tagAttendee(app, { customerId: guestId, event, staffId: staff.id });
    } catch (err) {
      setProblem(`Could not tag the guest for the event: ${err instanceof Error ? err.message : String(err)}`);
    }
    void navigate({ to: '/guests/$guestId', params: { guestId } });
  };

  const q = query.trim();
  const settled = results.query === q;
  return (
    <div className="checkin stack">
      <EventPicker />
      <div className="grid-2">
        <section className="card stack" aria-labelledby="find-title">
          <h1 id="find-title">Check-in</h1>
          <label htmlFor="guest-search" className="sr-only">
            Search guests
          </label>
          <input
            id="guest-search"
            className="input search"
            type="search"
            placeholder="Search by name, email or phone"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            autoFocus
          />
          <p className="hint" aria-live="polite" data-testid="search-status" data-search={search.status}>
            {q === ''
              ? results.hits.length > 0
                ? 'Guests added or changed since yesterday'
                : 'Type a name, email or phone number'
              : search.status === 'loading'
                ? 'Preparing guest search…'
                : search.status === 'failed'
                  ? `Search is not available: ${search.problem ?? 'unknown problem'}`
                  : settled
                    ? `${results.total.toLocaleString()} ${results.total === 1 ? 'guest' : 'guests'}${results.total > results.hits.length ? `, best ${results.hits.length} shown` : ''}`
                    : 'Searching…'}
          </p>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <GuestResults query={results.query} hits={results.hits} onOpen={(g) => void checkIn(g.id)} />
          {settled && q !== '' && results.hits.length === 0 && <p className="hint">No guest matches “{q}”. Add them as a walk-in.</p>}
        </section>
        <section className="card" aria-label="Add a walk-in">
          <WalkInForm staffId={staff.id} onAdded={(id) => void checkIn(id)} onOpen={(g) => void checkIn(g.id)} />
        </section>
      </div>
    </div>
  );
}
