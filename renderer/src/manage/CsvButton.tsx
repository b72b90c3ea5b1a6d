import { useState } from 'react';
import type { ConsoleApi, Query } from './console-api';
import { downloadCsv, todayName } from './csv-download';

/** "Download CSV" with what happened said next to it (saved where, or why not). */
export function CsvButton({ api, path, query, name, label = 'Download CSV' }: { api: ConsoleApi; path: string; query: Query; name: string; label?: string }) {
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const where = await downloadCsv(api, path, query, todayName(name));
      setMessage(where ? { text: `Saved to ${where}.`, ok: true } : null);
    } catch (err) {
      setMessage({ text: (err as Error).message, ok: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="row">
      <button type="button" className="btn" onClick={run} disabled={busy}>
        {busy ? 'Preparing…' : label}
      </button>
      {message && (
        <span className={message.ok ? 'hint' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </span>
  );
}
