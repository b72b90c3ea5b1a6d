import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { ColumnSpec } from './catalogue';
import { formatCell, isNumeric } from './cells';
import { useSortedRows } from './use-sort';

type Row = Record<string, unknown>;

const guestName = (r: Row) => [r.firstName, r.lastName].filter((p) => typeof p === 'string' && p).join(' ') || 'Guest without a name';

/** A report's rows with every column sortable by a button in its header (touch and keyboard). */
export function ReportTable({ columns, rows, caption, testId }: { columns: readonly ColumnSpec[]; rows: readonly Row[]; caption: string; testId?: string }) {
  const numeric = useMemo(() => new Set(columns.filter((c) => isNumeric(c.kind)).map((c) => c.key)), [columns]);
  // A guest column sorts by name, so its rows carry the name under the column's key.
  const prepared = useMemo(
    () => rows.map((r) => (columns.some((c) => c.kind === 'guest') ? { ...r, __guest: guestName(r) } : r)),
    [rows, columns],
  );
  const sortKey = (c: ColumnSpec) => (c.kind === 'guest' ? '__guest' : c.key);
  const { sorted, sort, toggle } = useSortedRows(prepared, numeric);
  if (rows.length === 0) return <p className="notice">Nothing to show for these choices.</p>;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="table report-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const key = sortKey(c);
              const active = sort.key === key;
              return (
                <th key={c.key} scope="col" className={isNumeric(c.kind) ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="sort-btn" onClick={() => toggle(key)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r, i) => (
            <tr key={String(r.customerId ?? r.tagId ?? r.deviceId ?? '') + i}>
              {columns.map((c) => (
                <td key={c.key} className={isNumeric(c.kind) ? 'num' : undefined}>
                  {c.kind === 'guest' && typeof r.customerId === 'string' ? (
                    <Link to="/manage/reports/$name" params={{ name: 'customer-tags' }} search={{ customerId: r.customerId }} className="guest-link">
                      {guestName(r)}
                    </Link>
                  ) : (
                    formatCell(c.kind, r[c.key])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
