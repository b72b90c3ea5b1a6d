import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { channelFor } from '../src/bridge/bridge-calls';
import { type Invoker, createBridge, exposeBridge } from '../src/bridge/create-bridge';
import { VERSION_ARGUMENT } from '../src/security/web-preferences';
import { bundleOptions, entries } from '../bundle-options.mjs';

/** The bridge's shape as the renderer would see it: every key, with functions as "fn". */
function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'fn';
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value;
}

const EXPECTED_SHAPE = {
  platform: 'electron',
  version: '1.2.3',
  credentials: { load: 'fn', save: 'fn', clear: 'fn', storage: 'fn' },
  printReceipt: 'fn',
  saveFile: 'fn',
  saveReceiptPdf: 'fn',
  kiosk: { get: 'fn', set: 'fn' },
  receiptPrinter: { get: 'fn', set: 'fn', list: 'fn' },
};

function recordingInvoker(reply: unknown = { ok: true, value: null }) {
  const calls: unknown[][] = [];
  const ipc: Invoker = {
    invoke: async (channel, ...args) => {
      calls.push([channel, ...args]);
      return reply;
    },
  };
  return { ipc, calls };
}

describe('the preload', () => {
  it('exposes exactly one thing, window.cellardoor, with exactly the bridge’s methods', () => {
    const exposed: Array<[string, unknown]> = [];
    exposeBridge({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, recordingInvoker().ipc, ['electron', `${VERSION_ARGUMENT}1.2.3`]);
    expect(exposed.map(([key]) => key)).toEqual(['cellardoor']);
    expect(shape(exposed[0]![1])).toEqual(EXPECTED_SHAPE);
  });

  it('hands out neither ipcRenderer nor a generic invoke', () => {
    const { ipc } = recordingInvoker();
    const bridge = createBridge(ipc, '1');
    const reachable = JSON.stringify(shape(bridge));
    expect(reachable).not.toMatch(/invoke|send|ipc|require|process/i);
    expect(Object.values(bridge)).not.toContain(ipc);
  });

  it('sends each call on its own channel with the caller’s arguments', async () => {
    const { ipc, calls } = recordingInvoker();
    const bridge = createBridge(ipc, '1');
    await bridge.kiosk.set(true);
    await bridge.saveReceiptPdf('<p>r</p>', 'T2-000001.pdf');
    await bridge.credentials.load();
    expect(calls).toEqual([
      [channelFor('kiosk.set'), true],
      [channelFor('saveReceiptPdf'), '<p>r</p>', 'T2-000001.pdf'],
      [channelFor('credentials.load')],
    ]);
  });

  it('resolves with the value main returned and rejects with main’s sentence', async () => {
    expect(await createBridge(recordingInvoker({ ok: true, value: true }).ipc, '1').kiosk.get()).toBe(true);
    const failing = createBridge(recordingInvoker({ ok: false, code: 'ENCRYPTION_UNAVAILABLE', message: 'No keychain here.' }).ipc, '1');
    await expect(failing.credentials.save({} as never)).rejects.toThrow('No keychain here.');
  });

  it('reads the version main passed on the command line', () => {
    expect(createBridge(recordingInvoker().ipc, '1').version).toBe('1');
    const exposed: unknown[] = [];
    exposeBridge({ exposeInMainWorld: (_k, api) => exposed.push(api) }, recordingInvoker().ipc, ['electron']);
    expect((exposed[0] as { version: string }).version).toBe('unknown');
  });

  it('as bundled for Electron, requires nothing but electron and exposes only the bridge', async () => {
    const preload = entries.find((e) => e.outfile.endsWith('preload.cjs'))!;
    const result = await build({
      ...bundleOptions,
      ...preload,
      absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
      sourcemap: false,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required: string[] = [];
    const exposed: Array<[string, unknown]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: recordingInvoker().ipc,
    };
    // The sandboxed preload's world: a require that knows only electron, and a process with argv.
    runInNewContext(code, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
      module: { exports: {} },
      exports: {},
      process: { argv: ['electron', `${VERSION_ARGUMENT}1.2.3`] },
    });
    expect(required).toEqual(['electron']);
    expect(exposed.map(([key]) => key)).toEqual(['cellardoor']);
    expect(shape(exposed[0]![1])).toEqual(EXPECTED_SHAPE);
  });
});
