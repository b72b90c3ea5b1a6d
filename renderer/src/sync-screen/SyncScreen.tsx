import { COLLECTION_NAMES } from '@cellardoor/shared';
import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { type RefusedDocument, needsAttention } from '../sync/attention';
import { useSyncStatus } from '../sync/status-store';
import { relativeTime } from '../ui/format';

const label = (c: string) => c.replace(/_/g, ' ');

/** What waits to be sent, when sync last worked, and what the server refused and why. */
export function SyncScreen() {
  const app = useApp();
  const status = useSyncStatus();
  const [syncing, setSyncing] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [refused, setRefused] = useState<RefusedDocument[]>([]);
  useEffect(() => {
    void needsAttention(app.db).then(setRefused);
  }, [app.db, status.refusedCount]);

  const syncNow = async () => {
    setSyncing(true);
    setResult(null);
    const ok = await app.sync.syncNow(30_000);
    setSyncing(false);
    setResult(ok ? 'Everything is up to date.' : 'Sync did not finish: the server could not be reached. Nothing was lost; try again when the network is back.');
  };

  return (
    <div className="stack">
      <div className="row between">
        <h1>Sync</h1>
        <button className="btn primary big" onClick={() => void syncNow()} disabled={syncing}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {syncing && <progress aria-label="Sync in progress" style={{ width: '100%' }} />}
      {result && (
        <p className={`notice ${result.startsWith('Everything') ? 'ok' : 'warn'}`} role="status">
          {result}
        </p>
      )}
      <div className="card">
        <p>
          Last successful sync: <strong data-testid="last-sync">{relativeTime(status.lastSyncAt)}</strong>
        </p>
        {status.lastError && <p className="notice warn">{status.lastError.message}</p>}
        {status.storage === 'refused' && (
          <p className="notice warn">This browser may clear offline data under storage pressure. Sync often, or install the desktop app.</p>
        )}
        <table className="table" aria-label="Changes waiting to be sent">
          <thead>
            <tr>
              <th>Collection</th>
              <th className="num">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {COLLECTION_NAMES.filter((c) => c !== 'customer_insights').map((c) => (
              <tr key={c}>
                <td>{label(c)}</td>
                <td className="num" data-testid={`pending-${c}`}>
                  {status.pending[c] ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>Needs attention</h2>
        {refused.length === 0 ? (
          <p className="hint">The server has accepted everything this tablet sent.</p>
        ) : (
          <ul className="list">
            {refused.map((r) => (
              <li key={`${r.collection}:${r.id}`} className="notice danger">
                <strong>{label(r.collection)}</strong> {r.id}: {r.reason}. It is kept on this tablet; correct it and it is sent again.
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
