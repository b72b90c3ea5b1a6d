import { UnsentFileError, countUnsent, readUnsentExport, unsentFileName } from '@cellardoor/shared';
import { useRef, useState } from 'react';
import { useApp } from '../app/context';
import { saveTextFile } from '../platform/files';
import { useStaffSession } from '../staff/session-store';
import { count } from '../ui/format';
import { exportUnsent, importUnsentOnDevice } from '../sync/unsent';
import { useUnsentExport } from './export-store';
import { useUnsentCount } from './use-unsent';

/**
 * The last resort for a tablet that cannot reach the server: a manager exports its unsent
 * documents to a file, and imports that file on another tablet of the account (or the server).
 */
export function UnsentFile() {
  const app = useApp();
  const staff = useStaffSession((s) => s.staff);
  const markExported = useUnsentExport((s) => s.done);
  const unsent = useUnsentCount();
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const doExport = async () => {
    setBusy(true);
    try {
      const file = await exportUnsent(app.db, app.credentials, staff?.name ?? null);
      const n = countUnsent(file);
      const where = await saveTextFile({
        suggestedName: unsentFileName(file),
        contents: JSON.stringify(file, null, 1),
        mimeType: 'application/json',
        filter: { name: 'Cellardoor unsent documents', extensions: ['json'] },
      });
      if (where === null) setMessage({ kind: 'warn', text: 'The export was cancelled; nothing was saved.' });
      else {
        markExported(n, where);
        setMessage({ kind: 'ok', text: `Exported ${count(n, 'unsent document')} to ${where}. Import the file on another tablet of this account (Sync › Import) or on the server.` });
      }
    } finally {
      setBusy(false);
    }
  };

  const doImport = async (f: File) => {
    setBusy(true);
    try {
      const file = readUnsentExport(await f.text());
      const r = await importUnsentOnDevice(app.db, app.recorder, app.credentials, file);
      const refused = r.refused.length ? ` ${count(r.refused.length, 'document')} could not be taken: ${r.refused.slice(0, 3).map((x) => x.reason).join('; ')}.` : '';
      setMessage({
        kind: r.refused.length ? 'warn' : 'ok',
        text: `From tablet T${file.deviceNumber}: ${count(r.written, 'document')} added to this tablet's queue, ${r.unchanged} already here.${refused} They are sent with the next sync.`,
      });
    } catch (err) {
      setMessage({ kind: 'danger', text: err instanceof UnsentFileError ? err.message : `The file could not be imported: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="card stack" aria-labelledby="unsent-title">
      <h2 id="unsent-title">Unsent documents file</h2>
      <p className="hint">
        If this tablet cannot reach the server (broken network, broken tablet), export what it has not sent to a file and import it on another tablet of this account or on the
        server. Nothing is counted twice, even if this tablet syncs later.
      </p>
      <div className="row">
        <button className="btn" onClick={() => void doExport()} disabled={busy || !unsent}>
          {unsent ? `Export ${count(unsent, 'unsent document')}` : 'Nothing unsent to export'}
        </button>
        <button className="btn" onClick={() => input.current?.click()} disabled={busy}>
          Import a file from another tablet
        </button>
        <input
          ref={input}
          data-testid="unsent-import"
          aria-label="Unsent documents file to import"
          hidden
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void doImport(f);
          }}
        />
      </div>
      {message && (
        <p className={`notice ${message.kind}`} role="status" data-testid="unsent-file-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
