import {
  type PrinterInfo,
  deviceCredentialsSchema,
  receiptHtmlSchema,
  receiptPrinterSettingSchema,
  saveFileRequestSchema,
  suggestedFileNameSchema,
} from '@cellardoor/shared/bridge';
import { z } from 'zod';
import type { CredentialsStore } from '../credentials-store';
import { saveFile, type FileSaving } from '../files/save-file';
import { type KioskWindow, isKiosk, setKiosk } from '../kiosk';
import { printReceipt } from '../printing/print-receipt';
import type { OpenWindow, ReceiptWindow } from '../printing/receipt-document';
import { saveReceiptPdf } from '../printing/save-receipt-pdf';
import type { SettingsFile } from '../settings-file';
import type { BridgeHandlers } from './register-bridge-handlers';

export interface ShellServices {
  credentials: CredentialsStore;
  settings: SettingsFile;
  /** The app window, once it exists. */
  window(): KioskWindow | null;
  openReceiptWindow: OpenWindow<ReceiptWindow>;
  files: FileSaving;
  listPrinters(): Promise<PrinterInfo[]>;
}

const none = z.tuple([]);

/** What each bridge call accepts and does. Arguments are validated before any of this runs. */
export function bridgeHandlers(s: ShellServices): BridgeHandlers {
  return {
    'credentials.load': { args: none, run: () => s.credentials.load() },
    'credentials.save': { args: z.tuple([deviceCredentialsSchema]), run: (c) => s.credentials.save(c) },
    'credentials.clear': { args: none, run: () => s.credentials.clear() },
    'credentials.storage': { args: none, run: async () => s.credentials.storage() },
    printReceipt: {
      args: z.tuple([receiptHtmlSchema]),
      run: async (html) => printReceipt(s.openReceiptWindow, html, (await s.settings.read()).receiptPrinter),
    },
    saveFile: { args: z.tuple([saveFileRequestSchema]), run: (request) => saveFile(s.files, request) },
    saveReceiptPdf: {
      args: z.tuple([receiptHtmlSchema, suggestedFileNameSchema]),
      run: (html, name) => saveReceiptPdf({ ...s.files, open: s.openReceiptWindow }, html, name),
    },
    'kiosk.get': { args: none, run: () => isKiosk(s.window(), s.settings) },
    'kiosk.set': { args: z.tuple([z.boolean()]), run: (on) => setKiosk(s.window(), s.settings, on) },
    'receiptPrinter.get': { args: none, run: async () => (await s.settings.read()).receiptPrinter },
    'receiptPrinter.set': {
      args: z.tuple([receiptPrinterSettingSchema]),
      run: async (setting) => {
        await s.settings.update({ receiptPrinter: setting });
      },
    },
    'receiptPrinter.list': { args: none, run: () => s.listPrinters() },
  };
}
