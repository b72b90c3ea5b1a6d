import { Link } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { money } from '../../ui/format';
import { LoadProblem } from '../LoadProblem';
import { useConsoleQuery } from '../use-console-query';
import { compactMoney } from './chart-format';

export interface RevenueByTagRow {
  tagType: string;
  displayName: string;
  customerCount: number;
  activeTags: number;
  totalRevenueCents: number;
  avgRevenuePerCustomerCents: number;
  totalOrders: number;
  distinctCustomerRevenueCents: number;
}

/** Revenue by tag type: a bar per type, and the same figures as a table. */
export function RevenueByTagPanel() {
  const q = useConsoleQuery((api, signal) => api.get<{ rows: RevenueByTagRow[] }>('/api/v1/reports/revenue-by-tag', {}, signal), []);
  const rows = q.data ? [...q.data.rows].sort((a, b) => b.totalRevenueCents - a.totalRevenueCents) : [];
  return (
    <section className="card" aria-labelledby="rbt-title">
      <div className="row between">
        <h2 id="rbt-title">Revenue by tag type</h2>
        <Link className="btn" to="/manage/reports/$name" params={{ name: 'revenue-by-tag' }}>
          Full report
        </Link>
      </div>
      {q.error ? (
        <LoadProblem error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p>No tagged guests have bought anything yet.</p>
      ) : (
        <>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 30 + 40)}>
              <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} stroke="#eee" />
                <XAxis type="number" tickFormatter={compactMoney} />
                <YAxis type="category" dataKey="displayName" width={130} interval={0} tick={{ fontSize: 13 }} />
                <Tooltip formatter={(v) => money(Number(v))} />
                <Bar dataKey="totalRevenueCents" name="Revenue" fill="#5b1a2e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-scroll">
            <table className="table" data-testid="revenue-by-tag-table">
              <caption className="sr-only">Revenue by tag type</caption>
              <thead>
                <tr>
                  <th scope="col">Tag type</th>
                  <th scope="col" className="num">
                    Guests
                  </th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col" className="num">
                    Per guest
                  </th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.tagType} data-tag-type={r.tagType}>
                    <td>{r.displayName}</td>
                    <td className="num">{r.customerCount}</td>
                    <td className="num">{money(r.totalRevenueCents)}</td>
                    <td className="num">{money(r.avgRevenuePerCustomerCents)}</td>
                    <td className="num">{r.totalOrders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
