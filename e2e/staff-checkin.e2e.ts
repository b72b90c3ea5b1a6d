import { expect, test } from '@playwright/test';
import { enrolAndSignIn, pullEverything, shot } from './helpers';
import { ServerProcess } from './server-process';
import { expectTouchTargets } from './setup-helpers';

// Check-in with the server gone: find guests by name, email or phone (typos and accents
// forgiven), add walk-ins with their consent, and be warned before adding someone twice.
test('check-in works offline: search, walk-in with consent, duplicate warning', async ({ page }) => {
  const server = await ServerProcess.start();
  try {
    await enrolAndSignIn(page, server.url);
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await server.stop();

    const addWalkIn = async (g: { first: string; last: string; email?: string; phone?: string; emails?: boolean; texts?: boolean }) => {
      await page.getByLabel('First name').fill(g.first);
      await page.getByLabel('Last name').fill(g.last);
      if (g.email) await page.getByLabel('Email', { exact: true }).fill(g.email);
      if (g.phone) await page.getByLabel('Phone', { exact: true }).fill(g.phone);
      if (g.emails) await page.getByLabel('Happy to receive emails').check();
      if (g.texts) await page.getByLabel('Happy to receive text messages').check();
      await page.getByRole('button', { name: 'Add guest' }).click();
      await expect(page.getByRole('heading', { name: `${g.first} ${g.last}` })).toBeVisible();
      const id = page.url().split('/guests/')[1]!;
      await page.getByRole('link', { name: 'Check-in', exact: true }).click();
      return id;
    };

    const ada = await addWalkIn({ first: 'Ada', last: 'Lovelace', email: 'Ada@Example.com', phone: '+1 (707) 555-0134', emails: true });
    const jose = await addWalkIn({ first: 'José', last: 'García', phone: '707-555-0199', texts: true });
    await addWalkIn({ first: 'Adam', last: 'Smith' });

    const search = page.getByLabel('Search guests');
    const results = page.getByRole('list', { name: 'Guests' });
    const expectOnly = async (query: string, names: string[]) => {
      await search.fill(query);
      await expect(page.getByTestId('guest-results')).toHaveAttribute('data-query', query.trim());
      await expect(results.getByRole('button')).toHaveCount(names.length);
      for (const n of names) await expect(results).toContainText(n);
    };
    await expectOnly('ada', ['Ada Lovelace', 'Adam Smith']);
    await expectOnly('lovelase', ['Ada Lovelace']); // a typo
    await expectOnly('garcia', ['José García']); // accents ignored
    await expectOnly('JOSE', ['José García']);
    await expectOnly('ada@exa', ['Ada Lovelace']);
    await expectOnly('555 0199', ['José García']);
    await expectOnly('0134', ['Ada Lovelace']);
    await expectOnly('zebedee', []);
    await expect(page.getByText('No guest matches “zebedee”')).toBeVisible();
    await search.fill('ada');
    await expect(results.getByRole('button')).toHaveCount(2);
    await shot(page, 'staff-checkin-01-search');

    // The same email again: a warning with the guest to open instead.
    await page.getByLabel('First name').fill('Augusta');
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning).toContainText('Ada Lovelace');
    await expect(page.getByRole('button', { name: 'Add guest' })).toBeDisabled();
    await shot(page, 'staff-checkin-02-duplicate');
    await expectTouchTargets(page, 'check-in with a duplicate warning');
    await page.setViewportSize({ width: 1024, height: 768 });
    await expectTouchTargets(page, 'check-in at 1024×768');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'staff-checkin-03-duplicate-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await warning.getByRole('button', { name: 'Open Ada' }).click();
    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    expect(page.url()).toContain(ada);

    // The same phone typed differently is the same phone; staff may still add someone else.
    await page.getByRole('link', { name: 'Check-in', exact: true }).click();
    await page.getByLabel('First name').fill('Pepe');
    await page.getByLabel('Phone', { exact: true }).fill('(707) 555 0199');
    await expect(page.getByTestId('duplicate-warning')).toContainText('José García');
    await page.getByLabel('It is someone else: add a new guest anyway').check();
    await page.getByRole('button', { name: 'Add guest' }).click();
    await expect(page.getByRole('heading', { name: 'Pepe' })).toBeVisible();

    // The consent answers reached the server with who took them, when and where.
    await server.start();
    await page.getByRole('link', { name: /Sync/ }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status')).toHaveText('Everything is up to date.', { timeout: 60_000 });
    const customers = await pullEverything(server.url, 'customers');
    const prefs = await pullEverything(server.url, 'communication_preferences');
    const adaDoc = customers.find((c) => c.id === ada)!;
    expect(adaDoc).toMatchObject({ email: 'ada@example.com', emailOptIn: true, smsOptIn: false });
    expect(typeof adaDoc.createdByStaff).toBe('string');
    expect(prefs.find((p) => p.customerId === ada)).toMatchObject({ emailOptIn: true, smsOptIn: false, consentSource: 'CHECK_IN', capturedBy: adaDoc.createdByStaff });
    expect(prefs.find((p) => p.customerId === jose)).toMatchObject({ emailOptIn: false, smsOptIn: true, consentSource: 'CHECK_IN' });
    expect(customers.filter((c) => c.firstName === 'Pepe')).toHaveLength(1);
  } finally {
    await server.dispose();
  }
});
