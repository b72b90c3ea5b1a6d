/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { enrolAndSignIn, expectTopBarOneRow, shot } from './helpers';
import { ServerProcess } from './server-process';

// A whole counter sale with no network: grid, scanner, SKU entry, quantities, a line and a sale
// discount (and ones refused), the venue's tax, cash payment, a walk-in, then a guest's card sale;
// the receipt printed (browser print) and saved as a PDF.
test('checkout offline: grid, scanner, discounts, tax, payment, walk-in and guest, receipt print and PDF', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await server.stop();

    await page.getByRole('link', { name: 'Checkout' }).click();
    await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();

    // The grid, by category.
    await page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: 'White' }).click();
    await expect(page.getByRole('button', { name: /Estate Cabernet/ })).toHaveCount(0);
    await page.getByRole('button', { name: /Sauvignon Blanc 2024/ }).click();
    await page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: 'All' }).click();

    // A scanner types the barcode fast and presses Enter, with focus anywhere but a field.
    await page.getByRole('heading', { name: 'Checkout' }).click();
    await page.keyboard.type('0850001001014\n');
    await expect(page.getByLabel('Quantity of Estate Cabernet Sauvignon 2021')).toHaveText('1');
    // Typing into a field stays in the field.
    await page.getByLabel('Find a guest').pressSequentially('0850001001014');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Find a guest')).toHaveValue('0850001001014');
    await expect(page.getByLabel('Quantity of Estate Cabernet Sauvignon 2021')).toHaveText('1');
    await page.getByLabel('Find a guest').fill('');

    // SKU typed by hand, in any case.
    await page.getByLabel('SKU or barcode').fill('mer-0701');
    await page.getByLabel('SKU or barcode').press('Enter');
    await page.getByLabel('SKU or barcode').fill('NOPE-1');
    await page.getByLabel('SKU or barcode').press('Enter');
    await expect(page.getByTestId('checkout-message')).toHaveText('No product has the code “NOPE-1”.');
    await page.getByRole('button', { name: 'One more Estate Cabernet Sauvignon 2021' }).click();
    await expect(page.getByLabel('Quantity of Estate Cabernet Sauvignon 2021')).toHaveText('2');

    // A line discount: a refused one, then 10 %.
    await page.getByRole('button', { name: 'Discount on Logo Stemless Glass' }).click();
    const lineDiscount = page.getByLabel(/^Discount on Logo Stemless Glass \(up to/);
    await lineDiscount.fill('150%');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('A discount cannot be more than 100%.');
    await lineDiscount.fill('-2');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('A discount cannot be negative.');
    // More than the line ($12.00), and a decimal comma that would otherwise read as $350.
    await lineDiscount.fill('12.01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('The discount cannot be more than $12.00.');
    await lineDiscount.fill('3,50');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('Type an amount such as 3.50 (a point before the cents), or a percentage such as 10%.');
    await lineDiscount.fill('10%');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('line-total-2')).toHaveText('$10.80');

    // A sale discount larger than the sale is refused; $5 off is taken.
    await page.getByRole('button', { name: 'Discount the whole sale' }).click();
    await page.getByLabel('Discount on the whole sale').fill('9999');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('The order discount must be between zero and the order total.');
    await expect(page.getByRole('button', { name: /^Complete sale/ })).toBeDisabled();
    await page.getByRole('button', { name: /^Sale discount/ }).click();
    await page.getByLabel('Discount on the whole sale').fill('5.00');
    await page.getByRole('button', { name: 'Apply' }).click();

    // 2 × 68.00 + 29.00 + 12.00 = 177.00, less 1.20 (10 % of the glass) and 5.00 = 170.80;
    // tax 8.75 % of 170.80 = 14.945 → 14.95 (half away from zero).
    await expect(page.getByTestId('cart-subtotal')).toHaveText('$177.00');
    await expect(page.getByTestId('cart-discount')).toHaveText('− $6.20');
    await expect(page.getByTestId('cart-tax')).toHaveText('$14.95');
    await expect(page.getByTestId('cart-total')).toHaveText('$185.75');
    await expect(page.getByTestId('sale-guest')).toHaveText('Walk-in');
    await page.getByRole('radio', { name: 'Cash' }).click();
    // The change helper: notes a guest is likely to hand over, the change, and a short amount.
    const change = page.getByTestId('cash-change');
    await page.getByRole('button', { name: '$200.00' }).click();
    await expect(page.getByLabel('Cash given')).toHaveValue('200.00');
    await expect(change).toHaveText('Change due: $14.25');
    await page.getByLabel('Cash given').fill('180');
    await expect(change).toHaveText('$5.75 short of the total');
    await page.getByLabel('Cash given').fill('190,00');
    await expect(change).toHaveText('Type the cash given, such as 50 or 50.00.');
    await page.getByRole('button', { name: '$190.00' }).click();
    await expect(change).toHaveText('Change due: $4.25');
    await shot(page, 'checkout-cart');

    await page.getByRole('button', { name: /^Complete sale/ }).dblclick();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    const saleNumber = (await page.getByTestId('receipt-number').textContent())!;
    await expect(page.getByTestId('receipt-total')).toHaveText('$185.75');
    await expect(page.getByTestId('receipt-tax')).toHaveText('$14.95 (8.75%)');
    await expect(page.getByTestId('receipt-payment')).toHaveText('Paid by cash');
    await expect(page.getByTestId('receipt-guest')).toHaveText('Walk-in');
    await expect(page.getByTestId('receipt-staff')).toHaveText('Leo');
    await shot(page, 'checkout-receipt');

    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`Receipt ${saleNumber}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`(Receipt ${saleNumber})`);
    expect(pdf.toString('latin1')).toContain('($185.75)');
    await expect(page.getByRole('status').filter({ hasText: 'Saved as PDF' })).toBeVisible();

    // The double tap stored one sale: the next sale is number 2. This one is a guest's, by card.
    await page.getByRole('link', { name: 'Check-in' }).click();
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByRole('button', { name: 'Add guest' }).click();
    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByLabel('Find a guest').fill('Lov');
    await page.getByRole('list', { name: 'Matching guests' }).getByRole('button', { name: /Ada Lovelace/ }).click();
    await expect(page.getByTestId('sale-guest')).toHaveText('Ada Lovelace');
    await page.getByRole('button', { name: /Classic Tasting Flight/ }).click();
    await page.getByRole('radio', { name: 'Card' }).click();
    await page.getByRole('button', { name: /^Complete sale/ }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(saleNumber.replace(/1$/, '2'));
    await expect(page.getByTestId('receipt-guest')).toHaveText('Ada Lovelace');
    await expect(page.getByTestId('receipt-total')).toHaveText('$27.19');
    await expect(page.getByTestId('receipt-payment')).toHaveText('Paid by card');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('button', { name: /Reserve Red Blend/ }).click();
    await expectTopBarOneRow(page, 'checkout, 1024×768');
    await shot(page, 'checkout-1024');
  } finally {
    await server.dispose();
  }
});
