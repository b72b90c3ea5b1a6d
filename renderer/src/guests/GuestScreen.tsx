import type { TagDefinition } from '@cellardoor/shared';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { map } from 'rxjs';
import { useApp } from '../app/context';
import { useCart } from '../checkout/cart-store';
import { useObservable } from '../data/use-query';
import { useStaffSession } from '../staff/session-store';
import { formatDate, formatDateTime, money } from '../ui/format';
import { tagGuest, untagGuest } from './guest-actions';

/** A guest's card: tags with one-tap add and remove, their orders, and the server's insights. */
export function GuestScreen() {
  const { guestId } = useParams({ from: '/guests/$guestId' });
  const app = useApp();
  const staff = useStaffSession((s) => s.staff)!;
  const navigate = useNavigate();
  const setCustomer = useCart((s) => s.setCustomer);
  const guest = useObservable(() => app.db.customers.findOne(guestId).$.pipe(map((d) => d?.toJSON() ?? null)), null, [guestId]);
  const tags = useObservable(() => app.db.customer_tags.find({ selector: { customerId: guestId }, sort: [{ addedAt: 'asc' }] }).$, [], [guestId]);
  const defs = useObservable(() => app.db.tag_definitions.find({ selector: { isActive: true }, sort: [{ id: 'asc' }] }).$, [], []);
  const orders = useObservable(
    () => app.db.orders.find({ selector: { customerKey: guestId }, sort: [{ customerKey: 'desc' }, { createdAt: 'desc' }] }).$,
    [],
    [guestId],
  );
  const insight = useObservable(() => app.db.customer_insights.findOne(guestId).$.pipe(map((d) => d?.toJSON() ?? null)), null, [guestId]);

  const active = tags.filter((t) => !t.removedAt);
  const past = tags.filter((t) => t.removedAt);
  const defByKey = useMemo(() => new Map(defs.map((d) => [`${d.tagType}|${d.tagValue ?? ''}`, d.toJSON() as TagDefinition])), [defs]);
  const colourOf = (type: string, value: string | null) => defByKey.get(`${type}|${value ?? ''}`)?.color ?? defByKey.get(`${type}|`)?.color ?? '#5c5557';
  const labelOf = (type: string, value: string | null) => defByKey.get(`${type}|${value ?? ''}`)?.displayName ?? (value ? `${type} · ${value}` : type);
  const pickable = [...defByKey.values()].filter((d) => !(d.tagValue === null && [...defByKey.values()].some((c) => c.parentId === d.id))).sort((a, b) => b.priority - a.priority);

  if (!guest) return <p className="notice">This guest is not on this tablet.</p>;

  const toggle = async (d: TagDefinition) => {
    const existing = active.find((t) => t.tagType === d.tagType && (t.tagValue ?? null) === d.tagValue);
    if (existing) return untagGuest(app, existing.id, staff.id);
    // One value per type unless the definition allows several (e.g. one wine club tier at a time).
    if (!d.allowMultiple) for (const t of active.filter((t) => t.tagType === d.tagType)) await untagGuest(app, t.id, staff.id);
    await tagGuest(app, { customerId: guestId, tagType: d.tagType, tagValue: d.tagValue, staffId: staff.id });
  };

  return (
    <div className="grid-2">
      <section className="stack">
        <div className="card stack">
          <div className="row between">
            <h1>
              {guest.firstName} {guest.lastName}
            </h1>
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
          <p className="hint">{[guest.email, guest.phone].filter(Boolean).join(' · ') || 'No contact details'}</p>
          <div className="row" aria-label="Active tags" data-testid="active-tags">
            {active.length === 0 && <span className="hint">No tags yet.</span>}
            {active.map((t) => (
              <span key={t.id} className="chip" style={{ background: colourOf(t.tagType, t.tagValue) }}>
                {labelOf(t.tagType, t.tagValue)}
                <button aria-label={`Remove tag ${labelOf(t.tagType, t.tagValue)}`} onClick={() => void untagGuest(app, t.id, staff.id)}>
                  ×
                </button>
              </span>
            ))}
          </div>
        </div>
        <div className="card stack">
          <h2>Tags</h2>
          <div className="tag-picker" aria-label="Add or remove tags">
            {pickable.map((d) => {
              const on = active.some((t) => t.tagType === d.tagType && (t.tagValue ?? null) === d.tagValue);
              return (
                <button key={d.id} className="btn" aria-pressed={on} style={{ borderColor: d.color, background: on ? d.color : '#fff', color: on ? '#fff' : '#1d1b1c' }} onClick={() => void toggle(d)}>
                  {d.displayName}
                </button>
              );
            })}
          </div>
          {past.length > 0 && (
            <details>
              <summary>Past tags ({past.length})</summary>
              <ul className="list">
                {past.map((t) => (
                  <li key={t.id} className="hint">
                    {labelOf(t.tagType, t.tagValue)}: added {formatDate(t.addedAt)}, removed {formatDate(t.removedAt)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </section>
      <section className="stack">
        <div className="card">
          <h2>Insights</h2>
          {insight ? (
            <dl>
              <dt>Lifetime revenue</dt>
              <dd data-testid="insight-revenue">{money(insight.totalRevenueCents)}</dd>
              <dt>Orders</dt>
              <dd>{insight.orderCount}</dd>
              <dt>Tier · stage</dt>
              <dd>
                {insight.spendingTier} · {insight.lifecycleStage}
              </dd>
              <dt>As of</dt>
              <dd>{formatDateTime(insight.computedAt)}</dd>
            </dl>
          ) : (
            <p className="hint">The server's figures for this guest arrive with the next sync.</p>
          )}
        </div>
        <div className="card">
          <h2>Orders</h2>
          <table className="table">
            <thead>
              <tr>
                <th>Date</th>
                <th>Receipt</th>
                <th className="num">Total</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>{formatDateTime(o.createdAt)}</td>
                  <td>
                    {o.kind === 'REFUND' ? 'Refund ' : ''}
                    {o.receiptNumber ?? '—'}
                  </td>
                  <td className="num">{money(o.totalCents)}</td>
                </tr>
              ))}
              {orders.length === 0 && (
                <tr>
                  <td colSpan={3} className="hint">
                    No orders yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
