import type { ReceiptPrinterSetting } from '@cellardoor/shared/bridge';
import type { WebContentsPrintOptions } from 'electron';
import { type OpenWindow, type ReceiptWindow, withReceiptWindow } from './receipt-document';

/** Print options for a receipt: silent printing goes to the chosen printer (or the default) without a dialog. */
export function receiptPrintOptions(setting: ReceiptPrinterSetting): WebContentsPrintOptions {
  return {
    silent: setting.silent,
    printBackground: true,
    ...(setting.deviceName ? { deviceName: setting.deviceName } : {}),
  };
}

/** Chromium's failure reasons, in words staff can act on. */
function explainFailure(reason: string): string {
  if (/cancel/i.test(reason)) return 'Printing was cancelled.';
  if (/invalid printer settings/i.test(reason)) return 'The receipt printer is not available. Check that it is switched on and chosen in the printer settings.';
  return `The receipt could not be printed (${reason || 'the printer gave no reason'}).`;
}

/** Prints receipt HTML from a hidden, script-less window; resolves when the job is handed to the printer. */
export async function printReceipt(open: OpenWindow<ReceiptWindow>, html: string, setting: ReceiptPrinterSetting): Promise<{ ok: boolean; error?: string }> {
  try {
    return await withReceiptWindow(
      open,
      html,
      (window) =>
        new Promise((resolve) => {
          window.webContents.print(receiptPrintOptions(setting), (success, failureReason) =>
            resolve(success ? { ok: true } : { ok: false, error: explainFailure(failureReason) }),
          );
        }),
    );
  } catch (err) {
    return { ok: false, error: `The receipt could not be prepared for printing (${err instanceof Error ? err.message : String(err)}).` };
  }
}
