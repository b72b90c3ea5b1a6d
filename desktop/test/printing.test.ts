import { describe, expect, it } from 'vitest';
import { printReceipt, receiptPrintOptions } from '../src/printing/print-receipt';
import { RECEIPT_CSP, RECEIPT_WINDOW_OPTIONS, receiptDataUrl } from '../src/printing/receipt-document';
import { windowFactory } from './fakes';

const RECEIPT = '<!doctype html><html><head><title>T2-000001</title></head><body><h1>Receipt T2-000001</h1></body></html>';

function decode(dataUrl: string): string {
  const prefix = 'data:text/html;charset=utf-8;base64,';
  expect(dataUrl.startsWith(prefix)).toBe(true);
  return Buffer.from(dataUrl.slice(prefix.length), 'base64').toString('utf8');
}

describe('the receipt document', () => {
  it('carries a policy that allows no network, placed in <head> after the doctype', () => {
    const html = decode(receiptDataUrl(RECEIPT));
    expect(html).toBe(
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}"><title>T2-000001</title></head><body><h1>Receipt T2-000001</h1></body></html>`,
    );
    expect(RECEIPT_CSP).toContain("default-src 'none'");
    expect(RECEIPT_CSP).not.toMatch(/https?:|'self'|\*/);
  });

  it('gets the policy first when it is a fragment, and after the doctype when it has no <head>', () => {
    expect(decode(receiptDataUrl('<p>Thank you</p>'))).toMatch(/^<meta http-equiv="Content-Security-Policy"[^>]*><p>Thank you<\/p>$/);
    expect(decode(receiptDataUrl('<!DOCTYPE html><p>x</p>'))).toMatch(/^<!DOCTYPE html><meta [^>]*><p>x<\/p>$/);
  });

  it('keeps every character of the receipt (accents, €, emoji)', () => {
    expect(decode(receiptDataUrl('<p>Rosé 12,50 € 🍷</p>'))).toContain('<p>Rosé 12,50 € 🍷</p>');
  });
});

describe('printing a receipt', () => {
  it('prints from a hidden, script-less window to the chosen printer, silently when set, then closes it', async () => {
    const windows = windowFactory();
    const result = await printReceipt(windows.open, RECEIPT, { deviceName: 'EPSON_TM_T20', silent: true });
    expect(result).toEqual({ ok: true });
    expect(windows.opened).toHaveLength(1);
    const [window] = windows.opened;
    expect(window!.options).toEqual(RECEIPT_WINDOW_OPTIONS);
    expect(decode(window!.loaded[0]!)).toContain('<h1>Receipt T2-000001</h1>');
    expect(window!.printed).toEqual([{ silent: true, printBackground: true, deviceName: 'EPSON_TM_T20' }]);
    expect(window!.destroyed).toBe(true);
  });

  it('shows the system print dialog and the default printer unless told otherwise', () => {
    expect(receiptPrintOptions({ deviceName: null, silent: false })).toEqual({ silent: false, printBackground: true });
  });

  it('says in words why a print failed, and still closes the window', async () => {
    const cancelled = windowFactory((w) => (w.printResult = [false, 'Print job canceled']));
    expect(await printReceipt(cancelled.open, RECEIPT, { deviceName: null, silent: false })).toEqual({ ok: false, error: 'Printing was cancelled.' });
    expect(cancelled.opened[0]!.destroyed).toBe(true);
    const offline = windowFactory((w) => (w.printResult = [false, 'Invalid printer settings']));
    expect((await printReceipt(offline.open, RECEIPT, { deviceName: 'GONE', silent: true })).error).toMatch(/printer is not available/);
  });

  it('answers with the reason when the receipt cannot be loaded, and closes the window', async () => {
    const broken = windowFactory((w) => (w.loadError = new Error('ERR_INVALID_URL')));
    expect(await printReceipt(broken.open, RECEIPT, { deviceName: null, silent: true })).toEqual({
      ok: false,
      error: 'The receipt could not be prepared for printing (ERR_INVALID_URL).',
    });
    expect(broken.opened[0]!.printed).toEqual([]);
    expect(broken.opened[0]!.destroyed).toBe(true);
  });
});
