/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, DEMO_PASSWORD, managerToken, pullEverything, shot, signInStaff } from './helpers';
import { ServerProcess } from './server-process';
import { enrolTablet, expectAccessible } from './setup-helpers';

// A manager reports a tablet stolen: the tablet learns it at its next contact and wipes itself.
test('a tablet removed by a manager as stolen erases its data and says so', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolTablet(page, server.url, { email: DEMO_EMAIL, password: DEMO_PASSWORD, role: 'STAFF', name: 'Lost tablet' });
    await signInStaff(page, { name: 'Leo', pin: '1111' });
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    const token = await managerToken(server.url);
    const devices = (await (await fetch(`${server.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).json()) as { devices: Array<{ id: string; name: string }> };
    const lost = devices.devices.find((d) => d.name === 'Lost tablet')!;
    const res = await fetch(`${server.url}/api/v1/devices/${lost.id}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ allowHandover: false }),
    });
    expect(res.status).toBe(200);
    await expect(page.getByRole('heading', { name: 'This tablet was removed by a manager' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Its data has been erased from this tablet.')).toBeVisible();
    await shot(page, 'sync-07-removed');
    await expectAccessible(page, 'removed tablet');
    const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('rxdb-dexie-cellardoor')));
    expect(left).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('cellardoor.device'))).toBeNull();
    await page.getByRole('button', { name: 'Set up this tablet again' }).click();
    await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  } finally {
    await server.dispose();
  }
});

// A manager retires a tablet that still holds a sale it could not send: allowed to hand over, it
// sends the sale first, then erases itself.
test('a retired tablet hands over its unsent sale, then erases itself', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolTablet(page, server.url, { email: DEMO_EMAIL, password: DEMO_PASSWORD, role: 'STAFF', name: 'Old tablet' });
    await signInStaff(page, { name: 'Leo', pin: '1111' });
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await page.context().setOffline(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('button', { name: /Reserve Tasting Flight/ }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    const receipt = (await page.getByTestId('receipt-number').textContent())!;

    const token = await managerToken(server.url);
    const devices = (await (await fetch(`${server.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).json()) as { devices: Array<{ id: string; name: string }> };
    const old = devices.devices.find((d) => d.name === 'Old tablet')!;
    const res = await fetch(`${server.url}/api/v1/devices/${old.id}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ allowHandover: true }),
    });
    expect(res.status).toBe(200);

    await page.context().setOffline(false);
    await expect(page.getByRole('heading', { name: 'This tablet was removed by a manager' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('Its data has been erased from this tablet.')).toBeVisible({ timeout: 60_000 });
    await shot(page, 'sync-08-retired-handed-over');
    const orders = (await pullEverything(server.url, 'orders')).filter((o) => o.receiptNumber === receipt && o.deviceId === old.id);
    expect(orders).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('cellardoor.device'))).toBeNull();
  } finally {
    await server.dispose();
  }
});
