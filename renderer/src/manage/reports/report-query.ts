import { parseMoney } from '@cellardoor/shared';
import type { Query } from '../console-api';
import type { ParamSpec } from './catalogue';
import type { ParamValues } from './ParamControls';

/** A day picked in the console means "as it stood at the end of that day" on this tablet's clock. */
export const endOfDay = (day: string): string => new Date(`${day}T23:59:59.999`).toISOString();

/** Field text → the report's query; a problem in plain words when a field cannot be sent. */
export function reportQuery(specs: readonly ParamSpec[], values: ParamValues): { query: Query } | { problem: string } {
  const query: Query = {};
  for (const p of specs) {
    const raw = (values[p.key] ?? p.initial ?? '').trim();
    if (!raw) {
      if (p.required) return { problem: `Choose ${p.label.toLowerCase()} to see this report.` };
      continue;
    }
    if (p.kind === 'cents') {
      const cents = parseMoney(raw);
      if (cents === null || cents < 0) return { problem: `${p.label}: “${raw}” is not an amount like 500 or 499.95.` };
      query[p.key] = cents;
    } else if (p.key === 'asOf') query.asOf = endOfDay(raw);
    else query[p.key] = raw;
  }
  return { query };
}
