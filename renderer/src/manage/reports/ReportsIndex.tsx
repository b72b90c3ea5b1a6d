import { Link } from '@tanstack/react-router';
import { REPORT_SPECS } from './catalogue';

/** Every report, with a line on what it answers. */
export function ReportsIndex() {
  return (
    <section className="stack" aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <ul className="report-list">
        {REPORT_SPECS.map((r) => (
          <li key={r.name}>
            <Link to="/manage/reports/$name" params={{ name: r.name }} className="report-card">
              <strong>{r.title}</strong>
              <span className="hint">{r.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
