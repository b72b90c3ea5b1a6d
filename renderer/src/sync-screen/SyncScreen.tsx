import { COLLECTION_NAMES, type CollectionName } from '@cellardoor/shared';
import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { isManagerRole } from '../setup/access';
import { useStaffSession } from '../staff/session-store';
import { type RefusedDocument, needsAttention } from '../sync/attention';
import { useSyncStatus } from '../sync/status-store';
import { formatDateTime, relativeTime } from '../ui/format';
import { collectionLabel, refusedAdvice, shortProblem, whatToDo } from './plain-words';
import { SignOutTablet } from './SignOutTablet';
import { StorageStatus } from './StorageStatus';
import { UnsentFile } from './UnsentFile';

const SHOWN = COLLECTION_NAMES.filter((c) => c !== 'customer_insights');

/** Whether each collection's replication is working right now (RxDB's active$). */
function useActivity(): Partial<Record<CollectionName, boolean>> {
  const { sync } = useApp();
  const [active, setActive] = useState<Partial<Record<CollectionName, boolean>>>({});
  useEffect(() => {
    const subs = [...sync.states].map(([c, s]) => s.active$.subscribe((a) => setActive((prev) => (prev[c] === a ? prev : { ...prev, [c]: a }))));
    return () => subs.forEach((s) => s.unsubscribe());
  }, [sync]);
  return active;
}

/** What waits to be sent, sync progress, when sync last worked, what went wrong and what to do. */
export function SyncScreen() {
  const app = useApp();
  const status = useSyncStatus();
  const staff = useStaffSession((s) => s.staff);
  const active = useActivity();
  const [run, setRun] = useState<{ done: Set<CollectionName> } | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [refused, setRefused] = useState<RefusedDocument[]>([]);
  useEffect(() => {
    void needsAttention(app.db).then(setRefused);
  }, [app.db, status.refusedCount]);

  const syncNow = async () => {
    const done = new Set<CollectionName>();
    setRun({ done });
    setResult(null);
    // Per-collection progress: each collection reports when it is in step with the server.
    for (const [c, s] of app.sync.states)
      void s.awaitInSync().then(() => {
        done.add(c);
        setRun((r) => (r ? { done: new Set(done) } : r));
      });
    const ok = await app.sync.syncNow(30_000);
    setRun(null);
    if (ok) useSyncStatus.getState().markSynced();
    setResult(
      ok
        ? { ok, text: 'Everything is up to date.' }
        : { ok, text: 'Sync did not finish: the server could not be reached. Nothing was lost; everything stays on this tablet. Try again when the network is back.' },
    );
  };

  const waiting = SHOWN.reduce((s, c) => s + (status.pending[c] ?? 0), 0);
  const total = app.sync.states.size;
  const problem = status.lastError ? whatToDo(status.lastError.code) : null;

  return (
    <div className="stack">
      <div className="row between">
        <h1>Sync</h1>
        <button className="btn primary big" onClick={() => void syncNow()} disabled={run !== null}>
          {run ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {run && (
        <div className="card stack" data-testid="sync-progress">
          <progress aria-label="Sync progress" max={total} value={run.done.size} style={{ width: '100%', height: 16 }} />
          <span className="hint" aria-live="polite">
            {run.done.size} of {total} collections in step with the server
          </span>
        </div>
      )}
      {result && (
        <p className={`notice ${result.ok ? 'ok' : 'warn'}`} role="status">
          {result.text}
        </p>
      )}
      <div className="grid-2">
        <div className="stack">
          <section className="card stack" aria-labelledby="state-title">
            <h2 id="state-title">State</h2>
            <p>
              Last successful sync: <strong data-testid="last-sync">{relativeTime(status.lastSyncAt)}</strong>
              {status.lastSyncAt && <span className="hint"> ({formatDateTime(status.lastSyncAt)})</span>}
            </p>
            <p>
              Waiting to be sent: <strong data-testid="waiting-total">{waiting}</strong>
            </p>
            {problem && status.lastError && (
              <div className="notice warn" role="alert" data-testid="sync-problem">
                <strong>{problem.what}</strong> {problem.todo}
                <div className="hint">Since {formatDateTime(status.lastError.at)}.</div>
              </div>
            )}
            <StorageStatus />
          </section>
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title">Changes waiting, per collection</h2>
            <table className="table">
              <thead>
                <tr>
                  <th>Collection</th>
                  <th className="num">Waiting</th>
                  <th>Now</th>
                </tr>
              </thead>
              <tbody>
                {SHOWN.map((c) => {
                  const err = status.errors[c];
                  return (
                    <tr key={c}>
                      <td>{collectionLabel(c)}</td>
                      <td className="num" data-testid={`pending-${c}`}>
                        {status.pending[c] ?? 0}
                      </td>
                      <td>{err ? <span className="badge off">{shortProblem(err.code)}</span> : active[c] ? <span className="badge">syncing…</span> : <span className="badge ok">in step</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>
        <div className="stack">
          <section className="card stack" aria-labelledby="attention-title">
            <h2 id="attention-title">Needs attention</h2>
            {refused.length === 0 ? (
              <p className="hint">The server has accepted everything this tablet sent.</p>
            ) : (
              <ul className="list stack" data-testid="needs-attention">
                {refused.map((r) => (
                  <li key={`${r.collection}:${r.id}`} className="notice danger">
                    <strong>{collectionLabel(r.collection)}</strong> {describeDoc(r)} was refused by the server: {r.reason}. {refusedAdvice(r.collection)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {isManagerRole(staff?.role) && <UnsentFile />}
          <SignOutTablet />
        </div>
      </div>
    </div>
  );
}

function describeDoc(r: RefusedDocument): string {
  const d = r.doc;
  if (typeof d.receiptNumber === 'string') return `receipt ${d.receiptNumber}`;
  if (typeof d.name === 'string') return `“${d.name}”`;
  if (typeof d.firstName === 'string') return `${d.firstName} ${typeof d.lastName === 'string' ? d.lastName : ''}`.trim();
  if (typeof d.displayName === 'string') return `“${d.displayName}”`;
  return r.id.slice(0, 8);
}
