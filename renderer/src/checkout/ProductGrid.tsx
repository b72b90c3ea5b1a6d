import type { Product } from '@cellardoor/shared';
import { useMemo, useState } from 'react';
import { money } from '../ui/format';

export const categoryLabel = (c: string) => {
  const words = c.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Products as large tiles, filtered by category tabs. */
export function ProductGrid(props: { products: Product[]; onAdd(p: Product): void }) {
  const [category, setCategory] = useState<string | null>(null);
  const categories = useMemo(() => [...new Set(props.products.map((p) => p.category))].sort(), [props.products]);
  const shown = category ? props.products.filter((p) => p.category === category) : props.products;
  return (
    <>
      <div className="row category-tabs" role="group" aria-label="Categories">
        <button className={`btn ${category === null ? 'primary' : ''}`} aria-pressed={category === null} onClick={() => setCategory(null)}>
          All
        </button>
        {categories.map((c) => (
          <button key={c} className={`btn ${category === c ? 'primary' : ''}`} aria-pressed={category === c} onClick={() => setCategory(c)}>
            {categoryLabel(c)}
          </button>
        ))}
      </div>
      <div className="products">
        {shown.map((p) => (
          <button key={p.id} className="product" onClick={() => props.onAdd(p)}>
            <span>{p.name}</span>
            <span className="row between">
              <span className="hint">{p.sku}</span>
              <span className="price">{money(p.priceCents)}</span>
            </span>
          </button>
        ))}
        {shown.length === 0 && <p className="hint">No products yet. A manager adds them under Setup → Products.</p>}
      </div>
    </>
  );
}
