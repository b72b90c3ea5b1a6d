import type { PrinterInfo, ReceiptPrinterSetting } from '@cellardoor/shared';
import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { isManagerRole } from '../setup/access';
import { LOCK_AFTER_CHOICES, useLockSettings } from './lock-settings';
import { useStaffSession } from './session-store';

/** This tablet's own settings: when it locks, and (in the desktop app) kiosk mode and the receipt printer. */
export function TabletSettingsScreen() {
  const { credentials } = useApp();
  const staff = useStaffSession((s) => s.staff);
  const canChange = isManagerRole(staff?.role);
  const { lockAfterMinutes, setLockAfterMinutes } = useLockSettings();
  return (
    <div className="stack" style={{ maxWidth: 760, margin: '0 auto' }}>
      <h1>This tablet</h1>
      <p className="hint">
        {credentials.deviceName} · tablet number {credentials.deviceNumber}
        {!canChange && ' · A manager can change these settings.'}
      </p>
      <section className="card">
        <fieldset className="choice-group" disabled={!canChange}>
          <legend>Lock after this long without use</legend>
          {LOCK_AFTER_CHOICES.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="lock-after" checked={lockAfterMinutes === m} onChange={() => setLockAfterMinutes(m)} />
              <span>
                {m} {m === 1 ? 'minute' : 'minutes'}
              </span>
            </label>
          ))}
        </fieldset>
      </section>
      {window.cellardoor ? <DesktopSettings canChange={canChange} /> : <p className="hint">Kiosk mode and receipt printers are set in the Cellardoor desktop app; in a browser, receipts print through the browser’s own dialog.</p>}
    </div>
  );
}

function DesktopSettings({ canChange }: { canChange: boolean }) {
  const bridge = window.cellardoor!;
  const [kiosk, setKiosk] = useState<boolean | null>(null);
  const [printer, setPrinter] = useState<ReceiptPrinterSetting | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void Promise.all([bridge.kiosk.get(), bridge.receiptPrinter.get(), bridge.receiptPrinter.list()]).then(
      ([k, p, list]) => {
        setKiosk(k);
        setPrinter(p);
        setPrinters(list);
      },
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
    );
  }, [bridge]);
  const save = async (what: () => Promise<void>) => {
    try {
      await what();
      setMessage('Saved.');
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <>
      <section className="card stack">
        <h2>Kiosk mode</h2>
        <label className="check">
          <input
            type="checkbox"
            disabled={!canChange || kiosk === null}
            checked={kiosk ?? false}
            onChange={(e) => {
              const on = e.target.checked;
              void save(async () => {
                await bridge.kiosk.set(on);
                setKiosk(on);
              });
            }}
          />
          Full screen with no window frame, for a tablet on a stand (kept after a restart)
        </label>
      </section>
      <section className="card stack">
        <h2>Receipt printer</h2>
        <div className="field">
          <label htmlFor="receipt-printer">Printer</label>
          <select
            id="receipt-printer"
            className="input"
            disabled={!canChange || !printer}
            value={printer?.deviceName ?? ''}
            onChange={(e) => {
              const next = { silent: printer?.silent ?? false, deviceName: e.target.value || null };
              void save(async () => {
                await bridge.receiptPrinter.set(next);
                setPrinter(next);
              });
            }}
          >
            <option value="">The computer’s default printer</option>
            {printers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName || p.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input
            type="checkbox"
            disabled={!canChange || !printer}
            checked={printer?.silent ?? false}
            onChange={(e) => {
              const next = { deviceName: printer?.deviceName ?? null, silent: e.target.checked };
              void save(async () => {
                await bridge.receiptPrinter.set(next);
                setPrinter(next);
              });
            }}
          />
          Print without asking (no print dialog)
        </label>
      </section>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
    </>
  );
}
