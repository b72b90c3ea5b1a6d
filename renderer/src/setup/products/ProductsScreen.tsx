import { PRODUCT_CATEGORIES, Product, newId, parseMoney } from '@cellardoor/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useApp } from '../../app/context';
import { useObservable } from '../../data/use-query';
import { money } from '../../ui/format';
import { useSetupAccess } from '../access';
import { fieldProblems } from '../form-errors';
import { Problem } from '../Problem';
import { ProductCsv } from './ProductCsv';
import { categoryCode } from './product-csv';

const WORDS = { sku: 'SKU', name: 'Name', category: 'Category', priceCents: 'Price', barcode: 'Barcode' };

interface Draft {
  sku: string;
  name: string;
  category: string;
  price: string;
  barcode: string;
  isActive: boolean;
}
const blank = (): Draft => ({ sku: '', name: '', category: 'RED', price: '', barcode: '', isActive: true });

/** The product catalogue: SKU, barcode, category, price, on sale or not; CSV in and out. */
export function ProductsScreen() {
  const { db, recorder } = useApp();
  const { canEdit } = useSetupAccess();
  const docs = useObservable(() => db.products.find({ sort: [{ sku: 'asc' }] }).$, [], [db]);
  const products = useMemo(() => docs.map((d) => d.toJSON() as Product), [docs]);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Product | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const categories = useMemo(() => [...new Set([...PRODUCT_CATEGORIES, ...products.map((p) => p.category)])], [products]);
  const q = search.trim().toLowerCase();
  const shown = q ? products.filter((p) => p.sku.toLowerCase().includes(q) || p.name.toLowerCase().includes(q) || (p.barcode ?? '').includes(q)) : products;

  const choose = (p: Product | null) => {
    setSelected(p);
    setDraft(p ? { sku: p.sku, name: p.name, category: p.category, price: (p.priceCents / 100).toFixed(2), barcode: p.barcode ?? '', isActive: p.isActive } : blank());
    setProblems({});
    setSaved(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const now = recorder.timestamp();
    const priceCents = parseMoney(draft.price);
    const sku = draft.sku.trim();
    const barcode = draft.barcode.trim() || null;
    const doc = {
      id: selected?.id ?? newId(),
      sku,
      name: draft.name.trim(),
      category: categoryCode(draft.category),
      priceCents: priceCents ?? -1,
      isActive: draft.isActive,
      barcode,
      createdAt: selected?.createdAt ?? now,
      updatedAt: now,
    };
    const checked = Product.safeParse(doc);
    const found = checked.success ? {} : fieldProblems(checked.error, WORDS);
    if (priceCents === null || priceCents < 0) found.priceCents = 'Price: write an amount such as 24.50.';
    const clash = products.find((p) => p.id !== doc.id && p.sku.toLowerCase() === sku.toLowerCase());
    if (clash) found.sku = `SKU: ${clash.sku} is already “${clash.name}”.`;
    const codeClash = barcode ? products.find((p) => p.id !== doc.id && p.barcode === barcode) : undefined;
    if (codeClash) found.barcode = `Barcode: already on ${codeClash.sku} “${codeClash.name}”.`;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await recorder.put('products', checked.data!);
    choose(checked.data!);
    setSaved(`${doc.sku} “${doc.name}” is saved.`);
  };

  return (
    <div className="stack">
      <div className="editor">
        <section className="card stack" aria-labelledby="products-title">
          <div className="row between">
            <h1 id="products-title">Products</h1>
            <button className="btn" onClick={() => choose(null)} disabled={!canEdit}>
              New product
            </button>
          </div>
          <label htmlFor="product-search" className="sr-only">
            Search products
          </label>
          <input id="product-search" className="input" placeholder="Search by SKU, name or barcode" value={search} onChange={(e) => setSearch(e.target.value)} />
          <div className="scroll-table">
            <table className="table">
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Name</th>
                  <th>Category</th>
                  <th className="num">Price</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.id}>
                    <td className="tight">
                      <button className="rowbtn" aria-current={selected?.id === p.id} onClick={() => choose(p)}>
                        {p.sku}
                      </button>
                    </td>
                    <td>
                      {p.name} {!p.isActive && <span className="badge off">off sale</span>}
                    </td>
                    <td>{p.category}</td>
                    <td className="num">{money(p.priceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {products.length === 0 && <p className="hint">No products yet: add them one by one, or import a spreadsheet below.</p>}
          </div>
        </section>
        <form className="card" onSubmit={save} aria-labelledby="product-form-title">
          <h2 id="product-form-title">{selected ? `Edit ${selected.sku}` : 'New product'}</h2>
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="product-sku">SKU</label>
                <input id="product-sku" className="input" value={draft.sku} onChange={(e) => setDraft({ ...draft, sku: e.target.value })} aria-describedby="product-sku-problem" required />
                <Problem id="product-sku-problem" text={problems.sku} />
              </div>
              <div className="field">
                <label htmlFor="product-price">Price</label>
                <input id="product-price" className="input" inputMode="decimal" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} aria-describedby="product-price-problem" required />
                <Problem id="product-price-problem" text={problems.priceCents} />
              </div>
            </div>
            <div className="field">
              <label htmlFor="product-name">Name</label>
              <input id="product-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-describedby="product-name-problem" required />
              <Problem id="product-name-problem" text={problems.name} />
            </div>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="product-category">Category</label>
                <input id="product-category" className="input" list="product-categories" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })} aria-describedby="product-category-problem" />
                <datalist id="product-categories">
                  {categories.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
                <Problem id="product-category-problem" text={problems.category} />
              </div>
              <div className="field">
                <label htmlFor="product-barcode">Barcode</label>
                <input id="product-barcode" className="input" inputMode="numeric" value={draft.barcode} onChange={(e) => setDraft({ ...draft, barcode: e.target.value })} aria-describedby="product-barcode-problem" />
                <Problem id="product-barcode-problem" text={problems.barcode} />
              </div>
            </div>
            <label className="check">
              <input type="checkbox" checked={draft.isActive} onChange={(e) => setDraft({ ...draft, isActive: e.target.checked })} /> On sale
            </label>
            {saved && (
              <p className="notice ok" role="status">
                {saved}
              </p>
            )}
            <button className="btn primary big" type="submit" style={{ width: '100%' }}>
              Save product
            </button>
          </fieldset>
        </form>
      </div>
      <ProductCsv products={products} canEdit={canEdit} />
    </div>
  );
}
