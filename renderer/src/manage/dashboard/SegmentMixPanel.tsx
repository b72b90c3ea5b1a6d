import { FREQUENCY_TIERS, LIFECYCLE_STAGES, SPENDING_TIERS } from '@cellardoor/shared';
import { Link } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LoadProblem } from '../LoadProblem';
import { segmentsApi } from '../segments/segments-api';
import { useConsoleQuery } from '../use-console-query';
import { humanise } from '../../ui/format';
import { SERIES_COLOURS } from './chart-format';

/** The built-in families the dashboard charts, in the order a manager reads them. */
const FAMILIES = [
  { key: 'lifecycle', title: 'Lifecycle', order: LIFECYCLE_STAGES },
  { key: 'spendingTier', title: 'Spending tier', order: SPENDING_TIERS },
  { key: 'frequencyTier', title: 'Frequency tier', order: FREQUENCY_TIERS },
] as const;

/** Splits `lifecycle.AT_RISK: 12` counts into one ordered list per family. */
export function familyCounts(counts: Record<string, number>, family: string, order: readonly string[]): Array<{ key: string; label: string; count: number }> {
  const rows = Object.entries(counts)
    .filter(([k]) => k.startsWith(`${family}.`))
    .map(([k, count]) => ({ key: k.slice(family.length + 1), count }));
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return rows.sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count).map((r) => ({ ...r, label: humanise(r.key) }));
}

/** Lifecycle and tier distribution from the built-in segments. */
export function SegmentMixPanel() {
  const q = useConsoleQuery((api, signal) => segmentsApi.builtIn(api, signal), []);
  return (
    <section className="card" aria-labelledby="mix-title">
      <div className="row between">
        <h2 id="mix-title">Guests by lifecycle and tier</h2>
        <Link className="btn" to="/manage/segments">
          Segments
        </Link>
      </div>
      {q.error?.status === 404 ? (
        <p>This server does not work out guest segments yet; update it to see lifecycle and tiers here.</p>
      ) : q.error ? (
        <LoadProblem error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <p role="status">Loading…</p>
      ) : (
        <div className="mix-grid">
          {FAMILIES.map((fam, i) => {
            const rows = familyCounts(q.data!.counts, fam.key, fam.order);
            return (
              <div key={fam.key} data-testid={`mix-${fam.key}`}>
                <h3>{fam.title}</h3>
                <div className="chart" aria-hidden="true">
                  <ResponsiveContainer width="100%" height={200}>
                    <BarChart data={rows} margin={{ left: 0, right: 8, top: 8, bottom: 8 }} accessibilityLayer={false}>
                      <CartesianGrid vertical={false} stroke="#eee" />
                      {/* Slanted, so five labels such as "Occasional" and "One time" never overlap in a narrow column. */}
                      <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} angle={-30} textAnchor="end" height={48} />
                      <YAxis allowDecimals={false} width={48} />
                      <Tooltip />
                      <Bar dataKey="count" name="Guests" fill={SERIES_COLOURS[i + 1]} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <table className="table">
                  <caption className="sr-only">{fam.title}</caption>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key} data-key={r.key}>
                        <th scope="row">{r.label}</th>
                        <td className="num">{r.count.toLocaleString()}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
