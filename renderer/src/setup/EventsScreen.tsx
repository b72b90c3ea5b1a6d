import { EVENT_STATUSES, EVENT_TYPES, Event, type Venue, newId } from '@cellardoor/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { useSetupAccess } from './access';
import { fieldProblems } from './form-errors';
import { Problem } from './Problem';
import { fromZonedInput, localTimeZone, toZonedInput } from './zoned-time';

const WORDS = { name: 'Name', venueId: 'Venue', eventType: 'Type', startsAt: 'Starts', endsAt: 'Ends', status: 'Status', description: 'Description' };
const TYPE_WORDS: Record<string, string> = { SUPPLIER_TASTING: 'Supplier tasting', PUBLIC_EVENT: 'Public event', WINE_CLUB_PICKUP: 'Wine club pickup', PRIVATE_TASTING: 'Private tasting' };
const STATUS_WORDS: Record<string, string> = { SCHEDULED: 'Scheduled', ACTIVE: 'On now', COMPLETED: 'Over', CANCELLED: 'Cancelled' };

interface Draft {
  name: string;
  eventType: string;
  venueId: string;
  starts: string;
  ends: string;
  status: Event['status'];
  autoTagAttendees: boolean;
  description: string;
}

/** An instant as the venue's clock shows it. */
function inZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Events and tastings: when and where, and whether attendees are tagged automatically. */
export function EventsScreen() {
  const { db, recorder, credentials } = useApp();
  const { canEdit } = useSetupAccess();
  const eventDocs = useObservable(() => db.events.find({ sort: [{ startsAt: 'desc' }] }).$, [], [db]);
  const venueDocs = useObservable(() => db.venues.find().$, [], [db]);
  const events = useMemo(() => eventDocs.map((d) => d.toJSON() as Event), [eventDocs]);
  const venues = useMemo(() => venueDocs.map((d) => d.toJSON() as Venue), [venueDocs]);
  const defaultVenue = venues.find((v) => v.id === credentials.venueId) ?? venues[0];
  const zoneOf = (venueId: string) => venues.find((v) => v.id === venueId)?.timezone ?? localTimeZone();
  const blank = (): Draft => ({
    name: '',
    eventType: 'PUBLIC_EVENT',
    venueId: defaultVenue?.id ?? '',
    starts: '',
    ends: '',
    status: 'SCHEDULED',
    autoTagAttendees: true,
    description: '',
  });
  const [selected, setSelected] = useState<Event | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // Venues load after the first render: until one is chosen, the tablet's own (or the first) is meant.
  const venueId = draft.venueId || defaultVenue?.id || '';
  const zone = zoneOf(venueId);

  const choose = (e: Event | null) => {
    setSelected(e);
    const z = e ? zoneOf(e.venueId) : zone;
    setDraft(
      e
        ? {
            name: e.name,
            eventType: e.eventType,
            venueId: e.venueId,
            starts: toZonedInput(e.startsAt, z),
            ends: toZonedInput(e.endsAt, z),
            status: e.status,
            autoTagAttendees: e.autoTagAttendees ?? false,
            description: e.description ?? '',
          }
        : blank(),
    );
    setProblems({});
    setSaved(null);
  };

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const now = recorder.timestamp();
    const startsAt = fromZonedInput(draft.starts, zone);
    const endsAt = fromZonedInput(draft.ends, zone);
    const doc = {
      id: selected?.id ?? newId(),
      venueId,
      eventType: draft.eventType,
      name: draft.name.trim(),
      startsAt: startsAt ?? '',
      endsAt: endsAt ?? '',
      status: draft.status,
      autoTagAttendees: draft.autoTagAttendees,
      description: draft.description.trim() || null,
      createdAt: selected?.createdAt ?? now,
      updatedAt: now,
    };
    const checked = Event.safeParse(doc);
    const found = checked.success ? {} : fieldProblems(checked.error, WORDS);
    if (!venueId) found.venueId = 'Venue: create the venue first (Setup › Venue).';
    if (!startsAt) found.startsAt = 'Starts: choose a date and time.';
    if (!endsAt) found.endsAt = 'Ends: choose a date and time.';
    else if (startsAt && endsAt < startsAt) found.endsAt = 'Ends: an event must end after it starts.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await recorder.put('events', checked.data!);
    setSelected(checked.data!);
    setSaved(`${doc.name} is saved.`);
  };

  return (
    <div className="editor">
      <section className="card stack" aria-labelledby="events-title">
        <div className="row between">
          <h1 id="events-title">Events</h1>
          <button className="btn" onClick={() => choose(null)} disabled={!canEdit}>
            New event
          </button>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>Event</th>
              <th>Starts</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="tight">
                  <button className="rowbtn" aria-current={selected?.id === e.id} onClick={() => choose(e)}>
                    {e.name} <span className="hint">{TYPE_WORDS[e.eventType] ?? e.eventType}</span>
                  </button>
                </td>
                <td>{inZone(e.startsAt, zoneOf(e.venueId))}</td>
                <td>{STATUS_WORDS[e.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === 0 && <p className="hint">No events yet. Staff can attach sales to an event and tag who came.</p>}
      </section>
      <form className="card" onSubmit={save} aria-labelledby="event-form-title">
        <h2 id="event-form-title">{selected ? `Edit ${selected.name}` : 'New event'}</h2>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="event-name">Name</label>
            <input id="event-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-describedby="event-name-problem" required />
            <Problem id="event-name-problem" text={problems.name} />
          </div>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="event-type">Type</label>
              <select id="event-type" className="input" value={draft.eventType} onChange={(e) => setDraft({ ...draft, eventType: e.target.value })}>
                {EVENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_WORDS[t]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="event-venue">Venue</label>
              <select id="event-venue" className="input" value={venueId} onChange={(e) => setDraft({ ...draft, venueId: e.target.value })} aria-describedby="event-venue-problem">
                {venues.length === 0 && <option value="">(no venue yet)</option>}
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
              <Problem id="event-venue-problem" text={problems.venueId} />
            </div>
            <div className="field">
              <label htmlFor="event-starts">Starts</label>
              <input id="event-starts" className="input" type="datetime-local" value={draft.starts} onChange={(e) => setDraft({ ...draft, starts: e.target.value })} aria-describedby="event-starts-problem" />
              <Problem id="event-starts-problem" text={problems.startsAt} />
            </div>
            <div className="field">
              <label htmlFor="event-ends">Ends</label>
              <input id="event-ends" className="input" type="datetime-local" value={draft.ends} onChange={(e) => setDraft({ ...draft, ends: e.target.value })} aria-describedby="event-ends-problem" />
              <Problem id="event-ends-problem" text={problems.endsAt} />
            </div>
          </div>
          <p className="hint">Times are the venue's local time ({zone}).</p>
          <div className="field">
            <label htmlFor="event-status">Status</label>
            <select id="event-status" className="input" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Event['status'] })}>
              {EVENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_WORDS[s]}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.autoTagAttendees} onChange={(e) => setDraft({ ...draft, autoTagAttendees: e.target.checked })} /> Tag guests who buy at this event
          </label>
          <div className="field">
            <label htmlFor="event-description">Description</label>
            <textarea id="event-description" className="input" rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          </div>
          {saved && (
            <p className="notice ok" role="status">
              {saved}
            </p>
          )}
          <button className="btn primary big" type="submit" style={{ width: '100%' }}>
            Save event
          </button>
        </fieldset>
      </form>
    </div>
  );
}
