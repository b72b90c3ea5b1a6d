import { humanise, money } from '../../ui/format';
import type { ColumnKind } from './catalogue';

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" → "Mar 2026" (the month is the server's report month, so no zone shift). */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? monthName.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : month;
}

/** [[1041, 1043], [1050, 1050]] → "1041–1043, 1050". */
export function formatGaps(gaps: unknown): string {
  if (!Array.isArray(gaps) || gaps.length === 0) return '—';
  return gaps.map((g) => (Array.isArray(g) && g[0] !== g[1] ? `${g[0]}–${g[1]}` : String(Array.isArray(g) ? g[0] : g))).join(', ');
}

/** How a cell reads; money comes as integer cents and is formatted, never divided by hand. */
export function formatCell(kind: ColumnKind, value: unknown, currency = 'USD'): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (kind) {
    case 'cents':
      return money(Number(value), currency);
    case 'int':
      return whole.format(Number(value));
    case 'decimal':
      return decimal.format(Number(value));
    case 'rate':
      return percent.format(Number(value));
    case 'instant':
      return instant.format(new Date(String(value)));
    case 'month':
      return formatMonth(String(value));
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'codes':
      // Tag types are codes (WINE_CLUB); a manager reads words, as in the charts.
      return (Array.isArray(value) ? value : [value]).map((v) => humanise(String(v))).join(', ');
    case 'gaps':
      return formatGaps(value);
    case 'yesno':
      return value ? 'Yes' : 'No';
    default:
      return String(value);
  }
}

export const isNumeric = (kind: ColumnKind) => kind === 'cents' || kind === 'int' || kind === 'decimal' || kind === 'rate';
