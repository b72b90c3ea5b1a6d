import { join } from 'node:path';
import type { CustomScheme, SaveDialogOptions } from 'electron';
import { APP_SCHEME, type StartLocation, resolveStartLocation } from './app-origin';
import { type AppUpdates, noAppUpdates } from './app-updates';
import { type ShellWindow, appWindowOptions } from './app-window';
import { type CredentialsStore, type KeyStorage, credentialsStore } from './credentials-store';
import { bridgeHandlers } from './ipc/bridge-handlers';
import { type CallLog, type IpcMainLike, registerBridgeHandlers } from './ipc/register-bridge-handlers';
import type { OpenWindow } from './printing/receipt-document';
import { type HeaderRewritingSession, contentSecurityPolicy, enforceContentSecurityPolicy } from './security/content-security-policy';
import { type PermissionSession, allowOnlyWhatTheAppNeeds } from './security/permissions';
import { type GuardedContents, guardNavigation } from './security/navigation-guard';
import { serveRenderer } from './serve-renderer';
import { type SettingsFile, settingsFile } from './settings-file';
import { type SingleInstanceApp, bringToFront, claimSingleInstance } from './single-instance';

export interface ShellApp extends SingleInstanceApp {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  whenReady(): Promise<unknown>;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  getPath(name: 'userData' | 'documents'): string;
  getVersion(): string;
}

export interface ShellProtocol {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface ShellLog extends CallLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Everything the shell needs from Electron and the process, passed in so every part can be tested without Electron. */
export interface ShellDeps<W extends ShellWindow = ShellWindow> {
  app: ShellApp;
  protocol: ShellProtocol;
  /** The default session; only read once the app is ready. */
  session(): PermissionSession & HeaderRewritingSession;
  ipcMain: IpcMainLike;
  openWindow: OpenWindow<W>;
  showSaveDialog(parent: W | null, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  safeStorage: KeyStorage;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** The renderer's built files (served on app:// when no start URL is given). */
  rendererDir: string;
  preloadPath: string;
  updates?: AppUpdates;
  log: ShellLog;
}

export interface RunningShell {
  location: StartLocation;
  window(): ShellWindow | null;
  settings: SettingsFile;
  credentials: CredentialsStore;
}

/** app:// behaves like https: its own origin, storage (IndexedDB), fetch and a secure context (WebCrypto). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/**
 * Starts the desktop shell. Returns null in a second instance, which hands over to the first and
 * quits. Everything that guards the renderer is in place before the window is created.
 */
export async function startShell<W extends ShellWindow>(deps: ShellDeps<W>): Promise<RunningShell | null> {
  const { app, log } = deps;
  const location = resolveStartLocation(deps.env);
  let window: W | null = null;

  if (!claimSingleInstance(app, () => bringToFront(window))) return null;
  app.enableSandbox();
  if (location.servesPackagedRenderer) deps.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Every web contents, including hidden receipt windows, gets the same guard the moment it exists.
  app.on('web-contents-created', (_event, contents) =>
    guardNavigation(contents, location.appOrigin, (what, url) => log.warn(`Blocked ${what}${url ? ` to ${url}` : ''}`)),
  );
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const userData = app.getPath('userData');
  const settings = settingsFile(join(userData, 'settings.json'), (reason) => log.warn(`settings.json is damaged and was ignored: ${reason}`));
  const credentials = credentialsStore(deps.safeStorage, join(userData, 'device-credentials.bin'), deps.platform);
  // Reading the credentials here tells the policy which server this device talks to; a failure is
  // reported to the renderer when it asks for them.
  await credentials.load().catch((err: unknown) => log.warn(`Device credentials not loaded: ${err instanceof Error ? err.message : String(err)}`));
  const currentPolicy = () => {
    const server = credentials.enrolledServerOrigin();
    return contentSecurityPolicy(server ? { kind: 'enrolled', origins: [server] } : { kind: 'enrolling' });
  };

  const session = deps.session();
  allowOnlyWhatTheAppNeeds(session, location.appOrigin, (permission, origin) => log.warn(`Denied permission ${permission} to ${origin}`));
  enforceContentSecurityPolicy(session, currentPolicy);
  if (location.servesPackagedRenderer) deps.protocol.handle(APP_SCHEME, serveRenderer(deps.rendererDir, currentPolicy));

  registerBridgeHandlers(
    deps.ipcMain,
    bridgeHandlers({
      credentials,
      settings,
      window: () => window,
      openReceiptWindow: deps.openWindow,
      files: {
        documentsDir: app.getPath('documents'),
        dialog: { showSaveDialog: (options) => deps.showSaveDialog(window, options) },
      },
      listPrinters: async () => {
        if (!window) return [];
        const printers = await window.webContents.getPrintersAsync();
        return printers.map(({ name, displayName, description }) => ({ name, displayName, description }));
      },
    }),
    location.appOrigin,
    log,
  );

  const { kiosk } = await settings.read();
  const created = deps.openWindow(appWindowOptions({ kiosk, preloadPath: deps.preloadPath, version: app.getVersion(), devTools: !app.isPackaged }));
  window = created;
  created.once('ready-to-show', () => {
    created.show();
    if (app.isPackaged) (deps.updates ?? noAppUpdates).checkInBackground();
  });
  created.on('closed', () => {
    window = null;
  });
  log.info(`Loading ${location.startUrl}`);
  await created.loadURL(location.startUrl);

  return { location, window: () => window, settings, credentials };
}
