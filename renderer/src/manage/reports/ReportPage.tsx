import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useConsoleApi } from '../console-api';
import { CsvButton } from '../CsvButton';
import { LoadProblem } from '../LoadProblem';
import { useConsoleQuery } from '../use-console-query';
import { formatCell } from './cells';
import { reportSpec } from './catalogue';
import { ParamControls, type ParamValues } from './ParamControls';
import { ReportTable } from './ReportTable';
import { reportQuery } from './report-query';

interface ReportAnswer {
  asOf: string;
  computedFrom: string;
  rows: Array<Record<string, unknown>>;
  [extra: string]: unknown;
}

/** One report: its choices (kept in the address, so a link opens the same view), table and CSV. */
export function ReportPage() {
  const { name } = useParams({ from: '/manage/reports/$name' });
  const search = useSearch({ from: '/manage/reports/$name' }) as ParamValues;
  const navigate = useNavigate();
  const api = useConsoleApi();
  const spec = reportSpec(name);
  const built = spec ? reportQuery(spec.params, search) : { problem: 'There is no such report.' };
  const key = JSON.stringify(built);
  const answer = useConsoleQuery(
    (a, signal) => ('query' in built ? a.get<ReportAnswer>(`/api/v1/reports/${name}`, built.query, signal) : Promise.resolve(null)),
    [name, key],
  );
  if (!spec)
    return (
      <div className="notice warn" role="alert">
        There is no report called “{name}”. <Link to="/manage/reports">All reports</Link>
      </div>
    );
  const apply = (v: ParamValues) => {
    const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
    void navigate({ to: '/manage/reports/$name', params: { name }, search: clean });
  };
  return (
    <section className="stack" aria-labelledby="report-title">
      <div className="row between">
        <div>
          <h1 id="report-title">{spec.title}</h1>
          <p className="hint">{spec.summary}</p>
        </div>
        {'query' in built && <CsvButton api={api} path={`/api/v1/reports/${name}`} query={{ ...built.query, format: 'csv' }} name={name} />}
      </div>
      <div className="card">
        <ParamControls specs={spec.params} values={search} onApply={apply} />
      </div>
      {'problem' in built ? (
        <p className="notice" role="status">
          {built.problem}
        </p>
      ) : answer.error ? (
        <LoadProblem error={answer.error} retry={answer.reload} />
      ) : !answer.data ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <p className="hint" data-testid="report-as-of" aria-busy={answer.loading}>
            {answer.data.rows.length} {answer.data.rows.length === 1 ? 'row' : 'rows'} · as of {formatCell('instant', answer.data.asOf)}
          </p>
          {name === 'close-out' && <CloseOutTotals answer={answer.data} />}
          <ReportTable columns={spec.columns} rows={answer.data.rows} caption={spec.title} testId="report-table" />
        </>
      )}
    </section>
  );
}

/** The close-out's per-venue totals and any tablet still holding sales, above the per-tablet rows. */
function CloseOutTotals({ answer }: { answer: ReportAnswer }) {
  const venues = (answer.venues ?? []) as Array<Record<string, unknown>>;
  return (
    <div className="row closeout-venues">
      {venues.map((v) => (
        <div key={String(v.venueId)} className="card stat">
          <h2>
            {String(v.venueName ?? 'Venue not synced yet')} · {String(v.date)}
          </h2>
          <p>
            Net <strong>{formatCell('cents', v.netCents)}</strong> from {formatCell('int', v.salesCount)} sales and {formatCell('int', v.refundsCount)} refunds
          </p>
          <p className="hint">
            Card {formatCell('cents', v.cardCents)} · Cash {formatCell('cents', v.cashCents)} · Other {formatCell('cents', v.otherCents)}
          </p>
        </div>
      ))}
    </div>
  );
}
