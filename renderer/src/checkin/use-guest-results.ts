import { useEffect, useState } from 'react';
import { map } from 'rxjs';
import type { AppServices } from '../app/context';
import type { GuestHit } from '../search/guest-index';
import { guestSearchFor } from '../search/guest-search';

export interface GuestResults {
  /** The query these results answer ('' for the most recent guests). */
  query: string;
  hits: GuestHit[];
}

/**
 * Results for the search box: the worker's index for a query, the most recently changed guests
 * (an index lookup) for an empty box. Every keystroke asks; an older answer never overwrites a newer.
 */
export function useGuestResults(app: AppServices, query: string): GuestResults {
  const [results, setResults] = useState<GuestResults>({ query: '', hits: [] });
  const q = query.trim();
  useEffect(() => {
    if (q !== '') return;
    const sub = app.db.customers
      .find({ sort: [{ updatedAt: 'desc' }], limit: 40 })
      .$.pipe(
        map((docs) =>
          docs
            .filter((d) => !d.mergedInto && !d.erasedAt)
            .map((d) => ({ id: d.id, firstName: d.firstName, lastName: d.lastName, email: d.email, phone: d.phone, score: 0 })),
        ),
      )
      .subscribe((hits) => setResults({ query: '', hits }));
    return () => sub.unsubscribe();
  }, [app.db, q]);
  useEffect(() => {
    if (q === '') return;
    let live = true;
    void guestSearchFor(app)
      .search(q)
      .then((r) => {
        if (live && r) setResults({ query: r.query, hits: r.hits });
      });
    return () => {
      live = false;
    };
  }, [app, q]);
  return results;
}
