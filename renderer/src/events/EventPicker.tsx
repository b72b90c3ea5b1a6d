import type { Event } from '@cellardoor/shared';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { pickCurrentEvent, useCurrentEvent } from './current-event';
import { todaysEvents$ } from './todays-events';

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * Which of today's events this tablet is working, or none. While one is picked every sale is
 * an event sale, and check-ins tag attendees when the event asks for it.
 */
export function EventPicker() {
  const app = useApp();
  const deviceId = app.credentials.deviceId;
  const current = useCurrentEvent(deviceId);
  const events = useObservable<Event[]>(() => todaysEvents$(app), [], [app.db]);
  return (
    <section className={`card event-picker${current ? ' on' : ''}`} aria-labelledby="event-picker-title">
      <div className="row between">
        <h2 id="event-picker-title">Today’s event</h2>
        <span data-testid="current-event" className="hint">
          {current ? `Event mode: ${current.name}` : 'No event: sales are in-store sales'}
        </span>
      </div>
      <div className="row" role="radiogroup" aria-label="Today’s event">
        <button type="button" role="radio" aria-checked={current === null} className={`btn ${current === null ? 'primary' : ''}`} onClick={() => pickCurrentEvent(null, deviceId)}>
          No event
        </button>
        {events.map((e) => (
          <button
            key={e.id}
            type="button"
            role="radio"
            aria-checked={current?.id === e.id}
            className={`btn ${current?.id === e.id ? 'primary' : ''}`}
            onClick={() => pickCurrentEvent(e, deviceId)}
          >
            {e.name}
            <span className="event-time">
              {timeOnly.format(new Date(e.startsAt))}–{timeOnly.format(new Date(e.endsAt))}
            </span>
          </button>
        ))}
        {events.length === 0 && <span className="hint">No events today on this tablet.</span>}
      </div>
    </section>
  );
}
