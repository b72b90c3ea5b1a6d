import type { CommunicationPreferences, Customer, CustomerInsight, CustomerNote, CustomerTag, Order, TagDefinition } from '@cellardoor/shared';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useCart } from '../checkout/cart-store';
import { useObservable } from '../data/use-query';
import { useStaffSession } from '../staff/session-store';
import { GuestTags } from '../tags/GuestTagsCard';
import { ConsentCard } from './ConsentCard';
import { InsightsCard } from './InsightsCard';
import { NotesCard } from './NotesCard';
import { OrdersCard } from './OrdersCard';
import { ProfileCard } from './ProfileCard';
import './guests.css';

const json = <T,>(docs: Array<{ toJSON(): unknown }>) => docs.map((d) => d.toJSON() as T);

/** A guest's page: details, tags and their history, orders and refunds, notes, consent, and the server's insights. */
export function GuestScreen() {
  const { guestId } = useParams({ from: '/guests/$guestId' });
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const setCustomer = useCart((s) => s.setCustomer);
  const { db } = app;
  const guest = useObservable<Customer | null>(() => db.customers.findOne(guestId).$.pipe(map((d) => (d ? (d.toJSON() as Customer) : null))), null, [guestId]);
  const tags = useObservable<CustomerTag[]>(() => db.customer_tags.find({ selector: { customerId: guestId }, sort: [{ customerId: 'asc' }, { id: 'asc' }] }).$.pipe(map(json<CustomerTag>)), [], [guestId]);
  const defs = useObservable<TagDefinition[]>(() => db.tag_definitions.find().$.pipe(map(json<TagDefinition>)), [], [db]);
  const orders = useObservable<Order[]>(
    () => db.orders.find({ selector: { customerKey: guestId }, sort: [{ customerKey: 'desc' }, { createdAt: 'desc' }] }).$.pipe(map(json<Order>)),
    [],
    [guestId],
  );
  const notes = useObservable<CustomerNote[]>(() => db.customer_notes.find({ selector: { customerId: guestId } }).$.pipe(map(json<CustomerNote>)), [], [guestId]);
  const prefs = useObservable<CommunicationPreferences[]>(() => db.communication_preferences.find({ selector: { customerId: guestId } }).$.pipe(map(json<CommunicationPreferences>)), [], [guestId]);
  const insight = useObservable<CustomerInsight | null>(() => db.customer_insights.findOne(guestId).$.pipe(map((d) => (d ? (d.toJSON() as CustomerInsight) : null))), null, [guestId]);
  const staffDocs = useObservable(() => db.staff.find().$, [], [db]);
  const venues = useObservable(() => db.venues.find().$, [], [db]);

  const names = useMemo(() => new Map(staffDocs.map((s) => [s.id, s.name])), [staffDocs]);
  const staffName = (id: string | null) => (id ? (names.get(id) ?? 'another staff member') : '—');
  const currency = (venues.find((v) => v.id === app.credentials.venueId) ?? venues[0])?.currency ?? 'USD';
  const sortedNotes = useMemo(() => [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [notes]);
  // Several preference documents can exist (an import and a check-in); the latest answer stands.
  const latestPrefs = useMemo(() => [...prefs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null, [prefs]);

  if (!guest) return <p className="notice">This guest is not on this tablet.</p>;
  if (guest.mergedInto)
    return (
      <p className="notice warn">
        This guest was merged into another record.{' '}
        <Link to="/guests/$guestId" params={{ guestId: guest.mergedInto }}>
          Open the merged guest
        </Link>
      </p>
    );

  return (
    <div className="guest-page">
      <section className="card stack guest-head">
        <div className="row between">
          <h1>
            {guest.firstName} {guest.lastName}
          </h1>
          <div className="row">
            <Link to="/checkin" className="btn">
              Back to check-in
            </Link>
            <button
              className="btn primary"
              onClick={() => {
                setCustomer(guestId);
                void navigate({ to: '/checkout' });
              }}
            >
              Sell to {guest.firstName}
            </button>
          </div>
        </div>
        <GuestTags customerId={guestId} tags={tags} defs={defs} staffId={staff.id} staffName={staffName} part="chips" />
      </section>
      <div className="grid-2">
        <div className="stack">
          <section className="card stack" aria-labelledby="tags-title">
            <h2 id="tags-title">Tags</h2>
            <GuestTags customerId={guestId} tags={tags} defs={defs} staffId={staff.id} staffName={staffName} part="picker" />
          </section>
          <section className="card stack" aria-labelledby="notes-title">
            <h2 id="notes-title">Notes</h2>
            <NotesCard customerId={guestId} notes={sortedNotes} staff={staff} staffName={staffName} />
          </section>
          <section className="card stack" aria-labelledby="history-title">
            <h2 id="history-title">Past tags</h2>
            <GuestTags customerId={guestId} tags={tags} defs={defs} staffId={staff.id} staffName={staffName} part="history" />
          </section>
        </div>
        <div className="stack">
          <section className="card stack" aria-labelledby="insights-title">
            <h2 id="insights-title">Insights</h2>
            <InsightsCard insight={insight} currency={currency} />
          </section>
          <section className="card stack" aria-labelledby="orders-title">
            <h2 id="orders-title">Orders</h2>
            <OrdersCard orders={orders} currency={currency} />
          </section>
          <section className="card stack" aria-labelledby="details-title">
            <h2 id="details-title">Details</h2>
            <ProfileCard guest={guest} />
          </section>
          <section className="card stack" aria-labelledby="consent-title">
            <h2 id="consent-title">Communication preferences</h2>
            <ConsentCard guest={guest} prefs={latestPrefs} staffId={staff.id} staffName={staffName} />
          </section>
        </div>
      </div>
    </div>
  );
}
