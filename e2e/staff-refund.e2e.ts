import { expect, test } from '@playwright/test';
import { enrolAndSignIn, pullEverything, shot } from './helpers';
import { ServerProcess } from './server-process';

// Refunds with no network: part of a sale from its receipt, an over-refund refused with the
// reason, the rest found by receipt number; then the server accepts all three documents and the
// refunds add up to the sale.
test('refunds offline: partial, over-refund refused, the rest by receipt number', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await server.stop();

    await page.getByRole('link', { name: 'Checkout' }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /Estate Cabernet Sauvignon 2021/ }).first().click();
    await page.getByRole('button', { name: /Logo Stemless Glass/ }).click();
    await page.getByRole('button', { name: 'Discount the whole sale' }).click();
    await page.getByLabel('Discount on the whole sale').fill('10%');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('radio', { name: 'Cash' }).click();
    // (3 × 68.00 + 12.00) × 0.9 = 194.40; tax 8.75 % = 17.01; total 211.41.
    await expect(page.getByTestId('cart-total')).toHaveText('$211.41');
    await page.getByRole('button', { name: /^Complete sale/ }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    const saleNumber = (await page.getByTestId('receipt-number').textContent())!;

    // One bottle back, from the receipt.
    await page.getByRole('link', { name: 'Refund…' }).click();
    await expect(page.getByRole('heading', { name: `Refund receipt ${saleNumber}` })).toBeVisible();
    await page.getByRole('button', { name: 'One more Estate Cabernet Sauvignon 2021 to refund' }).click();
    // 68.00 less its 10 % = 61.20, tax 5.36: 66.56 back.
    await expect(page.getByTestId('refund-total')).toHaveText('$66.56');
    await page.getByLabel('Reason (optional)').fill('Corked');
    await shot(page, 'refund-partial');
    await page.getByRole('button', { name: /^Refund \$66\.56$/ }).click();
    await expect(page.getByRole('heading', { name: /^Refund T\d+-000002$/ })).toBeVisible();
    await expect(page.getByTestId('receipt-total')).toHaveText('-$66.56');
    await expect(page.getByText(`Refund of receipt ${saleNumber}`)).toBeVisible();
    await expect(page.getByTestId('receipt-payment')).toHaveText('Refunded by cash');
    await shot(page, 'refund-receipt');

    // By receipt number, typed loosely; asking for more than is left is refused with the reason.
    await page.getByRole('link', { name: 'Refunds' }).click();
    await page.getByLabel('Receipt number').fill('t9-77');
    await page.getByRole('button', { name: 'Find sale' }).click();
    await expect(page.getByRole('alert')).toContainText('No sale with receipt number T9-000077 is on this tablet.');
    await page.getByLabel('Receipt number').fill(saleNumber.replace(/-0+/, '-').toLowerCase());
    await page.getByRole('button', { name: 'Find sale' }).click();
    await expect(page.getByRole('heading', { name: `Refund receipt ${saleNumber}` })).toBeVisible();
    await page.getByLabel('Quantity of Estate Cabernet Sauvignon 2021 to refund').fill('3');
    const overRefund = 'Only 2 of Estate Cabernet Sauvignon 2021 can still be refunded (3 sold, 1 refunded already).';
    await expect(page.getByRole('alert')).toHaveText(overRefund);
    await expect(page.getByRole('button', { name: /^Refund/ }).last()).toBeDisabled();
    await shot(page, 'refund-over-refused');

    // The rest: everything not yet refunded returns exactly what is left of the sale.
    await page.getByRole('button', { name: 'Everything not yet refunded' }).click();
    await expect(page.getByTestId('refund-total')).toHaveText('$144.85');
    await page.getByRole('button', { name: /^Refund \$144\.85$/ }).click();
    await expect(page.getByRole('heading', { name: /^Refund T\d+-000003$/ })).toBeVisible();
    await page.getByRole('link', { name: 'Original sale' }).click();
    await expect(page.getByRole('link', { name: /^Refund T\d+-00000[23]/ })).toHaveCount(2);
    await page.getByRole('link', { name: 'Refund…' }).click();
    await expect(page.getByText('This sale has been refunded in full.')).toBeVisible();
    await shot(page, 'refund-full');

    // Back online, the server takes the sale and both refunds as they are.
    await server.start();
    await page.getByRole('link', { name: /Sync/ }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status')).toHaveText('Everything is up to date.', { timeout: 60_000 });
    const orders = await pullEverything(server.url, 'orders');
    const sale = orders.find((o) => o.receiptNumber === saleNumber)!;
    const refunds = orders.filter((o) => o.refundOf === sale.id);
    expect(refunds).toHaveLength(2);
    expect(refunds.map((r) => r.kind)).toEqual(['REFUND', 'REFUND']);
    expect(refunds.reduce((s, r) => s + (r.totalCents as number), 0)).toBe(-(sale.totalCents as number));
    expect(refunds.map((r) => r.staffId)).toEqual([sale.staffId, sale.staffId]);
  } finally {
    await server.dispose();
  }
});
