import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, DEMO_PASSWORD, managerToken, pullEverything, shot, signInStaff } from './helpers';
import { ServerProcess } from './server-process';
import { enrolTablet, expectTouchFriendly } from './setup-helpers';

const DEMO = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
const MAYA = { name: 'Maya', pin: '9999' };

// A tablet rings up a sale with no network. It cannot be signed out while the sale is unsent; a
// manager exports the sale to a file; the server imports it (twice: written once), another tablet
// imports it (nothing twice), and when the first tablet comes back its own sync changes nothing.
test('an unsent sale is kept safe: sign-out blocked, exported, imported on the server and another tablet, counted once', async ({ page, browser }) => {
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const server = await ServerProcess.start();
  try {
    await enrolTablet(page, server.url, { ...DEMO, role: 'STAFF', name: 'Terrace tablet' });
    await signInStaff(page, MAYA);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByTestId('storage-status')).toBeVisible();
    await shot(page, 'sync-01-online');
    await expectTouchFriendly(page, 'sync screen');

    // The network goes: the browser context is offline (the server keeps running for the other tablet).
    await page.context().setOffline(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('button', { name: /Classic Tasting Flight/ }).click();
    await page.getByRole('radio', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    const receipt = (await page.getByTestId('receipt-number').textContent())!;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByTestId('pending-orders')).toHaveText('1');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-progress')).toBeVisible();
    await shot(page, 'sync-02-progress-offline');
    await expect(page.getByRole('status').filter({ hasText: 'Sync did not finish' })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId('sync-problem')).toContainText('The sync server cannot be reached.');
    await expect(page.getByTestId('signout-blocked')).toContainText('1 document has not reached the server.');
    await expect(page.getByRole('button', { name: 'Sign this tablet out' })).toBeDisabled();
    await shot(page, 'sync-03-offline-signout-blocked');
    await expectTouchFriendly(page, 'sync screen offline');

    // Last resort: the manager exports the unsent sale.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export 1 unsent document' }).click();
    const filePath = 'e2e/artifacts/unsent-terrace.json';
    await (await download).saveAs(filePath);
    await expect(page.getByTestId('unsent-file-message')).toContainText('Exported 1 unsent document to');
    await expect(page.getByRole('button', { name: 'Sign out anyway (documents exported)' })).toBeEnabled();
    await shot(page, 'sync-04-exported');
    const file = JSON.parse(readFileSync(filePath, 'utf8')) as { format: string; deviceNumber: number; collections: { orders: Array<{ id: string; receiptNumber: string; deviceSeq: number }> } };
    expect(file.format).toBe('cellardoor-unsent');
    expect(file.collections.orders).toEqual([expect.objectContaining({ receiptNumber: receipt, deviceSeq: 1 })]);
    const orderId = file.collections.orders[0]!.id;

    // Another tablet of the account, enrolled now, then cut off too.
    const other = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const tablet = await other.newPage();
    await enrolTablet(tablet, server.url, { ...DEMO, role: 'STAFF', name: 'Bar tablet' });
    await signInStaff(tablet, MAYA);
    await expect(tablet.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await other.setOffline(true);

    // The server imports the file as the terrace tablet's; a second import writes nothing.
    const token = await managerToken(server.url);
    const importFile = async () => {
      const res = await fetch(`${server.url}/api/v1/imports/unsent`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: readFileSync(filePath) });
      expect(res.status).toBe(200);
      return (await res.json()) as { written: number; received: number };
    };
    expect(await importFile()).toMatchObject({ received: 1, written: 1 });
    expect(await importFile()).toMatchObject({ received: 1, written: 0 });

    // The bar tablet imports the same file offline, then syncs: nothing is counted twice.
    await tablet.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await tablet.getByTestId('unsent-import').setInputFiles(filePath);
    await expect(tablet.getByTestId('unsent-file-message')).toContainText(`From tablet T${file.deviceNumber}: 1 document added to this tablet's queue, 0 already here.`);
    await expect(tablet.getByTestId('pending-orders')).toHaveText('1');
    await shot(tablet, 'sync-05-imported-on-other-tablet');
    await tablet.getByTestId('unsent-import').setInputFiles(filePath);
    await expect(tablet.getByTestId('unsent-file-message')).toContainText('0 documents added to this tablet\'s queue, 1 already here.');
    await other.setOffline(false);
    await tablet.getByRole('button', { name: 'Sync now' }).click();
    await expect(tablet.getByRole('status').filter({ hasText: 'Everything is up to date.' })).toBeVisible({ timeout: 60_000 });
    await expect(tablet.getByTestId('waiting-total')).toHaveText('0');
    await other.close();

    // The terrace tablet comes back and syncs its own copy: still one sale on the server.
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Everything is up to date.' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('waiting-total')).toHaveText('0');
    await expect(page.getByTestId('signout-blocked')).toHaveCount(0);
    await shot(page, 'sync-06-back-online');
    const orders = (await pullEverything(server.url, 'orders')).filter((o) => o.id === orderId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ receiptNumber: receipt, totalCents: 2719 });

    // Nothing unsent any more: the tablet can be signed out.
    await page.getByRole('button', { name: 'Sign this tablet out' }).click();
    await page.getByRole('button', { name: 'Yes, sign out and erase this tablet' }).click();
    await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  } finally {
    await server.dispose();
  }
});

// Pressing "Sync now" with no network fails after its 30 s and leaves every retry backing off; the
// tablet must still sync by itself the moment the network is back, not when the back-off ends.
test('a tablet whose "Sync now" failed offline syncs by itself as soon as the network is back', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolTablet(page, server.url, { ...DEMO, role: 'STAFF', name: 'Patio tablet' });
    await signInStaff(page, MAYA);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await page.context().setOffline(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('button', { name: /Classic Tasting Flight/ }).click();
    await page.getByRole('radio', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sync did not finish' })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId('waiting-total')).toHaveText('1');

    await page.context().setOffline(false);
    await expect(page.getByTestId('waiting-total')).toHaveText('0', { timeout: 8_000 });
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 8_000 });
  } finally {
    await server.dispose();
  }
});
