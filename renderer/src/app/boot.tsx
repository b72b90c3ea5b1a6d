import type { DeviceCredentials } from '@cellardoor/shared';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { EnrolScreen } from '../enrol/EnrolScreen';
import { loadCredentials, saveCredentials } from '../platform/credentials';
import { RevocationGate } from '../sync/RevocationGate';
import { AppContext, type AppServices } from './context';
import { openDevice } from './open-device';
import { createAppRouter } from './router';

type BootState = { kind: 'loading' } | { kind: 'enrol' } | { kind: 'ready'; app: AppServices; router: ReturnType<typeof createAppRouter> } | { kind: 'failed'; message: string };

/** Starts the app: an enrolled device opens its database and sync; a new one shows enrolment. */
export function Boot() {
  const [state, setState] = useState<BootState>({ kind: 'loading' });

  const open = async (c: DeviceCredentials) => {
    try {
      const app = await openDevice(c);
      setState({ kind: 'ready', app, router: createAppRouter(app) });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  useEffect(() => {
    void loadCredentials().then(
      (c) => (c ? open(c) : setState({ kind: 'enrol' })),
      (err: unknown) => setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  }, []);

  if (state.kind === 'loading') return <div className="center-screen" aria-busy="true">Opening Cellardoor…</div>;
  if (state.kind === 'failed')
    return (
      <main className="center-screen">
        <div className="notice danger" role="alert">
          <h1>Cellardoor could not open its local database</h1>
          <p>{state.message}</p>
          <p>Nothing has been deleted. Close other Cellardoor windows and reload.</p>
        </div>
      </main>
    );
  if (state.kind === 'enrol')
    return (
      <EnrolScreen
        onEnrolled={async (c) => {
          await saveCredentials(c);
          await open(c);
        }}
      />
    );
  return (
    <AppContext.Provider value={state.app}>
      <RevocationGate app={state.app}>
        <RouterProvider router={state.router} />
      </RevocationGate>
    </AppContext.Provider>
  );
}
