import Papa from 'papaparse';

type Cell = unknown;

function cell(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? x.join('-') : String(cell(x)))).join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * Rows as CSV with a header row in the given column order. Arrays become "a; b"; cells that a
 * spreadsheet would run as a formula are quoted and escaped (papaparse's escapeFormulae).
 */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => cell(r[c]))) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}
