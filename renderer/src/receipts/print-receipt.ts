import { saveBlob } from '../platform/files';
import { receiptHtml } from './receipt-html';
import { receiptPdf } from './receipt-pdf';
import { type ReceiptView, receiptFileName } from './receipt-view';

/**
 * Prints a receipt: through the desktop shell to the receipt printer chosen for this computer, or
 * with the browser's own print dialog (the print style sheet shows only the receipt).
 */
export async function printReceipt(v: ReceiptView): Promise<{ ok: true } | { ok: false; error: string }> {
  if (window.cellardoor) {
    const r = await window.cellardoor.printReceipt(receiptHtml(v));
    return r.ok ? { ok: true } : { ok: false, error: r.error ?? 'The receipt could not be printed.' };
  }
  window.print();
  return { ok: true };
}

/** Saves a receipt as a PDF: the shell's save dialog and Chromium's PDF printer, or a download. Null if cancelled. */
export async function saveReceiptAsPdf(v: ReceiptView): Promise<string | null> {
  if (window.cellardoor) return window.cellardoor.saveReceiptPdf(receiptHtml(v), receiptFileName(v));
  return saveBlob(await receiptPdf(v), receiptFileName(v));
}
