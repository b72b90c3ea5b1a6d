import type { Venue } from '@cellardoor/shared';
import { useState } from 'react';
import { useApp } from '../app/context';
import { saveCredentials } from '../platform/credentials';

/** Which venue this tablet sells at (its sales carry that venue, its receipts its header). */
export function TabletVenue({ venues }: { venues: Venue[] }) {
  const { credentials } = useApp();
  const current = venues.find((v) => v.id === credentials.venueId) ?? venues[0];
  const [choice, setChoice] = useState(current?.id ?? '');
  if (venues.length < 2) return null;
  return (
    <section className="card stack" aria-labelledby="tablet-venue-title">
      <h2 id="tablet-venue-title">This tablet sells at</h2>
      <div className="row">
        <label htmlFor="tablet-venue" className="sr-only">
          Venue of this tablet
        </label>
        <select id="tablet-venue" className="input" style={{ flex: 1 }} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        <button
          className="btn"
          disabled={choice === current?.id}
          onClick={async () => {
            // Credentials are read once when the app opens, so it opens again with the new venue.
            await saveCredentials({ ...credentials, venueId: choice });
            location.reload();
          }}
        >
          Use this venue
        </button>
      </div>
    </section>
  );
}
