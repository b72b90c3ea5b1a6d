import { Venue, newId } from '@cellardoor/shared';
import { type FormEvent, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { useSetupAccess } from './access';
import { bpsToPercent, fieldProblems, percentToBps } from './form-errors';
import { Problem } from './Problem';
import { TabletVenue } from './TabletVenue';
import { localTimeZone, timeZones } from './zoned-time';

const WORDS = { name: 'Name', timezone: 'Time zone', taxRateBps: 'Tax rate', receiptHeader: 'Receipt header', address: 'Address', currency: 'Currency' };

interface Draft {
  name: string;
  timezone: string;
  taxRate: string;
  currency: string;
  receiptHeader: string;
  address: string;
  isActive: boolean;
}

const blank = (): Draft => ({ name: '', timezone: localTimeZone(), taxRate: '0', currency: 'USD', receiptHeader: '', address: '', isActive: true });
const toDraft = (v: Venue): Draft => ({
  name: v.name,
  timezone: v.timezone,
  taxRate: bpsToPercent(v.taxRateBps),
  currency: v.currency ?? 'USD',
  receiptHeader: v.receiptHeader ?? '',
  address: v.address ?? '',
  isActive: v.isActive !== false,
});

/** Venues: where sales happen, their time zone, tax rate and what the receipt says at the top. */
export function VenuesScreen() {
  const { db, recorder } = useApp();
  const { canEdit } = useSetupAccess();
  const venues = useObservable(() => db.venues.find({ sort: [{ id: 'asc' }] }).$, [], [db]);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const zones = timeZones();

  const choose = (v: Venue | null) => {
    setSelected(v?.id ?? null);
    setDraft(v ? toDraft(v) : blank());
    setProblems({});
    setSaved(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const taxRateBps = percentToBps(draft.taxRate);
    const current = venues.find((v) => v.id === selected)?.toJSON() as Venue | undefined;
    const now = recorder.timestamp();
    const doc = {
      id: current?.id ?? newId(),
      name: draft.name.trim(),
      timezone: draft.timezone,
      taxRateBps: taxRateBps ?? -1,
      receiptHeader: draft.receiptHeader.trim() || null,
      address: draft.address.trim() || null,
      currency: draft.currency.trim().toUpperCase(),
      isActive: draft.isActive,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    const checked = Venue.safeParse(doc);
    const found = checked.success ? {} : fieldProblems(checked.error, WORDS);
    if (taxRateBps === null || taxRateBps > 10_000) found.taxRateBps = 'Tax rate: write a percentage such as 8.75.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await recorder.put('venues', checked.data!);
    setSelected(doc.id);
    setSaved(`${doc.name} is saved on this tablet and will sync to every device.`);
  };

  return (
    <div className="editor">
      <section className="card stack" aria-labelledby="venues-title">
        <div className="row between">
          <h1 id="venues-title">Venues</h1>
          <button className="btn" onClick={() => choose(null)} disabled={!canEdit}>
            New venue
          </button>
        </div>
        {venues.length === 0 && <p className="hint">No venue yet. Fill in the form to create the first one.</p>}
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Time zone</th>
              <th className="num">Tax</th>
            </tr>
          </thead>
          <tbody>
            {venues.map((v) => (
              <tr key={v.id}>
                <td className="tight">
                  <button className="rowbtn" aria-current={selected === v.id} onClick={() => choose(v.toJSON() as Venue)}>
                    {v.name} {v.isActive === false && <span className="badge off">closed</span>}
                  </button>
                </td>
                <td>{v.timezone}</td>
                <td className="num">{bpsToPercent(v.taxRateBps)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TabletVenue venues={venues.map((v) => v.toJSON() as Venue)} />
      </section>
      <form className="card" onSubmit={save} aria-labelledby="venue-form-title">
        <h2 id="venue-form-title">{selected ? `Edit ${draft.name || 'venue'}` : 'New venue'}</h2>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="venue-name">Name</label>
            <input id="venue-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-describedby="venue-name-problem" required />
            <Problem id="venue-name-problem" text={problems.name} />
          </div>
          <div className="field">
            <label htmlFor="venue-tz">Time zone</label>
            <select id="venue-tz" className="input" value={draft.timezone} onChange={(e) => setDraft({ ...draft, timezone: e.target.value })}>
              {zones.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
            <Problem id="venue-tz-problem" text={problems.timezone} />
          </div>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="venue-tax">Sales tax (%)</label>
              <input id="venue-tax" className="input" inputMode="decimal" value={draft.taxRate} onChange={(e) => setDraft({ ...draft, taxRate: e.target.value })} aria-describedby="venue-tax-problem" />
              <Problem id="venue-tax-problem" text={problems.taxRateBps} />
            </div>
            <div className="field">
              <label htmlFor="venue-currency">Currency</label>
              <input id="venue-currency" className="input" maxLength={3} value={draft.currency} onChange={(e) => setDraft({ ...draft, currency: e.target.value })} aria-describedby="venue-currency-problem" />
              <Problem id="venue-currency-problem" text={problems.currency} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="venue-header">Receipt header</label>
            <textarea id="venue-header" className="input" rows={3} value={draft.receiptHeader} onChange={(e) => setDraft({ ...draft, receiptHeader: e.target.value })} />
            <span className="hint">Printed at the top of every receipt: business name, address, tax number.</span>
          </div>
          <div className="field">
            <label htmlFor="venue-address">Address</label>
            <input id="venue-address" className="input" value={draft.address} onChange={(e) => setDraft({ ...draft, address: e.target.value })} />
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.isActive} onChange={(e) => setDraft({ ...draft, isActive: e.target.checked })} /> Open (selling)
          </label>
          {saved && (
            <p className="notice ok" role="status">
              {saved}
            </p>
          )}
          <button className="btn primary big" type="submit" style={{ width: '100%' }}>
            Save venue
          </button>
        </fieldset>
      </form>
    </div>
  );
}
