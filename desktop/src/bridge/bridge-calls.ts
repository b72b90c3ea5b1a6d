import type { CellardoorBridge } from '@cellardoor/shared/bridge';

/**
 * Every call the renderer can make to the shell, named after the bridge method it implements.
 * Main registers one handler per name and the preload one method per name; both are checked
 * against `CellardoorBridge`, so a call cannot be added on one side only.
 */
export interface BridgeCalls {
  'credentials.load': CellardoorBridge['credentials']['load'];
  'credentials.save': CellardoorBridge['credentials']['save'];
  'credentials.clear': CellardoorBridge['credentials']['clear'];
  'credentials.storage': CellardoorBridge['credentials']['storage'];
  printReceipt: CellardoorBridge['printReceipt'];
  saveFile: CellardoorBridge['saveFile'];
  saveReceiptPdf: CellardoorBridge['saveReceiptPdf'];
  'kiosk.get': CellardoorBridge['kiosk']['get'];
  'kiosk.set': CellardoorBridge['kiosk']['set'];
  'receiptPrinter.get': CellardoorBridge['receiptPrinter']['get'];
  'receiptPrinter.set': CellardoorBridge['receiptPrinter']['set'];
  'receiptPrinter.list': CellardoorBridge['receiptPrinter']['list'];
}
export type BridgeCall = keyof BridgeCalls;
export type CallArgs<K extends BridgeCall> = Parameters<BridgeCalls[K]>;
export type CallResult<K extends BridgeCall> = Awaited<ReturnType<BridgeCalls[K]>>;

export const channelFor = (call: BridgeCall): string => `cellardoor:${call}`;

/** What crosses IPC: errors travel as a code and a sentence rather than Electron's wrapped Error text. */
export type BridgeReply<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
