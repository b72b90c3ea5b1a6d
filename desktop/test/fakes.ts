// Stand-ins for the Electron objects the shell is given, recording what is done to them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { BrowserWindowConstructorOptions, CustomScheme, PrintToPDFOptions, SaveDialogOptions, WebContentsPrintOptions } from 'electron';
import type { ShellWindow } from '../src/app-window';
import type { KeyStorage } from '../src/credentials-store';
import type { IpcMainLike, InvokeEvent } from '../src/ipc/register-bridge-handlers';
import type { GuardedContents, NavigationEvent } from '../src/security/navigation-guard';
import type { ShellApp, ShellLog } from '../src/start-shell';

export async function temporaryFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'cellardoor-desktop-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A navigation event that remembers whether it was stopped. */
export function navigationEvent(url: string): NavigationEvent & { prevented: boolean } {
  const event = {
    url,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

type Listener = (...args: never[]) => unknown;

export class FakeContents implements GuardedContents {
  listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires an event the way Chromium would and tells whether the page was stopped. */
  emit(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const e = navigationEvent(url);
    for (const l of this.listeners.get(event) ?? []) (l as (e: NavigationEvent) => void)(e);
    return e.prevented;
  }
}

export class FakeWindow implements ShellWindow {
  kiosk: boolean;
  minimized = false;
  calls: string[] = [];
  loaded: string[] = [];
  destroyed = false;
  listeners = new Map<string, Array<() => void>>();
  printed: WebContentsPrintOptions[] = [];
  pdfOptions: PrintToPDFOptions[] = [];
  printResult: [boolean, string] = [true, ''];
  loadError: Error | null = null;
  printers = [{ name: 'EPSON_TM_T20', displayName: 'EPSON TM-T20', description: 'Receipt printer' }];

  constructor(readonly options: BrowserWindowConstructorOptions) {
    this.kiosk = options.kiosk ?? false;
  }
  isMinimized = () => this.minimized;
  restore = () => {
    this.calls.push('restore');
    this.minimized = false;
  };
  show = () => {
    this.calls.push('show');
  };
  focus = () => {
    this.calls.push('focus');
  };
  setKiosk = (flag: boolean) => {
    this.calls.push(`setKiosk(${flag})`);
    this.kiosk = flag;
  };
  isKiosk = () => this.kiosk;
  loadURL = async (url: string) => {
    this.loaded.push(url);
    if (this.loadError) throw this.loadError;
  };
  destroy = () => {
    this.destroyed = true;
  };
  once(event: string, listener: () => void): this {
    return this.on(event, listener);
  }
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }
  webContents = {
    print: (options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void) => {
      this.printed.push(options);
      callback(...this.printResult);
    },
    printToPDF: async (options: PrintToPDFOptions) => {
      this.pdfOptions.push(options);
      return Buffer.from('%PDF-1.7 receipt');
    },
    getPrintersAsync: async () => this.printers,
  };
}

/** Opens FakeWindows and keeps every one it made. */
export function windowFactory(configure: (w: FakeWindow) => void = () => {}) {
  const opened: FakeWindow[] = [];
  const open = (options: BrowserWindowConstructorOptions) => {
    const w = new FakeWindow(options);
    configure(w);
    opened.push(w);
    return w;
  };
  return { open, opened };
}

/**
 * safeStorage as the OS provides it: real AES-GCM under a key the "keychain" holds, so a file
 * written by the store is unreadable without it.
 */
export class FakeSafeStorage implements KeyStorage {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  private key = randomBytes(32);
  isEncryptionAvailable = () => this.available;
  getSelectedStorageBackend = () => this.backend ?? 'unknown';
  encryptString = (plainText: string): Buffer => {
    if (!this.available) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  decryptString = (encrypted: Buffer): string => {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  };
  /** A new keychain (another user, a reinstalled OS): old files cannot be decrypted. */
  forgetKey(): void {
    this.key = randomBytes(32);
  }
}

export type IpcListener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, IpcListener>();
  handle(channel: string, listener: IpcListener): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  /** Calls a channel as a frame at `url` would (top-level unless `subframe`). */
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = url === null ? null : { url, parent: null };
    return handler({ senderFrame }, ...args);
  }
}

export function recordingLog(): ShellLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    refused: (call, code, detail) => lines.push(`refused ${call} ${code} ${detail}`),
    failed: (call, error) => lines.push(`failed ${call} ${String(error)}`),
  };
}

export class FakeApp implements ShellApp {
  isPackaged = false;
  lockAvailable = true;
  calls: string[] = [];
  listeners = new Map<string, Listener[]>();
  constructor(
    private readonly userData: string,
    private readonly documents: string,
  ) {}
  requestSingleInstanceLock = () => {
    this.calls.push('requestSingleInstanceLock');
    return this.lockAvailable;
  };
  quit = () => {
    this.calls.push('quit');
  };
  enableSandbox = () => {
    this.calls.push('enableSandbox');
  };
  whenReady = async () => {
    this.calls.push('whenReady');
  };
  getPath = (name: 'userData' | 'documents') => (name === 'userData' ? this.userData : this.documents);
  getVersion = () => '1.2.3';
  on(event: string, listener: Listener): this {
    this.calls.push(`on(${event})`);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeSession {
  /** `calls` may be shared with other fakes to see the order of everything. */
  constructor(readonly calls: string[] = []) {}
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null = null;
  checkHandler: ((contents: unknown, permission: string, requestingOrigin: string) => boolean) | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;
  headersListener:
    | ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)
    | null = null;
  setPermissionRequestHandler = (h: NonNullable<FakeSession['requestHandler']>) => {
    this.calls.push('setPermissionRequestHandler');
    this.requestHandler = h;
  };
  setPermissionCheckHandler = (h: NonNullable<FakeSession['checkHandler']>) => {
    this.calls.push('setPermissionCheckHandler');
    this.checkHandler = h;
  };
  setDevicePermissionHandler = (h: NonNullable<FakeSession['deviceHandler']>) => {
    this.calls.push('setDevicePermissionHandler');
    this.deviceHandler = h;
  };
  webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.calls.push('onHeadersReceived');
      this.headersListener = listener;
    },
  };
  /** The headers a response ends up with after the session's listener. */
  respond(headers: Record<string, string[]> = {}): Record<string, string[]> {
    let out: Record<string, string[]> | undefined;
    this.headersListener?.({ responseHeaders: headers }, (r) => {
      out = r.responseHeaders;
    });
    if (!out) throw new Error('the headers listener did not answer');
    return out;
  }
}

export class FakeProtocol {
  privileged: CustomScheme[] = [];
  handlers = new Map<string, (request: Request) => Promise<Response>>();
  registerSchemesAsPrivileged = (schemes: CustomScheme[]) => {
    this.privileged.push(...schemes);
  };
  handle = (scheme: string, handler: (request: Request) => Promise<Response>) => {
    this.handlers.set(scheme, handler);
  };
}

export class FakeDialog {
  answers: Array<{ canceled: boolean; filePath?: string }> = [];
  asked: SaveDialogOptions[] = [];
  showSaveDialog = async (options: SaveDialogOptions) => {
    this.asked.push(options);
    return this.answers.shift() ?? { canceled: true, filePath: '' };
  };
}
