import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type CollectionName, rxSchemaOf, COLLECTION_NAMES } from '../src';
import { workloadGenerator } from '../../scripts/kit';

// The team kit's generator writes documents a server must accept as they stand.
const FILES: Partial<Record<CollectionName, string>> = {
  venues: 'venues.ndjson',
  tag_definitions: 'tag_definitions.ndjson',
  products: 'products.ndjson',
  events: 'events.ndjson',
  customers: 'customers.ndjson',
  customer_tags: 'customer_tags.ndjson',
  orders: 'orders.ndjson',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-wl-'));
  execFileSync(process.execPath, [workloadGenerator(), '--seed', '7', '--guests', '400', '--orders', '1500', '--out', dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workload documents are valid documents of their collections', () => {
  for (const [name, file] of Object.entries(FILES) as [CollectionName, string][]) {
    it(name, () => {
      const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const result = COLLECTIONS[name].schema.safeParse(JSON.parse(line));
        if (!result.success) throw new Error(`${name}: ${result.error.message}\n${line}`);
      }
    });
  }
});

describe('RxDB schemas derive from the zod schemas', () => {
  for (const name of COLLECTION_NAMES) {
    it(name, () => {
      const s = rxSchemaOf(name);
      expect(s.primaryKey).toBe('id');
      expect(Object.keys(s.properties as object)).toEqual(expect.arrayContaining(['id', 'updatedAt']));
      for (const idx of s.indexes as string[][]) for (const f of idx) expect(s.required).toContain(f);
    });
  }
});
