import { Link } from '@tanstack/react-router';
import { LoadProblem } from '../LoadProblem';
import { useConsoleQuery } from '../use-console-query';
import { describeGaps, loadTabletGaps } from './tablet-gaps';

/** Says in plain words when a tablet holds sales the server has not received. */
export function TabletsPanel() {
  const gaps = useConsoleQuery((api, signal) => loadTabletGaps(api, signal), []);
  const holding = (gaps.data ?? []).filter((t) => t.missing.length > 0);
  return (
    <section className="card" aria-labelledby="tablets-title" data-testid="tablets-panel">
      <div className="row between">
        <h2 id="tablets-title">Tablets</h2>
        <button type="button" className="btn" onClick={gaps.reload} disabled={gaps.loading}>
          Check again
        </button>
      </div>
      {gaps.error ? (
        <LoadProblem error={gaps.error} retry={gaps.reload} />
      ) : !gaps.data ? (
        <p role="status">Checking…</p>
      ) : holding.length === 0 ? (
        <p className="notice ok" role="status">
          Every tablet’s sales have reached the server ({gaps.data.length} {gaps.data.length === 1 ? 'tablet' : 'tablets'} checked today).
        </p>
      ) : (
        <div className="notice warn" role="alert">
          <ul className="gap-list">
            {holding.map((t) => (
              <li key={t.deviceId}>
                <strong>{describeGaps(t)}</strong> that the server has not received.
              </li>
            ))}
          </ul>
          <p className="hint">
            Open the Sync screen on {holding.length === 1 ? 'that tablet' : 'those tablets'} and press “Sync now” before closing the day. See the{' '}
            <Link to="/manage/reports/$name" params={{ name: 'close-out' }}>
              daily close-out
            </Link>
            .
          </p>
        </div>
      )}
    </section>
  );
}
