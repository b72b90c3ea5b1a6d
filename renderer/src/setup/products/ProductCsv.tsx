import { type Product, newId } from '@cellardoor/shared';
import { useMemo, useRef, useState } from 'react';
import { useApp } from '../../app/context';
import { saveTextFile } from '../../platform/files';
import { money } from '../../ui/format';
import { type ColumnMapping, PRODUCT_FIELDS, type ParsedCsv, exportProductsCsv, guessMapping, parseCsv, planImport } from './product-csv';

const ACTION_WORDS = { create: 'new', update: 'update', unchanged: 'no change', error: 'not imported' } as const;

/** Catalogue spreadsheet: export, and import with column mapping, a preview and per-row reasons. */
export function ProductCsv({ products, canEdit }: { products: Product[]; canEdit: boolean }) {
  const { recorder } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; csv: ParsedCsv } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Ids and the time are fixed per preview, so what is shown is exactly what is written.
  const stamp = useMemo(() => ({ now: recorder.timestamp(), newId }), [file, mapping, recorder]); // eslint-disable-line react-hooks/exhaustive-deps -- a new preview per file or mapping
  const plan = useMemo(() => (file ? planImport(file.csv.rows, mapping, products, stamp) : []), [file, mapping, products, stamp]);
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of plan) counts[r.action]++;

  const doExport = async () => {
    const where = await saveTextFile({
      suggestedName: `cellardoor-products-${new Date().toISOString().slice(0, 10)}.csv`,
      contents: exportProductsCsv(products),
      mimeType: 'text/csv',
      filter: { name: 'CSV', extensions: ['csv'] },
    });
    setMessage(where ? { kind: 'ok', text: `Exported ${products.length} products to ${where}.` } : null);
  };

  const open = async (f: File) => {
    const csv = parseCsv(await f.text());
    setFile({ name: f.name, csv });
    setMapping(guessMapping(csv.headers));
    setMessage(csv.headers.length === 0 ? { kind: 'warn', text: 'The file has no header row; the first line should name the columns.' } : null);
    if (input.current) input.current.value = '';
  };

  const apply = async () => {
    setBusy(true);
    let written = 0;
    for (const r of plan)
      if ((r.action === 'create' || r.action === 'update') && r.product) {
        await recorder.put('products', r.product);
        written++;
      }
    setBusy(false);
    setFile(null);
    setMessage({
      kind: counts.error ? 'warn' : 'ok',
      text: `Imported: ${counts.create} new, ${counts.update} updated, ${counts.unchanged} unchanged${counts.error ? `; ${counts.error} rows were not imported (fix them in the file and import it again)` : ''}. ${written} products saved.`,
    });
  };

  return (
    <section className="card stack" aria-labelledby="csv-title">
      <h2 id="csv-title">Spreadsheet (CSV)</h2>
      <p className="hint">
        Columns: SKU, name, category, price, barcode, active. A row whose SKU already exists updates that product; empty cells keep the current value.
      </p>
      <div className="row">
        <button className="btn" onClick={() => void doExport()} disabled={products.length === 0}>
          Export products (CSV)
        </button>
        <button className="btn" onClick={() => input.current?.click()} disabled={!canEdit}>
          Import products from CSV
        </button>
        <input
          ref={input}
          hidden
          type="file"
          accept=".csv,text/csv"
          data-testid="products-csv-file"
          aria-label="Products CSV file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void open(f);
          }}
        />
      </div>
      {message && (
        <p className={`notice ${message.kind}`} role="status" data-testid="csv-message">
          {message.text}
        </p>
      )}
      {file && (
        <div className="stack">
          <h3>{file.name}</h3>
          {file.csv.problems.map((p) => (
            <p key={p} className="notice warn">
              {p}
            </p>
          ))}
          <fieldset className="choice-group">
            <legend>Which column holds what</legend>
            <div className="form-grid">
              {PRODUCT_FIELDS.map((f) => (
                <div className="field" key={f.key}>
                  <label htmlFor={`map-${f.key}`}>{f.label}</label>
                  <select
                    id={`map-${f.key}`}
                    className="input"
                    value={mapping[f.key] ?? ''}
                    onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value || undefined })}
                  >
                    <option value="">(not in the file)</option>
                    {file.csv.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
          <p role="status" data-testid="csv-summary">
            {counts.create} new, {counts.update} to update, {counts.unchanged} unchanged, {counts.error} with problems.
          </p>
          <div className="scroll-table">
            <table className="table preview-table" aria-label="Import preview">
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>SKU</th>
                  <th>Name</th>
                  <th className="num">Price</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {plan.map((r) => (
                  <tr key={r.line} data-testid={`preview-line-${r.line}`}>
                    <td className="num">{r.line}</td>
                    <td>{r.sku}</td>
                    <td>{r.product?.name ?? ''}</td>
                    <td className="num">{r.product ? money(r.product.priceCents) : ''}</td>
                    <td>
                      <span className={`badge ${r.action === 'error' ? 'off' : r.action === 'unchanged' ? '' : 'ok'}`}>{ACTION_WORDS[r.action]}</span>{' '}
                      {r.problems.join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button className="btn primary" onClick={() => void apply()} disabled={busy || counts.create + counts.update === 0}>
              Import {counts.create + counts.update} products
            </button>
            <button className="btn" onClick={() => setFile(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
