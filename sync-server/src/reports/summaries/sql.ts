import type { Queryable, Row } from '../../db/driver';

/** The all-zero venue id keys "every venue" in event_unique_customers. */
export const ALL_VENUES = '00000000-0000-0000-0000-000000000000';
/** 0001-01-01 keys "every month" in event_unique_customers. */
export const ALL_MONTHS = '0001-01-01';
/** Event sales whose document names no event type are reported under this one. */
export const UNSPECIFIED_EVENT_TYPE = 'UNSPECIFIED';

export type Named = Record<string, unknown>;

/**
 * Turns `$name` placeholders into positional ones, passing only the values the text uses, so one
 * SQL fragment can be shared by statements that need different parameters. Names come from our
 * code, never from input.
 */
export function bind(sql: string, values: Named): { text: string; params: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/\$([a-zA-Z][a-zA-Z0-9_]*)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for $${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, params: order.map((n) => values[n]) };
}

export async function run<R extends object = Row>(tx: Queryable, sql: string, values: Named): Promise<R[]> {
  const { text, params } = bind(sql, values);
  return tx.query<R>(text, params);
}

/** The first day of the month of an instant, in the tenant's report time zone ($tz). */
export const monthOf = (instant: string) => `date_trunc('month', (${instant}) AT TIME ZONE $tz)::date`;

/** Whole days between two instants (rounded down). */
export const wholeDays = (from: string, to: string) => `floor(extract(epoch FROM (${to}) - (${from})) / 86400)::int`;
