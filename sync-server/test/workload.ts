import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionName } from '@cellardoor/shared';
import { workloadGenerator } from '../../scripts/kit';

/** Collections the workload generator writes, in the order a venue would sync them. */
export const WORKLOAD_COLLECTIONS = ['venues', 'tag_definitions', 'products', 'events', 'customers', 'customer_tags', 'orders'] as const satisfies readonly CollectionName[];
export type WorkloadCollection = (typeof WORKLOAD_COLLECTIONS)[number];

export interface Workload {
  dir: string;
  docs: Record<WorkloadCollection, Record<string, unknown>[]>;
  expected: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- expected.json is the kit's free-form ground truth
  cleanup(): void;
}

export function generateWorkload(args: { seed?: number; guests?: number; orders?: number; devices?: number } = {}): Workload {
  const dir = mkdtempSync(join(tmpdir(), 'cd-workload-'));
  const flags = Object.entries({ seed: 42, guests: 300, orders: 900, devices: 4, ...args }).flatMap(([k, v]) => [`--${k}`, String(v)]);
  execFileSync(process.execPath, [workloadGenerator(), ...flags, '--out', dir]);
  const read = (name: string) =>
    readFileSync(join(dir, `${name}.ndjson`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const docs = Object.fromEntries(WORKLOAD_COLLECTIONS.map((c) => [c, read(c)])) as Workload['docs'];
  return { dir, docs, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
