import { Link } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { humanise, money } from '../../ui/format';
import { LoadProblem } from '../LoadProblem';
import { formatMonth } from '../reports/cells';
import { useConsoleQuery } from '../use-console-query';
import { SERIES_COLOURS, compactMoney } from './chart-format';

interface EventSalesAnswer {
  rows: Array<{ eventType: string; month: string; sales: number; uniqueCustomers: number; revenueCents: number }>;
  byType: Array<{ eventType: string; sales: number; uniqueCustomers: number; revenueCents: number; avgOrderCents: number }>;
}

const MONTHS = 12;

/** Event revenue per month, stacked by event type, over the last year. */
export function EventSalesPanel() {
  const q = useConsoleQuery((api, signal) => api.get<EventSalesAnswer>('/api/v1/reports/event-sales', { months: MONTHS }, signal), []);
  const types = q.data ? [...new Set(q.data.rows.map((r) => r.eventType))].sort() : [];
  const months = q.data ? [...new Set(q.data.rows.map((r) => r.month))].sort() : [];
  const data = months.map((m) => {
    const point: Record<string, string | number> = { month: formatMonth(m) };
    for (const r of q.data!.rows) if (r.month === m) point[r.eventType] = r.revenueCents;
    return point;
  });
  const inWindow = new Map<string, { sales: number; revenueCents: number }>();
  for (const r of q.data?.rows ?? []) {
    const t = inWindow.get(r.eventType) ?? { sales: 0, revenueCents: 0 };
    inWindow.set(r.eventType, { sales: t.sales + r.sales, revenueCents: t.revenueCents + r.revenueCents });
  }
  return (
    <section className="card" aria-labelledby="events-title">
      <div className="row between">
        <h2 id="events-title">Event sales, last {MONTHS} months</h2>
        <Link className="btn" to="/manage/reports/$name" params={{ name: 'event-sales' }} search={{ months: String(MONTHS) }}>
          Full report
        </Link>
      </div>
      {q.error ? (
        <LoadProblem error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <p role="status">Loading…</p>
      ) : data.length === 0 ? (
        <p>No event sales in the last {MONTHS} months.</p>
      ) : (
        <>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={data} margin={{ left: 8, right: 16, top: 8, bottom: 8 }} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke="#eee" />
                <XAxis dataKey="month" tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={compactMoney} width={64} />
                <Tooltip formatter={(v, name) => [money(Number(v)), humanise(String(name))]} />
                <Legend formatter={(v) => humanise(String(v))} />
                {types.map((t, i) => (
                  <Bar key={t} dataKey={t} stackId="revenue" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="table" data-testid="event-sales-table">
            <caption className="sr-only">Event sales by type, last {MONTHS} months</caption>
            <thead>
              <tr>
                <th scope="col">Event type</th>
                <th scope="col" className="num">
                  Sales
                </th>
                <th scope="col" className="num">
                  Revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {[...inWindow.entries()].map(([t, v]) => (
                <tr key={t} data-event-type={t}>
                  <td>{humanise(t)}</td>
                  <td className="num">{v.sales}</td>
                  <td className="num">{money(v.revenueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
