/**
 * One database interface with two drivers behind it (embedded PGlite, real PostgreSQL), so every
 * query and migration is written once. Rows come back with int8/numeric as JS numbers: money is
 * whole cents far below 2^53, and a value that would lose precision throws instead of rounding.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel; returns the function that unsubscribes. `onReset` is called
   * after the listening connection was lost and re-established: notifications may have been
   * missed in between, so listeners should assume everything changed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReset?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function toSafeNumber(text: string | bigint): number {
  const n = typeof text === 'bigint' ? Number(text) : Number(text);
  if (!Number.isFinite(n)) throw new RangeError(`not a number from the database: ${String(text)}`);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new RangeError(`integer beyond 2^53 from the database: ${String(text)}`);
  return n;
}

export const PG_TYPES = { INT8: 20, NUMERIC: 1700 } as const;
