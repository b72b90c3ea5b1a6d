import type { SegmentSummary } from '@cellardoor/shared';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useApp } from '../../app/context';
import { useObservable } from '../../data/use-query';
import { useConsoleApi } from '../console-api';
import { CsvButton } from '../CsvButton';
import { LoadProblem } from '../LoadProblem';
import { formatCell } from '../reports/cells';
import { useConsoleQuery } from '../use-console-query';
import { SegmentBuilder } from './SegmentBuilder';
import { segmentsApi } from './segments-api';

const PAGE = 25;

export function SegmentEditPage() {
  const { segmentId } = useParams({ from: '/manage/segments/$segmentId/edit' });
  const seg = useConsoleQuery((api, signal) => segmentsApi.get(api, segmentId, signal), [segmentId]);
  if (seg.error) return <LoadProblem error={seg.error} retry={seg.reload} />;
  if (!seg.data) return <p role="status">Loading…</p>;
  return <SegmentBuilder segment={seg.data} />;
}

/** One segment: who is in it (paged), who came and went, recalculate, export. */
export function SegmentPage() {
  const { segmentId } = useParams({ from: '/manage/segments/$segmentId' });
  const api = useConsoleApi();
  const seg = useConsoleQuery((a, signal) => segmentsApi.get(a, segmentId, signal), [segmentId]);
  const [recalc, setRecalc] = useState<{ busy: boolean; message: string | null; ok: boolean }>({ busy: false, message: null, ok: true });
  const [round, setRound] = useState(0);
  const [withoutConsent, setWithoutConsent] = useState(false);
  const [channel, setChannel] = useState<'' | 'email' | 'sms'>('');

  if (seg.error) return <LoadProblem error={seg.error} retry={seg.reload} />;
  if (!seg.data) return <p role="status">Loading…</p>;
  const s: SegmentSummary = seg.data;

  const recalculate = async () => {
    setRecalc({ busy: true, message: null, ok: true });
    try {
      const r = await segmentsApi.recalculate(api, s.id);
      setRecalc({ busy: false, ok: true, message: `Worked out again: ${r.memberCount} guests (${r.entered} joined, ${r.exited} left).` });
      seg.reload();
      setRound((n) => n + 1);
    } catch (err) {
      setRecalc({ busy: false, ok: false, message: (err as Error).message });
    }
  };

  return (
    <section className="stack" aria-labelledby="segment-title">
      <div className="row between">
        <div>
          <h1 id="segment-title">{s.name}</h1>
          {s.description && <p className="hint">{s.description}</p>}
          <p>
            <strong data-testid="member-count">{formatCell('int', s.memberCount)}</strong> {s.memberCount === 1 ? 'guest' : 'guests'} · last worked out{' '}
            {formatCell('instant', s.lastCalculatedAt)}
          </p>
        </div>
        <div className="row">
          <Link className="btn" to="/manage/segments/$segmentId/edit" params={{ segmentId: s.id }}>
            Edit rule
          </Link>
          <button type="button" className="btn" onClick={recalculate} disabled={recalc.busy}>
            {recalc.busy ? 'Working out…' : 'Recalculate'}
          </button>
        </div>
      </div>
      {recalc.message && (
        <p className={`notice ${recalc.ok ? 'ok' : 'danger'}`} role={recalc.ok ? 'status' : 'alert'}>
          {recalc.message}
        </p>
      )}
      <div className="card stack">
        <h2>Export</h2>
        <div className="row">
          <div className="field">
            <label htmlFor="export-channel">For</label>
            <select id="export-channel" className="input" value={channel} onChange={(e) => setChannel(e.target.value as '' | 'email' | 'sms')}>
              <option value="">Any marketing</option>
              <option value="email">Email</option>
              <option value="sms">Text messages</option>
            </select>
          </div>
          <label className="check">
            <input type="checkbox" checked={withoutConsent} onChange={(e) => setWithoutConsent(e.target.checked)} />
            Include guests who have not agreed to marketing
          </label>
        </div>
        {withoutConsent && (
          <p className="notice warn" role="note">
            Only for purposes that need no marketing consent (a product recall, an order you owe them). Do not use this list for promotions.
          </p>
        )}
        <CsvButton
          api={api}
          path={segmentsApi.exportPath(s.id)}
          query={{ includeWithoutConsent: withoutConsent ? 'true' : 'false', channel: channel || undefined }}
          name={`segment-${s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}
          label="Export CSV"
        />
      </div>
      <Members segmentId={s.id} round={round} />
      <History segmentId={s.id} round={round} />
    </section>
  );
}

function Pager({ offset, total, onMove, label }: { offset: number; total: number; onMove(o: number): void; label: string }) {
  return (
    <nav className="row" aria-label={label}>
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - PAGE))}>
        Previous
      </button>
      <span>
        {total === 0 ? 0 : offset + 1}–{Math.min(total, offset + PAGE)} of {total}
      </span>
      <button type="button" className="btn" disabled={offset + PAGE >= total} onClick={() => onMove(offset + PAGE)}>
        Next
      </button>
    </nav>
  );
}

function Members({ segmentId, round }: { segmentId: string; round: number }) {
  const [offset, setOffset] = useState(0);
  const q = useConsoleQuery((api, signal) => segmentsApi.members(api, segmentId, PAGE, offset, signal), [segmentId, offset, round]);
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {q.error ? (
        <LoadProblem error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="members-table">
              <caption className="sr-only">Members</caption>
              <thead>
                <tr>
                  <th scope="col">Guest</th>
                  <th scope="col">Email</th>
                  <th scope="col">Marketing</th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col">Last order</th>
                  <th scope="col">In since</th>
                </tr>
              </thead>
              <tbody>
                {q.data.members.map((m) => (
                  <tr key={m.customerId}>
                    <td>{`${m.firstName ?? ''} ${m.lastName ?? ''}`.trim() || '—'}</td>
                    <td>{m.email ?? '—'}</td>
                    <td>{[m.emailOptIn && 'email', m.smsOptIn && 'texts'].filter(Boolean).join(', ') || 'no'}</td>
                    <td className="num">{formatCell('cents', m.revenueCents)}</td>
                    <td className="num">{m.orderCount}</td>
                    <td>{formatCell('instant', m.lastOrderAt)}</td>
                    <td>{formatCell('instant', m.enteredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} total={q.data.total} onMove={setOffset} label="Member pages" />
        </>
      )}
    </section>
  );
}

const REASONS: Record<string, string> = {
  created: 'segment saved',
  recalculate: 'recalculated',
  'rule changed': 'rule changed',
  sync: 'new sales or tags synced',
};

function History({ segmentId, round }: { segmentId: string; round: number }) {
  const { db } = useApp();
  const [offset, setOffset] = useState(0);
  const q = useConsoleQuery((api, signal) => segmentsApi.history(api, segmentId, PAGE, offset, signal), [segmentId, offset, round]);
  // Names come from the tablet's own copy of the guest list; the history itself carries only ids.
  const ids = (q.data?.entries ?? []).map((h) => h.customerId);
  const guests = useObservable(() => (ids.length ? db.customers.findByIds(ids).$ : null), new Map(), [db, ids.join()]);
  const nameOf = (id: string) => {
    const c = guests.get(id);
    return c ? `${c.firstName} ${c.lastName ?? ''}`.trim() : 'A guest not on this tablet';
  };
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Joined and left</h2>
      {q.error ? (
        <LoadProblem error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <p role="status">Loading…</p>
      ) : q.data.entries.length === 0 ? (
        <p>Nobody has joined or left yet.</p>
      ) : (
        <>
          <table className="table" data-testid="history-table">
            <caption className="sr-only">Joined and left</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">Guest</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {q.data.entries.map((h, i) => (
                <tr key={`${h.customerId}-${h.at}-${i}`}>
                  <td>{formatCell('instant', h.at)}</td>
                  <td>{h.change === 'ENTERED' ? 'Joined' : 'Left'}</td>
                  <td>
                    <Link className="guest-link" to="/manage/reports/$name" params={{ name: 'customer-tags' }} search={{ customerId: h.customerId }}>
                      {nameOf(h.customerId)}
                    </Link>
                  </td>
                  <td>{REASONS[h.reason] ?? h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} total={q.data.total} onMove={setOffset} label="History pages" />
        </>
      )}
    </section>
  );
}
