import { useMemo, useState } from 'react';

export type Direction = 'asc' | 'desc';
export interface SortState {
  key: string | null;
  direction: Direction;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders two cell values: numbers as numbers, empties last whichever way, text by the reader's collation. */
export function compareCells(a: unknown, b: unknown): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const text = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));
  return collator.compare(text(a), text(b));
}

/**
 * Sorting a report's rows by a column: the first press sorts numbers high-to-low (what a manager
 * looks for first) and text A–Z, the next press reverses, the third returns to the server's order.
 */
export function useSortedRows<R extends Record<string, unknown>>(rows: readonly R[], numericKeys: ReadonlySet<string>) {
  const [sort, setSort] = useState<SortState>({ key: null, direction: 'asc' });
  const sorted = useMemo(() => {
    if (!sort.key) return rows;
    const key = sort.key;
    const sign = sort.direction === 'asc' ? 1 : -1;
    // Empties stay last in both directions; ties keep the server's order (Array.sort is stable).
    return [...rows].sort((x, y) => {
      const a = x[key];
      const b = y[key];
      const empty = (v: unknown) => v === null || v === undefined || v === '';
      if (empty(a) || empty(b)) return compareCells(a, b);
      return sign * compareCells(a, b);
    });
  }, [rows, sort]);
  const toggle = (key: string) =>
    setSort((s) => {
      const first: Direction = numericKeys.has(key) ? 'desc' : 'asc';
      if (s.key !== key) return { key, direction: first };
      if (s.direction === first) return { key, direction: first === 'asc' ? 'desc' : 'asc' };
      return { key: null, direction: 'asc' };
    });
  return { sorted, sort, toggle };
}
