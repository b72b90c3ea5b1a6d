import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchModule, type Metric, machine } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { only: { type: 'string' }, scale: { type: 'string', default: 'full' }, keep: { type: 'boolean', default: false }, save: { type: 'boolean', default: false } },
});
const scale = values.scale === 'quick' ? 'quick' : 'full';
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const workDir = mkdtempSync(join(tmpdir(), 'cellardoor-bench-'));
const startedAt = new Date().toISOString();

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !values.only || values.only.split(',').some((o) => f.startsWith(o)))
  .sort();

const sections: Array<{ file: string; title: string; metrics: Metric[]; error?: string; seconds: number }> = [];
for (const file of files) {
  const mod = (await import(join(here, file))).default as BenchModule;
  const t0 = Date.now();
  console.log(`\n▶ ${mod.title} (${file}, ${scale})`);
  try {
    const metrics = await mod.run({ pgUrl, workDir: join(workDir, file), scale, log: (m) => console.log(`  ${m}`) });
    sections.push({ file, title: mod.title, metrics, seconds: (Date.now() - t0) / 1000 });
    for (const m of metrics) console.log(`  ${m.meets === false ? '✘' : m.meets ? '✔' : '·'} ${m.name}: ${m.value} ${m.unit}${m.target !== null ? ` (target ${m.better === 'lower' ? '≤' : '≥'} ${m.target})` : ''}`);
  } catch (err) {
    // The benchmark reports; it never fails a build.
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`  failed: ${message}`);
    sections.push({ file, title: mod.title, metrics: [], error: message, seconds: (Date.now() - t0) / 1000 });
  }
}

interface SavedSection {
  file: string;
  title: string;
  error?: string;
  seconds: number;
  startedAt: string;
  scale: string;
  metrics: Metric[];
}
interface Saved {
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  startedAt: string;
  scale: string;
  metrics: Metric[];
  sections: SavedSection[];
}

const outDir = join(here, 'results');
const jsonPath = join(outDir, 'latest.json');
const ran: SavedSection[] = sections.map((s) => ({ ...s, startedAt, scale }));
// A full run replaces the report; `--only x --save` replaces only the sections it ran, so a long
// benchmark can be re-run alone and the report still shows every figure with the time it was taken.
let kept: SavedSection[] = [];
if (values.only && values.save && existsSync(jsonPath)) {
  const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as Partial<Saved>;
  kept = (previous.sections ?? []).filter((s) => Array.isArray(s.metrics) && !ran.some((r) => r.file === s.file));
}
const all = [...kept, ...ran].sort((a, b) => a.file.localeCompare(b.file));
const result: Saved = { machine: machine(), versions: { node: process.version }, startedAt, scale, metrics: all.flatMap((s) => s.metrics), sections: all };
mkdirSync(outDir, { recursive: true });
if (!values.only || values.save) {
  writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');
  const lines = [
    `# Benchmark results`,
    '',
    `Written ${startedAt} on ${String(result.machine.cpus)} CPUs (${String(result.machine.cpuModel)}), ${String(result.machine.memoryGiB)} GiB, Node ${process.version}, ${String(result.machine.postgres)}.`,
    '',
  ];
  for (const s of all) {
    lines.push(`## ${s.title}`, '', `Run ${s.startedAt}, scale ${s.scale}, ${s.seconds.toFixed(0)} s.${s.error ? ` **Failed:** ${s.error.split('\n')[0]}` : ''}`, '');
    if (s.metrics.length) {
      lines.push('| figure | value | target | meets | how |', '| --- | --- | --- | --- | --- |');
      for (const m of s.metrics)
        lines.push(`| ${m.name} | ${m.value} ${m.unit} | ${m.target === null ? '—' : `${m.better === 'lower' ? '≤' : '≥'} ${m.target} ${m.unit}`} | ${m.meets === null ? '—' : m.meets ? 'yes' : '**no**'} | ${m.note ?? ''} |`);
      lines.push('');
    }
  }
  writeFileSync(join(outDir, 'latest.md'), lines.join('\n'));
  console.log(`\nwrote bench/results/latest.md and latest.json`);
} else console.log('\n(--only without --save: results not written to bench/results)');
if (!values.keep) rmSync(workDir, { recursive: true, force: true });
