import type { CellardoorBridge } from '@cellardoor/shared/bridge';
import { VERSION_ARGUMENT } from '../security/web-preferences';
import { type BridgeCall, type BridgeReply, type CallArgs, type CallResult, channelFor } from './bridge-calls';

/** The one thing the preload uses from ipcRenderer. */
export interface Invoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export interface MainWorldExposer {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** The bridge as the renderer sees it: plain functions that call main and nothing else. */
export function createBridge(ipc: Invoker, version: string): CellardoorBridge {
  const call =
    <K extends BridgeCall>(name: K) =>
    async (...args: CallArgs<K>): Promise<CallResult<K>> => {
      const reply = (await ipc.invoke(channelFor(name), ...args)) as BridgeReply<CallResult<K>>;
      if (reply.ok) return reply.value;
      throw new Error(reply.message);
    };
  return {
    platform: 'electron',
    version,
    credentials: {
      load: call('credentials.load'),
      save: call('credentials.save'),
      clear: call('credentials.clear'),
      storage: call('credentials.storage'),
    },
    printReceipt: call('printReceipt'),
    saveFile: call('saveFile'),
    saveReceiptPdf: call('saveReceiptPdf'),
    kiosk: { get: call('kiosk.get'), set: call('kiosk.set') },
    receiptPrinter: { get: call('receiptPrinter.get'), set: call('receiptPrinter.set'), list: call('receiptPrinter.list') },
  };
}

export function versionFromArgv(argv: readonly string[]): string {
  return argv.find((a) => a.startsWith(VERSION_ARGUMENT))?.slice(VERSION_ARGUMENT.length) ?? 'unknown';
}

/** Exposes `window.cellardoor` and nothing else: no ipcRenderer, no Node, no generic send/invoke. */
export function exposeBridge(contextBridge: MainWorldExposer, ipc: Invoker, argv: readonly string[]): void {
  contextBridge.exposeInMainWorld('cellardoor', createBridge(ipc, versionFromArgv(argv)));
}
