import type { GuestImportResponse, GuestImportRowError } from '@cellardoor/shared';
import { type ChangeEvent, useRef, useState } from 'react';
import { fieldSentence } from '../../ui/format';
import { useConsoleApi } from '../console-api';
import { type ColumnMapping, IMPORT_FIELDS, type ParsedFile, guessMapping, looksBinary, mapRow, parseGuestCsv } from './guest-csv';
import { importGuests } from './import-api';

const PREVIEW_ROWS = 5;
const LABEL: Record<string, string> = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, f.label]));

/** "tags.0.tagType" → "Tags (1st, type)"; "email" → "Email". */
function fieldWords(field: string): string {
  const [head, index, part] = field.split('.');
  const label = LABEL[head ?? ''] ?? head ?? 'The row';
  if (head === 'tags' && index !== undefined) return `Tag ${Number(index) + 1}${part === 'tagValue' ? ' value' : part === 'tagType' ? ' type' : ''}`;
  return label;
}

/**
 * "Line 6: Email is not an email address." / "Line 7: A first name is needed." The spreadsheet line
 * is row + 1 (the header is line 1); a message that reads as a predicate gets the field as subject.
 */
export function errorSentence(e: GuestImportRowError): string {
  return `Line ${e.row + 1}: ${fieldSentence(fieldWords(e.field), e.message)}`;
}

type Step = { kind: 'pick' } | { kind: 'map'; file: ParsedFile; mapping: ColumnMapping } | { kind: 'done'; file: ParsedFile; result: GuestImportResponse };

