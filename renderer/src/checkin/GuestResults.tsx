import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { GuestHit } from '../search/guest-index';

const ROW = 64;

/**
 * The search results as a virtualised list: only the rows on screen exist in the page, so a
 * search that matches thousands of guests renders as fast as one that matches three.
 */
export function GuestResults({ query, hits, onOpen }: { query: string; hits: GuestHit[]; onOpen(hit: GuestHit): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: hits.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 6 });
  return (
    <div ref={scroller} className="guest-results" data-testid="guest-results" data-query={query} data-count={hits.length}>
      <ul className="list" aria-label="Guests" style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((row) => {
          const g = hits[row.index]!;
          return (
            <li key={g.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}>
              <button className="list-item" onClick={() => onOpen(g)}>
                <span>
                  <strong>
                    {g.firstName} {g.lastName}
                  </strong>
                  <br />
                  <span className="sub">{[g.email, g.phone].filter(Boolean).join(' · ') || 'no contact details'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
