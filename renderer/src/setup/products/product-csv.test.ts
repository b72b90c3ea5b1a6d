import type { Product } from '@cellardoor/shared';
import { describe, expect, it } from 'vitest';
import { categoryCode, exportProductsCsv, guessMapping, parseCsv, planImport } from './product-csv';

const now = '2026-05-01T10:00:00.000Z';
let n = 0;
const make = { now, newId: () => `0196a000-0000-7000-8000-${String(++n).padStart(12, '0')}` };
const product = (sku: string, priceCents: number, extra: Partial<Product> = {}): Product => ({
  id: make.newId(), sku, name: `Wine ${sku}`, category: 'RED', priceCents, isActive: true, barcode: null,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...extra,
});

describe('products CSV', () => {
  it('round-trips: importing the exported file changes nothing', () => {
    const catalogue = [product('RED-1', 6800, { barcode: '0850001001014', name: 'Cabernet, "Estate"' }), product('MER-1', 1250, { category: 'MERCH', isActive: false })];
    const csv = exportProductsCsv(catalogue);
    const parsed = parseCsv(csv);
    expect(parsed.problems).toEqual([]);
    const plan = planImport(parsed.rows, guessMapping(parsed.headers), catalogue, make);
    expect(plan.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('maps columns by their names, updates by SKU without duplicating, and creates new SKUs', () => {
    const csv = 'Item Code;Product Name;Type;Retail Price;EAN\n red-1 ;Cabernet 2022;Red wine;$72.00;\nWHI-9;Chardonnay;White;38;0850001002011\n';
    const parsed = parseCsv(csv);
    const mapping = guessMapping(parsed.headers);
    expect(mapping).toEqual({ sku: 'Item Code', name: 'Product Name', category: 'Type', price: 'Retail Price', barcode: 'EAN' });
    const existing = [product('RED-1', 6800)];
    const plan = planImport(parsed.rows, mapping, existing, make);
    expect(plan[0]).toMatchObject({ action: 'update', product: { id: existing[0]!.id, sku: 'RED-1', priceCents: 7200, name: 'Cabernet 2022', category: 'RED_WINE' } });
    expect(plan[1]).toMatchObject({ action: 'create', product: { sku: 'WHI-9', priceCents: 3800, category: 'WHITE', barcode: '0850001002011', isActive: true } });
  });

  it('explains each bad row in plain words and keeps the good ones', () => {
    const csv = ['sku,name,category,price,active', 'A-1,Flight,TASTING,twelve,yes', ',No sku,MERCH,5,yes', 'A-2,,MERCH,5,maybe', 'A-3,Glass,MERCH,-2,yes', 'a-3,Glass again,MERCH,3,yes', 'A-4,Tote,MERCH,24.5,no'].join('\n');
    const parsed = parseCsv(csv);
    const plan = planImport(parsed.rows, guessMapping(parsed.headers), [], make);
    expect(plan.map((r) => [r.line, r.action])).toEqual([[2, 'error'], [3, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'create']]);
    expect(plan[0]!.problems).toEqual(['The price “twelve” is not an amount like 24.50.']);
    expect(plan[1]!.problems[0]).toMatch(/SKU is empty/);
    expect(plan[2]!.problems).toEqual(['The name is empty; a new product needs one.', '“maybe” in the active column should be yes or no.']);
    expect(plan[3]!.problems).toEqual(['The price must not be negative.']);
    expect(plan[4]!.problems[0]).toMatch(/already appears on line 5/);
    expect(plan[5]!.product).toMatchObject({ priceCents: 2450, isActive: false });
  });

  it('refuses a barcode that belongs to another product', () => {
    const existing = [product('RED-1', 6800, { barcode: '123' })];
    const plan = planImport(parseCsv('sku,name,category,price,barcode\nRED-2,Merlot,RED,20,123').rows, { sku: 'sku', name: 'name', category: 'category', price: 'price', barcode: 'barcode' }, existing, make);
    expect(plan[0]!.problems).toEqual(['The barcode 123 already belongs to RED-1.']);
  });

  it('turns typed categories into codes', () => {
    expect(categoryCode(' Rosé wine ')).toBe('ROSE_WINE');
    expect(categoryCode('merch')).toBe('MERCH');
  });
});
