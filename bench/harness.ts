import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** One figure of the benchmark report (DESIGN.md, Performance). */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** The target, in the same unit, or null when the figure is informative only. */
  target: number | null;
  /** Whether smaller is better against the target (latencies) or larger (throughputs). */
  better: 'lower' | 'higher';
  meets: boolean | null;
  /** What was measured and how (data size, runs, percentile). */
  note?: string;
}

export interface BenchContext {
  /** PostgreSQL for server benchmarks (a fresh database is made per module). */
  pgUrl: string;
  /** Scratch folder for generated data; removed after the run unless --keep. */
  workDir: string;
  /** "full" runs the sizes; "quick" a small smoke size for trying the harness. */
  scale: 'full' | 'quick';
  log(message: string): void;
}

export interface BenchModule {
  title: string;
  run(ctx: BenchContext): Promise<Metric[]>;
}

export function metric(m: Omit<Metric, 'meets'>): Metric {
  const meets = m.target === null ? null : m.better === 'lower' ? m.value <= m.target : m.value >= m.target;
  return { ...m, meets };
}

/** Median and p95 of a list of samples. */
export function summarise(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

export function machine(): Record<string, unknown> {
  let pg = 'unknown';
  try {
    pg = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* psql missing */
  }
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: pg };
}