/** Guests from a spreadsheet: pick, map columns, try it (dry run), import; the same file again changes nothing. */
export function GuestImportPage() {
  const api = useConsoleApi();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [dry, setDry] = useState<GuestImportResponse | null>(null);
  const [busy, setBusy] = useState<'dry' | 'import' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    setProblem(null);
    setDry(null);
    const text = await f.text();
    if (looksBinary(text)) {
      setProblem(`${f.name} is not a CSV file. Save the spreadsheet as CSV (comma-separated values) and choose that file.`);
      return;
    }
    const parsed = parseGuestCsv(f.name, text);
    if (parsed.rows.length === 0) {
      setProblem(`${f.name} has no guest rows under its header line.`);
      return;
    }
    setStep({ kind: 'map', file: parsed, mapping: guessMapping(parsed.headers) });
  };

  const mapped = step.kind === 'map' ? step.file.rows.map((r) => mapRow(r, step.mapping)) : [];

  const send = async (dryRun: boolean) => {
    if (step.kind !== 'map') return;
    setBusy(dryRun ? 'dry' : 'import');
    setProblem(null);
    try {
      const result = await importGuests(api, step.file.name, mapped, dryRun);
      if (dryRun) setDry(result);
      else setStep({ kind: 'done', file: step.file, result });
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="stack" aria-labelledby="import-title">
      <h1 id="import-title">Import guests</h1>
      <p className="hint">
        A CSV file with a header line, one guest per line. Guests are matched to ones you already have by email, then by phone; a blank cell never
        erases what is known. Try it first: nothing is written until you press Import.
      </p>
      <div className="row">
        <button type="button" className="btn primary" onClick={() => fileInput.current?.click()}>
          {step.kind === 'pick' ? 'Choose a CSV file' : 'Choose another file'}
        </button>
        <input ref={fileInput} data-testid="guest-csv-file" hidden type="file" accept=".csv,text/csv" onChange={pick} aria-label="Guest CSV file" />
        {step.kind !== 'pick' && <span className="hint">{`${step.file.name}: ${step.file.rows.length} ${step.file.rows.length === 1 ? 'row' : 'rows'}`}</span>}
      </div>
      {problem && (
        <p className="notice danger" role="alert">
          {problem}
        </p>
      )}
      {step.kind === 'map' && (
        <>
          {step.file.problems.length > 0 && (
            <div className="notice warn" role="note">
              The file has lines that could not be read cleanly: {step.file.problems.join(' ')}
            </div>
          )}
          <div className="card">
            <h2>Which column is which</h2>
            <p className="hint">Guessed from the header line; change any that are wrong. Tags are read as “WINE_CLUB:GOLD; VIP”.</p>
            <div className="mapping-grid">
              {IMPORT_FIELDS.map((f) => (
                <div className="field" key={f.key}>
                  <label htmlFor={`map-${f.key}`}>{f.label}</label>
                  <select
                    id={`map-${f.key}`}
                    className="input"
                    value={step.mapping[f.key]}
                    onChange={(e) => {
                      setDry(null);
                      setStep({ ...step, mapping: { ...step.mapping, [f.key]: e.target.value } });
                    }}
                  >
                    <option value="">Not in this file</option>
                    {step.file.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </div>
          <div className="card">
            <h2>First {Math.min(PREVIEW_ROWS, mapped.length)} rows as they will be read</h2>
            <div className="table-scroll">
              <table className="table" data-testid="import-preview">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    {IMPORT_FIELDS.filter((f) => step.mapping[f.key]).map((f) => (
                      <th scope="col" key={f.key}>
                        {f.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {mapped.slice(0, PREVIEW_ROWS).map((r, i) => (
                    <tr key={i}>
                      <td>{i + 2}</td>
                      {IMPORT_FIELDS.filter((f) => step.mapping[f.key]).map((f) => (
                        <td key={f.key}>
                          {f.key === 'tags'
                            ? ((r.tags as Array<{ tagType: string; tagValue: string | null }> | undefined) ?? []).map((t) => (t.tagValue ? `${t.tagType}:${t.tagValue}` : t.tagType)).join('; ')
                            : String(r[f.key] ?? '')}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {!step.mapping.firstName && (
            <p className="notice warn" role="status">
              Choose the column with first names: every guest needs one.
            </p>
          )}
          <div className="row">
            <button type="button" className="btn" disabled={busy !== null || !step.mapping.firstName} onClick={() => send(true)}>
              {busy === 'dry' ? 'Checking…' : 'Check the file (nothing is saved)'}
            </button>
            <button type="button" className="btn primary" disabled={busy !== null || !dry || dry.created + dry.matched === 0} onClick={() => send(false)}>
              {busy === 'import' ? 'Importing…' : dry ? `Import ${dry.created + dry.matched} guests` : 'Import'}
            </button>
          </div>
          {dry && <Outcome result={dry} />}
        </>
      )}
      {step.kind === 'done' && <Outcome result={step.result} />}
    </section>
  );
}

function Outcome({ result }: { result: GuestImportResponse }) {
  const nothing = !result.dryRun && result.created === 0 && result.updated === 0;
  const summary = result.dryRun
    ? `Check: ${result.created} new ${result.created === 1 ? 'guest' : 'guests'} would be created, ${result.matched} would match guests you have (${result.updated} with changes, ${result.unchanged} already up to date), ${result.errors.length === 0 ? 'no rows with problems' : `${new Set(result.errors.map((e) => e.row)).size} rows with problems would be skipped`}.`
    : nothing
      ? `Nothing changed: all ${result.unchanged} guests in the file were already up to date.`
      : `Imported: ${result.created} new, ${result.updated} updated, ${result.unchanged} already up to date.`;
  return (
    <div className={`notice ${result.errors.length ? 'warn' : 'ok'}`} role="status" data-testid={result.dryRun ? 'dry-run-result' : 'import-result'}>
      <p>
        <strong>{summary}</strong>
        {!result.dryRun && result.errors.length > 0 && ` ${new Set(result.errors.map((e) => e.row)).size} rows with problems were skipped.`}
      </p>
      {result.errors.length > 0 && (
        <ul className="gap-list" data-testid="import-errors">
          {result.errors.slice(0, 200).map((e, i) => (
            <li key={i}>{errorSentence(e)}</li>
          ))}
        </ul>
      )}
      {result.errors.length > 200 && <p className="hint">…and {result.errors.length - 200} more.</p>}
    </div>
  );
}
