import { Link } from '@tanstack/react-router';
import { LoadProblem } from '../LoadProblem';
import { formatCell } from '../reports/cells';
import { useConsoleQuery } from '../use-console-query';
import { segmentsApi } from './segments-api';

/** Saved segments with their sizes. */
export function SegmentList() {
  const list = useConsoleQuery((api, signal) => segmentsApi.list(api, signal), []);
  return (
    <section className="stack" aria-labelledby="segments-title">
      <div className="row between">
        <h1 id="segments-title">Segments</h1>
        <Link className="btn primary" to="/manage/segments/new">
          New segment
        </Link>
      </div>
      {list.error ? (
        <LoadProblem error={list.error} retry={list.reload} />
      ) : !list.data ? (
        <p role="status">Loading…</p>
      ) : list.data.length === 0 ? (
        <p className="notice">No segments yet. A segment is a saved rule, such as “wine club guests who have not bought for 90 days”.</p>
      ) : (
        <table className="table" data-testid="segment-list">
          <caption className="sr-only">Saved segments</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Guests
              </th>
              <th scope="col">Last worked out</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link className="guest-link" to="/manage/segments/$segmentId" params={{ segmentId: s.id }}>
                    {s.name}
                  </Link>
                  {s.description && <div className="hint">{s.description}</div>}
                </td>
                <td className="num">{formatCell('int', s.memberCount)}</td>
                <td>{formatCell('instant', s.lastCalculatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
