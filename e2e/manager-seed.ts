import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { workloadGenerator } from '../scripts/kit';
import { DEMO_EMAIL, DEMO_PASSWORD, managerToken } from './helpers';

type Doc = Record<string, unknown>;
const COLLECTIONS = ['venues', 'tag_definitions', 'products', 'events', 'customers', 'customer_tags', 'orders'] as const;

async function call(serverUrl: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(serverUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function enrol(serverUrl: string, token: string, name: string, role: 'STAFF' | 'MANAGER'): Promise<{ deviceId: string; deviceToken: string }> {
  return (await (await call(serverUrl, token, 'POST', '/api/v1/devices', { name, role })).json()) as { deviceId: string; deviceToken: string };
}

async function push(serverUrl: string, deviceToken: string, collection: string, docs: Doc[], headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < docs.length; i += 400) {
    const rows = docs.slice(i, i + 400).map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));
    const res = await call(serverUrl, deviceToken, 'POST', `/sync/v1/${collection}/push`, { rows }, headers);
    const { conflicts } = (await res.json()) as { conflicts: unknown[] };
    expect(conflicts, `${collection} push conflicts`).toEqual([]);
  }
}

export interface Seeded {
  managerToken: string;
  tablet: { deviceId: string; name: string; missing: [number, number] };
  /** A guest of the workload with an email, for an import row that matches them. */
  guest: { email: string; firstName: string; lastName: string };
}

/**
 * A venue's history from the team's workload generator, pushed through the sync protocol as a
 * manager's tablet would, plus "Tablet 2", which sent sales 1–40 and 44 of the 44 it rang up today.
 */
export async function seedWorkload(serverUrl: string): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-manage-wl-'));
  try {
    execFileSync(process.execPath, [workloadGenerator(), '--seed', '11', '--guests', '150', '--orders', '450', '--devices', '2', '--out', dir]);
    const read = (c: string) =>
      readFileSync(join(dir, `${c}.ndjson`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Doc);
    const token = await managerToken(serverUrl);
    const loader = await enrol(serverUrl, token, 'Back office', 'MANAGER');
    const docs = Object.fromEntries(COLLECTIONS.map((c) => [c, read(c)])) as Record<(typeof COLLECTIONS)[number], Doc[]>;
    for (const c of COLLECTIONS) await push(serverUrl, loader.deviceToken, c, docs[c]);

    const tablet = await enrol(serverUrl, token, 'Tablet 2', 'STAFF');
    const template = docs.orders.find((o) => o.kind === 'SALE' && o.customerId === null && !o.isEventSale)!;
    const now = Date.now();
    const sale = (seq: number): Doc => {
      const at = new Date(now - (45 - seq) * 60_000).toISOString();
      return {
        ...template,
        id: uuidv7({ msecs: now - (45 - seq) * 60_000 }),
        deviceId: tablet.deviceId,
        deviceSeq: seq,
        receiptNumber: `T2-${String(seq).padStart(6, '0')}`,
        createdAt: at,
        updatedAt: at,
      };
    };
    const seqs = [...Array.from({ length: 40 }, (_, i) => i + 1), 44];
    await push(serverUrl, tablet.deviceToken, 'orders', seqs.map(sale), { 'x-cellardoor-last-seq': '44' });
    const g = docs.customers.find((c) => typeof c.email === 'string' && c.lastName)!;
    return {
      managerToken: token,
      tablet: { deviceId: tablet.deviceId, name: 'Tablet 2', missing: [41, 43] },
      guest: { email: String(g.email), firstName: String(g.firstName), lastName: String(g.lastName) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the console from the main navigation and signs the manager in with their own login. */
export async function openConsole(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Manage', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Manager console' })).toBeVisible();
  await page.getByLabel('Manager email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to the console' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

export async function apiJson<T>(serverUrl: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return (await (await call(serverUrl, token, init.method ?? 'GET', path, init.body)).json()) as T;
}

export const screenshotPath = (name: string) => `e2e/artifacts/screens/${name}.png`;
