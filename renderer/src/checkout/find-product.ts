import type { Product } from '@cellardoor/shared';

/** The product a scanned or typed code names: its barcode exactly, else its SKU in any case. */
export function findProductByCode<P extends Pick<Product, 'sku' | 'barcode' | 'isActive'>>(products: readonly P[], code: string): P | null {
  const c = code.trim();
  if (!c) return null;
  const active = products.filter((p) => p.isActive);
  return active.find((p) => p.barcode === c) ?? active.find((p) => p.sku.toLowerCase() === c.toLowerCase()) ?? null;
}
