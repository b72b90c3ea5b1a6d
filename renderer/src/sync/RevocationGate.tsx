import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AppServices } from '../app/context';
import { useObservable } from '../data/use-query';
import { SignOutTablet } from '../sync-screen/SignOutTablet';
import { UnsentFile } from '../sync-screen/UnsentFile';
import { runRevocation } from './revocation';
import { useSyncStatus } from './status-store';
import { pendingTotal$ } from './unsent';

type Stage = 'running' | 'wiping' | 'handing-over' | 'refused-left' | 'wiped';

/**
 * Watches for the server's "this device was removed" answer. A stolen tablet is wiped at once; a
 * retired one hands over its unsent documents first, then wipes itself. Meanwhile no one can keep
 * selling on it: the whole app gives way to this screen.
 */
export function RevocationGate({ app, children }: { app: AppServices; children: ReactNode }) {
  const revoked = useSyncStatus((s) => s.revoked);
  const [stage, setStage] = useState<Stage>('running');
  const started = useRef(false);

  useEffect(() => {
    if (!revoked || started.current) return;
    started.current = true;
    setStage(revoked.handover ? 'handing-over' : 'wiping');
    void (async () => {
      for (;;) {
        const out = await runRevocation({ db: app.db, wipe: () => app.unenrol() }, revoked);
        if (out.kind === 'wiped') return setStage('wiped');
        if (out.kind === 'refused-left') return setStage('refused-left');
      }
    })();
  }, [revoked, app]);

  if (stage === 'running') return <>{children}</>;
  return (
    <main className="center-screen">
      <div className="card stack" style={{ width: 'min(640px, 100%)' }} role="alert" aria-live="assertive">
        <h1>This tablet was removed by a manager</h1>
        {stage === 'wiping' && <p>Erasing its data…</p>}
        {stage === 'handing-over' && <HandingOver app={app} />}
        {stage === 'refused-left' && (
          <>
            <p>
              Everything else reached the server, but the server refused some documents, and they are still on this tablet. Export them to a file before the tablet
              is erased, then sign it out.
            </p>
            <UnsentFile />
            <SignOutTablet anyone />
          </>
        )}
        {stage === 'wiped' && (
          <>
            <p>Its data has been erased from this tablet. To use it again, a manager enrols it.</p>
            <button
              className="btn primary big"
              onClick={() => {
                location.hash = '';
                location.reload();
              }}
            >
              Set up this tablet again
            </button>
          </>
        )}
      </div>
    </main>
  );
}

function HandingOver({ app }: { app: AppServices }) {
  const pending = useObservable(() => pendingTotal$(app.db), null as number | null, [app.db]);
  return (
    <p data-testid="handover">
      Sending its {pending ?? ''} unsent documents to the server before its data is erased. Keep it connected to the venue's network.
    </p>
  );
}
