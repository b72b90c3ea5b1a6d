import { join } from 'node:path';
import type { DeviceCredentials } from '@cellardoor/shared/bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGED_ORIGIN } from '../src/app-origin';
import { type BridgeCall, channelFor } from '../src/bridge/bridge-calls';
import { createBridge } from '../src/bridge/create-bridge';
import { credentialsStore } from '../src/credentials-store';
import { bridgeHandlers } from '../src/ipc/bridge-handlers';
import { registerBridgeHandlers } from '../src/ipc/register-bridge-handlers';
import { isTrustedSender } from '../src/ipc/trusted-sender';
import { settingsFile } from '../src/settings-file';
import { FakeDialog, FakeIpcMain, FakeSafeStorage, FakeWindow, recordingLog, temporaryFolder, windowFactory } from './fakes';

const ALL_CALLS: BridgeCall[] = [
  'credentials.load',
  'credentials.save',
  'credentials.clear',
  'credentials.storage',
  'printReceipt',
  'saveFile',
  'saveReceiptPdf',
  'kiosk.get',
  'kiosk.set',
  'receiptPrinter.get',
  'receiptPrinter.set',
  'receiptPrinter.list',
];

const device: DeviceCredentials = {
  serverUrl: 'http://192.168.1.20:8787',
  tenantId: 't-1',
  deviceId: 'd-1',
  deviceToken: 'cd_dev_0123456789abcdef0123',
  deviceNumber: 1,
  deviceName: 'Bar tablet',
  venueId: 'v-1',
  role: 'STAFF',
  enrolledAt: '2025-05-01T10:00:00.000+02:00',
};

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let ipcMain: FakeIpcMain;
let window: FakeWindow;
let log: ReturnType<typeof recordingLog>;
let receiptWindows: ReturnType<typeof windowFactory>;
const APP_PAGE = `${PACKAGED_ORIGIN}/index.html#/checkout`;

beforeEach(async () => {
  folder = await temporaryFolder();
  ipcMain = new FakeIpcMain();
  window = new FakeWindow({});
  log = recordingLog();
  receiptWindows = windowFactory();
  registerBridgeHandlers(
    ipcMain,
    bridgeHandlers({
      credentials: credentialsStore(new FakeSafeStorage(), join(folder.path, 'device-credentials.bin'), 'win32'),
      settings: settingsFile(join(folder.path, 'settings.json')),
      window: () => window,
      openReceiptWindow: receiptWindows.open,
      files: { dialog: new FakeDialog(), documentsDir: folder.path },
      listPrinters: async () => [{ name: 'EPSON_TM_T20', displayName: 'EPSON TM-T20', description: '' }],
    }),
    PACKAGED_ORIGIN,
    log,
  );
});
afterEach(() => folder.remove());

/** The real preload bridge, talking to the registered handlers as the app page would. */
const bridgeFrom = (url: string | null) => createBridge({ invoke: (channel, ...args) => ipcMain.invoke(channel, url, ...args) }, 'test');

