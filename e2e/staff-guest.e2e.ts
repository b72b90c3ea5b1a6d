import { expect, test } from '@playwright/test';
import { enrolAndSignIn, shot } from './helpers';
import { ServerProcess } from './server-process';
import { expectTouchTargets } from './setup-helpers';

// The guest page and event mode with the server gone: tags with one tap (one wine club tier at a
// time), removal kept as history, notes, profile edit, consent, orders with the refund link, and
// an event picked for the day that tags attendees at check-in.
test('guest page, tagging and event mode work offline', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await server.stop();

    // Event mode: today's event, which tags its attendees.
    await page.getByRole('radio', { name: /Saturday Reserve Tasting/ }).click();
    await expect(page.getByTestId('current-event')).toHaveText('Event mode: Saturday Reserve Tasting');

    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Last name').fill('Hopper');
    await page.getByLabel('Email', { exact: true }).fill('grace@example.com');
    await page.getByRole('button', { name: 'Add guest' }).click();
    await expect(page.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
    const chips = page.getByTestId('active-tags');
    await expect(chips).toContainText('Event guest · Saturday Reserve Tasting');

    // One tap adds; a second wine club tier replaces the first; a tap on a chip's × removes.
    await page.getByRole('button', { name: 'VIP', exact: true }).click();
    await page.getByRole('button', { name: 'Wine Club · Silver' }).click();
    await expect(chips).toContainText('Wine Club · Silver');
    await page.getByRole('button', { name: 'Wine Club · Gold' }).click();
    await expect(chips).toContainText('Wine Club · Gold');
    await expect(chips).not.toContainText('Wine Club · Silver');
    await expect(page.getByRole('status')).toContainText('replaced Wine Club · Silver');
    await chips.getByRole('button', { name: 'Remove tag VIP' }).click();
    await expect(chips).not.toContainText('VIP');
    const history = page.getByRole('table', { name: 'Past tags' });
    await expect(history).toContainText('VIP');
    await expect(history).toContainText('Wine Club · Silver');
    await expect(history).toContainText('by Leo');

    // Notes are added, never edited; each shows its author.
    await page.getByLabel('New note').fill('Prefers the older Cabernet vintages.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Notes' })).toContainText('Leo');

    // Profile edit and consent.
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByLabel('Phone').fill('+1 707 555 0100');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByText('+1 707 555 0100')).toBeVisible();
    // The box follows the stored preferences, so it turns on once the change is written.
    await page.getByTestId('consent').getByLabel('Emails').click();
    await expect(page.getByTestId('consent').getByLabel('Emails')).toBeChecked();
    await expect(page.getByTestId('consent')).toContainText('on the guest page');
    await expect(page.getByTestId('insights-missing')).toContainText('Not computed yet');
    await shot(page, 'staff-guest-01-page');
    await expectTouchTargets(page, 'guest page');

    // A sale to the guest shows in their orders with the link to refund it.
    await page.getByRole('button', { name: 'Sell to Grace' }).click();
    await page.getByRole('button', { name: /Sauvignon Blanc/ }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toBeVisible();
    await page.getByRole('link', { name: 'Check-in', exact: true }).click();
    await page.getByLabel('Search guests').fill('hopper');
    await page.getByRole('list', { name: 'Guests' }).getByRole('button', { name: /Grace Hopper/ }).click();
    const orders = page.getByRole('table', { name: 'Orders' });
    await expect(orders).toContainText('$31.54');
    const refund = orders.getByRole('link', { name: /^Refund/ });
    await expect(refund).toHaveAttribute('href', /#\/refunds\/new\?orderId=[0-9a-f-]{36}$/);
    // Checked in again at the same event: still one event tag.
    await expect(chips.getByText('Event guest · Saturday Reserve Tasting')).toHaveCount(1);
    await page.setViewportSize({ width: 1024, height: 768 });
    await expectTouchTargets(page, 'guest page at 1024×768');
    await shot(page, 'staff-guest-02-page-1024');

    // The pick survives a reload (the server serves the page, so it comes back for it); "No event" ends event mode.
    await server.start();
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: 'Leo' }).click();
    await page.getByLabel('PIN for Leo').fill('1111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('link', { name: 'Check-in', exact: true }).click();
    await expect(page.getByTestId('current-event')).toHaveText('Event mode: Saturday Reserve Tasting');
    await shot(page, 'staff-events-01-event-mode');
    await page.getByRole('radio', { name: 'No event' }).click();
    await expect(page.getByTestId('current-event')).toContainText('No event');
  } finally {
    await server.dispose();
  }
});
