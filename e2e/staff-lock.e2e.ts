import { expect, test } from '@playwright/test';
import { enrolAndSignIn, shot, signInStaff } from './helpers';
import { ServerProcess } from './server-process';

// The shared tablet locks itself after the configured time without use; the next person unlocks
// with their own PIN, and what they sell records them, not whoever was signed in before.
test('inactivity lock and PIN unlock, offline; the sale records who unlocked', async ({ page }) => {
  await page.clock.install();
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await server.stop();

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('button', { name: /Sauvignon Blanc 2024/ }).click();
    // Activity keeps it open: two minutes, a touch, two more minutes.
    await page.clock.fastForward('02:00');
    await page.getByRole('button', { name: 'One more Sauvignon Blanc 2024' }).click();
    await page.clock.fastForward('02:00');
    await expect(page.getByLabel('Signed in staff member')).toContainText('Leo');
    // Three minutes (the default) without a touch locks it.
    await page.clock.fastForward('01:05');
    await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
    await expect(page.getByText('Locked after 3 minutes without use.')).toBeVisible();
    await shot(page, 'lock-inactivity');

    // A wrong PIN is refused; the right one, on the pad, unlocks.
    await page.getByRole('listitem').filter({ hasText: 'Ines' }).click();
    await page.getByLabel('PIN for Ines').fill('1111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText('That PIN is not right.');
    for (const d of '2222') await page.getByRole('group', { name: 'PIN pad' }).getByRole('button', { name: d, exact: true }).click();
    await expect(page.getByLabel('Signed in staff member')).toContainText('Ines');
    await expect(page.getByLabel('Quantity of Sauvignon Blanc 2024')).toHaveText('2');
    await page.getByRole('button', { name: /^Complete sale/ }).click();
    await expect(page.getByTestId('receipt-staff')).toHaveText('Ines');

    // A manager shortens the lock to one minute for this tablet.
    await page.getByRole('button', { name: 'Lock' }).click();
    await signInStaff(page, { name: 'Maya', pin: '9999' });
    await page.getByRole('link', { name: 'Tablet settings' }).click();
    await page.getByRole('radio', { name: '1 minute', exact: true }).check();
    await shot(page, 'lock-settings');
    await page.clock.fastForward('00:50');
    await expect(page.getByLabel('Signed in staff member')).toContainText('Maya');
    await page.clock.fastForward('00:15');
    await expect(page.getByText('Locked after 1 minute without use.')).toBeVisible();
    // Staff see the setting but cannot change it.
    await signInStaff(page, { name: 'Leo', pin: '1111' });
    await expect(page.getByRole('radio', { name: '1 minute', exact: true })).toBeChecked();
    await expect(page.getByRole('radio', { name: '5 minutes', exact: true })).toBeDisabled();

    // Five wrong PINs in a row pause PIN entry on the tablet; it comes back by itself.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Ines' }).click();
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('PIN for Ines').fill(`000${i}`);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('alert')).toHaveText('That PIN is not right.');
    }
    await page.getByLabel('PIN for Ines').fill('0004');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText('Too many wrong PINs. Try again in 30 seconds.');
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    // Even the right PIN on the pad waits.
    for (const d of '2222') await page.getByRole('group', { name: 'PIN pad' }).getByRole('button', { name: d, exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
    await page.clock.fastForward('00:31');
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
    await signInStaff(page, { name: 'Ines', pin: '2222' });
  } finally {
    await server.dispose();
  }
});