describe('IPC handlers', () => {
  it('exist for exactly the bridge’s calls, each on its own channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(ALL_CALLS.map(channelFor).sort());
  });

  it('cannot be registered twice', () => {
    expect(() =>
      registerBridgeHandlers(ipcMain, bridgeHandlers({} as never), PACKAGED_ORIGIN, log),
    ).toThrow(/second handler/);
  });

  it('do what the app page asks', async () => {
    const bridge = bridgeFrom(APP_PAGE);
    await bridge.credentials.save(device);
    expect(await bridge.credentials.load()).toEqual(device);
    await bridge.kiosk.set(true);
    expect(window.calls).toEqual(['setKiosk(true)']);
    expect(await bridge.kiosk.get()).toBe(true);
    await bridge.receiptPrinter.set({ deviceName: 'EPSON_TM_T20', silent: true });
    expect(await bridge.printReceipt('<p>Receipt</p>')).toEqual({ ok: true });
    expect(receiptWindows.opened[0]!.printed).toEqual([{ silent: true, printBackground: true, deviceName: 'EPSON_TM_T20' }]);
    expect(await bridge.receiptPrinter.list()).toHaveLength(1);
    expect(await bridge.credentials.storage()).toEqual({ available: true });
    expect(await bridge.saveFile({ suggestedName: 'a.csv', contents: 'x' })).toBeNull();
  });

  it.each([
    ['another origin', 'https://evil.example.com/'],
    ['the sync server, when the app is not served from it', 'http://192.168.1.20:8787/'],
    ['a data: page', 'data:text/html,hi'],
    ['a file: page', 'file:///tmp/x.html'],
  ])('refuse %s', async (_what, url) => {
    await expect(bridgeFrom(url).credentials.load()).rejects.toThrow('Only the Cellardoor app itself may use the desktop shell.');
    expect(log.lines).toEqual([`refused credentials.load FORBIDDEN ${url}`]);
  });

  it('refuse a frame inside the app page and a frame that is gone', async () => {
    const handler = ipcMain.handlers.get(channelFor('kiosk.set'))!;
    expect(await handler({ senderFrame: { url: APP_PAGE, parent: {} } }, true)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await handler({ senderFrame: null }, true)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(window.calls).toEqual([]);
  });

  it.each<[string, BridgeCall, unknown[]]>([
    ['kiosk.set without a boolean', 'kiosk.set', ['yes']],
    ['kiosk.set with an extra argument', 'kiosk.set', [true, 'more']],
    ['kiosk.get with an argument', 'kiosk.get', [1]],
    ['credentials with a file: server', 'credentials.save', [{ ...device, serverUrl: 'file:///etc' }]],
    ['credentials with an extra field', 'credentials.save', [{ ...device, admin: true }]],
    ['credentials without a token', 'credentials.save', [{ ...device, deviceToken: undefined }]],
    ['an empty receipt', 'printReceipt', ['']],
    ['a receipt over a megabyte', 'printReceipt', ['x'.repeat(1_000_001)]],
    ['a receipt that is not text', 'printReceipt', [{ html: '<p>' }]],
    ['a file name that is a path', 'saveFile', [{ suggestedName: '../../.bashrc', contents: 'x' }]],
    ['a file without contents', 'saveFile', [{ suggestedName: 'a.csv' }]],
    ['a filter with a strange extension', 'saveFile', [{ suggestedName: 'a.csv', contents: 'x', filters: [{ name: 'x', extensions: ['*'] }] }]],
    ['a PDF name that is a path', 'saveReceiptPdf', ['<p>r</p>', 'C:\\Windows\\r.pdf']],
    ['a printer setting without silent', 'receiptPrinter.set', [{ deviceName: 'P' }]],
  ])('refuse %s, doing nothing', async (_what, call, args) => {
    const reply = (await ipcMain.invoke(channelFor(call), APP_PAGE, ...args)) as { ok: boolean; code: string; message: string };
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(reply.message).toContain(call);
    expect(window.calls).toEqual([]);
    expect(receiptWindows.opened).toEqual([]);
    expect(await bridgeFrom(APP_PAGE).credentials.load()).toBeNull();
  });

  it('pass on a shell failure as its code and sentence', async () => {
    const unavailable = new FakeSafeStorage();
    unavailable.available = false;
    const ipc = new FakeIpcMain();
    registerBridgeHandlers(
      ipc,
      bridgeHandlers({
        credentials: credentialsStore(unavailable, join(folder.path, 'c.bin'), 'win32'),
        settings: settingsFile(join(folder.path, 's.json')),
        window: () => null,
        openReceiptWindow: receiptWindows.open,
        files: { dialog: new FakeDialog(), documentsDir: folder.path },
        listPrinters: async () => {
          throw new Error('spooler stopped');
        },
      }),
      PACKAGED_ORIGIN,
      log,
    );
    expect(await ipc.invoke(channelFor('credentials.save'), APP_PAGE, device)).toMatchObject({ ok: false, code: 'ENCRYPTION_UNAVAILABLE' });
    expect(await ipc.invoke(channelFor('receiptPrinter.list'), APP_PAGE)).toEqual({
      ok: false,
      code: 'FAILED',
      message: 'The desktop shell could not complete receiptPrinter.list (spooler stopped).',
    });
    expect(log.lines).toEqual(['failed receiptPrinter.list Error: spooler stopped']);
  });
});

describe('the sender check', () => {
  it('accepts only the top frame of the app origin', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://cellardoor/index.html', parent: null } }, PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'APP://CELLARDOOR/index.html', parent: null } }, PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://cellardoor.evil/index.html', parent: null } }, PACKAGED_ORIGIN)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'http://127.0.0.1:8787/', parent: null } }, 'http://127.0.0.1:8787')).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'http://127.0.0.1:8787@evil.com/', parent: null } }, 'http://127.0.0.1:8787')).toBe(false);
  });
});
