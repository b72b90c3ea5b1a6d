import { expect, test } from '@playwright/test';
import { api, enrolAndSignIn, managerToken, pullEverything, shot } from './helpers';
import { ServerProcess } from './server-process';

// The foundation's whole story: a tablet with no network adds a guest, tags them and sells two
// items; when the server is back, sync delivers each document exactly once and the server's tag
// revenue shows the sale.
test('offline guest, tag and sale reach the server exactly once', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });

    await server.stop();

    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await page.getByLabel('Happy to receive emails').check();
    await page.getByRole('button', { name: 'Add guest' }).click();
    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    const guestId = page.url().split('/guests/')[1]!;

    await page.getByRole('button', { name: 'VIP', exact: true }).click();
    await expect(page.getByTestId('active-tags')).toContainText('VIP');

    await page.getByRole('button', { name: 'Sell to Ada' }).click();
    await page.getByRole('button', { name: /Estate Cabernet Sauvignon/ }).click();
    await page.getByRole('button', { name: /Sauvignon Blanc/ }).click();
    await expect(page.getByTestId('cart-total')).toHaveText('$105.49');
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    await shot(page, 'foundation-offline-receipt');
    await expect(page.getByTestId('pending-count')).not.toHaveText('0 waiting');

    await server.start();
    await page.getByRole('link', { name: /Sync/ }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status')).toHaveText('Everything is up to date.', { timeout: 60_000 });
    await expect(page.getByTestId('pending-count')).toHaveText('0 waiting');
    await shot(page, 'foundation-synced');

    const customers = (await pullEverything(server.url, 'customers')).filter((c) => c.email === 'ada@example.com');
    const tags = (await pullEverything(server.url, 'customer_tags')).filter((t) => t.customerId === guestId);
    const orders = (await pullEverything(server.url, 'orders')).filter((o) => o.customerId === guestId);
    expect(customers).toHaveLength(1);
    expect(tags).toHaveLength(1);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.totalCents).toBe(10549);

    const token = await managerToken(server.url);
    const report = await api<{ rows: Array<{ tagType: string; totalRevenueCents: number; orderCount: number }> }>(
      server.url,
      token,
      `/api/v1/reports/customer-tags?customerId=${guestId}`,
    );
    expect(report.rows).toEqual([expect.objectContaining({ tagType: 'VIP', totalRevenueCents: 10549, orderCount: 1 })]);
  } finally {
    await server.dispose();
  }
});
