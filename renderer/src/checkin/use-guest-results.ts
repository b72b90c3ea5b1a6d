import { useEffect, useState } from 'react';
import { map } from 'rxjs';
import type { AppServices } from '../app/context';
import type { GuestHit } from '../search/guest-index';
import { guestSearchFor } from '../search/guest-search';

/** Guests added or changed in the last two days are "recently seen" (today's and yesterday's visitors). */
export const RECENT_DAYS = 2;
const RECENT_SHOWN = 40;

export interface GuestResults {
  /** The query these results answer ('' for the most recent guests). */
  query: string;
  hits: GuestHit[];
  /** How many guests match in all; `hits` holds only the best of them (the list shows a screenful). */
  total: number;
}

/**
 * Results for the search box: the worker's index for a query, the most recently changed guests
 * (an index lookup, kept live) for an empty box. Every keystroke asks; an older answer never
 * overwrites a newer one.
 */
export function useGuestResults(app: AppServices, query: string): GuestResults {
  const [recent, setRecent] = useState<GuestHit[]>([]);
  const [found, setFound] = useState<GuestResults>({ query: '', hits: [], total: 0 });
  const q = query.trim();
  useEffect(() => {
    // An ascending range on the updatedAt index: RxDB cannot walk an index backwards, so "newest
    // first, limit 40" would read every guest on the tablet and sort them in memory.
    const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
    const sub = app.db.customers
      .find({ selector: { updatedAt: { $gte: since } }, sort: [{ updatedAt: 'asc' }] })
      .$.pipe(
        map((docs) =>
          docs
            .filter((d) => !d.mergedInto && !d.erasedAt)
            .slice(-RECENT_SHOWN)
            .reverse()
            .map((d) => ({ id: d.id, firstName: d.firstName, lastName: d.lastName, email: d.email, phone: d.phone, score: 0 })),
        ),
      )
      .subscribe(setRecent);
    return () => sub.unsubscribe();
  }, [app.db]);
  useEffect(() => {
    if (q === '') return;
    let live = true;
    void guestSearchFor(app)
      .search(q)
      .then((r) => {
        if (live && r) setFound(r);
      });
    return () => {
      live = false;
    };
  }, [app, q]);
  return q === '' ? { query: '', hits: recent, total: recent.length } : found;
}
