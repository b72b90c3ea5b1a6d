/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect } from '@playwright/test';
import { shot } from './helpers';
import { ServerProcess, freePort } from './server-process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const NEW_OWNER = { email: 'owner@hillside.example', password: 'hillside-owner-1' };

/**
 * A server whose only account is brand new and empty (no venue, products or staff), made with
 * the operator CLI as a new customer's would be.
 */
export async function serverWithEmptyTenant(): Promise<ServerProcess> {
  const server = new ServerProcess(await freePort(), undefined, { SEED_DEMO: '0' });
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'sync-server', 'src', 'cli.ts'), 'create-tenant', '--name', 'Hillside Cellars', '--slug', 'hillside', '--email', NEW_OWNER.email, '--password', NEW_OWNER.password, '--owner-name', 'Sam'],
    { cwd: root, env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' }, stdio: 'pipe' },
  );
  await server.start();
  return server;
}

/** Enrols the browser as a tablet through the UI, as staff-only or as a manager's tablet. */
export async function enrolTablet(
  page: Page,
  serverUrl: string,
  opts: { email: string; password: string; role: 'STAFF' | 'MANAGER'; name?: string; check?: boolean },
): Promise<void> {
  await page.goto(serverUrl);
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  await page.getByLabel('Sync server address').fill(serverUrl);
  if (opts.name) await page.getByLabel('Name of this tablet').fill(opts.name);
  await page.getByRole('radio', { name: opts.role === 'MANAGER' ? /Managers can change the catalogue/ : /Staff only/ }).check();
  await page.getByLabel('Manager email').fill(opts.email);
  await page.getByLabel('Password').fill(opts.password);
  if (opts.check) {
    await shot(page, 'setup-00-enrol');
    await expectTouchFriendly(page, 'enrolment');
  }
  await page.getByRole('button', { name: 'Enrol this tablet' }).click();
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility of ${screen}`).toEqual([]);
}

/** Every visible control is at least 44 × 44 px (checkboxes and radios count their row). */
export async function expectTouchTargets(page: Page, screen: string): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], select, input, textarea, [role="button"], [role="radio"], [role="tab"]');
    for (const el of Array.from(controls)) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden]') || el.classList.contains('sr-only')) continue;
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Links inside running text are read, not tapped; controls are what staff hit.
      if (el.tagName === 'A' && el.closest('p') && !el.classList.contains('btn')) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || el.id).trim().slice(0, 40)}” is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  expect(small, `touch targets on ${screen}`).toEqual([]);
}

/** Both checks, at the two landscape sizes tablets use. */
export async function expectTouchFriendly(page: Page, screen: string): Promise<void> {
  await expectAccessible(page, screen);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await expectTouchTargets(page, `${screen} at ${size.width}×${size.height}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen} scrolls sideways at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
