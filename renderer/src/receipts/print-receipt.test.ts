import type { CellardoorBridge, Order } from '@cellardoor/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printReceipt, saveReceiptAsPdf } from './print-receipt';
import { receiptHtml } from './receipt-html';
import { receiptView } from './receipt-view';

const order: Order = {
  id: '0192f0a0-0000-7000-8000-000000000001',
  venueId: '0192f0a0-0000-7000-8000-000000000002',
  deviceId: '0192f0a0-0000-7000-8000-000000000003',
  staffId: 'staff-1',
  customerId: null,
  kind: 'SALE',
  refundOf: null,
  status: 'COMPLETED',
  isEventSale: false,
  eventId: null,
  eventType: null,
  salesChannel: 'IN_STORE',
  items: [{ productId: null, sku: 'A', name: '<b>Rosé</b> & co', category: 'ROSE', quantity: 2, unitPriceCents: 1000, discountCents: 100, totalCents: 1900 }],
  subtotalCents: 1900,
  discountCents: 100,
  taxCents: 166,
  totalCents: 2066,
  paymentMethod: 'CARD',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  deviceSeq: 42,
  receiptNumber: 'T2-000042',
  taxRateBps: 875,
};
const view = receiptView(order, { venue: { name: 'Cellar & Co', receiptHeader: 'Thank you', address: null, currency: 'USD' }, staffName: 'Leo', guestName: null, saleReceiptNumber: null });

function withBridge(bridge: Partial<CellardoorBridge> | undefined, print = vi.fn()) {
  vi.stubGlobal('window', { cellardoor: bridge, print });
  return print;
}
afterEach(() => vi.unstubAllGlobals());

describe('receipt printing and PDF through the desktop bridge', () => {
  it('sends the escaped receipt page to the shell printer and reports its failure in words', async () => {
    const printed: string[] = [];
    withBridge({ printReceipt: async (html) => (printed.push(html), { ok: false, error: 'The receipt printer is not available.' }) });
    expect(await printReceipt(view)).toEqual({ ok: false, error: 'The receipt printer is not available.' });
    expect(printed[0]).toBe(receiptHtml(view));
    expect(printed[0]).toContain('&lt;b&gt;Rosé&lt;/b&gt; &amp; co');
    expect(printed[0]).not.toContain('<b>Rosé');
    expect(printed[0]).toContain('T2-000042');
    expect(printed[0]).toContain('$20.66');
    expect(printed[0]).toContain('Served by Leo');
  });

  it('saves the PDF through the shell’s save dialog with the receipt’s name', async () => {
    const calls: Array<[string, string]> = [];
    withBridge({ saveReceiptPdf: async (html, name) => (calls.push([html, name]), '/home/till/Receipt T2-000042.pdf') });
    expect(await saveReceiptAsPdf(view)).toBe('/home/till/Receipt T2-000042.pdf');
    expect(calls).toEqual([[receiptHtml(view), 'Receipt T2-000042.pdf']]);
  });

  it('uses the browser’s print dialog without a shell', async () => {
    const print = withBridge(undefined);
    expect(await printReceipt(view)).toEqual({ ok: true });
    expect(print).toHaveBeenCalledOnce();
  });
});
