import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialogFilters, safeFileName } from '../src/files/save-dialog';
import { saveFile } from '../src/files/save-file';
import { RECEIPT_PDF_OPTIONS, saveReceiptPdf } from '../src/printing/save-receipt-pdf';
import { RECEIPT_WINDOW_OPTIONS } from '../src/printing/receipt-document';
import { ShellError } from '../src/shell-error';
import { FakeDialog, temporaryFolder, windowFactory } from './fakes';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let dialog: FakeDialog;
beforeEach(async () => {
  folder = await temporaryFolder();
  dialog = new FakeDialog();
});
afterEach(() => folder.remove());

const documentsDir = '/home/staff/Documents';

describe('saving an export', () => {
  it('asks where, starting in Documents with the suggested name, and writes the text there', async () => {
    const target = join(folder.path, 'tag-revenue.csv');
    dialog.answers.push({ canceled: false, filePath: target });
    const csv = 'tag,revenue\r\nWINE_CLUB,1049.50\r\nRosé,12.00\r\n';
    const saved = await saveFile({ dialog, documentsDir }, { suggestedName: 'tag-revenue.csv', contents: csv });
    expect(saved).toBe(target);
    expect(dialog.asked).toEqual([
      {
        defaultPath: join(documentsDir, 'tag-revenue.csv'),
        filters: [{ name: 'CSV file', extensions: ['csv'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    ]);
    expect(await readFile(target, 'utf8')).toBe(csv);
  });

  it('uses the filters the renderer gives', async () => {
    dialog.answers.push({ canceled: false, filePath: join(folder.path, 'x.json') });
    await saveFile({ dialog, documentsDir }, { suggestedName: 'x.json', contents: '{}', filters: [{ name: 'JSON', extensions: ['json'] }] });
    expect(dialog.asked[0]!.filters).toEqual([{ name: 'JSON', extensions: ['json'] }]);
  });

  it('writes nothing when the user cancels', async () => {
    dialog.answers.push({ canceled: true, filePath: '' });
    expect(await saveFile({ dialog, documentsDir }, { suggestedName: 'a.csv', contents: 'x' })).toBeNull();
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('says where and why when the file cannot be written', async () => {
    const target = join(folder.path, 'missing-folder', 'a.csv');
    dialog.answers.push({ canceled: false, filePath: target });
    const error = await saveFile({ dialog, documentsDir }, { suggestedName: 'a.csv', contents: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShellError);
    expect(error).toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining(target) });
  });
});

describe('file names', () => {
  it.each([
    ['tag-revenue 2025-05-01.csv', 'tag-revenue 2025-05-01.csv'],
    ['a:b*c?.csv', 'a-b-c-.csv'],
    ['..', 'export'],
    ['  .hidden.csv  ', 'hidden.csv'],
    ['CON.csv', '_CON.csv'],
    ['line\nbreak.csv', 'line-break.csv'],
  ])('%j is saved as %j', (suggested, safe) => {
    expect(safeFileName(suggested)).toBe(safe);
  });

  it('gets the extension a PDF needs', () => {
    expect(safeFileName('T2-000001', 'pdf')).toBe('T2-000001.pdf');
    expect(safeFileName('T2-000001.PDF', 'pdf')).toBe('T2-000001.PDF');
  });

  it('offers no filter when the name has no extension', () => {
    expect(dialogFilters('notes', undefined)).toEqual([]);
  });
});

describe('saving a receipt as a PDF', () => {
  it('asks where first, renders the receipt in a hidden window and writes the PDF', async () => {
    const target = join(folder.path, 'T2-000001.pdf');
    dialog.answers.push({ canceled: false, filePath: target });
    const windows = windowFactory();
    const saved = await saveReceiptPdf({ dialog, documentsDir, open: windows.open }, '<p>Receipt</p>', 'T2-000001');
    expect(saved).toBe(target);
    expect(dialog.asked[0]).toMatchObject({ defaultPath: join(documentsDir, 'T2-000001.pdf'), filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
    expect(windows.opened[0]!.options).toEqual(RECEIPT_WINDOW_OPTIONS);
    expect(windows.opened[0]!.pdfOptions).toEqual([RECEIPT_PDF_OPTIONS]);
    expect(RECEIPT_PDF_OPTIONS).toEqual({ printBackground: true, preferCSSPageSize: true });
    expect(windows.opened[0]!.destroyed).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 receipt');
  });

  it('renders nothing when the user cancels', async () => {
    const windows = windowFactory();
    expect(await saveReceiptPdf({ dialog, documentsDir, open: windows.open }, '<p>Receipt</p>', 'r.pdf')).toBeNull();
    expect(windows.opened).toEqual([]);
  });

  it('reports a rendering failure and writes nothing', async () => {
    dialog.answers.push({ canceled: false, filePath: join(folder.path, 'r.pdf') });
    const windows = windowFactory((w) => (w.loadError = new Error('ERR_ABORTED')));
    const error = await saveReceiptPdf({ dialog, documentsDir, open: windows.open }, '<p>Receipt</p>', 'r.pdf').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PDF_FAILED' });
    expect(windows.opened[0]!.destroyed).toBe(true);
    expect(await readdir(folder.path)).toEqual([]);
  });
});
