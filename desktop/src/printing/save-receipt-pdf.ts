import type { PrintToPDFOptions } from 'electron';
import { askWhereToSave, safeFileName } from '../files/save-dialog';
import { type FileSaving, writeChosenFile } from '../files/save-file';
import { ShellError } from '../shell-error';
import { type OpenWindow, type ReceiptWindow, withReceiptWindow } from './receipt-document';

/** The receipt's own @page rule decides the paper (a till roll or A4); backgrounds are kept. */
export const RECEIPT_PDF_OPTIONS: PrintToPDFOptions = { printBackground: true, preferCSSPageSize: true };

/** Asks where to save first (nothing is rendered if the user cancels), then writes the receipt as a PDF. */
export async function saveReceiptPdf(deps: FileSaving & { open: OpenWindow<ReceiptWindow> }, html: string, suggestedName: string): Promise<string | null> {
  const name = safeFileName(suggestedName, 'pdf');
  const path = await askWhereToSave(deps.dialog, deps.documentsDir, name, [{ name: 'PDF document', extensions: ['pdf'] }]);
  if (!path) return null;
  let pdf: Buffer;
  try {
    pdf = await withReceiptWindow(deps.open, html, (window) => window.webContents.printToPDF(RECEIPT_PDF_OPTIONS));
  } catch (err) {
    throw new ShellError('PDF_FAILED', `The receipt could not be turned into a PDF (${err instanceof Error ? err.message : String(err)}).`);
  }
  await writeChosenFile(path, pdf);
  return path;
}
