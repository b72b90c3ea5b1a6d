/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Page, expect, test } from '@playwright/test';
import { enrolAndSignIn, shot, signInStaff } from './helpers';
import { ServerProcess } from './server-process';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;
const MIN_TARGET = 44;

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

/** axe-core's serious and critical violations on the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Every visible control smaller than 44 × 44 CSS px. A checkbox or radio counts its label, which
 * is what a finger actually hits.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], [role=checkbox], [role=tab], [role=link], [tabindex]:not([tabindex="-1"])';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const target = el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type) ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < min || r.height < min) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('placeholder') ?? '').trim().slice(0, 40);
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, MIN_TARGET);
}

async function check(page: Page, screen: string, size: { width: number; height: number }, problems: string[]): Promise<void> {
  const where = `${screen} @${size.width}×${size.height}`;
  for (const v of await seriousViolations(page)) problems.push(`${where}: ${v}`);
  for (const t of await smallTargets(page)) problems.push(`${where}: small target ${t}`);
  await shot(page, `a11y-${screen}-${size.width}`);
}

async function visit(page: Page, hash: string, heading: RegExp | string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
}

// Every screen of the app, at both tablet sizes: no serious or critical axe-core violation and no
// control smaller than a fingertip.
test('every screen is accessible and touch-sized at 1280×800 and 1024×768', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  const server = await ServerProcess.start();
  try {
    // Enrolment, on a browser that is not enrolled yet.
    const fresh = await browser.newPage();
    await fresh.goto(server.url);
    await expect(fresh.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
    for (const size of SIZES) {
      await fresh.setViewportSize(size);
      await check(fresh, 'enrol', size, problems);
    }
    await fresh.close();

    await enrolAndSignIn(page, server.url, { name: 'Maya', pin: '9999' });
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Last name').fill('Hopper');
    await page.getByRole('button', { name: 'Add guest' }).click();
    await expect(page.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
    await page.getByRole('button', { name: 'VIP', exact: true }).click();
    await expect(page.getByTestId('active-tags')).toContainText('VIP');
    const guestHash = new URL(page.url()).hash;
    await page.getByRole('button', { name: 'Sell to Grace' }).click();
    await page.getByRole('button', { name: /Reserve Red Blend/ }).click();
    await page.getByRole('button', { name: /^Complete sale/ }).click();
    await expect(page.getByTestId('receipt-number')).toBeVisible();
    const receiptHash = new URL(page.url()).hash;
    const saleId = receiptHash.split('/').pop()!;

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await visit(page, '#/checkin', 'Check-in');
      await check(page, 'checkin', size, problems);
      await visit(page, guestHash, 'Grace Hopper');
      await check(page, 'guest', size, problems);
      await visit(page, '#/checkout', 'Checkout');
      await page.getByRole('button', { name: /Estate Chardonnay/ }).click();
      await page.getByRole('button', { name: 'Discount on Estate Chardonnay 2023' }).click();
      await page.getByLabel('Find a guest').fill('Gr');
      await expect(page.getByRole('list', { name: 'Matching guests' })).toBeVisible();
      await check(page, 'checkout', size, problems);
      await page.getByLabel('Find a guest').fill('');
      await page.getByRole('button', { name: 'Remove Estate Chardonnay 2023' }).click();
      await visit(page, receiptHash, /^Receipt/);
      await check(page, 'receipt', size, problems);
      await visit(page, `#/refunds/new?orderId=${saleId}`, /^Refund receipt/);
      await page.getByRole('button', { name: /^One more .* to refund$/ }).first().click();
      await check(page, 'refund', size, problems);
      await visit(page, '#/refunds', 'Refund by receipt number');
      await check(page, 'refund-find', size, problems);
      await visit(page, '#/sync', 'Sync');
      await check(page, 'sync', size, problems);
      await visit(page, '#/tablet', 'This tablet');
      await check(page, 'tablet', size, problems);
      for (const [path, heading] of [
        ['', 'Set up the venue'],
        ['/venues', 'Venues'],
        ['/staff', 'Staff'],
        ['/products', 'Products'],
        ['/tags', 'Guest tags'],
        ['/events', 'Events'],
      ] as const) {
        await visit(page, `#/setup${path}`, heading);
        await check(page, `setup${path.replace('/', '-')}`, size, problems);
      }
      await page.getByRole('button', { name: 'Lock' }).click();
      await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
      await page.getByRole('listitem').filter({ hasText: 'Leo' }).click();
      await check(page, 'lock', size, problems);
      await signInStaff(page, { name: 'Maya', pin: '9999' });
    }
    expect(problems).toEqual([]);
  } finally {
    await server.dispose();
  }
});
