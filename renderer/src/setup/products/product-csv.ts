import { Product, parseMoney } from '@cellardoor/shared';
import Papa from 'papaparse';

/**
 * The catalogue as a spreadsheet: export, and import with column mapping, a preview and plain
 * reasons per row. A row whose SKU matches an existing product updates it (SKUs compare without
 * case or surrounding spaces), so importing the exported file again changes nothing.
 */
export const PRODUCT_FIELDS = [
  { key: 'sku', label: 'SKU', synonyms: ['sku', 'code', 'item code', 'product code', 'article'] },
  { key: 'name', label: 'Name', synonyms: ['name', 'product', 'product name', 'description', 'title', 'item'] },
  { key: 'category', label: 'Category', synonyms: ['category', 'type', 'group', 'department'] },
  { key: 'price', label: 'Price', synonyms: ['price', 'unit price', 'retail', 'retail price', 'amount'] },
  { key: 'barcode', label: 'Barcode', synonyms: ['barcode', 'ean', 'upc', 'gtin', 'bar code'] },
  { key: 'active', label: 'Active', synonyms: ['active', 'enabled', 'on sale', 'status', 'is active'] },
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number]['key'];
export type ColumnMapping = Partial<Record<ProductField, string>>;

const CSV_COLUMNS: Record<ProductField, string> = { sku: 'sku', name: 'name', category: 'category', price: 'price', barcode: 'barcode', active: 'active' };

export function exportProductsCsv(products: readonly Product[]): string {
  const rows = [...products]
    .sort((a, b) => a.sku.localeCompare(b.sku))
    .map((p) => ({
      sku: p.sku,
      name: p.name,
      category: p.category,
      price: (p.priceCents / 100).toFixed(2),
      barcode: p.barcode ?? '',
      active: p.isActive ? 'yes' : 'no',
    }));
  return Papa.unparse({ fields: Object.values(CSV_COLUMNS), data: rows.map((r) => Object.values(CSV_COLUMNS).map((c) => r[c as ProductField])) });
}

export interface ParsedCsv {
  headers: string[];
  rows: Record<string, string>[];
  problems: string[];
}

export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const headers = (result.meta.fields ?? []).filter((h) => h !== '');
  const problems = result.errors.slice(0, 5).map((e) => `Line ${(e.row ?? 0) + 2}: ${e.message}.`);
  return { headers, rows: result.data, problems };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Picks the column for each field by its header's name; the manager can change every choice. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of PRODUCT_FIELDS) {
    const hit = headers.find((h) => (f.synonyms as readonly string[]).includes(norm(h)));
    if (hit) mapping[f.key] = hit;
  }
  return mapping;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface PlannedRow {
  /** The line in the file (the header is line 1). */
  line: number;
  sku: string;
  action: RowAction;
  problems: string[];
  product?: Product;
}

const skuKey = (s: string) => s.trim().toLowerCase();
const YES = new Set(['yes', 'y', 'true', '1', 'active', 'on', 'enabled']);
const NO = new Set(['no', 'n', 'false', '0', 'inactive', 'off', 'disabled', 'retired']);

/** "Red wine" → RED_WINE: categories are codes, typed any way. */
export function categoryCode(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const FIELD_WORDS: Record<string, string> = { sku: 'SKU', name: 'name', category: 'category', priceCents: 'price', barcode: 'barcode', isActive: 'active' };

export function planImport(
  rows: readonly Record<string, string>[],
  mapping: ColumnMapping,
  existing: readonly Product[],
  make: { now: string; newId: () => string },
): PlannedRow[] {
  const bySku = new Map(existing.map((p) => [skuKey(p.sku), p]));
  const barcodeOwner = new Map(existing.filter((p) => p.barcode).map((p) => [p.barcode!, p.sku]));
  const seenSku = new Map<string, number>();
  const seenBarcode = new Map<string, number>();
  return rows.map((row, i) => {
    const line = i + 2;
    const cell = (f: ProductField) => (mapping[f] ? (row[mapping[f]!] ?? '').trim() : '');
    const has = (f: ProductField) => cell(f) !== '';
    const sku = cell('sku');
    const problems: string[] = [];
    if (!mapping.sku) return { line, sku, action: 'error', problems: ['No column is chosen for the SKU.'] };
    if (!sku) return { line, sku, action: 'error', problems: ['The SKU is empty; every product needs one.'] };
    const earlier = seenSku.get(skuKey(sku));
    if (earlier) return { line, sku, action: 'error', problems: [`SKU ${sku} already appears on line ${earlier}; each product may appear once.`] };
    seenSku.set(skuKey(sku), line);

    const current = bySku.get(skuKey(sku));
    let priceCents = current?.priceCents;
    if (has('price')) {
      const p = parseMoney(cell('price'));
      if (p === null) problems.push(`The price “${cell('price')}” is not an amount like 24.50.`);
      else if (p < 0) problems.push('The price must not be negative.');
      else priceCents = p;
    } else if (!current) problems.push('The price is empty; a new product needs one.');
    let category = current?.category;
    if (has('category')) {
      category = categoryCode(cell('category'));
      if (!/^[A-Z]/.test(category)) problems.push(`The category “${cell('category')}” must start with a letter.`);
    } else if (!current) problems.push('The category is empty; a new product needs one (for example RED or MERCH).');
    const name = has('name') ? cell('name') : current?.name;
    if (!name) problems.push('The name is empty; a new product needs one.');
    let isActive = current?.isActive ?? true;
    if (has('active')) {
      const a = cell('active').toLowerCase();
      if (YES.has(a)) isActive = true;
      else if (NO.has(a)) isActive = false;
      else problems.push(`“${cell('active')}” in the active column should be yes or no.`);
    }
    let barcode = current?.barcode ?? null;
    if (has('barcode')) {
      barcode = cell('barcode');
      const owner = barcodeOwner.get(barcode);
      if (owner && skuKey(owner) !== skuKey(sku)) problems.push(`The barcode ${barcode} already belongs to ${owner}.`);
      const dup = seenBarcode.get(barcode);
      if (dup) problems.push(`The barcode ${barcode} is also on line ${dup}.`);
      seenBarcode.set(barcode, line);
    }
    if (problems.length > 0) return { line, sku, action: 'error', problems };

    const candidate = {
      id: current?.id ?? make.newId(),
      sku: current?.sku ?? sku,
      name: name!,
      category: category!,
      priceCents: priceCents!,
      isActive,
      barcode,
      createdAt: current?.createdAt ?? make.now,
      updatedAt: make.now,
    };
    const checked = Product.safeParse(candidate);
    if (!checked.success)
      return { line, sku, action: 'error', problems: checked.error.issues.map((is) => `${FIELD_WORDS[String(is.path[0])] ?? String(is.path[0])}: ${is.message}.`) };
    if (current && sameProduct(current, checked.data)) return { line, sku, action: 'unchanged', problems: [], product: current };
    return { line, sku, action: current ? 'update' : 'create', problems: [], product: checked.data };
  });
}

function sameProduct(a: Product, b: Product): boolean {
  return a.name === b.name && a.category === b.category && a.priceCents === b.priceCents && a.isActive === b.isActive && (a.barcode ?? null) === (b.barcode ?? null);
}
