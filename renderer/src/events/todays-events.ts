import type { Event } from '@cellardoor/shared';
import { map } from 'rxjs';
import type { AppServices } from '../app/context';

const startOfDay = (d: Date) => {
  const s = new Date(d);
  s.setHours(0, 0, 0, 0);
  return s;
};

/** Whether an event runs at some time today (local time of the tablet) and is not called off. */
export function runsToday(e: Pick<Event, 'startsAt' | 'endsAt' | 'status'>, now = new Date()): boolean {
  const from = startOfDay(now).getTime();
  const to = from + 86_400_000;
  return e.status !== 'CANCELLED' && Date.parse(e.startsAt) < to && Date.parse(e.endsAt) >= from;
}

/** Today's events on this tablet, soonest first; events replicate from the server. */
export function todaysEvents$(app: Pick<AppServices, 'db'>, now = new Date()) {
  const from = startOfDay(now).getTime();
  // Events that began up to a week ago may still run today (a festival weekend); an ascending
  // range keeps this an index walk over a few documents.
  const range = { $gte: new Date(from - 7 * 86_400_000).toISOString(), $lt: new Date(from + 86_400_000).toISOString() };
  return app.db.events
    .find({ selector: { startsAt: range }, sort: [{ startsAt: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Event).filter((e) => runsToday(e, now))));
}
