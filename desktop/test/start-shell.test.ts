import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceCredentials } from '@cellardoor/shared/bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGED_START_URL } from '../src/app-origin';
import type { AppUpdates } from '../src/app-updates';
import { channelFor } from '../src/bridge/bridge-calls';
import { APP_SCHEME_PRIVILEGES, type ShellDeps, startShell } from '../src/start-shell';
import { VERSION_ARGUMENT } from '../src/security/web-preferences';
import { FakeApp, FakeContents, FakeIpcMain, FakeProtocol, FakeSafeStorage, FakeSession, type FakeWindow, recordingLog, temporaryFolder, windowFactory } from './fakes';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let app: FakeApp;
let session: FakeSession;
let protocol: FakeProtocol;
let ipcMain: FakeIpcMain;
let windows: ReturnType<typeof windowFactory>;
let updates: AppUpdates & { checks: number };
let order: string[];

beforeEach(async () => {
  folder = await temporaryFolder();
  app = new FakeApp(join(folder.path, 'userData'), join(folder.path, 'Documents'));
  order = [];
  session = new FakeSession(order);
  protocol = new FakeProtocol();
  ipcMain = new FakeIpcMain();
  windows = windowFactory(() => order.push('window created'));
  const checks = { checks: 0, checkInBackground: () => void checks.checks++ };
  updates = checks;
  const rendererDir = join(folder.path, 'renderer', 'dist');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Cellardoor</title>');
});
afterEach(() => folder.remove());

function deps(env: Record<string, string> = {}, safeStorage = new FakeSafeStorage()): ShellDeps<FakeWindow> {
  const trackedIpc = {
    handle: (channel: string, listener: Parameters<FakeIpcMain['handle']>[1]) => {
      order.push('ipc');
      ipcMain.handle(channel, listener);
    },
  };
  return {
    app,
    protocol,
    session: () => session,
    ipcMain: trackedIpc,
    openWindow: windows.open,
    showSaveDialog: async () => ({ canceled: true }),
    safeStorage,
    env,
    platform: 'linux',
    rendererDir: join(folder.path, 'renderer', 'dist'),
    preloadPath: '/app/desktop/dist/preload.cjs',
    updates,
    log: recordingLog(),
  };
}

const device: DeviceCredentials = {
  serverUrl: 'https://sync.venue.example:8443',
  tenantId: 't',
  deviceId: 'd',
  deviceToken: 'cd_dev_0123456789abcdef0123',
  deviceNumber: 3,
  deviceName: 'Patio',
  venueId: null,
  role: 'STAFF',
  enrolledAt: '2025-05-01T10:00:00Z',
};

describe('starting the shell', () => {
  it('in a second instance, quits before touching anything else', async () => {
    app.lockAvailable = false;
    expect(await startShell(deps())).toBeNull();
    expect(app.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(windows.opened).toEqual([]);
    expect(protocol.privileged).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('hardens the session and registers the bridge before the window exists', async () => {
    await startShell(deps());
    expect(app.calls.slice(0, 3)).toEqual(['requestSingleInstanceLock', 'on(second-instance)', 'enableSandbox']);
    const created = order.indexOf('window created');
    for (const step of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onHeadersReceived', 'ipc']) {
      expect(order.indexOf(step), step).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(step), step).toBeLessThan(created);
    }
    expect(ipcMain.handlers.size).toBe(12);
  });

  it('packaged, serves the renderer on app:// with the scheme privileged and loads it', async () => {
    const shell = await startShell(deps());
    expect(protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    const res = await protocol.handlers.get('app')!(new Request('app://cellardoor/index.html'));
    expect(await res.text()).toContain('<title>Cellardoor</title>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const [window] = windows.opened;
    expect(window!.loaded).toEqual([PACKAGED_START_URL]);
    expect(window!.options.webPreferences).toMatchObject({
      preload: '/app/desktop/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      additionalArguments: [`${VERSION_ARGUMENT}1.2.3`],
    });
    expect(shell?.window()).toBe(window);
  });

  it('with CELLARDOOR_START_URL, loads the sync server and trusts only its origin', async () => {
    await startShell(deps({ CELLARDOOR_START_URL: 'http://127.0.0.1:8787' }));
    expect(protocol.privileged).toEqual([]);
    expect(protocol.handlers.size).toBe(0);
    expect(windows.opened[0]!.loaded).toEqual(['http://127.0.0.1:8787']);
    expect(await ipcMain.invoke(channelFor('kiosk.get'), 'http://127.0.0.1:8787/#/checkout')).toEqual({ ok: true, value: false });
    expect(await ipcMain.invoke(channelFor('kiosk.get'), 'app://cellardoor/index.html')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses a start URL that is not http(s)', async () => {
    await expect(startShell(deps({ CELLARDOOR_START_URL: 'file:///tmp/index.html' }))).rejects.toThrow(/must be an http\(s\) address/);
    expect(windows.opened).toEqual([]);
  });

  it('guards every web contents created from then on', async () => {
    await startShell(deps());
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.emit('will-navigate', 'app://cellardoor/index.html')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies every permission but local network access to the app once started', async () => {
    await startShell(deps());
    const answers: boolean[] = [];
    session.requestHandler?.({}, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://cellardoor/index.html' });
    session.requestHandler?.({}, 'local-network-access', (granted) => answers.push(granted), { requestingUrl: 'app://cellardoor/index.html' });
    expect(answers).toEqual([false, true]);
  });

  it('opens in kiosk mode after a restart when staff chose it', async () => {
    const first = await startShell(deps());
    await ipcMain.invoke(channelFor('kiosk.set'), 'app://cellardoor/index.html', true);
    expect(first?.window()?.isKiosk()).toBe(true);
    ipcMain = new FakeIpcMain();
    await startShell(deps());
    expect(windows.opened[1]!.options.kiosk).toBe(true);
  });

  it('narrows where the page may connect once the tablet is enrolled', async () => {
    const safeStorage = new FakeSafeStorage();
    await startShell(deps({}, safeStorage));
    const before = session.respond()['Content-Security-Policy']![0]!;
    expect(before).toContain("connect-src 'self' http: https:");
    await ipcMain.invoke(channelFor('credentials.save'), 'app://cellardoor/index.html', device);
    expect(session.respond()['Content-Security-Policy']![0]).toContain("connect-src 'self' https://sync.venue.example:8443;");
    // After a restart the policy is narrow from the first page load.
    session = new FakeSession();
    ipcMain = new FakeIpcMain();
    await startShell(deps({}, safeStorage));
    expect(session.respond()['Content-Security-Policy']![0]).toContain("connect-src 'self' https://sync.venue.example:8443;");
  });

  it('shows the window when painted and checks for updates only in a packaged app', async () => {
    await startShell(deps());
    windows.opened[0]!.emit('ready-to-show');
    expect(windows.opened[0]!.calls).toEqual(['show']);
    expect(updates.checks).toBe(0);
    app.isPackaged = true;
    ipcMain = new FakeIpcMain();
    await startShell(deps());
    windows.opened[1]!.emit('ready-to-show');
    expect(updates.checks).toBe(1);
    expect(windows.opened[1]!.options.webPreferences?.devTools).toBe(false);
  });

  it('brings the one window forward on a second launch, and forgets it once closed', async () => {
    const shell = await startShell(deps());
    const window = windows.opened[0]!;
    window.minimized = true;
    app.emit('second-instance');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    window.emit('closed');
    expect(shell?.window()).toBeNull();
    app.emit('window-all-closed');
    expect(app.calls).toContain('quit');
  });
});
